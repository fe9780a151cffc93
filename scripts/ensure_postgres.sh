#!/usr/bin/env bash
# `make test` tests the PostgreSQL tracker store against a real, throwaway PostgreSQL server
# (tools/postgres.py): install PostgreSQL's programs when they are missing.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL is needed by the tests: run 'sudo apt-get install -y postgresql'." >&2
  exit 1
fi
echo "Installing PostgreSQL for the tests (apt-get)..."
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
