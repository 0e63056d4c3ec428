#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# THE main command: install dependencies, build, and show armdbg decoding a
# few register values and listing its CONSTRAINED UNPREDICTABLE policies.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./tools/install-deps.sh

cmake -S . -B build -DCMAKE_C_COMPILER=gcc -DARMDBG_SANITIZE=OFF
cmake --build build -j2

run() {
	echo "\$ $*"
	"$@"
	echo
}

# An EL0 watchpoint on 4-byte stores (E=1, PAC=0b10, LSC=0b10, BAS=0x0f).
run build/armdbg explain dbgwcr0_el1=0x1f5
# MDSCR_EL1 with MDE, KDE and SS set.
run build/armdbg explain mdscr_el1=0xa001
# The syndrome of a watchpoint taken at the same EL, on a write.
run build/armdbg explain esr_el1=0xd6000062
# An EL1+EL0 address breakpoint (PMC=0b11, BAS=0b1111).
run build/armdbg explain dbgbcr0_el1=0x1e7
# CONSTRAINED UNPREDICTABLE cases: a context type on breakpoint 0 (not
# context-aware on a Cortex-A57) and a non-contiguous watchpoint BAS, first
# with the default policies, then with one overridden; then as JSON.
run build/armdbg explain dbgbcr0_el1=0x2001e7 dbgwcr1_el1=0xb5
run build/armdbg explain --policy RESBPTYPE=unknown dbgbcr0_el1=0x2001e7
run build/armdbg explain --json dbgwcr0_el1=0x1f5 dbgwcr1_el1=0xb5
run build/armdbg policies
