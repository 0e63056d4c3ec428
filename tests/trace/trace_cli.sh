#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tests/trace/trace_cli.sh MODE ARMDBG GUEST.elf WORKDIR [XMLLINT]
#
# `armdbg record` and `armdbg replay` end to end on trace_guest.S.  The
# expected values come from the guest's source and the architecture (ESR
# encodings), from the trace format (docs/traces.md) and from independent
# tools (sha256sum), never from a previous run of armdbg.  MODE:
#   record_replay  record, check the trace's content, replay passes (TAP)
#   repeat         100 replays give byte-identical output
#   divergence     edited traces give `not ok`, status 1 and a readable report
#   malformed      bad traces and arguments give FILE:LINE: message, status 2
#   svg            --svg writes a well-formed, deterministic timeline
#   atomic         a failed record leaves no trace and no temporary file
set -u

mode=$1
armdbg=$2
elf=$3
work=$4
xmllint=${5:-}

fail() {
	echo "FAIL ($mode): $*"
	exit 1
}

rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1
cp "$elf" trace_guest.elf || exit 1

# The guest needs well under 1 MiB of RAM; a small RAM keeps each run fast.
ram=1

# The guest's exceptions, from the architecture (ESR_ELx = EC << 26 | IL | ISS):
esr_svc1=0x56000001	# EC 0x15 SVC64, IL, imm16 = 1
esr_svc2=0x56000002	# imm16 = 2
esr_step=0xcb000022	# EC 0x32 step from a lower EL, IL, ISV=1, EX=0, IFSC 0x22
esr_brk=0xf2000007	# EC 0x3c BRK64, IL, comment 7

record() {
	"$armdbg" record trace_guest.elf -o "${1:-t.trace}" --name trace-guest --ram $ram \
		--input 0:spi:40:assert \
		--description "the trace test guest: svc, irq, step, brk" >record.out 2>record.err ||
		fail "record: $(cat record.err)"
}

# has FILE EXTENDED-REGEX: the file has a matching line
has() {
	grep -Eq -- "$2" "$1" || fail "$1 has no line matching '$2'"
}

# hasnt FILE EXTENDED-REGEX
hasnt() {
	! grep -Eq -- "$2" "$1" || fail "$1 has a line matching '$2'"
}

# rc2 FILE:LINE MESSAGE COMMAND...: status 2 and "FILE:LINE: ...MESSAGE" on stderr
rc2() {
	want=$1
	msg=$2
	shift 2
	"$@" >out.txt 2>err.txt
	rc=$?
	[ $rc -eq 2 ] || fail "$*: status $rc, not 2 ($(cat err.txt))"
	grep -Fq -- "$want: " err.txt || fail "$*: stderr does not start '$want: ': $(cat err.txt)"
	grep -Fq -- "$msg" err.txt || fail "$*: stderr lacks '$msg': $(cat err.txt)"
	[ ! -s out.txt ] || fail "$*: printed on stdout: $(cat out.txt)"
}

# line_no FILE FIXED-STRING: the line number of the first line starting with it
line_no() {
	grep -n -F -- "$2" "$1" | sed -n '1s/:.*//p'
}

# checkpoints FILE: the events that get a subtest (docs/traces.md)
checkpoints() {
	grep -cE '^event cycle=[0-9]+ pe=[0-9]+ event=(exception|irq|breakpoint|watchpoint|step|brk|input) ' "$1"
}

case $mode in
record_replay)
	record
	has record.out '^recorded t\.trace: scenario trace-guest, [0-9]+ events, exit status 0'
	[ "$(sed -n 1p t.trace)" = "armdbg-trace 1" ] || fail "first line: $(sed -n 1p t.trace)"
	has t.trace '^name trace-guest$'
	has t.trace '^description "the trace test guest: svc, irq, step, brk"$'
	has t.trace '^image trace_guest\.elf$'
	sha=$(sha256sum trace_guest.elf | cut -d' ' -f1)
	has t.trace "^image-sha256 $sha\$"
	has t.trace '^cpu cortex-a57$'
	has t.trace '^el2 0$'
	has t.trace "^ram-mib $ram\$"
	has t.trace '^cycles-per-tick 16$'
	has t.trace '^policy Impdef_StepVersusInterrupt=step_first$'
	[ "$(grep '^input ' t.trace)" = "input 0:spi:40:assert" ] || fail "input lines: $(grep '^input ' t.trace)"
	has t.trace '^event cycle=0 pe=0 event=input el=1 pc=0x[0-9a-f]+ line=spi intid=40 level=1 '
	has t.trace '^status 0$'
	[ "$(grep '^output ' t.trace)" = 'output "trace guest: start\n"
output "trace guest: done\n"' ] || fail "output lines: $(grep '^output ' t.trace)"
	has t.trace "^event cycle=[0-9]+ pe=0 event=exception el=0 pc=0x[0-9a-f]+ exc=svc target_el=1 esr=$esr_svc1 "
	has t.trace "^event cycle=[0-9]+ pe=0 event=eret el=1 .* step=active-not-pending"
	# The IRQ comes before the stepped instruction: SPSR_EL1.SS = 1 saved,
	# the vector is VBAR_EL1 + 0x480 (lower EL, AArch64, IRQ).
	vbar=$(sed -n 's/^final VBAR_EL1=//p' t.trace)
	vec=$(printf '0x%x' $((vbar + 0x480)))
	has t.trace "^event cycle=[0-9]+ pe=0 event=irq el=0 pc=0x[0-9a-f]+ exc=irq target_el=1 elr=0x[0-9a-f]+ spsr=0x200000 vector=$vec intid=40 "
	has t.trace "^event cycle=[0-9]+ pe=0 event=exception el=0 pc=0x[0-9a-f]+ exc=step target_el=1 esr=$esr_step "
	has t.trace "^event cycle=[0-9]+ pe=0 event=exception el=0 pc=0x[0-9a-f]+ exc=brk target_el=1 esr=$esr_brk "
	has t.trace "^event cycle=[0-9]+ pe=0 event=exception el=0 pc=0x[0-9a-f]+ exc=svc target_el=1 esr=$esr_svc2 "
	has t.trace '^event cycle=[0-9]+ pe=0 event=halt el=1 .* code=0 '
	has t.trace '^final x19=0x2$'	# the stepped add ran once
	has t.trace '^final MDSCR_EL1=0x0$'	# the step handler cleared SS
	[ "$(tail -n 1 t.trace)" = end ] || fail "last line: $(tail -n 1 t.trace)"
	# The digest is SHA-256 of the final lines without "final " (docs/traces.md).
	dig=$(grep '^final ' t.trace | cut -c7- | sha256sum | cut -d' ' -f1)
	has t.trace "^final-sha256 $dig\$"
	# The events are exactly what `armdbg run --log` writes.
	"$armdbg" run --ram $ram --input 0:spi:40:assert --log run.log trace_guest.elf >run.out 2>&1 || fail "run: $(cat run.out)"
	sed -n 's/^event //p' t.trace >trace.log
	cmp -s run.log trace.log || fail "the trace's events differ from armdbg run --log"
	[ "$(cat run.out)" = "trace guest: start
trace guest: done" ] || fail "run output: $(cat run.out)"
	# Recording again gives the same bytes.
	record t2.trace
	cmp -s t.trace t2.trace || fail "two recordings differ"

	# Replay: TAP version 14 as KUnit prints it.
	"$armdbg" replay t.trace >tap.txt 2>err.txt || fail "replay: status $?: $(cat tap.txt err.txt)"
	[ ! -s err.txt ] || fail "replay wrote on stderr: $(cat err.txt)"
	n=$(($(checkpoints t.trace) + 4))
	[ "$(sed -n 1,4p tap.txt)" = "TAP version 14
1..1
    # Subtest: trace-guest
    1..$n" ] || fail "TAP header: $(sed -n 1,4p tap.txt)"
	[ "$(grep -c '^    ok [0-9]* - ' tap.txt)" -eq $n ] || fail "not $n subtests ok: $(cat tap.txt)"
	hasnt tap.txt 'not ok'
	has tap.txt "^    ok [0-9]+ - cycle [0-9]+: exception step at EL0 pc 0x"
	has tap.txt "^    ok [0-9]+ - cycle [0-9]+: irq intid 40 at EL0 pc 0x"
	has tap.txt "^    ok [0-9]+ - cycle 0: input spi intid 40 at EL1 pc 0x"
	has tap.txt '^    ok [0-9]+ - guest output: 2 lines$'
	has tap.txt '^    ok [0-9]+ - exit status 0$'
	has tap.txt "^    ok $n - final state: cycle [0-9]+, [0-9]+ instructions, sha256 $(echo "$dig" | cut -c1-16)\$"
	[ "$(tail -n 2 tap.txt)" = "ok 1 - trace-guest
# Totals: pass:$n fail:0 skip:0 total:$n" ] || fail "TAP end: $(tail -n 2 tap.txt)"

	# --quiet: passing traces get no subtests.
	"$armdbg" replay --quiet t.trace t2.trace >quiet.txt || fail "replay --quiet: status $?"
	[ "$(cat quiet.txt)" = "TAP version 14
1..2
ok 1 - trace-guest
ok 2 - trace-guest
# Totals: pass:$((2 * n)) fail:0 skip:0 total:$((2 * n))" ] || fail "--quiet: $(cat quiet.txt)"

	# The image is looked up next to the trace, or in --images DIR.
	mkdir -p elsewhere
	cp t.trace elsewhere/
	rc2 "elsewhere/t.trace:$(line_no t.trace image)" "image trace_guest.elf not found" \
		"$armdbg" replay elsewhere/t.trace
	"$armdbg" replay --images "$work" elsewhere/t.trace >tap2.txt || fail "--images: status $?"
	has tap2.txt '^ok 1 - trace-guest$'

	# Scenario settings go into the trace and are replayed.
	"$armdbg" record trace_guest.elf -o opts.trace --cpu cortex-a72 \
		--policy Impdef_StepVersusInterrupt=irq_first --max-insns 5000 \
		--cycles-per-tick 8 --exc-entry-cycles 3 --exc-return-cycles 2 \
		--input 20:spi:40:assert --input 30:ppi:27:deassert \
		--description "$(printf 'two\nlines "quoted"')" >/dev/null 2>record.err ||
		fail "record with options: $(cat record.err)"
	has opts.trace '^name opts$'
	has opts.trace '^description "two"$'
	has opts.trace '^description "lines \\"quoted\\""$'
	has opts.trace '^cpu cortex-a72$'
	has opts.trace '^max-insns 5000$'
	has opts.trace '^cycles-per-tick 8$'
	has opts.trace '^exc-entry-cycles 3$'
	has opts.trace '^exc-return-cycles 2$'
	has opts.trace '^policy Impdef_StepVersusInterrupt=irq_first$'
	[ "$(grep '^input ' opts.trace)" = "input 20:spi:40:assert
input 30:ppi:27:deassert" ] || fail "input lines: $(grep '^input ' opts.trace)"
	has opts.trace '^event cycle=20 pe=0 event=input .*line=spi intid=40 level=1'
	# 3 extra cycles per exception entry, 2 per return: not the same time as t.trace.
	[ "$(grep '^cycles ' opts.trace)" != "$(grep '^cycles ' t.trace)" ] ||
		fail "exception costs did not change the virtual time"
	"$armdbg" replay opts.trace >tap3.txt || fail "replay opts.trace: $(cat tap3.txt)"
	has tap3.txt '^    ok [0-9]+ - cycle 20: input spi intid 40 at EL[01] pc 0x'
	;;

repeat)
	record
	"$armdbg" replay t.trace >first.txt || fail "replay: status $?"
	i=1
	while [ $i -le 100 ]; do
		"$armdbg" replay t.trace >again.txt || fail "replay $i: status $?"
		cmp -s first.txt again.txt || fail "replay $i differs: $(diff first.txt again.txt)"
		i=$((i + 1))
	done
	# Also when it diverges.
	sed "s/ esr=$esr_brk elr=/ esr=0xf2000008 elr=/" t.trace >bad.trace
	"$armdbg" replay bad.trace >bad1.txt
	"$armdbg" replay bad.trace >bad2.txt
	cmp -s bad1.txt bad2.txt || fail "divergence reports differ"
	echo "100 replays byte-identical"
	;;

divergence)
	record
	# One field of one event: the BRK's syndrome.
	sed "s/ esr=$esr_brk elr=/ esr=0xf2000008 elr=/" t.trace >esr.trace
	cmp -s t.trace esr.trace && fail "the edit did not apply"
	"$armdbg" replay esr.trace >tap.txt 2>err.txt
	rc=$?
	[ $rc -eq 1 ] || fail "status $rc, not 1"
	cat tap.txt
	ev=$(line_no esr.trace "event cycle=")
	brk_pc=$(sed -n 's/^event .* event=exception el=0 pc=\(0x[0-9a-f]*\) exc=brk .*/\1/p' t.trace)
	bad=$(line_no esr.trace "event=exception el=0 pc=$brk_pc exc=brk")
	evno=$((bad - ev + 1))
	has tap.txt "^not ok 1 - trace-guest$"
	has tap.txt "^    # first divergence: event $evno of [0-9]+ \\(trace line $bad\\)$"
	has tap.txt "^    # at cycle [0-9]+, PE 0, EL0, PC $brk_pc <el0_task\\+0xc>: brk #0x7$"
	has tap.txt "^    # expected: .* esr=0xf2000008 "
	has tap.txt "^    # actual:   .* esr=$esr_brk "
	has tap.txt "^    #   esr: expected 0xf2000008 \\(EC 0x3c .*Comment=0x8\\), actual $esr_brk \\(EC 0x3c .*Comment=0x7\\)$"
	has tap.txt "^    # the $((evno - 1)) events before it \\(the same in both\\):$"
	has tap.txt "^    not ok [0-9]+ - cycle [0-9]+: exception brk at EL0 pc $brk_pc\$"
	has tap.txt "^    ok [0-9]+ - .* # SKIP the event log diverged earlier \\(event $evno\\)$"
	has tap.txt '^    ok [0-9]+ - exit status 0$'
	has tap.txt '^# Totals: pass:[0-9]+ fail:1 skip:[1-9][0-9]* total:'

	# An event missing: the run has one the trace does not.
	grep -v ' event=brk ' t.trace >gone.trace
	"$armdbg" replay gone.trace >tap.txt && fail "a missing event is not a divergence"
	has tap.txt "^    # actual:   cycle=[0-9]+ pe=0 event=brk el=0 pc=$brk_pc taken=1 "
	has tap.txt "^    #   event: expected exception, actual brk$"

	# The guest output, the exit status, a final register.
	sed 's/^output "trace guest: done\\n"$/output "trace guest: finished\\n"/' t.trace >out.trace
	"$armdbg" replay out.trace >tap.txt && fail "an output change is not a divergence"
	has tap.txt '^    # output line 2 differs \(trace line [0-9]+\):$'
	has tap.txt '^    # expected: "trace guest: finished\\n"$'
	has tap.txt '^    # actual:   "trace guest: done\\n"$'
	has tap.txt '^    not ok [0-9]+ - guest output: 2 lines$'
	sed 's/^status 0$/status 3/' t.trace >status.trace
	"$armdbg" replay status.trace >tap.txt && fail "a status change is not a divergence"
	has tap.txt '^    # exit status: expected 3, actual 0 \(trace line [0-9]+\)$'
	sed 's/^final x19=0x2$/final x19=0x3/' t.trace >x19.trace
	dig=$(grep '^final ' x19.trace | cut -c7- | sha256sum | cut -d' ' -f1)
	sed -i "s/^final-sha256 .*/final-sha256 $dig/" x19.trace
	"$armdbg" replay x19.trace >tap.txt && fail "a register change is not a divergence"
	has tap.txt "^    # final-sha256: expected $dig, actual "
	has tap.txt '^    #   x19: expected 0x3, actual 0x2 \(trace line [0-9]+\)$'
	has tap.txt '^    not ok [0-9]+ - final state: '

	# One bad trace among good ones: status 1, the others still ok.
	"$armdbg" replay t.trace esr.trace t.trace >tap.txt
	[ $? -eq 1 ] || fail "mixed replay: not status 1"
	[ "$(grep -E '^(not )?ok ' tap.txt)" = "ok 1 - trace-guest
not ok 2 - trace-guest
ok 3 - trace-guest" ] || fail "mixed replay: $(grep -E '^(not )?ok ' tap.txt)"
	;;

malformed)
	record
	bad() { # bad NAME SED-SCRIPT: a copy of t.trace with one change
		sed "$2" t.trace >"$1"
		cmp -s t.trace "$1" && fail "$1: the edit did not apply"
	}
	bad version.trace '1s/.*/armdbg-trace 2/'
	rc2 version.trace:1 "unsupported trace version 2" "$armdbg" replay version.trace
	bad key.trace '3a\
colour blue'
	rc2 key.trace:4 "unknown key 'colour'" "$armdbg" replay key.trace
	bad number.trace 's/^max-insns .*/max-insns 12x/'
	rc2 "number.trace:$(line_no t.trace max-insns)" "max-insns: not a decimal number: '12x'" \
		"$armdbg" replay number.trace
	bad policy.trace 's/^policy Impdef_ResetUnknown=.*/policy Impdef_NoSuchThing=zero/'
	rc2 "policy.trace:$(line_no t.trace 'policy Impdef_ResetUnknown')" \
		"unknown policy 'Impdef_NoSuchThing'" "$armdbg" replay policy.trace
	bad choice.trace 's/^policy Impdef_ResetUnknown=.*/policy Impdef_ResetUnknown=sometimes/'
	rc2 "choice.trace:$(line_no t.trace 'policy Impdef_ResetUnknown')" \
		"has no choice 'sometimes'" "$armdbg" replay choice.trace
	bad cpu.trace 's/^cpu .*/cpu cortex-z9/'
	rc2 "cpu.trace:$(line_no t.trace cpu)" "unknown CPU 'cortex-z9'" "$armdbg" replay cpu.trace
	head -n 30 t.trace >short.trace
	rc2 short.trace:30 "no 'end' line" "$armdbg" replay short.trace
	bad event.trace 's/\( event=exception el=0\) pc=0x[0-9a-f]* exc=brk /\1 exc=brk /'
	rc2 "event.trace:$(grep -n 'event=exception el=0 exc=brk' event.trace | cut -d: -f1)" \
		"event: field 5 must be 'pc='" "$armdbg" replay event.trace
	# The image: a different file under the same name.
	zero=0000000000000000000000000000000000000000000000000000000000000000
	bad hash.trace "s/^image-sha256 .*/image-sha256 $zero/"
	sha=$(sha256sum trace_guest.elf | cut -d' ' -f1)
	rc2 "hash.trace:$(line_no t.trace image-sha256)" \
		"image trace_guest.elf: sha256 differs (expected $zero, got $sha" \
		"$armdbg" replay hash.trace
	bad noimage.trace 's/^image .*/image no_such.elf/'
	rc2 "noimage.trace:$(line_no t.trace 'image ')" "image no_such.elf not found" \
		"$armdbg" replay noimage.trace
	# An input the trace format allows but this emulator's GIC does not have.
	bad input.trace "/^# the expected outcome/i\\
input 10:spi:100:assert"
	rc2 "input.trace:$(line_no input.trace 'input 10:')" "input 10:spi:100:assert: SPI INTID must be 32..95" \
		"$armdbg" replay input.trace
	# Everything is checked before anything runs: no TAP at all.
	rc2 version.trace:1 "unsupported trace version" "$armdbg" replay t.trace version.trace
	# Files and arguments.
	"$armdbg" replay no_such.trace >out.txt 2>err.txt
	[ $? -eq 2 ] && grep -q 'no_such.trace: No such file' err.txt || fail "missing trace: $(cat err.txt)"
	for args in "replay" "replay --svg" "replay --svg a.svg t.trace t.trace" "replay --frob t.trace" \
		"record" "record trace_guest.elf" "record -o x.trace" \
		"record trace_guest.elf -o x.trace --input 5:spi:20:assert" \
		"record trace_guest.elf -o x.trace --input 9:spi:40:assert --input 5:spi:40:assert" \
		"record trace_guest.elf -o x.trace --cpu cortex-z9" \
		"record trace_guest.elf -o x.trace --policy NOSUCH=x" \
		"record trace_guest.elf -o x.trace --name a/b" \
		"record trace_guest.elf -o x.trace --max-insns 0"; do
		# shellcheck disable=SC2086
		"$armdbg" $args >out.txt 2>err.txt
		rc=$?
		[ $rc -eq 2 ] || fail "armdbg $args: status $rc, not 2"
		grep -q '^armdbg: ' err.txt || fail "armdbg $args: $(cat err.txt)"
		[ ! -e x.trace ] || fail "armdbg $args wrote x.trace"
	done
	;;

svg)
	record
	"$armdbg" replay --svg t.svg t.trace >tap.txt || fail "replay --svg: status $?"
	[ -s t.svg ] || fail "no SVG written"
	if [ -n "$xmllint" ]; then
		"$xmllint" --noout t.svg || fail "t.svg is not well-formed XML"
	fi
	has t.svg '^<svg xmlns="http://www.w3.org/2000/svg" width="[0-9]+" height="[0-9]+"'
	has t.svg '^<title>armdbg timeline: trace-guest</title>$'
	[ "$(tail -n 1 t.svg)" = "</svg>" ] || fail "t.svg does not end with </svg>"
	hasnt t.svg '<script'
	# The step exception is flagged where it landed: the BRK at el0_task+0xc.
	step_pc=$(sed -n 's/^event .* event=exception el=0 pc=\(0x[0-9a-f]*\) exc=step .*/\1/p' t.trace)
	has t.svg ">STEP EL0-&gt;EL1 @ el0_task\\+0xc $step_pc</text>"
	has t.svg '>IRQ 40 EL0-&gt;EL1</text>'
	# Every event's log line is a marker's title.
	for e in "exc=svc target_el=1 esr=$esr_svc1" "exc=step target_el=1 esr=$esr_step" \
		"exc=brk target_el=1 esr=$esr_brk" "event=eret" "event=halt" "event=irq" \
		"event=input"; do
		has t.svg "<title>cycle=[0-9]+ pe=0 .*$e"
	done
	# The lanes: EL, the three step states, the masks.
	has t.svg '<title>EL 0, cycles '
	has t.svg '<title>EL 1, cycles '
	has t.svg '<title>software step active-not-pending, cycles '
	has t.svg '<title>software step active-pending, cycles '
	has t.svg '<title>PSTATE.D masked, cycles '
	has t.svg '<title>PSTATE.I unmasked, cycles '
	# Byte-identical every time.
	"$armdbg" replay --svg t2.svg t.trace >/dev/null || fail "second --svg: status $?"
	cmp -s t.svg t2.svg || fail "two SVGs of the same trace differ"
	# A divergence is drawn too (and the replay still fails).
	sed "s/ esr=$esr_brk elr=/ esr=0xf2000008 elr=/" t.trace >esr.trace
	"$armdbg" replay --svg d.svg esr.trace >/dev/null && fail "the edited trace passed"
	if [ -n "$xmllint" ]; then
		"$xmllint" --noout d.svg || fail "d.svg is not well-formed XML"
	fi
	has d.svg '>DIVERGENCE \(event [0-9]+\)</text>'
	;;

atomic)
	record
	cp t.trace keep.trace
	# A failing run leaves the old trace as it was.
	printf 'not an ELF file\n' >bad.elf
	"$armdbg" record bad.elf -o t.trace >out.txt 2>err.txt
	rc=$?
	[ $rc -ne 0 ] || fail "recording a bad image succeeded"
	cmp -s t.trace keep.trace || fail "a failed record changed t.trace"
	# A rename that fails (the target is a directory) leaves no temporary file.
	mkdir adir
	"$armdbg" record trace_guest.elf -o adir >out.txt 2>err.txt && fail "recording onto a directory succeeded"
	grep -q 'armdbg: writing adir: ' err.txt || fail "no message: $(cat err.txt)"
	# No directory to write in.
	"$armdbg" record trace_guest.elf -o nodir/x.trace >out.txt 2>err.txt && fail "recording into a missing directory succeeded"
	[ ! -e nodir ] || fail "nodir created"
	# No temporary files anywhere.
	left=$(find . -name '*.tmp-*')
	[ -z "$left" ] || fail "temporary files left: $left"
	# An interrupted record: SIGTERM at any time leaves t.trace whole or absent.
	i=0
	while [ $i -lt 5 ]; do
		rm -f s.trace
		"$armdbg" record trace_guest.elf -o s.trace >/dev/null 2>&1 &
		pid=$!
		kill -TERM $pid 2>/dev/null
		wait $pid
		if [ -e s.trace ]; then
			[ "$(tail -n 1 s.trace)" = end ] || fail "an interrupted record left a partial trace"
		fi
		i=$((i + 1))
	done
	left=$(find . -name '*.tmp-*')
	[ -z "$left" ] || fail "temporary files left after SIGTERM: $left"
	;;

*)
	fail "unknown mode"
	;;
esac
echo "PASS ($mode)"
