#!/usr/bin/env bash
# Runs the Python conformance harness (run-vectors.py, through the README snippet snippet.py)
# over every vector, draft-07 and 2020-12, both profiles; installs the pinned dependencies first
# when needed (setup.sh). Exit status: 0 all agree, 1 a disagreement, 2 a setup error.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/setup.sh" runner || exit 2
exec "$here/.venv/bin/python" "$here/run-vectors.py"
