"""The office's users, as the `inspector-office user …` and `assign` commands manage them: an
account (office-only: Argon2 hash, district, admin) and the synced `users` row laptops see, written
in one transaction; revoking an account stops its device tokens at once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update

from inspector.domain import Project, User, utcnow
from inspector.domain.ids import fact_id
from inspector.office.core import Office, OfficeError
from inspector.office.models import Account, Token
from inspector.office.security import hash_password, password_problem
from inspector.sync.scope import republish

_LOGIN = re.compile(r"^[^\s:/\\]{1,60}$")


def user_id_of(login: str) -> str:
    """The synced `users` row's id for a login (the same on every laptop)."""
    return fact_id(User.__tablename__, [login])


@dataclass(frozen=True)
class AccountRow:
    login: str
    name: str
    district: str
    admin: bool
    revoked: bool
    devices: int


def add_user(office: Office, login: str, password: str, *, district: str, name: str = "", badge_no: str = "",
             admin: bool = False) -> None:
    login, name, district = login.strip(), (name or login).strip(), district.strip()
    if not _LOGIN.match(login):
        raise OfficeError(400, "bad_login", "用户名应为 1 到 60 个字符，不含空格和 : / \\")
    if not district and not admin:
        raise OfficeError(400, "no_district", "监督员必须指定所属县区（--district），管理员可以不指定")
    problem = password_problem(password)
    if problem:
        raise OfficeError(400, "weak_password", problem)
    digest = hash_password(password)
    with office.workspace.unit() as uow:
        s = uow.session
        if s.get(Account, login) is not None:
            raise OfficeError(409, "user_exists", f"用户 {login} 已存在")
        uid = user_id_of(login)
        user = s.get(User, uid)
        if user is None:
            s.add(User(login=login, name=name, district=district, badge_no=badge_no))
        else:  # a laptop pushed this inspector before the office added the account
            user.name, user.district, user.badge_no = name, district, badge_no or user.badge_no
        # Core insert: the account is office bookkeeping, never a synced or audited record (its
        # hash must not reach the audit log), yet it commits with the users row or not at all.
        s.execute(insert(Account).values(login=login, user_id=uid, name=name, district=district, badge_no=badge_no,
                                         admin=admin, password_hash=digest, created_at=utcnow()))


def revoke_user(office: Office, login: str) -> int:
    """Disable the account and every token it holds. Returns how many tokens stopped."""
    now = utcnow()
    with office.session() as s:
        account = s.get(Account, login)
        if account is None:
            raise OfficeError(404, "no_user", f"没有用户 {login}")
        account.revoked_at = account.revoked_at or now
        return s.execute(update(Token).where(Token.login == login, Token.revoked_at.is_(None))
                         .values(revoked_at=now)).rowcount


def list_users(office: Office) -> list[AccountRow]:
    with office.reading() as s:
        devices = dict(s.execute(select(Token.login, func.count(func.distinct(Token.device_id)))
                                 .group_by(Token.login)).all())
        return [AccountRow(a.login, a.name, a.district, a.admin, a.revoked_at is not None, devices.get(a.login, 0))
                for a in s.scalars(select(Account).order_by(Account.login))]


def assign(office: Office, project_code: str, login: str) -> str:
    """Assign a project to an inspector (an office edit every laptop pulls). Returns its name."""
    with office.session() as s:
        account = s.get(Account, login)
    if account is None:
        raise OfficeError(404, "no_user", f"没有用户 {login}：请先用 inspector-office user add 添加")
    with office.workspace.unit() as uow:
        project = uow.session.scalars(select(Project).where(Project.code == project_code,
                                                            Project.deleted.is_(False))).first()
        if project is None:
            raise OfficeError(404, "no_project", f"监督站没有编号为 {project_code} 的项目：请先让录入该项目的设备同步")
        if project.inspector_id != account.user_id:
            project.inspector_id = account.user_id
            republish(uow.session, [project.id])  # the inspector's devices receive the whole project
        return project.name or project.community_name or project_code

