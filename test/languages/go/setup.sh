#!/bin/sh
# Installs the pinned Go dependencies (go.mod, checked against go.sum) and builds the harness.
# Idempotent; needs only a Go toolchain (1.22 or newer) on PATH. Exit status 2 on failure.
set -eu
cd "$(dirname -- "$0")"
if ! command -v go >/dev/null 2>&1; then
	echo "setup.sh: no go command on PATH; install Go 1.22 or newer" >&2
	exit 2
fi
go mod download || exit 2
go mod verify >/dev/null || exit 2
go build -mod=readonly -buildvcs=false -o bin/conformance . || exit 2
