#!/usr/bin/env bash
# Runs the Java conformance harness over every vector (draft-07 and 2020-12, both profiles),
# compiling first when needed. Exit status: 0 all agree, 1 a disagreement, 2 a setup error.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$here"
if [ ! -s target/classpath.txt ] || [ pom.xml -nt target/classpath.txt ]; then
  ./setup.sh || exit 2
fi
dependencies="$(cat target/classpath.txt)"
if [ ! -e target/classes/.built ] || [ -n "$(find src pom.xml target/classpath.txt -newer target/classes/.built -print -quit)" ]; then
  rm -rf target/classes
  javac -J-XX:TieredStopAtLevel=1 --release 17 -Xlint:all -Werror -encoding UTF-8 -d target/classes -cp "$dependencies" src/main/java/*.java || exit 2
  touch target/classes/.built
fi
# C1 only (TieredStopAtLevel=1): half the CPU time of a default JVM for a run this short.
exec java -XX:TieredStopAtLevel=1 -cp "target/classes:$dependencies" Conformance "$root"
