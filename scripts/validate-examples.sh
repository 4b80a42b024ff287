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
echo
echo "== examples/batch/: a chat batch input file, checked before upload (exit 0: valid, warnings allowed)"
$cli check-input --endpoint /v1/chat/completions --model mistral-small-latest examples/batch/chat-input.jsonl || exit 1
echo
echo "== examples/batch/: its output file, joined to the requests (the two failed requests are in the error file)"
$cli check-output examples/batch/chat-output.jsonl --requests examples/batch/chat-input.jsonl
code=$?
[ "$code" -eq 1 ] || { echo "expected exit 1 (two requests without a result in the output file), got $code" >&2; exit 1; }
echo
echo "== examples/batch/: output and error files together: every request has one result, two failed (exit 1 expected)"
$cli check-output examples/batch/chat-output.jsonl examples/batch/chat-error.jsonl --requests examples/batch/chat-input.jsonl
code=$?
[ "$code" -eq 1 ] || { echo "expected exit 1 for the failed requests, got $code" >&2; exit 1; }
