#!/usr/bin/env bash
# Installs the Debian packages strata needs to build, test and run its
# examples, when they are missing. As root it runs apt-get; otherwise it names
# the packages and stops.
set -euo pipefail

packages=(cmake ninja-build g++ clang-19 libclang-rt-19-dev libboost1.81-dev libfmt-dev
          libtomlplusplus-dev doctest-dev libbenchmark-dev time libyaml-cpp-dev etcd-server etcd-client
          python3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "strata needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
