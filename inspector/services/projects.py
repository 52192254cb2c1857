"""The project register: search, read, create and edit projects, their parties and key personnel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from inspector.domain import Party, Person, Project
from inspector.domain.rules.fields import (
    FIELDS_BY_NAME,
    PARTY_FIELDS,
    PERSON_FIELDS,
    PROJECT_FIELDS,
    empty_values,
    parse_values,
    validate_party,
    validate_person,
    validate_project,
)
from inspector.services.changes import Changes
from inspector.services.errors import NotFound, ValidationError
from inspector.services.lookup import live
from inspector.store import Reader, Unit, use_case


@dataclass(frozen=True)
class ProjectRow:
    id: str
    code: str
    name: str
    community_name: str
    district: str
    street: str
    address: str
    status: str
    plan_year: int | None
    households: int | None
    contractor: str
    # Lower-cased text of everything a user may search by (name, code, address, parties, persons).
    haystack: str = field(repr=False, default="")


@dataclass(frozen=True)
class ProjectDetail:
    id: str
    values: dict[str, Any]
    renovation_items: list[str]
    parties: list[dict[str, Any]]
    persons: list[dict[str, Any]]


def _values(obj: Any, fields) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {f.name: getattr(obj, f.name) for f in fields}


def list_projects(store: Reader) -> list[ProjectRow]:
    """Every live project with the text it can be found by; the register filters these in memory."""
    with store.read() as s:
        parties: dict[str, list[str]] = defaultdict(list)
        contractor: dict[str, str] = {}
        for pid, role, name in s.execute(
            select(Party.project_id, Party.role, Party.name).where(Party.deleted.is_(False))
        ):
            parties[pid].append(name)
            if role == "施工单位":
                contractor.setdefault(pid, name)
        for pid, name in s.execute(select(Person.project_id, Person.name).where(Person.deleted.is_(False))):
            parties[pid].append(name)
        rows = []
        for p in s.execute(
            select(Project.id, Project.code, Project.name, Project.community_name, Project.district,
                   Project.street, Project.community, Project.address, Project.status,
                   Project.plan_year, Project.households)
            .where(Project.deleted.is_(False)).order_by(Project.code)
        ):
            hay = " ".join([p.code, p.name, p.community_name, p.district, p.street, p.community,
                            p.address, *parties.get(p.id, ())]).lower()
            rows.append(ProjectRow(p.id, p.code, p.name, p.community_name, p.district, p.street,
                                   p.address, p.status, p.plan_year, p.households,
                                   contractor.get(p.id, ""), hay))
    return rows


def matches(row: ProjectRow, *, text: str = "", district: str | None = None, status: str | None = None,
            year: int | None = None) -> bool:
    """The register's filter: every whitespace-separated word must occur somewhere."""
    if district and row.district != district:
        return False
    if status and row.status != status:
        return False
    if year and row.plan_year != year:
        return False
    return all(word in row.haystack for word in text.lower().split())


def search_projects(store: Reader, *, text: str = "", district: str | None = None,
                    status: str | None = None, year: int | None = None,
                    limit: int | None = None) -> list[ProjectRow]:
    """Search in the store (for the CLI, the office and scripts); same semantics as `matches`:
    every word must occur in the project's text or the names of its parties and people.

    Looked up in the store's search index (`store/search_index.py`); projects whose code or name
    holds every word come first, then by code."""
    from inspector.services.project_search import ProjectQuery, find_projects

    q = ProjectQuery(text=text, district=district, status=status, year=year, ranked=True)
    with store.read() as s:
        return find_projects(s, q, limit=limit, count=False).rows


def get_project(store: Reader, project_id: str) -> ProjectDetail:
    with store.read() as s:
        p = live(s, Project, project_id, "项目")
        parties = [{"id": x.id, **_values(x, PARTY_FIELDS)}
                   for x in s.scalars(select(Party).where(Party.project_id == p.id, Party.deleted.is_(False))
                                      .order_by(Party.role, Party.name))]
        persons = [{"id": x.id, "party_id": x.party_id, **_values(x, PERSON_FIELDS)}
                   for x in s.scalars(select(Person).where(Person.project_id == p.id, Person.deleted.is_(False))
                                      .order_by(Person.role, Person.name))]
        return ProjectDetail(p.id, _values(p, PROJECT_FIELDS), list(p.renovation_items or []), parties, persons)


def parse_fields(kind: str, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse raw inputs by the field declarations of `kind` (project, party, person)."""
    return parse_values(FIELDS_BY_NAME[kind], raw)


def _check_code_unique(s, code: str, project_id: str | None) -> None:  # type: ignore[no-untyped-def]
    q = select(Project.id).where(Project.code == code)
    other = s.scalar(q)
    if other and other != project_id:
        raise ValidationError({"code": f"项目编号“{code}”已被其他项目使用"})


@use_case
def create_project(uow: Unit, *, fields: dict[str, Any]) -> tuple[str, Changes]:
    values, problems = parse_fields("project", fields)
    merged = empty_values(PROJECT_FIELDS) | values
    if not merged.get("status"):
        merged["status"] = "储备"
    problems.update(validate_project(merged) | problems)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    _check_code_unique(s, merged["code"], None)
    p = Project(**{k: v for k, v in merged.items() if v is not None}, renovation_items=[])
    s.add(p)
    return p.id, Changes.of("projects", ids=[p.id])


@use_case
def update_project(uow: Unit, *, project_id: str, fields: dict[str, Any]) -> Changes:
    """Apply edits to some fields; the whole project is re-validated. Nothing is saved on error."""
    values, problems = parse_fields("project", fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    p = live(s, Project, project_id, "项目")
    merged = _values(p, PROJECT_FIELDS) | values
    problems = validate_project(merged)
    if problems:
        raise ValidationError(problems)
    if "code" in values:
        _check_code_unique(s, values["code"], project_id)
    for k, v in values.items():
        setattr(p, k, v)
    return Changes.of("projects", ids=[project_id])


@use_case
def set_renovation_items(uow: Unit, *, project_id: str, item_ids: list[str]) -> Changes:
    s = uow.session
    p = s.get(Project, project_id)
    if p is None:
        raise NotFound("项目不存在")
    p.renovation_items = sorted(set(item_ids))
    return Changes.of("projects", ids=[project_id])


@use_case
def save_party(uow: Unit, *, project_id: str, fields: dict[str, Any], party_id: str | None = None) -> tuple[str, Changes]:
    values, problems = parse_fields("party", fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    party = s.get(Party, party_id) if party_id else Party(project_id=project_id)
    if party is None:
        raise NotFound("参建单位不存在")
    merged = {f.name: getattr(party, f.name, None) for f in PARTY_FIELDS} | values
    if merged.get("credit_code"):
        merged["credit_code"] = merged["credit_code"].upper()
        values["credit_code"] = merged["credit_code"]
    problems = validate_party(merged)
    if problems:
        raise ValidationError(problems)
    for k, v in values.items():
        setattr(party, k, v)
    if party_id is None:
        for f in PARTY_FIELDS:
            if getattr(party, f.name) is None and f.kind in ("text", "choice"):
                setattr(party, f.name, "")
        s.add(party)
    return party.id, Changes.of("parties", "projects", ids=[party.id, project_id])


@use_case
def save_person(uow: Unit, *, project_id: str, party_id: str, fields: dict[str, Any],
                person_id: str | None = None) -> tuple[str, Changes]:
    values, problems = parse_fields("person", fields)
    if problems:
        raise ValidationError(problems)
    s = uow.session
    person = s.get(Person, person_id) if person_id else Person(project_id=project_id, party_id=party_id)
    if person is None:
        raise NotFound("人员不存在")
    merged = {f.name: getattr(person, f.name, None) for f in PERSON_FIELDS} | values
    problems = validate_person(merged)
    if problems:
        raise ValidationError(problems)
    for k, v in values.items():
        setattr(person, k, v)
    person.party_id = party_id
    if person_id is None:
        for f in PERSON_FIELDS:
            if getattr(person, f.name) is None and f.kind == "bool":
                setattr(person, f.name, False)
        s.add(person)
    return person.id, Changes.of("persons", "projects", ids=[person.id, project_id])


@use_case
def delete_record(uow: Unit, *, kind: str, record_id: str) -> Changes:
    """Tombstone a party or person (synced data is never hard-deleted)."""
    model = {"party": Party, "person": Person, "project": Project}[kind]
    s = uow.session
    obj = s.get(model, record_id)
    if obj is None:
        raise NotFound("记录不存在")
    obj.deleted = True
    if kind == "party":
        for person in s.scalars(select(Person).where(Person.party_id == record_id)):
            person.deleted = True
    return Changes.of(model.__tablename__, "projects", ids=[record_id])

