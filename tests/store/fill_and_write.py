"""Child of the full-disk test, run inside its own mount namespace on a small tmpfs: make a store,
fill the disk, try to write through the CLI, free the disk, check nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

data = Path(sys.argv[1])
env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inspector", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, env=env)


from inspector.domain import Project  # noqa: E402
from inspector.store import Actor, open_workspace  # noqa: E402

ws = open_workspace(data, Actor("测试"))
with ws.write() as s:
    s.add(Project(code="XN-FULL", name="满盘前的项目", district="城中区"))
ws.close()
filler = data.parent / "filler"
# Unbuffered: a write cut short by the full disk leaves nothing for close() to flush (and fail on).
with open(filler, "wb", buffering=0) as f:  # take every byte left
    try:
        while True:
            f.write(b"\0" * 65536)
            f.flush()
    except OSError:
        pass
full = cli("demo")
filler.unlink()
after = cli("list", "projects", "--json")
verify = cli("audit", "verify")
print("RC", full.returncode)
print("ERR", full.stderr.strip().replace("\n", " | "))
print("LIST", after.stdout.strip().replace("\n", " | "))
print("VERIFY", verify.returncode)
