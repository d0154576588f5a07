#!/usr/bin/env bash
# Installs the Debian 12 packages the ledger builds with, plus any named as
# arguments: only the missing ones, through sudo when not root. The package
# index is refreshed only when something must be installed.
#
#   bash tools/install_packages.sh [extra packages...]
set -euo pipefail

packages=(cmake g++ ninja-build librocksdb-dev libprotobuf-dev protobuf-compiler
          libabsl-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libssl-dev "$@")
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "install: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
