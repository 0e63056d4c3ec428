// SPDX-License-Identifier: MIT
/*
 * tests/emu/stxr_fail.S - Impdef_FailedSTXRWatchpoint: a Store-Exclusive
 * that will fail (no Load-Exclusive before it) hits a store watchpoint
 * under "watch" (the default) and not under "nowatch"; one that will
 * succeed hits under both (Arm ARM D2.9.6: whether a failing
 * Store-Exclusive generates a watchpoint is CONSTRAINED UNPREDICTABLE).
 *
 * EL1 code with watchpoint 0 on `var` (EL1, stores, 8 bytes), MDSCR_EL1.
 * MDE = KDE = 1, PSTATE.D = 0.  The handler counts the hit in X20 and
 * skips the instruction.  Exit status = 16 x hits + the status the first
 * STXR wrote (7 if it did not execute):
 *   watch:   both STXRs hit            -> 2 x 16 + 7 = 39
 *   nowatch: STXR 1 runs and fails (1), STXR 2 hits -> 16 + 1 = 17
 * QEMU 7.2 exits 17 whatever: its watchpoints sit on memory accesses, and
 * a failing Store-Exclusive makes none.  armdbg used to do the same
 * (page traps and memory hooks see accesses only); it now checks every
 * Store-Exclusive before it executes (emu.c, stex_check()).
 */
	.global _start
_start:
	adr	x0, vectors
	msr	vbar_el1, x0
	msr	oslar_el1, xzr
	mov	x0, #(1 << 15) | (1 << 13)	// MDSCR_EL1.MDE, KDE
	msr	mdscr_el1, x0
	adr	x1, var
	msr	dbgwvr0_el1, x1
	mov	x0, #(0xff << 5) | (2 << 3) | (1 << 1) | 1	// BAS, LSC=st, PAC=EL1, E
	msr	dbgwcr0_el1, x0
	isb
	msr	daifclr, #8
	mov	x20, #0

	clrex				// 1: no monitor: will fail
	mov	w2, #7
	mov	x3, #0x55
	stxr	w2, x3, [x1]
	mov	w21, w2

	ldxr	x4, [x1]		// 2: monitor set, memory unchanged: would succeed
	stxr	w2, x3, [x1]

	lsl	x0, x20, #4
	add	x0, x0, x21
	adr	x1, blk
	str	x0, [x1, #8]
	mov	x0, #0x18		// SYS_EXIT, ADP_Stopped_ApplicationExit + code
	hlt	#0xf000

	.balign	2048
vectors:
	.skip	0x200
	add	x20, x20, #1		// current EL, SP_ELx, synchronous
	mrs	x9, elr_el1
	add	x9, x9, #4
	msr	elr_el1, x9
	eret

	.data
	.balign	8
var:	.quad	0
blk:	.quad	0x20026, 0
