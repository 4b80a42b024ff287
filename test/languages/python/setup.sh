#!/usr/bin/env bash
# Installs the Python runner's pinned dependencies (requirements.txt, exact versions with hashes)
# into .venv, with the machine's python3 (3.10 or newer). `setup.sh bowtie` installs Bowtie
# instead (bowtie-requirements.txt) into .venv-bowtie, with Python 3.13 or newer (python3.14,
# python3.13 or python3 on the PATH, else the newest such version pyenv has); `setup.sh all`
# installs both. Idempotent: a virtual environment is rebuilt only when its requirements file
# changed. Wheels only, so nothing is compiled. Exit status 2 on failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

fail() {
  echo "setup.sh: $*" >&2
  exit 2
}

# A python command of version 3.MINOR or newer, printed; fails if there is none.
find_python() {
  local minor=$1 candidate version
  for candidate in python3 python3.14 python3.13; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c "import sys; sys.exit(sys.version_info < (3, $minor))" 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  if command -v pyenv >/dev/null; then # pyenv's shims run only the selected version
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k2,2nr -k3,3nr); do
      candidate="$(pyenv root)/versions/$version/bin/python3"
      if [ -x "$candidate" ] && "$candidate" -c "import sys; sys.exit(sys.version_info < (3, $minor))"; then
        echo "$candidate"
        return 0
      fi
    done
  fi
  return 1
}

# install VENV PYTHON REQUIREMENTS
install() {
  local venv=$1 python=$2 requirements=$3
  if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/installed-requirements.txt"; then
    return 0
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv" || fail "$python -m venv $venv failed"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --no-input \
    --require-hashes --only-binary=:all: -r "$requirements" || fail "pip install -r $requirements failed"
  cp "$requirements" "$venv/installed-requirements.txt"
}

what=${1:-runner}
case $what in runner | bowtie | all) ;; *) fail "usage: setup.sh [runner|bowtie|all]" ;; esac
if [ "$what" != bowtie ]; then
  python=$(find_python 10) || fail "no Python 3.10 or newer found"
  install .venv "$python" requirements.txt
fi
if [ "$what" != runner ]; then
  python=$(find_python 13) || fail "Bowtie needs Python 3.13 or newer; none found (python3.13 on the PATH, or pyenv)"
  install .venv-bowtie "$python" bowtie-requirements.txt
fi
