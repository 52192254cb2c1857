"""What the office pages change, each one use case in one transaction. Bad input raises
`PageError` with a Chinese message and changes nothing."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from inspector.domain import ChecklistVersion, Project, utcnow
from inspector.domain.clock import china_today
from inspector.office import accounts
from inspector.office.auth import User
from inspector.office.core import Office, OfficeError
from inspector.office.models import Account, DistrictTarget, SupervisionAction, Token
from inspector.office.web import crossflags
from inspector.office.web.errors import PageError

MAX_CHECKLIST = 512 * 1024


def _page_error(exc: OfficeError) -> PageError:
    return PageError(exc.status, exc.message)


def _err(status: int, message: str) -> PageError:
    return PageError(status, message)


def decide_flag(office: Office, user: User, key: str, decision: str, reason: str) -> int:
    with office.store.read() as s:
        flag = crossflags.find(s, key, today=china_today())
    if flag is None:
        raise _err(404, "该预警已不存在（相关记录可能已更正）：请刷新预警页")
    from inspector.store import Actor

    with office.as_actor(Actor(user.name or user.login)).unit() as uow:
        return crossflags.decide(uow, flag, decision=decision, reason=reason)


def assign(office: Office, project_id: str, login: str) -> str:
    with office.store.read() as s:
        code = s.scalar(select(Project.code).where(Project.id == project_id, Project.deleted.is_(False)))
        account_login = s.scalar(select(Account.login).where(Account.user_id == login)) or login
    if code is None:
        raise _err(404, "没有这个项目")
    try:
        return accounts.assign(office, code, account_login)
    except OfficeError as exc:
        raise _page_error(exc) from exc


def revoke_user(office: Office, login: str) -> int:
    try:
        return accounts.revoke_user(office, login)
    except OfficeError as exc:
        raise _page_error(exc) from exc


def revoke_device(office: Office, device_id: str) -> int:
    """Stop every sign-in of the device; it must sign in again (with a password) to sync."""
    with office.session() as s:
        return s.execute(update(Token).where(Token.device_id == device_id, Token.revoked_at.is_(None))
                         .values(revoked_at=utcnow())).rowcount


def set_target(office: Office, user: User, district: str, year: str, communities: str, households: str) -> None:
    try:
        y, c, h = int(year), int(communities), int(households)
    except ValueError:
        raise _err(400, "年度、小区个数和户数都必须是整数") from None
    if not district.strip():
        raise _err(400, "请选择县区")
    if not (2000 <= y <= 2100) or c < 0 or h < 0:
        raise _err(400, "年度应在 2000—2100 之间，小区个数和户数不能为负数")
    with office.session() as s:
        t = s.get(DistrictTarget, (district.strip(), y))
        if t is None:
            t = DistrictTarget(district=district.strip(), year=y)
            s.add(t)
        t.communities, t.households, t.updated_at, t.updated_by = c, h, utcnow(), user.login


def record_action(office: Office, user: User, form: dict[str, str]) -> None:
    kind, target_kind = form.get("kind", ""), form.get("target_kind", "")
    target, reason = form.get("target", "").strip(), form.get("reason", "").strip()
    if kind not in ("约谈", "通报") or target_kind not in ("县区", "参建单位"):
        raise _err(400, "请选择约谈或通报，以及对象是县区还是参建单位")
    if not target or not reason:
        raise _err(400, "请填写对象和事由")
    try:
        held = dt.date.fromisoformat(form.get("held_on", ""))
    except ValueError:
        raise _err(400, "日期格式应为 年-月-日，例如 2026-12-02") from None
    with office.session() as s:
        s.add(SupervisionAction(kind=kind, target_kind=target_kind, target=target[:200], held_on=held,
                                reason=reason[:4000], follow_up=form.get("follow_up", "").strip()[:4000],
                                source=form.get("source", "")[:200], recorded_at=utcnow(), recorded_by=user.login))


def supervision_actions(office: Office) -> list[SupervisionAction]:
    with office.session() as s:
        return list(s.scalars(select(SupervisionAction).order_by(SupervisionAction.held_on.desc(),
                                                                 SupervisionAction.id.desc()).limit(200)))


# ---- checklists ----------------------------------------------------------------------------------

@dataclass
class Upload:
    name: str
    sha256: str
    problems: list[str]
    checklist: Any
    diff: list[str]
    in_force: str


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _staged(office: Office) -> Path:
    d = office.settings.data_dir / "checklist-uploads"
    d.mkdir(mode=0o700, exist_ok=True)
    return d


def check_upload(office: Office, filename: str, data: bytes) -> Upload:
    """Check an uploaded checklist with the same checker as `inspector forms check`; keep it (by its
    hash) for the publish step, and show it against the version in force."""
    from inspector.office.forms import check

    name = _SAFE.sub("_", Path(filename or "checklist.toml").name)[:80] or "checklist.toml"
    if not name.endswith(".toml"):
        name += ".toml"
    if len(data) > MAX_CHECKLIST:
        return Upload(name, "", [f"{name}:-: 文件超过 {MAX_CHECKLIST >> 10} KB，不像是检查表"], None, [], "")
    sha = hashlib.sha256(data).hexdigest()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        problems, checklist = check(path)
    lines = [f"{name}:{p.item}: {p.message}" for p in problems]
    if problems:
        return Upload(name, sha, lines, None, [], "")
    (_staged(office) / f"{sha}.toml").write_bytes(data)
    diff, in_force = _diff(office, checklist)
    return Upload(name, sha, [], checklist, diff, in_force)


_ON_FAIL = {"rectify": "限期整改", "stop-work": "停工整改", "refer": "移送处理", "rectify+refer": "整改并移送"}


def _lines(content: dict[str, Any]) -> list[str]:
    out = [f"标题：{content.get('title', {}).get('zh', '')}", f"依据：{content.get('basis', '')}"]
    for item in content.get("items", []):
        text = item.get("text", {}).get("zh", "")
        action = _ON_FAIL.get(item.get("on_fail", ""), item.get("on_fail", ""))
        out.append(f"{item.get('id')}｜{text}｜{item.get('severity', '')}｜{action}｜"
                   f"{item.get('basis', '')}")
    return out


def _diff(office: Office, checklist: Any) -> tuple[list[str], str]:
    """The upload against the version in force: the newest published one, else the newest the
    laptops have used (they ship with the checklists and send the versions they answered)."""
    live = (ChecklistVersion.checklist_id == checklist.id, ChecklistVersion.deleted.is_(False))
    newest = (ChecklistVersion.version.desc(), ChecklistVersion.updated_at.desc())
    with office.store.read() as s:
        cur = s.scalars(select(ChecklistVersion).where(*live, ChecklistVersion.published_at.is_not(None))
                        .order_by(*newest)).first()
        label = "已发布的第 {} 版"
        if cur is None:
            cur = s.scalars(select(ChecklistVersion).where(*live).order_by(*newest)).first()
            label = "设备上使用中的第 {} 版（未经监督站发布）"
    new = _lines(checklist.to_json())
    if cur is None:
        return [f"+{x}" for x in new], ""
    old = _lines(cur.content)
    diff = [x for x in difflib.unified_diff(old, new, lineterm="", n=1) if not x.startswith(("---", "+++"))]
    return diff, label.format(cur.version)


def publish_staged(office: Office, sha: str) -> tuple[bool, str]:
    from inspector.office.forms import check, publish

    if not re.fullmatch(r"[0-9a-f]{64}", sha):
        raise _err(400, "请先上传检查表文件")
    path = _staged(office) / f"{sha}.toml"
    if not path.is_file():
        raise _err(400, "上传的检查表已过期：请重新上传")
    problems, checklist = check(path)
    if problems:
        raise _err(400, "检查表未通过检查，未发布：\n" + "\n".join(str(p) for p in problems))
    done = publish(office, checklist)
    path.unlink(missing_ok=True)
    return done, f"{checklist.id} 第 {checklist.version} 版"


def devices(office: Office) -> list[dict[str, Any]]:
    from sqlalchemy import func

    from inspector.office.models import Device

    with office.session() as s:
        active = dict(s.execute(select(Token.device_id, func.count()).where(Token.revoked_at.is_(None))
                                .group_by(Token.device_id)).all())
        return [{"id": d.device_id, "code": d.code, "name": d.name, "login": d.login, "last_seen": d.last_seen,
                 "tokens": active.get(d.device_id, 0), "problem": d.chain_problem}
                for d in s.scalars(select(Device).order_by(Device.code))]


def targets(office: Office, year: int) -> list[DistrictTarget]:
    with office.session() as s:
        return list(s.scalars(select(DistrictTarget).where(DistrictTarget.year == year)
                              .order_by(DistrictTarget.district)))
