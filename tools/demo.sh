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

# Collection reconciliation (issue 10): the tax bureau's payments file
# against the Zhangye ledger, a dry run (nothing written).
echo
echo "=== reconciling a payments file ==="
run reconcile --db scratch/zhangye tools/examples/payments/zhangye-2023-07.csv --format table || status=1
# A day with one row of every class of break, then the collection list.
run reconcile --db scratch/zhangye tools/examples/payments/zhangye-2023-08.csv --format table || status=1
run report arrears --db scratch/zhangye --as-of 2023-06-30 --format table || status=1

# Running the deferral (issue 13): an automatic grant (免申即享, R14), an
# employer's deferral flag, the monthly report for 2022-09 (R13) and the
# commitment-letter review (R12).
echo
echo "=== running the deferral ==="
run defer auto --db scratch/zhangye --policy gs-2022 --date 2022-08-15 --format table || status=1
run defer auto --db scratch/jinan --policy sd-2022 --date 2022-08-05 --format table || status=1
run defer auto --db scratch/jinan --policy sd-2022 --date 2022-08-05 --format table || status=1
run status --db scratch/zhangye --employer 91620702MAP77UL0DU --as-of 2022-09-30 --format table || status=1
run status --db scratch/jinan --employer 91370102MA2HHGPCEK --as-of 2022-12-31 --format table || status=1
run report monthly --db scratch/zhangye --month 2022-09 --format table || status=1
# Each area's JSON report, then the merge a province makes of them.
for area in zhangye jinan; do
  echo
  echo "\$ ledgerctl report monthly --db scratch/${area} --month 2022-09 --format json > scratch/${area}-2022-09.jsonl"
  "$ledgerctl" report monthly --db "scratch/${area}" --month 2022-09 --format json \
    > "scratch/${area}-2022-09.jsonl" || status=1
done
echo "\$ cat scratch/jinan-2022-09.jsonl"
cat scratch/jinan-2022-09.jsonl
run report merge scratch/zhangye-2022-09.jsonl scratch/jinan-2022-09.jsonl --format table || status=1
run report sla --db scratch/jinan --as-of 2022-12-31 --format table || status=1

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
