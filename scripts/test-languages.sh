#!/usr/bin/env bash
# `npm run test:languages`: every vector, both profiles, draft-07 and 2020-12, through the
# validator of each language (test/languages/<language>/: a README snippet and a harness
# each), Bowtie's run of the shipped case files, and a seeded fuzzing corpus through Python.
# Each runner installs its pinned dependencies first (setup.sh, idempotent) and prints one
# `IMPLEMENTATION VERSION PROFILE: N/N agree` line per profile. Every runner runs even when
# one fails; the install and run time of each closes the output. Exit 1 on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
languages="$root/test/languages"
status=0
timings=()

# step NAME COMMAND...: runs a command, records its wall time, and notes a failure.
step() {
  local name=$1 start end
  shift
  start=$EPOCHREALTIME
  "$@" || { echo "test:languages: $name failed (exit $?)" >&2; status=1; }
  end=$EPOCHREALTIME
  timings+=("$(awk -v name="$name" -v s="$start" -v e="$end" 'BEGIN { printf "%-16s %6.1f s", name, e - s }')")
}

step "js run" node "$languages/js/run.mjs"
for language in python go rust java; do
  step "$language install" "$languages/$language/setup.sh"
  step "$language run" "$languages/$language/run.sh"
done
step "bowtie install" "$languages/python/setup.sh" bowtie
step "bowtie run" "$languages/python/bowtie.sh"

corpus=$(mktemp)
trap 'rm -f "$corpus"' EXIT
step "fuzz corpus" bash -c "node '$root/scripts/fuzz-corpus.mjs' '${FUZZ_CORPUS_PER_MODEL:-500}' > '$corpus' && '$languages/python/.venv/bin/python' '$languages/python/run-corpus.py' '$corpus'"

echo "test:languages: times (install: pinned dependencies and build; run: every vector)"
printf '  %s\n' "${timings[@]}"
exit $status
