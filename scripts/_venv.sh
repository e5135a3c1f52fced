# Sourced by the scripts in this folder: makes .venv if it is missing and installs
# the pinned requirements when they changed since the last install.
# Usage: ensure_venv build|test
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [[ -n "$candidate" ]] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    return 2
}

ensure_venv() {
    local profile="$1"
    if [[ ! -x "$VENV/bin/python" ]]; then
        local python
        python="$(find_python)"
        echo "Creating $VENV with $python" >&2
        "$python" -m venv "$VENV"
    fi
    local req="$ROOT/requirements/$profile.txt"
    local stamp="$VENV/.installed-$profile"
    local digest
    digest="$(cat "$ROOT/requirements/"*.txt "$ROOT/pyproject.toml" | "$VENV/bin/python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$digest" ]]; then
        echo "Installing pinned dependencies ($profile)..." >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
        echo "$digest" > "$stamp"
    fi
    # The toolkit's own bytecode, as pip writes it for every installed package: without it (a tree
    # where Python writes none, as with PYTHONDONTWRITEBYTECODE=1) each command compiled our 123
    # modules from source first, a tenth of a second. A stale file is only ignored; this is 0.05 s
    # when nothing changed. Checked by timestamp even with SOURCE_DATE_EPOCH set (which would make
    # hashed files, read in full again on every start). Only a saving: a module that does not compile
    # is reported by the command itself, so a failure here stops nothing.
    "$VENV/bin/python" -m compileall -q --invalidation-mode timestamp "$ROOT/toolkit" >&2 || true
}
