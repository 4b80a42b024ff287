#!/usr/bin/env bash
# Installs the pinned dependencies of the Rust conformance runner (Cargo.lock) and builds it.
# Idempotent; needs cargo (Rust 1.85 or newer) and access to crates.io on the first run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup.sh: cargo is missing; install Rust 1.85 or newer" >&2
  exit 2
fi
cargo fetch --locked --manifest-path "$here/Cargo.toml"
cargo build --locked --quiet --manifest-path "$here/Cargo.toml"
