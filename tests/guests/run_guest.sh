#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tests/guests/run_guest.sh - run one guest test and check its transcript.
#
#   run_guest.sh [--status N] EXPECTED COMMAND [ARG]...
#
# Runs COMMAND (armdbg run ... guest.elf, or qemu-system-aarch64 ...), then
# compares its standard output with the file EXPECTED byte for byte, after
# dropping EXPECTED's comment lines (lines starting with '#': guests never
# print one), and checks the exit status.  The expected status is N when
# given, else 0 when the last line of EXPECTED is "PASS" and 1 when it is
# "FAIL: ..." (the guest's own verdict).  On a mismatch prints a unified
# diff (expected -> actual) and the command's standard error.
set -u

status=
if [ "${1:-}" = "--status" ]; then
	status=$2
	shift 2
fi
if [ $# -lt 2 ]; then
	echo "usage: run_guest.sh [--status N] EXPECTED COMMAND [ARG]..." >&2
	exit 2
fi
expected=$1
shift
if [ ! -r "$expected" ]; then
	echo "run_guest.sh: cannot read $expected" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/run_guest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

grep -v '^#' "$expected" > "$tmp/expected"
if [ -z "$status" ]; then
	case $(tail -n 1 "$tmp/expected") in
	PASS) status=0 ;;
	FAIL:*) status=1 ;;
	*)
		echo "run_guest.sh: $expected ends with neither PASS nor FAIL:" >&2
		exit 2
		;;
	esac
fi

"$@" > "$tmp/actual" 2> "$tmp/stderr" < /dev/null
rc=$?

ok=1
if ! cmp -s "$tmp/expected" "$tmp/actual"; then
	echo "transcript differs from $expected:"
	diff -u "$tmp/expected" "$tmp/actual" | sed '1s|^--- [^	]*|--- expected|; 2s|^+++ [^	]*|+++ actual|'
	ok=0
fi
if [ "$rc" -ne "$status" ]; then
	echo "exit status $rc, expected $status"
	ok=0
fi
if [ $ok -eq 0 ]; then
	if [ -s "$tmp/stderr" ]; then
		echo "standard error:"
		cat "$tmp/stderr"
	fi
	exit 1
fi
echo "ok: $(grep -c '' "$tmp/actual") lines, exit status $rc"
exit 0
