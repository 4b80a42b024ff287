#!/usr/bin/env bash
# Installs the Java runner's pinned dependencies (pom.xml) into the local Maven repository and
# writes their class path to target/classpath.txt. Idempotent; needs Java 17+ and Maven 3.8+.
# Extra arguments go to mvn (e.g. -Dmaven.repo.local=DIR).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# Already done: the class path is newer than pom.xml and every jar on it is there.
if [ $# -eq 0 ] && [ -s target/classpath.txt ] && [ target/classpath.txt -nt pom.xml ]; then
  missing=0
  IFS=: read -r -a jars < target/classpath.txt || true
  for jar in "${jars[@]}"; do [ -f "$jar" ] || missing=1; done
  [ "$missing" = 1 ] || exit 0
fi
# Maven's output is shown only on failure (-q still prints terminal reset codes).
if ! out=$(mvn -q -B -Dstyle.color=never "$@" dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt 2>&1); then
  printf '%s\n' "$out" >&2
  echo "setup.sh: mvn failed" >&2
  exit 2
fi
touch target/classpath.txt
