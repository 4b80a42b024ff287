#!/bin/sh
# Runs the vectors and a seeded fuzzing corpus through Python's jsonschema. Debian's
# interpreter is the one that has python3-jsonschema; it need not be the first python3 on the PATH.
set -eu
here=$(dirname "$0")
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3) || { echo "test:python: no python3 found" >&2; exit 2; }
"$py" "$here/../test/python/run-vectors.py"
corpus=$(mktemp)
trap 'rm -f "$corpus"' EXIT
node "$here/fuzz-corpus.mjs" "${FUZZ_CORPUS_PER_MODEL:-500}" > "$corpus"
"$py" "$here/../test/python/run-corpus.py" "$corpus"
