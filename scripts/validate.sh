#!/usr/bin/env bash
# `rasa data validate`, failing on errors and on any warning not explained in
# tests/validation_warnings_allowed.txt.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rasa data validate >"$log" 2>&1
status=$?
grep -v '^#' tests/validation_warnings_allowed.txt | sed 's/ # .*//' | grep -v '^$' >"$log.allowed"
unexplained=$(grep -E 'UserWarning|WARNING' "$log" | grep -v -F -f "$log.allowed")
rm -f "$log.allowed"
if [ "$status" -ne 0 ] || [ -n "$unexplained" ]; then
  cat "$log"
  [ -n "$unexplained" ] && printf '\nUnexplained validation warnings:\n%s\n' "$unexplained"
  exit 1
fi
echo "rasa data validate: no errors, no unexplained warnings"
