"""Fixtures for the records tests: a project with realistic records, a signing key, an NSS db."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.reports import builders as b

PASS = "监督员的签名口令2026"


@pytest.fixture
def project(store):
    return b.make_project(store)


@pytest.fixture
def signing_key(store):
    from inspector.services import keys

    return keys.create_key(store, name="王建国", passphrase=PASS, confirm=PASS)


def nss_db_for(cert_pem: bytes, tmp: Path) -> str:
    """An NSS database that trusts `cert_pem`, for pdfsig."""
    db = tmp / "nss"
    db.mkdir()
    (tmp / "cert.pem").write_bytes(cert_pem)
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "inspector", "-t", "CT,C,C", "-i",
                    str(tmp / "cert.pem")], check=True, capture_output=True)
    return f"sql:{db}"


def pdftext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *(args or ("-raw",)), str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
