#!/bin/sh
# SPDX-License-Identifier: MIT
#
# traces/replay_repeat.sh ARMDBG IMAGES N TRACE... - replay the TRACEs N
# times in a row and check that every replay passes and prints the same
# bytes (the TAP report, hashed).  Determinism: nothing in a run may depend
# on host time, addresses or iteration order.
set -u
[ $# -ge 4 ] || { echo "usage: $0 ARMDBG IMAGES N TRACE..." >&2; exit 2; }
armdbg=$1 images=$2 n=$3
shift 3
first=
i=0
while [ "$i" -lt "$n" ]; do
	out=$("$armdbg" replay --images "$images" "$@") || {
		echo "replay $i failed:"
		printf '%s\n' "$out"
		exit 1
	}
	sum=$(printf '%s\n' "$out" | cksum)
	if [ -z "$first" ]; then
		first=$sum
	elif [ "$sum" != "$first" ]; then
		echo "replay $i printed different bytes ($sum, first $first)"
		exit 1
	fi
	i=$((i + 1))
done
echo "$n replays of $# trace(s): byte-identical ($first)"
