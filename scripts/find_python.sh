#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11).
# pyenv's python3.10 shim answers "command not found" unless told the version, so ask
# pyenv for the interpreter itself before trying the PATH.
set -u
candidates=()
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in "$root"/versions/3.10*; do candidates+=("$dir/bin/python3.10"); done
fi
candidates+=(python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)
for python in "${candidates[@]}"; do
  if version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) \
     && [ "$version" = "3.10" ]; then
    command -v "$python"
    exit 0
  fi
done
echo "No Python 3.10 found. Rasa 3.6 needs Python 3.10 (3.11 does not work):" \
     "install it, e.g. 'pyenv install 3.10.13'." >&2
exit 1
