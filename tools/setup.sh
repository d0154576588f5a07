#!/usr/bin/env bash
# Installs the Debian 12 packages the ledger builds with (only the missing
# ones), then configures and builds it with CMake and Ninja.
#
#   bash tools/setup.sh [extra cmake arguments...]
#
# Environment: BUILD_DIR (default build), BUILD_TYPE (default RelWithDebInfo),
# JOBS (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash tools/install_packages.sh

build_dir=${BUILD_DIR:-build}
echo "setup: building ${build_dir} (${BUILD_TYPE:-RelWithDebInfo})" >&2
# RelWithDebInfo with -g1 (line tables: enough for backtraces, perf and a
# sanitizer report) instead of -g: the build is about a quarter faster.
# Later arguments (test.sh's sanitizer build) override it.
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" "$@" >/dev/null
# Build progress goes to stderr: stdout is left to the callers' results.
cmake --build "$build_dir" -j "${JOBS:-2}" >&2
