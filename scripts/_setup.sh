# Shared by scripts/run-app and scripts/test (sourced, not run): install what is missing, fast
# when everything is already there.
#
#   ensure_system runtime|test   Debian/Ubuntu packages, only those whose file is absent
#   ensure_venv                  .venv with requirements.lock + this package (editable, no deps)
#
# Environment: PYTHON (interpreter for a new .venv, default python3), INSPECTOR_NO_APT=1 (never
# call apt-get: report what is missing and go on).

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
STAMP="$VENV/.inspector-installed"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# Each entry: "CHECK PACKAGE [ALTERNATIVE...]". CHECK is a shared-library soname (looked up with
# ldconfig), cmd:NAME (on PATH), or path:GLOB (exists). The first package name apt knows is
# installed; alternatives cover Ubuntu's renamed t64 libraries.
# Runtime: what the PySide6 wheels' Qt libraries and the xcb platform plugin link against
# (read off `ldd` of PySide6/Qt/lib/*.so and plugins/platforms/libqxcb.so).
RUNTIME_DEPS=(
    "libEGL.so.1 libegl1"
    "libGL.so.1 libgl1"
    "libglib-2.0.so.0 libglib2.0-0t64 libglib2.0-0"
    "libdbus-1.so.3 libdbus-1-3"
    "libfontconfig.so.1 libfontconfig1"
    "libfreetype.so.6 libfreetype6"
    "libxkbcommon.so.0 libxkbcommon0"
    "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
    "libX11-xcb.so.1 libx11-xcb1"
    "libxcb.so.1 libxcb1"
    "libxcb-cursor.so.0 libxcb-cursor0"
    "libxcb-glx.so.0 libxcb-glx0"
    "libxcb-icccm.so.4 libxcb-icccm4"
    "libxcb-image.so.0 libxcb-image0"
    "libxcb-keysyms.so.1 libxcb-keysyms1"
    "libxcb-randr.so.0 libxcb-randr0"
    "libxcb-render.so.0 libxcb-render0"
    "libxcb-render-util.so.0 libxcb-render-util0"
    "libxcb-shape.so.0 libxcb-shape0"
    "libxcb-shm.so.0 libxcb-shm0"
    "libxcb-sync.so.1 libxcb-sync1"
    "libxcb-util.so.1 libxcb-util1"
    "libxcb-xfixes.so.0 libxcb-xfixes0"
    "libxcb-xkb.so.1 libxcb-xkb1"
)
# Tests only: PDF checks (pdftotext/pdffonts/pdfsig + CJK maps), signature trust (certutil), real
# windows (xvfb-run), a Latin fallback font for Qt, PostgreSQL for the office server's tests,
# Debian's chromium and its driver for the office pages' browser tests (Selenium; no browser
# download at run time).
TEST_DEPS=(
    "cmd:pdftotext poppler-utils"
    "path:/usr/share/poppler/cMap poppler-data"
    "cmd:certutil libnss3-tools"
    "cmd:xvfb-run xvfb"
    "cmd:xauth xauth"
    "path:/usr/share/fonts/truetype/dejavu fonts-dejavu-core"
    "path:/usr/lib/postgresql/*/bin/initdb postgresql"
    "cmd:chromium chromium"
    "cmd:chromedriver chromium-driver"
)

_ldcache=""
_present() {
    local check="$1"
    case "$check" in
        cmd:*) command -v "${check#cmd:}" >/dev/null 2>&1 ;;
        path:*) compgen -G "${check#path:}" >/dev/null ;;
        *)
            if [[ -z "$_ldcache" ]]; then
                _ldcache="$( (command -v ldconfig >/dev/null && ldconfig -p || /sbin/ldconfig -p) 2>/dev/null || true)"
            fi
            awk -v lib="$check" '$1 == lib { found = 1 } END { exit !found }' <<<"$_ldcache"
            ;;
    esac
}

_apt_updated=0
_apt() {
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || die "need root or sudo to install system packages: $*"
        sudo=(sudo)
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "$@"
}

_install_missing() {
    local entry missing=() names pkg chosen
    for entry in "$@"; do
        read -r -a names <<<"$entry"
        _present "${names[0]}" && continue
        missing+=("${entry#* }")
    done
    ((${#missing[@]})) || return 0
    if [[ "${INSPECTOR_NO_APT:-}" == 1 ]] || ! command -v apt-get >/dev/null; then
        say "missing system packages (not installed: no apt-get or INSPECTOR_NO_APT=1): ${missing[*]}"
        return 0
    fi
    if ((_apt_updated == 0)); then
        say "apt-get update"
        _apt update -qq >/dev/null
        _apt_updated=1
    fi
    local pkgs=()
    for entry in "${missing[@]}"; do
        chosen=""
        for pkg in $entry; do
            if apt-cache show "$pkg" >/dev/null 2>&1; then chosen="$pkg"; break; fi
        done
        [[ -n "$chosen" ]] || die "no apt package among: $entry"
        pkgs+=("$chosen")
    done
    say "apt-get install ${pkgs[*]}"
    _apt install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

ensure_system() {
    case "$1" in
        runtime) _install_missing "${RUNTIME_DEPS[@]}" ;;
        test) _install_missing "${RUNTIME_DEPS[@]}" "${TEST_DEPS[@]}" ;;
        *) die "ensure_system runtime|test" ;;
    esac
}

_python_for_venv() {
    local py="${PYTHON:-python3}"
    command -v "$py" >/dev/null || die "$py not found: install Python 3.11 or newer (apt-get install python3)"
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$("$py" --version 2>&1) is too old: Inspector needs Python 3.11 or newer (set PYTHON=...)"
    if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        local ver
        ver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        _install_missing "cmd:__never__ python${ver}-venv python3-venv"
    fi
    printf '%s' "$py"
}

ensure_venv() {
    local want have=""
    # The stamp records what the last successful install was made from: the lock, the package
    # metadata (entry points live there) and the interpreter. Same hash: nothing to do.
    want="$(cat "$REPO/requirements.lock" "$REPO/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [[ -x "$VENV/bin/python" ]]; then
        want="$want $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')"
        [[ -f "$STAMP" ]] && have="$(cat "$STAMP")"
        [[ "$have" == "$want" ]] && return 0
    else
        local py
        py="$(_python_for_venv)"
        say "creating $VENV with $("$py" --version 2>&1)"
        "$py" -m venv "$VENV"
        want="$want $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')"
    fi
    say "installing requirements.lock into .venv (once per change of the lock)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REPO/requirements.lock" 2> >(grep -v 'is ignored: it is neither' >&2)
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$REPO" 2> >(grep -v 'is ignored: it is neither' >&2)
    printf '%s' "$want" >"$STAMP"
}
