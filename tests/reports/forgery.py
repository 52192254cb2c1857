"""What an attacker does to a signed record, done for real with pyHanko and asn1crypto: append an
incremental update (with or without changed content), re-sign it with a key of their own named like
the inspector, swap the certificate inside the signature, truncate the file. Also a small station
CA, to issue inspector certificates as the office will."""

from __future__ import annotations

import datetime as dt
import io

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from inspector.reports import pkcs12
from inspector.reports.signing import SigningKey, cert_info, make_self_signed, open_pkcs12

ATTACKER_PASS = "attacker-own-passphrase"


def attacker_key(name: str = "王建国") -> SigningKey:
    """A self-made key whose certificate carries the inspector's name."""
    p12, _ = make_self_signed(name, ATTACKER_PASS)
    return open_pkcs12(p12, ATTACKER_PASS)


def append_update(pdf: bytes, *, change_content: bool) -> bytes:
    """An incremental update: a new object appended (and, with change_content, a red box drawn over
    page 1 through an extra content stream). The signed bytes stay as they were."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if change_content:
        stream = generic.StreamObject(stream_data=b"q 1 0 0 rg 60 60 300 80 re f Q")
        w.add_stream_to_page(0, w.add_object(stream))
    else:
        info = w.trailer["/Info"]
        info["/Keywords"] = generic.TextStringObject("appended")
        w.update_container(info)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def resign(pdf: bytes, key: SigningKey, *, field: str = "Sig2", claim_cert_pem: bytes | None = None) -> bytes:
    """Add a second signature in a new field (an incremental update signed with `key`). With
    `claim_cert_pem`, the signature names that certificate (the inspector's real one) as its signer,
    in the signer info and in the signed attributes, while the key is the attacker's."""
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = x509.load_pem_x509_certificate(claim_cert_pem) if claim_cert_pem else key.cert
    signer = signers.SimpleSigner(signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
                                  signing_key=translate_pyca_cryptography_key_to_asn1(key.key),
                                  cert_registry=SimpleCertificateStore())
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)),
                     signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256"), signer=signer, output=out)
    return out.getvalue()


def _contents_span(pdf: bytes, which: int = -1) -> tuple[int, int]:
    """Start and end of the hex digits of a signature's /Contents (the last one by default)."""
    starts = []
    at = 0
    while (at := pdf.find(b"/Contents <", at)) != -1:
        starts.append(at + len(b"/Contents <"))
        at += 1
    start = starts[which]
    return start, pdf.index(b">", start)


def swap_certificate(pdf: bytes, cert_pem: bytes) -> bytes:
    """Replace the signer's certificate inside the signature by `cert_pem` (the inspector's real
    one), pointing the signer info at it, so the file claims the inspector signed it. The byte range
    is untouched: the digest still matches; only the signature value no longer fits the key."""
    from asn1crypto import cms
    from asn1crypto import x509 as ax509

    start, end = _contents_span(pdf)
    hexed = pdf[start:end]
    der = bytes.fromhex(hexed.decode())
    info = cms.ContentInfo.load(der)  # the zero padding after the DER is ignored (strict=False)
    cert = ax509.Certificate.load(x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER))
    sd = info["content"]
    sd["certificates"] = cms.CertificateSet([cms.CertificateChoices(name="certificate", value=cert)])
    si = sd["signer_infos"][0]
    si["sid"] = cms.SignerIdentifier(name="issuer_and_serial_number", value=cms.IssuerAndSerialNumber(
        {"issuer": cert.issuer, "serial_number": cert.serial_number}))
    new = info.dump(force=True).hex().encode()
    assert len(new) <= len(hexed)
    return pdf[:start] + new + b"0" * (len(hexed) - len(new)) + pdf[end:]


class StationCA:
    """The station's CA (as the office will run it): a root certificate that issues inspectors'."""

    def __init__(self, name: str = "西宁市老旧小区改造质量安全监督站 CA") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "西宁市住房保障和房产管理局")])
        now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        self.cert = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(self.key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256()))

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def fingerprint(self) -> str:
        return cert_info(self.cert).fingerprint

    def issue_p12(self, name: str, passphrase: str) -> bytes:
        """An inspector's key and certificate issued by this CA, as the PKCS#12 the office hands out."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(self.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=730))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256()))
        return pkcs12.serialize(key, cert, passphrase, name=name, extra_certs=[self.cert])
