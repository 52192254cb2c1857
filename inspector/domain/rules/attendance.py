"""Key-person attendance (到岗) from the inspections' recorded attendance, as a pure rule.

Each inspection records `attendance` = {person id: present?} for the key people it checked. A
person's rate is the inspections that found them present over the inspections that recorded them
at all; an inspection that did not record the person does not count against them. Used by FB-14
(the project manager's rate, computed instead of typed) and RF-21."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The reference's default share of inspections a project manager must be present at (§4 RF-21).
DEFAULT_MIN_RATE = 80.0


@dataclass(frozen=True)
class Attendance:
    present: int = 0
    recorded: int = 0

    @property
    def rate(self) -> float | None:
        """Percent present, or None when no inspection recorded the person."""
        return round(100.0 * self.present / self.recorded, 1) if self.recorded else None

    def describe(self) -> str:
        return f"{self.recorded}次检查中到岗{self.present}次"


def tally(records: Iterable[Mapping[str, object]], person_ids: Iterable[str]) -> Attendance:
    """Attendance of whoever holds one post (any of `person_ids`, e.g. a project manager and the one
    who replaced them): an inspection counts as present when any of them was present."""
    ids = set(person_ids)
    present = recorded = 0
    for marks in records:
        seen = [bool(v) for k, v in (marks or {}).items() if k in ids]
        if not seen:
            continue
        recorded += 1
        present += any(seen)
    return Attendance(present, recorded)
