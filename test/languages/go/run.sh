#!/bin/sh
# Builds the harness if needed (go build is incremental) and runs every vector through it.
# Exit status: 0 all agree, 1 a disagreement, 2 a setup error. Works from any directory.
set -eu
cd "$(dirname -- "$0")"
go build -mod=readonly -buildvcs=false -o bin/conformance . || exit 2
exec ./bin/conformance
