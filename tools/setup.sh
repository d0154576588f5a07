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

PACKAGES=(cmake g++ ninja-build librocksdb-dev libprotobuf-dev protobuf-compiler
          libabsl-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libssl-dev)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "setup: installing ${missing[*]}" >&2
  # The package index is refreshed only when something must be installed.
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${BUILD_DIR:-build}
echo "setup: building ${build_dir} (${BUILD_TYPE:-RelWithDebInfo})" >&2
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
# Build progress goes to stderr: stdout is left to the callers' results.
cmake --build "$build_dir" -j "${JOBS:-2}" >&2
