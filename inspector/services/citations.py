"""Legal bases in full: the short keys of the forms (质量条例57) as records and the screen print them
(《建设工程质量管理条例》第五十七条), from the one citation table in `forms/citations.toml`."""

from __future__ import annotations


def full_basis(basis: str) -> str:
    from inspector.checklists.citations import expand_basis

    return expand_basis(basis)


def full_sources(bases: list[str]) -> list[str]:
    """The laws, regulations, standards and plans `bases` (short keys with articles) rest on, each
    once by its full title (《建设工程质量管理条例》, 《建设工程施工现场消防安全技术规范》GB 50720-2011),
    in the order they first appear: an inspection record's 检查依据. A part no key matches is
    printed as written."""
    from inspector.checklists.citations import default_table, split_basis

    table = default_table()
    out: list[str] = []
    for basis in bases:
        for part in split_basis(basis or ""):
            c = table.match(part)
            title = c.source.full if c.source is not None else c.raw
            if title not in out:
                out.append(title)
    return out
