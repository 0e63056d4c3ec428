#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# THE test command: install dependencies, build a normal tree (build/, gcc)
# and a sanitizer tree (build-asan/, clang, ASan+UBSan), run every test in
# both.  Exits non-zero if anything fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

./tools/install-deps.sh

cmake -S . -B build -DCMAKE_C_COMPILER=gcc -DARMDBG_SANITIZE=OFF
cmake --build build -j2

cmake -S . -B build-asan -DCMAKE_C_COMPILER=clang -DARMDBG_SANITIZE=ON
cmake --build build-asan -j2

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
ctest --test-dir build -V --no-tests=error || status=1
ctest --test-dir build-asan -V --no-tests=error || status=1

if [[ $status -ne 0 ]]; then
	echo "test.sh: FAILED" >&2
else
	echo "test.sh: all tests passed"
fi
exit "$status"
