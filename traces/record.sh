#!/bin/sh
# SPDX-License-Identifier: MIT
#
# traces/record.sh BUILD_DIR [NAME...] - (re-)record the bundled traces.
#
# For every line of traces/scenarios.list (or only the NAMEs given) run
#   BUILD_DIR/armdbg record BUILD_DIR/traces/IMAGE.elf -o traces/NAME.trace \
#       --name NAME --description DESCRIPTION OPTIONS...
# then check the new trace with
#   BUILD_DIR/armdbg replay --images BUILD_DIR/traces traces/NAME.trace
# Stops at the first failure.  The images must be built first
# (cmake --build BUILD_DIR); a trace stores the SHA-256 of its image, so
# record from the same sources the traces are committed with.
set -eu

usage() {
	echo "usage: $0 BUILD_DIR [NAME...]" >&2
	exit 2
}

[ $# -ge 1 ] || usage
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
armdbg=$build/armdbg
images=$build/traces

[ -x "$armdbg" ] || { echo "$0: $armdbg: not found (build first)" >&2; exit 2; }
"$armdbg" --help 2>&1 | grep -q 'armdbg record' ||
	{ echo "$0: $armdbg has no 'record' command" >&2; exit 2; }

# wanted NAME -- [NAME...]: is NAME selected (all are when none is given)?
wanted() {
	n=$1
	shift 2
	[ $# -eq 0 ] && return 0
	for w in "$@"; do
		[ "$w" = "$n" ] && return 0
	done
	return 1
}

found=0
while IFS='|' read -r name image opts desc; do
	case $name in ''|'#'*) continue ;; esac
	wanted "$name" -- "$@" || continue
	found=$((found + 1))
	elf=$images/$image.elf
	[ -f "$elf" ] || { echo "$0: $elf: not built" >&2; exit 1; }
	echo "record $name"
	# $opts is split into words on purpose (e.g. "--cpu v9-max", "--input ...").
	# shellcheck disable=SC2086
	"$armdbg" record "$elf" -o "$here/$name.trace" --name "$name" \
		--description "$desc" $opts
	"$armdbg" replay --images "$images" "$here/$name.trace"
done < "$here/scenarios.list"

if [ $# -gt 0 ] && [ "$found" -ne $# ]; then
	echo "$0: some of '$*' are not in scenarios.list" >&2
	exit 1
fi
