#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang in build-fuzz and runs
# each for FUZZ_SECONDS, starting from a copy of its seed corpus
# (tests/fuzz/corpus/<target>/; the repository is never written to). Fails if
# any target crashes, leaks, times out or breaks an invariant; the input that
# did it is kept as build-fuzz/fuzz-run/<target>/crash-* (or leak-*, ...).
#
#   FUZZ_SECONDS=20 bash tools/fuzz.sh [target...]   (default: every target)
#
# Reproduce a finding: build-fuzz/tests/fuzz/<target> <artifact file>
#
# Environment: FUZZ_SECONDS (default 20, per target), BUILD_DIR (default
# build-fuzz), JOBS (default 2: build jobs, and targets run at once).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${FUZZ_SECONDS:-20}
jobs=${JOBS:-2}
build_dir=${BUILD_DIR:-build-fuzz}
all_targets=(fuzz_event_line fuzz_events_jsonl fuzz_json fuzz_rules)
targets=("$@")
if ((${#targets[@]} == 0)); then targets=("${all_targets[@]}"); fi

# The configure step still finds every package the top CMakeLists requires,
# so the fuzz build needs tools/setup.sh's packages plus clang and its
# runtimes (libFuzzer, ASan, UBSan); only the missing ones are installed.
bash tools/install_packages.sh clang libclang-rt-14-dev

# Debug keeps assert() on; -O1 keeps the sanitized build and run quick. Only
# the fuzzers and the libraries they use are built (no RocksDB code).
echo "fuzz: building ${build_dir}" >&2
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DLEDGER_FUZZ=ON -DLEDGER_WERROR=ON >/dev/null
cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}" >&2

dict_of() {
  case "$1" in
    fuzz_event_line|fuzz_events_jsonl) echo tests/fuzz/events.dict ;;
    fuzz_json) echo tests/fuzz/json.dict ;;
    fuzz_rules) echo tests/fuzz/rules.dict ;;
  esac
}

run_root="$build_dir/fuzz-run"
# Runs one target in $run_root/<target>/ (fresh each time); log in fuzz.log.
run_target() {
  local target=$1
  local dir="$run_root/$target"
  rm -rf "$dir"
  mkdir -p "$dir/corpus"
  cp tests/fuzz/corpus/"$target"/* "$dir/corpus/"
  local args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048
              -print_final_stats=1 -artifact_prefix="$dir/")
  local dict
  dict=$(dict_of "$target")
  if [[ -n "$dict" ]]; then args+=(-dict="$dict"); fi
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build_dir/tests/fuzz/$target" "${args[@]}" "$dir/corpus" >"$dir/fuzz.log" 2>&1
}

# Runs up to $jobs targets at once; reports each as it is checked.
echo "fuzz: running ${targets[*]} for ${seconds}s each, ${jobs} at a time" >&2
failed=()
pids=()
names=()
check_oldest() {
  local target=${names[0]}
  if wait "${pids[0]}"; then
    local execs speed
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run_root/$target/fuzz.log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run_root/$target/fuzz.log")
    echo "fuzz: ${target}: ok, ${execs:-?} runs, ${speed:-?}/s" >&2
  else
    echo "fuzz: ${target}: FAILED; the end of $run_root/$target/fuzz.log:" >&2
    tail -n 60 "$run_root/$target/fuzz.log" >&2
    ls "$run_root/$target"/{crash,leak,timeout,oom}-* 2>/dev/null >&2 || true
    failed+=("$target")
  fi
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=($!)
  names+=("$target")
  if ((${#pids[@]} >= jobs)); then check_oldest; fi
done
while ((${#pids[@]} > 0)); do check_oldest; done

if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (reproduce: $build_dir/tests/fuzz/<target> <artifact>)" >&2
  exit 1
fi
echo "fuzz: no crashes" >&2
