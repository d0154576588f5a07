#!/usr/bin/env bash
# Builds with warnings as errors and runs every test. With CI=true it also
# builds build-asan (AddressSanitizer + UBSan, Debug at -O1) and runs the
# tests again there, then runs each fuzz target for 20 s (tools/fuzz.sh).
# Fails on the first failure.
#
#   bash tools/test.sh
#
# Environment: BUILD_DIR (default build; the sanitizer build is BUILD_DIR-asan),
# JOBS (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs=${JOBS:-2}
build_dir=${BUILD_DIR:-build}

bash tools/setup.sh -DLEDGER_WERROR=ON
if [[ "${CI:-}" == "true" ]]; then
  # The crash suite runs 200 kill trials by default; CI runs 60 in each build.
  export LEDGER_CRASH_TRIALS=${LEDGER_CRASH_TRIALS:-60}
fi
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 600

if [[ "${CI:-}" == "true" ]]; then
  # -O1 keeps the sanitized run fast enough; -g1 (line tables) is all a
  # sanitizer report needs (with the frame pointers LEDGER_SANITIZE keeps) and
  # builds much faster than -g.
  BUILD_DIR="${build_dir}-asan" BUILD_TYPE=Debug bash tools/setup.sh \
    -DLEDGER_WERROR=ON -DLEDGER_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    ctest --test-dir "${build_dir}-asan" --output-on-failure -j "$jobs" --timeout 900
  # Each libFuzzer target for FUZZ_SECONDS (20 in CI) from its seed corpus.
  FUZZ_SECONDS=${FUZZ_SECONDS:-20} bash tools/fuzz.sh
fi
echo "test: all tests passed" >&2
