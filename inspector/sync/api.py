"""The office's HTTP API, as the laptop's client and the office server both use it (one place for
paths, headers and limits). JSON in UTF-8; every error is `{"error": "<plain Chinese: what happened
and what to do>", "code": "<stable machine code>"}` with the status below. Every call but `login` and
`health` carries `Authorization: Bearer <token>`.

POST   /api/v1/login      {"user", "password", "device_id", "device_name"}
                          200 {"token", "expires_at", "user": {"login", "name", "district", "admin",
                               "badge_no"}, "device_code", "station_name", "ca_pem"}
                          401 wrong user or password (one message for both: accounts are not
                              enumerable); 429 too many failed attempts (Retry-After seconds)
POST   /api/v1/logout     204; the token stops working at once
GET    /api/v1/me         200 {"user": {...}, "device_code", "projects": N}
POST   /api/v1/sync/push  body: a push `wire.Batch` (its `source` is the token's device), plain or
                          gzip (Content-Encoding: gzip; the limit applies to the inflated size too)
                          200 `wire.ApplyReport`; 400 malformed (WireError's message); 413 too big
GET    /api/v1/sync/pull?cursor=C&limit=N
                          200 a pull `wire.Batch` for the token's user and device
POST   /api/v1/blobs/missing {"hashes": [...]} -> 200 {"missing": [...]}
HEAD   /api/v1/blobs/{sha256}  200 stored (Content-Length); 404 with Upload-Offset: bytes held so far
PATCH  /api/v1/blobs/{sha256}  headers Upload-Offset (where this chunk starts), Upload-Length (the
                          whole blob's size); body: the chunk. 204 with Upload-Offset (bytes held);
                          409 wrong offset (Upload-Offset: bytes held); 422 the finished blob's
                          SHA-256 differs (what was held is discarded); 507 the office's disk is full
GET    /api/v1/blobs/{sha256}  the bytes (Range supported); 404 unknown; 403 not in the user's projects
GET    /api/v1/ca         200 {"certificate": the station CA's PEM} (public: anyone may verify)
POST   /api/v1/certificate {"csr": PKCS#10 PEM signed by the laptop's key}
                          200 {"certificate": PEM issued to the token's user, "ca": PEM}; 400 bad or
                          unsigned request; 400 weak_key. The private key never leaves the laptop.
GET    /api/v1/health     200 {"ok": true, "version"}
"""

from __future__ import annotations

PREFIX = "/api/v1"
LOGIN = f"{PREFIX}/login"
LOGOUT = f"{PREFIX}/logout"
ME = f"{PREFIX}/me"
PUSH = f"{PREFIX}/sync/push"
PULL = f"{PREFIX}/sync/pull"
BLOBS_MISSING = f"{PREFIX}/blobs/missing"
BLOB = PREFIX + "/blobs/{sha256}"
HEALTH = f"{PREFIX}/health"
STATION_CA = f"{PREFIX}/ca"  # GET: the station's CA certificate (PEM), public
CERTIFICATE = f"{PREFIX}/certificate"  # POST {"csr": PEM} -> {"certificate": PEM, "ca": PEM}

UPLOAD_OFFSET = "Upload-Offset"
UPLOAD_LENGTH = "Upload-Length"

CHUNK = 1 << 20  # bytes per blob upload request
GZIP_LEVEL = 5  # push bodies (Content-Encoding: gzip) and JSON answers to clients that accept gzip
MAX_BODY = 64 << 20  # a push body (a batch of up to wire.MAX_ROWS rows)
MAX_BLOB = 256 << 20  # one photo or PDF
