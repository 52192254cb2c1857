"""The inspector's signing key: a passphrase-protected PKCS#12 under `<data_dir>/keys/`, either made
here (self-signed certificate named after the inspector) or issued by the office and imported.

The certificate (public) is also kept as PEM beside it, so who signs can be shown without asking
for the passphrase, and it goes into the trust store (`store/trust.py`, source "own") so that records
signed with it — also after the key is replaced — verify as trusted on this laptop.

The key file is what a thief of the laptop would attack offline, so: a passphrase of at least
MIN_PASSPHRASE characters (with a strength hint rather than rules about character classes), the
file written with PBKDF2 × 600 000 for both encryption and MAC (`reports/pkcs12.py`), an older
key file rewritten that way the next time its passphrase opens it, and the demo passphrase (public,
in this source file) refused for the user's own key.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

from inspector.paths import write_private
from inspector.reports.signing import (
    CertInfo,
    SigningError,
    SigningKey,
    cert_info,
    make_self_signed,
    open_pkcs12,
)
from inspector.services.errors import UserError
from inspector.store import Reader
from inspector.store.trust import TrustError, add_trusted_cert, trusted_pems

log = logging.getLogger(__name__)


class NewPassphraseNeeded(UserError):
    """The imported file's passphrase is too weak to keep: ask for a new one and import again."""

P12_NAME = "inspector.p12"
CERT_NAME = "inspector.crt.pem"
MIN_PASSPHRASE = 10
# Signs the demo records only. Public by nature (it is here), so never accepted for a real key.
DEMO_PASSPHRASE = "demo-only-passphrase"


def key_dir(store: Reader | Path) -> Path:
    return (Path(store) if isinstance(store, str | Path) else store.data_dir) / "keys"


def has_key(store: Reader) -> bool:
    return (key_dir(store) / P12_NAME).is_file()


def key_info(store: Reader) -> CertInfo | None:
    """The current signing certificate, or None if there is no key yet."""
    from cryptography import x509

    path = key_dir(store) / CERT_NAME
    if not path.is_file() or not has_key(store):
        return None
    return cert_info(x509.load_pem_x509_certificate(path.read_bytes()))


# ---- passphrase ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Strength:
    score: int  # 0 refused (guessed at once), 1 weak, 2 fair, 3 good, 4 strong
    label: str  # 弱 / 一般 / 较强 / 强
    hint: str  # what to do, in plain Chinese

    @property
    def acceptable(self) -> bool:
        return self.score > 0


_COMMON = ("password", "passw0rd", "qwerty", "asdf", "zxcv", "admin", "welcome", "iloveyou", "abc", "123",
           "111", "000", "888", "666", "520", "inspector", "demo", "xining", "qinghai", "监督", "口令", "密码",
           "西宁", "青海", "证书")
_LABELS = ("太弱", "弱", "一般", "较强", "强")


def _pool(ch: str) -> int:
    if ch.isdigit():
        return 10
    if "a" <= ch <= "z":
        return 26
    if "A" <= ch <= "Z":
        return 26
    if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return 3000  # common CJK characters an inspector would type
    return 33


def passphrase_strength(passphrase: str, *, name: str = "") -> Strength:
    """A rough estimate of how hard the passphrase is to guess, as a hint for the person choosing it.
    Counts what an attacker's guessing program exploits — repeats, runs like 1234 or abcd, common
    words, the signer's own name — rather than requiring particular kinds of characters."""
    p = passphrase or ""
    text = p.lower()
    bits = 0.0
    notes: list[str] = []
    for word in sorted(_COMMON, key=len, reverse=True):
        if word in text:
            text = text.replace(word, "\x00")
            notes.append("常见词")
    clean_name = (name or "").strip().lower()
    if clean_name and len(clean_name) >= 2 and clean_name in text:
        text = text.replace(clean_name, "\x00")
        notes.append("姓名")
    bits += 6 * text.count("\x00")  # a known word or the name is one guess among a few dozen
    text = text.replace("\x00", "")
    pools = {_pool(c) for c in text}
    per_char = math.log2(sum(pools)) if pools else 0.0
    prev = None
    for ch in text:
        if prev is not None and (ch == prev or (ord(ch) - ord(prev)) in (1, -1)):
            bits += 1  # a repeat or the next in a run (aaaa, 1234) adds almost nothing
        else:
            bits += per_char
        prev = ch
    if len(set(p)) <= 2:
        bits = min(bits, 10)
    score = 0 if bits < 30 else 1 if bits < 45 else 2 if bits < 60 else 3 if bits < 80 else 4
    if score == 0:
        hint = "很容易被猜中（重复、连续或常见的字符）：请换一句只有您知道的话。"
    elif score == 1:
        hint = "容易被猜中：用一句只有您知道的话，或四五个不相关的词，加长比加符号更有用。"
    elif score == 2:
        hint = "尚可：再加几个字或一个词会更安全。"
    else:
        hint = "不易被猜中。请牢记：忘记口令将无法再用此证书签署。"
    if "姓名" in notes:
        hint = "含有您的姓名，容易被猜到。" + hint
    elif "常见词" in notes and score < 3:
        hint = "含有常见词或数字组合。" + hint
    return Strength(score, _LABELS[score], hint)


def check_new_passphrase(passphrase: str, confirm: str | None = None, *, name: str = "") -> Strength:
    """Refuse a passphrase that is too short, the public demo one, or guessable at once; return its
    strength otherwise. Raises UserError."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise UserError(f"口令至少需要 {MIN_PASSPHRASE} 个字符（可以是一句中文）。")
    if passphrase.strip().lower() == DEMO_PASSPHRASE:
        raise UserError("这是演示数据公开使用的口令，不能用于您自己的证书：请另设一个口令。")
    if confirm is not None and confirm != passphrase:
        raise UserError("两次输入的口令不一致。")
    strength = passphrase_strength(passphrase, name=name)
    if not strength.acceptable:
        raise UserError(f"口令{strength.label}，{strength.hint}")
    return strength


# ---- the key file -------------------------------------------------------------------------------

def _save(store: Reader, p12: bytes, pem: bytes) -> None:
    d = key_dir(store)
    # The certificate first: a kill in between leaves no key (not a key without its certificate).
    write_private(d / CERT_NAME, pem)
    write_private(d / P12_NAME, p12)
    _trust_own(store, pem)


def _trust_own(store: Reader, pem: bytes) -> None:
    try:
        add_trusted_cert(store.data_dir, pem, source="own", note="本机监督员签名证书")
    except TrustError as exc:  # an expired own certificate: it cannot sign either
        log.warning("own certificate not added to the trust store: %s", exc)


def _keep_old_certificate_trusted(store: Reader) -> None:
    """Before a key is replaced: its certificate stays trusted, so records it signed still verify."""
    path = key_dir(store) / CERT_NAME
    if path.is_file():
        _trust_own(store, path.read_bytes())


def create_key(store: Reader, *, name: str, passphrase: str, confirm: str | None = None,
               organisation: str = "", replace: bool = False) -> CertInfo:
    """Make the inspector's key and self-signed certificate. Refuses to overwrite an existing key
    unless `replace` (records signed with the old key stay verifiable and trusted)."""
    name = (name or "").strip()
    if not name:
        raise UserError("请填写监督员姓名（证书上的签名人）。")
    check_new_passphrase(passphrase, confirm, name=name)
    if has_key(store) and not replace:
        raise UserError("已有签名证书；如需更换，请先确认替换。")
    p12, info = make_self_signed(name, passphrase, organisation=organisation)
    _keep_old_certificate_trusted(store)
    _save(store, p12, info.pem)
    log.info("created signing key for %s (%s)", name, info.fingerprint)
    return info


def import_key(store: Reader, *, data: bytes, passphrase: str, new_passphrase: str | None = None,
               replace: bool = False) -> CertInfo:
    """Take a PKCS#12 issued by the office. Its passphrase is checked before anything is written;
    the key is stored under `new_passphrase` (else the same one, if it is long enough), re-encrypted
    with the modern KDF whatever the office's file used."""
    if has_key(store) and not replace:
        raise UserError("已有签名证书；如需更换，请先确认替换。")
    if (passphrase or "").strip().lower() == DEMO_PASSPHRASE:
        raise UserError("这是演示证书（口令公开），不能作为您的签名证书。")
    try:
        opened = open_pkcs12(data, passphrase)
    except SigningError as exc:
        raise UserError(str(exc)) from None
    final = new_passphrase if new_passphrase is not None else passphrase
    try:
        check_new_passphrase(final, name=opened.info.name)
    except UserError as exc:
        if new_passphrase is not None:
            raise
        raise NewPassphraseNeeded(f"该证书文件的口令不能继续用于本机：{exc}请为本机设置一个新口令后再导入。") from None
    _keep_old_certificate_trusted(store)
    _save(store, opened.to_pkcs12(final), opened.info.pem)
    log.info("imported signing key of %s (%s)", opened.info.name, opened.info.fingerprint)
    return opened.info


def open_key(store: Reader, *, passphrase: str) -> SigningKey:
    """The opened key, after the passphrase opens it. A key file written with an older, weaker KDF
    is rewritten with the modern one (same passphrase) while it is open. Raises UserError."""
    from inspector.reports import pkcs12

    if not has_key(store):
        raise UserError("尚未设置签名证书：请先创建或导入监督员证书。")
    path = key_dir(store) / P12_NAME
    data = path.read_bytes()
    try:
        opened = open_pkcs12(data, passphrase)
    except SigningError as exc:
        raise UserError(str(exc)) from None
    if not pkcs12.protection(data).modern:
        try:
            write_private(path, opened.to_pkcs12(passphrase))
            log.info("key file rewritten with PBKDF2 x %d", pkcs12.ITERATIONS)
        except OSError:  # a read-only data folder: sign anyway, upgrade next time
            log.warning("cannot upgrade the key file's protection", exc_info=True)
    return opened


def key_protection(store: Reader) -> str:
    """How the key file is protected, in words (for `keys show`)."""
    from inspector.reports import pkcs12

    prot = pkcs12.protection((key_dir(store) / P12_NAME).read_bytes())
    return prot.describe() + ("" if prot.modern else "（旧格式：下次签署时自动升级）")


def trusted_certs(data_dir: Path | str) -> list[bytes]:
    """Certificates trusted for verification: the trust store, and the current own certificate
    (also when it was made before the trust store existed)."""
    pems = trusted_pems(data_dir)
    own = key_dir(Path(data_dir)) / CERT_NAME
    if own.is_file():
        pems.append(own.read_bytes())
    return pems


_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


def own_fingerprint(data_dir: Path | str) -> str:
    """Fingerprint of the current own certificate, or ""."""
    from cryptography import x509

    path = key_dir(Path(data_dir)) / CERT_NAME
    if not path.is_file():
        return ""
    try:
        fp = cert_info(x509.load_pem_x509_certificate(path.read_bytes())).fingerprint
    except ValueError:
        return ""
    return fp if _FINGERPRINT.match(fp) else ""


# ---- a certificate from the station's CA ----------------------------------------------------------

def certificate_request(store: Reader, *, passphrase: str) -> tuple[SigningKey, str]:
    """The opened key and a certificate request (PKCS#10, PEM) it signed, for the office's CA. Only
    the request leaves the laptop. Raises UserError (no key, wrong passphrase)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    opened = open_key(store, passphrase=passphrase)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, opened.info.name or "监督员")])
    csr = x509.CertificateSigningRequestBuilder().subject_name(name).sign(opened.key, hashes.SHA256())
    return opened, csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def install_certificate(store: Reader, opened: SigningKey, *, passphrase: str, cert_pem: str,
                        ca_pem: str) -> CertInfo:
    """Keep the certificate the station's CA issued for this laptop's key: checked to carry this key
    and to be signed by the CA, the CA trusted from now on (source "office"), the key file rewritten
    with the new certificate and its CA. The old certificate stays trusted, so what it signed still
    verifies. Raises UserError, and then changes nothing."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization

    try:
        cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
        ca = x509.load_pem_x509_certificate(ca_pem.encode("ascii"))
        cert.verify_directly_issued_by(ca)
    except InvalidSignature:
        raise UserError("监督站返回的证书不是由监督站证书签发的，未保存。请联系管理员。") from None
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise UserError(f"监督站返回的证书无效，未保存：{exc}") from None
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if cert.public_key().public_bytes(*spki) != opened.key.public_key().public_bytes(*spki):  # type: ignore[attr-defined]
        raise UserError("监督站返回的证书不属于本机的签名密钥，未保存。请重新申请。")
    try:
        add_trusted_cert(store.data_dir, ca_pem.encode("ascii"), source="office", note="登录时由监督站下发")
    except TrustError as exc:
        raise UserError(f"监督站证书不能加入信任列表：{exc}") from None
    issued = SigningKey(opened.key, cert, (ca,), cert_info(cert))
    _keep_old_certificate_trusted(store)
    _save(store, issued.to_pkcs12(passphrase), issued.info.pem)
    log.info("installed certificate issued by the station for %s (%s)", issued.info.name, issued.info.fingerprint)
    return issued.info
