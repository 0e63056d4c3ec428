#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian packages armdbg needs (idempotent, non-interactive).
# Installs nothing, and does not run apt-get, when everything is present.
set -euo pipefail

packages=(
	build-essential
	cmake
	pkg-config
	check
	libunicorn-dev
	libcapstone-dev
	gcc-aarch64-linux-gnu
	binutils-aarch64-linux-gnu
	qemu-system-arm
	clang
	libclang-rt-14-dev	# libFuzzer (tools/fuzz.sh)
	llvm			# llvm-cov, llvm-profdata (tools/fuzz.sh reports)
)

is_installed() {
	local status
	status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
	[[ "$status" == "install ok installed" ]]
}

missing=()
for p in "${packages[@]}"; do
	if ! is_installed "$p"; then
		missing+=("$p")
	fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
	echo "install-deps: all packages present"
	exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
	echo "install-deps: missing packages: ${missing[*]}" >&2
	echo "install-deps: run as root:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
