#!/usr/bin/env bash
# Installs the Debian 12 packages Lineside needs to build, run and test (add --bench for Kamailio and rtpengine).
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config dpkg-dev file libsofia-sip-ua-dev libssl-dev libsrtp2-dev
  libpoco-dev libyaml-cpp-dev doctest-dev libsqlite3-dev)
run_pkgs=(openssl)
test_pkgs=(sip-tester python3 python3-pytest python3-yaml sqlite3 procps iproute2 baresip tshark)
bench_pkgs=(kamailio rtpengine-daemon jq curl)

usage() {
  echo "usage: bash packaging/deps.sh [--bench]   (--bench adds Kamailio and rtpengine for bench/)" >&2
  exit 2
}

wanted=("${build_pkgs[@]}" "${run_pkgs[@]}" "${test_pkgs[@]}")
for arg in "$@"; do
  case "$arg" in
    --bench) wanted+=("${bench_pkgs[@]}") ;;
    -h|--help) usage ;;
    *) echo "deps.sh: unknown argument: $arg" >&2; usage ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#wanted[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing packages (${missing[*]}); run as root to install them" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
