#!/bin/sh
# Runs the vectors through Python's jsonschema. Debian's interpreter is the one that has
# python3-jsonschema; it need not be the first python3 on the PATH.
set -eu
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3) || { echo "test:python: no python3 found" >&2; exit 2; }
exec "$py" "$(dirname "$0")/../test/python/run-vectors.py"
