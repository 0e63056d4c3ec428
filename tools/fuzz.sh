#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/fuzz.sh - build the libFuzzer targets (tests/fuzz/) with clang in
# build-fuzz/ and run fuzz campaigns.  See docs/fuzzing.md.
#
#   tools/fuzz.sh --list              the harnesses
#   tools/fuzz.sh HARNESS [SECONDS]   one campaign (default 600 s), with
#                                     progress every FUZZ_PROGRESS (10) s
#   tools/fuzz.sh --ci                every harness for FUZZ_SECONDS (60) s
#                                     (e2e: FUZZ_E2E_SECONDS, 30 s) from its
#                                     seed corpus, FUZZ_CI_PARALLEL (2) at
#                                     a time; any crash or disagreement fails
#
# Environment: FUZZ_CC (clang), FUZZ_BUILD_DIR (build-fuzz), FUZZ_SECONDS,
# FUZZ_E2E_SECONDS, FUZZ_CI_PARALLEL, FUZZ_PROGRESS, FUZZ_TIMEOUT
# (per-input limit, 10 s), FUZZ_JOBS (> 1: libFuzzer fork mode, which also
# keeps going after a crash), FUZZ_ARGS (extra libFuzzer flags).
#
# A campaign's growing corpus is build-fuzz/corpus/HARNESS/ (the seeds in
# tests/fuzz/corpus/HARNESS/ are read, never written); crashes go to
# build-fuzz/artifacts/HARNESS/.  After a model or sysreg campaign the
# script replays both corpora through a coverage build and prints which
# policies (Unpredictable_* and IMPLEMENTATION DEFINED choices) the corpus
# made the model consult, and the source coverage of model/ they reached.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
cc=${FUZZ_CC:-clang}
fuzzdir=$root/tests/fuzz
all_harnesses="model sysreg elf explain trace e2e"

die() {
	echo "fuzz.sh: $*" >&2
	exit 2
}

usage() {
	cat <<EOF
usage: tools/fuzz.sh HARNESS [SECONDS]   run one campaign (default 600 s)
       tools/fuzz.sh --list              list the harnesses
       tools/fuzz.sh --ci                run every harness for \$FUZZ_SECONDS
                                         (default 60; e2e \$FUZZ_E2E_SECONDS,
                                         30) s; fail on any crash
EOF
}

describe() {
	case $1 in
	model) echo "the model against the independent oracle (tests/fuzz/oracle.c)" ;;
	sysreg) echo "MSR/MRS access checks and register legalisation" ;;
	elf) echo "the ELF loader (emu/elf.c)" ;;
	explain) echo "armdbg's argument parsing (explain, policies, numbers)" ;;
	trace) echo "the trace-file parser (tools/trace.c)" ;;
	e2e) echo "end to end: the emulator running a fixed guest on fuzzed debug registers" ;;
	esac
}

have_harness() {
	[ -f "$fuzzdir/fuzz_$1.c" ]
}

available() {
	for h in $all_harnesses; do
		if have_harness "$h"; then
			printf '%s ' "$h"
		fi
	done
}

# Configure build-fuzz/ with clang and build the libFuzzer targets of the
# harnesses @...; sets $built to those that exist in this configuration
# (e2e needs the emulator and aarch64-linux-gnu-gcc).
build_targets() {
	command -v "$cc" >/dev/null 2>&1 || die "$cc not found (FUZZ_CC)"
	mkdir -p "$build"
	echo "fuzz.sh: building $* in $build"
	if ! cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER="$cc" \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DARMDBG_FUZZ=ON \
		>"$build/configure.log" 2>&1; then
		cat "$build/configure.log" >&2
		die "configure failed"
	fi
	cmake --build "$build" --target help >"$build/targets.log" 2>&1 || true
	targets=
	built=
	for h in "$@"; do
		if grep -q "[ .:]fuzz_$h\$" "$build/targets.log"; then
			targets="$targets --target fuzz_$h"
			built="$built $h"
		else
			echo "fuzz.sh: $h: not in this configuration (see" \
				"$build/configure.log): skipped"
		fi
	done
	[ -n "$built" ] || die "none of the harnesses can be built"
	# tests/fuzz/floor.c is not a harness; it is built with harness 1 so
	# that it keeps compiling (docs/fuzzing.md, "Third round").
	case " $built " in
	*" model "*)
		if grep -q "[ .:]fuzz_floor\$" "$build/targets.log"; then
			targets="$targets --target fuzz_floor"
		fi
		;;
	esac
	# shellcheck disable=SC2086 # one word per target
	if ! cmake --build "$build" $targets -j "$(nproc 2>/dev/null || echo 2)" \
		>"$build/build.log" 2>&1; then
		tail -n 40 "$build/build.log" >&2
		die "build failed (is tests/fuzz added by tests/CMakeLists.txt?)"
	fi
}

# The last libFuzzer status line of @log as "execs cov corpus exec/s".
status_of() {
	grep -a -E '^#[0-9]+.*cov: ' "$1" 2>/dev/null | tail -n 1 | awk '{
		execs = substr($1, 2); cov = "?"; corp = "?"; eps = "?"
		for (i = 2; i <= NF; i++) {
			if ($i == "cov:") cov = $(i + 1)
			if ($i == "corp:") corp = $(i + 1)
			if ($i == "exec/s:") eps = $(i + 1)
		}
		sub(/:$/, "", execs)
		print execs, cov, corp, eps
	}'
}

count_crashes() {
	find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' \
		-o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | wc -l |
		tr -d ' '
}

# run_campaign HARNESS SECONDS: returns libFuzzer's exit status (0 = clean).
run_campaign() {
	h=$1
	secs=$2
	bin=$build/fuzz/fuzz_$h
	work=$build/corpus/$h
	art=$build/artifacts/$h
	seeds=$fuzzdir/corpus/$h
	log=$build/fuzz_$h.log
	every=${FUZZ_PROGRESS:-10}
	jobs=${FUZZ_JOBS:-1}

	[ -x "$bin" ] || die "$bin was not built"
	mkdir -p "$work" "$art"
	[ -d "$seeds" ] || seeds=
	before=$(count_crashes "$art")
	mode=
	if [ "$jobs" -gt 1 ]; then
		mode="-fork=$jobs -ignore_crashes=1"
	fi
	echo "fuzz.sh: $h: $(describe "$h")"
	echo "fuzz.sh: $h: $secs s from ${seeds:-no seeds} (+ $work), log $log"
	# shellcheck disable=SC2086 # $mode and $FUZZ_ARGS are flag lists
	"$bin" -max_total_time="$secs" -print_final_stats=1 \
		-timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
		-artifact_prefix="$art/" $mode ${FUZZ_ARGS:-} \
		"$work" ${seeds:+"$seeds"} >"$log" 2>&1 &
	pid=$!
	t=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		t=$((t + 1))
		if [ $((t % every)) -eq 0 ]; then
			# shellcheck disable=SC2046 # split into the four fields
			set -- $(status_of "$log") "" "" "" ""
			echo "fuzz.sh: $h: ${t}s execs ${1:-0} exec/s ${4:-?}" \
				"cov ${2:-?} corpus ${3:-?}" \
				"disagreements $(($(count_crashes "$art") - before))"
		fi
	done
	rc=0
	wait "$pid" || rc=$?
	grep -a -E '^(stat::|Done )' "$log" | sed "s/^/fuzz.sh: $h: /" || true
	crashes=$(($(count_crashes "$art") - before))
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		echo "fuzz.sh: $h: FAILED (exit $rc, $crashes new reproducer(s) in $art)"
		grep -a -E 'invariant violated|ERROR: |SUMMARY: ' "$log" | head -n 5 |
			sed "s/^/fuzz.sh: $h:   /"
		echo "fuzz.sh: $h: replay one with: $bin FILE" \
			"(or fuzz_${h}_replay FILE in a normal build)"
		[ "$rc" -ne 0 ] || rc=1
	else
		echo "fuzz.sh: $h: OK, corpus now $(find "$work" -type f | wc -l | tr -d ' ') files"
	fi
	return "$rc"
}

# Which policies the corpus made the model consult: replay the seeds and
# the campaign corpus through a clang source-coverage build, then list the
# ad_policy(s, AD_POL_...) call sites in model/*.c that ran.
policy_report() {
	h=$1
	profdata=$(command -v llvm-profdata || command -v llvm-profdata-14 || true)
	llvmcov=$(command -v llvm-cov || command -v llvm-cov-14 || true)
	if [ -z "$profdata" ] || [ -z "$llvmcov" ]; then
		echo "fuzz.sh: $h: llvm-profdata/llvm-cov not found: no policy report"
		return 0
	fi
	cov=$build/cov
	mkdir -p "$cov"
	srcs="$fuzzdir/fuzz_$h.c $fuzzdir/driver.c"
	[ "$h" = model ] && srcs="$srcs $fuzzdir/oracle.c"
	# shellcheck disable=SC2086 # $srcs is a file list
	if ! "$cc" -std=c11 -O1 -fprofile-instr-generate -fcoverage-mapping \
		-I"$root/model" -I"$fuzzdir" $srcs "$root"/model/*.c \
		-o "$cov/fuzz_${h}_cov" 2>"$cov/build.log"; then
		cat "$cov/build.log" >&2
		echo "fuzz.sh: $h: coverage build failed: no policy report"
		return 0
	fi
	rm -f "$cov/$h.profraw"
	set -- "$build/corpus/$h"
	[ -d "$fuzzdir/corpus/$h" ] && set -- "$fuzzdir/corpus/$h" "$@"
	LLVM_PROFILE_FILE=$cov/$h.profraw "$cov/fuzz_${h}_cov" "$@" \
		>/dev/null 2>&1 || true
	"$profdata" merge -sparse -o "$cov/$h.profdata" "$cov/$h.profraw" ||
		return 0
	"$llvmcov" show "$cov/fuzz_${h}_cov" -instr-profile="$cov/$h.profdata" \
		-show-line-counts "$root"/model/*.c 2>/dev/null |
		awk -F'|' '/ad_policy\(s, AD_POL_/ {
			n = $2; gsub(/[ ]/, "", n)
			if (n == "" || n == "0") next
			if (match($3, /AD_POL_[A-Z0-9_]+/))
				print substr($3, RSTART, RLENGTH)
		}' | sort -u >"$cov/$h.policies"
	echo "fuzz.sh: $h: policies the corpus exercised:"
	# enum ad_policy_id, in order, with the Arm name from its comment.
	sed -n 's/^[[:space:]]*\(AD_POL_[A-Z0-9_]*\),[[:space:]]*\/\*[[:space:]]*\(.*[^ ]\)[[:space:]]*\*\/.*/\1 \2/p' \
		"$root/model/types.h" | while read -r id what; do
		if grep -qx "$id" "$cov/$h.policies"; then
			echo "fuzz.sh: $h:   yes $id ($what)"
		else
			echo "fuzz.sh: $h:   no  $id ($what)"
		fi
	done
	echo "fuzz.sh: $h: $(wc -l <"$cov/$h.policies" | tr -d ' ') policies exercised"
	# The TOTAL row: regions, missed, cover, functions ..., lines, missed, cover.
	"$llvmcov" report "$cov/fuzz_${h}_cov" -instr-profile="$cov/$h.profdata" \
		"$root"/model/*.c 2>/dev/null | awk -v h="$h" '$1 == "TOTAL" {
			printf "fuzz.sh: %s: source coverage of model/*.c: " \
				"regions %s, functions %s, lines %s, branches %s\n",
				h, $4, $7, $10, $13
		}'
}

[ $# -ge 1 ] || { usage >&2; exit 2; }

case $1 in
-h | --help)
	usage
	;;
--list)
	for h in $all_harnesses; do
		if have_harness "$h"; then
			printf '%-8s %s\n' "$h" "$(describe "$h")"
		else
			printf '%-8s %s (not there yet)\n' "$h" "$(describe "$h")"
		fi
	done
	;;
--ci)
	[ $# -eq 1 ] || die "--ci takes no arguments (use FUZZ_SECONDS)"
	secs=${FUZZ_SECONDS:-60}
	e2e_secs=${FUZZ_E2E_SECONDS:-30}
	par=${FUZZ_CI_PARALLEL:-2}
	hs=$(available)
	[ -n "$hs" ] || die "no harness sources in $fuzzdir"
	# shellcheck disable=SC2086 # one word per harness
	build_targets $hs
	failed=
	# shellcheck disable=SC2086 # one word per harness
	set -- $built
	# $par campaigns at a time, each on its own core; their output is
	# printed when the group ends.
	while [ $# -gt 0 ]; do
		group=
		n=0
		while [ $# -gt 0 ] && [ "$n" -lt "$par" ]; do
			group="$group $1"
			n=$((n + 1))
			shift
		done
		for h in $group; do
			t=$secs
			[ "$h" = e2e ] && t=$e2e_secs
			run_campaign "$h" "$t" >"$build/ci_$h.out" 2>&1 &
			eval "pid_$h=\$!"
		done
		for h in $group; do
			rc=0
			eval "wait \"\$pid_$h\"" || rc=$?
			cat "$build/ci_$h.out"
			[ "$rc" -eq 0 ] || failed="$failed $h"
		done
	done
	if [ -n "$failed" ]; then
		echo "fuzz.sh: FAILED:$failed"
		exit 1
	fi
	echo "fuzz.sh: all harnesses clean (${built# })"
	;;
-*)
	usage >&2
	exit 2
	;;
*)
	h=$1
	secs=${2:-600}
	have_harness "$h" || die "unknown harness '$h' (see --list)"
	case $secs in
	'' | *[!0-9]*) die "SECONDS must be a number, got '$secs'" ;;
	esac
	build_targets "$h"
	rc=0
	run_campaign "$h" "$secs" || rc=$?
	case $h in
	model | sysreg) policy_report "$h" ;;
	esac
	exit "$rc"
	;;
esac
