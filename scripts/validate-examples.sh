#!/bin/sh
# `npm start`: the command line over the bundled examples. The valid files must pass in both
# profiles (they are realistic payloads: file ids are UUIDs); the deliberately invalid one,
# kept apart in examples/invalid/, must be reported and fail.
set -u
cli="node dist/cli.mjs"
echo "== examples/: valid payloads (.json: one job and a list response; .jsonl: one job per line)"
$cli validate examples/*.json examples/*.jsonl || exit 1
echo
echo "== examples/ again with --strict: no unknown keys, file ids must be UUIDs"
$cli validate --strict examples/*.json examples/*.jsonl || exit 1
echo
echo "== examples/invalid/: a deliberately invalid file (exit 1 expected)"
$cli validate examples/invalid/invalid-batch-jobs.jsonl
code=$?
[ "$code" -eq 1 ] || { echo "expected exit 1 for the invalid example, got $code" >&2; exit 1; }
