#!/usr/bin/env bash
# Builds the Rust conformance runner if needed and runs every vector through it.
# Exit status: 0 all agree, 1 some vector disagrees, 2 setup error.
# Usage: run.sh [REPOSITORY_ROOT] (default: the repository that holds this folder).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v cargo >/dev/null 2>&1; then
  echo "run.sh: cargo is missing; run setup.sh first" >&2
  exit 2
fi
root="${1:-$here/../../..}"
cargo build --locked --quiet --manifest-path "$here/Cargo.toml" || exit 2
exec cargo run --locked --quiet --manifest-path "$here/Cargo.toml" -- "$root"
