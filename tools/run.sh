#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# THE main command: install dependencies, build, and replay every bundled
# trace scenario (traces/*.trace) against freshly built images, printing
# the TAP report (TAP version 14, as KUnit prints it).  The exit status is
# armdbg replay's: 0 when every scenario replays exactly, 1 on a
# divergence, 2 on a malformed trace.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./tools/install-deps.sh >&2

cmake -S . -B build -DCMAKE_C_COMPILER=gcc -DARMDBG_SANITIZE=OFF >&2
cmake --build build -j2 >&2

# The timeline of scenario 3 (the kgdb step that lands in the IRQ
# handler), for a browser: build/traces/irq_step_kgdb.svg.
build/armdbg replay --quiet --images build/traces \
	--svg build/traces/irq_step_kgdb.svg traces/irq_step_kgdb.trace >/dev/null ||
	true
echo "# SVG timeline of scenario 3: build/traces/irq_step_kgdb.svg" >&2

exec build/armdbg replay --images build/traces traces/*.trace
