#!/usr/bin/env bash
# The README's demo: builds the ledger, creates one scratch ledger per sample
# rule set (./scratch/, fresh each run), imports its history, prints what
# every employer owes, and shows two files the ledger refuses.
#
#   bash tools/demo.sh
#
# Environment: BUILD_DIR (default build), as for tools/setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/setup.sh
ledgerctl=${BUILD_DIR:-build}/tools/ledgerctl/ledgerctl
status=0

# Echoes a ledgerctl command, then runs it.
run() {
  echo
  echo "\$ ledgerctl $*"
  "$ledgerctl" "$@"
}

rm -rf scratch
mkdir -p scratch
for area in zhangye jinan; do
  db=scratch/$area
  echo
  echo "=== ${area} ==="
  run init --db "$db" --rules "tools/examples/rules/${area}.json"
  run import --db "$db" --format table "tools/examples/history/${area}.jsonl"
  if ! run owed --db "$db" --all --as-of 2023-06-30 --format table; then
    echo "demo: owed failed for ${area}" >&2
    status=1
  fi
done

# Refusals: two files that must be refused whole (exit status 1), every bad
# line named, the ledger left unchanged. Each file's first line names the
# history it follows ("# after history/zhangye.jsonl ...").
echo
echo "=== refused imports ==="
for name in bad-date-negative-amount in-arrears; do
  file=tools/examples/refused/${name}.jsonl
  if [[ ! -e "$file" ]]; then
    echo "demo: ${file} is missing" >&2
    status=1
    continue
  fi
  area=$(head -n 1 "$file" | sed -n 's|.*after history/\([a-z]*\)\.jsonl.*|\1|p')
  refused=0
  run import --db "scratch/${area:-zhangye}" --format table "$file" || refused=$?
  if [[ $refused -eq 1 ]]; then
    echo "(exit status 1: refused, nothing appended, as expected)"
  else
    echo "demo: expected exit status 1 for ${file}, got ${refused}" >&2
    status=1
  fi
done
exit "$status"
