"""Legal bases in full: the short keys of the forms (质量条例57) as records and the screen print them
(《建设工程质量管理条例》第五十七条), from the one citation table in `forms/citations.toml`."""

from __future__ import annotations


def full_basis(basis: str) -> str:
    from inspector.checklists.citations import expand_basis

    return expand_basis(basis)
