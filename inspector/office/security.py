"""Passwords (Argon2, argon2-cffi) and device tokens (32 random bytes; the office keeps only their
SHA-256)."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD = 8


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # RFC 9106 low-memory profile: 3 passes, 64 MiB


@cache
def _dummy_hash() -> str:
    """A hash no password is known for: an unknown user's sign-in checks against it, so it costs
    what a wrong password costs and the answer's timing does not tell which it was."""
    return _hasher().hash(secrets.token_hex(16))


def warm_up() -> None:
    _dummy_hash()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True if `password` matches; an account without a hash (unknown user) still pays one Argon2."""
    try:
        return _hasher().verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str:
    """Why a new password is not acceptable ("" if it is)."""
    if len(password) < MIN_PASSWORD:
        return f"密码至少 {MIN_PASSWORD} 个字符"
    if password.strip() != password:
        return "密码首尾不能有空格"
    return ""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
