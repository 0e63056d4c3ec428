/* SPDX-License-Identifier: MIT */
/*
 * tools/bench/bench.S - the benchmark guest: one loop of loads, stores and
 * ALU operations, run under different debug set-ups.  Linked by bench.ld
 * (code 0x40080000, data 0x40090000); runs unchanged under armdbg, under
 * tools/bench/bare_unicorn and under qemu-system-aarch64 -M virt
 * -cpu cortex-a57 -semihosting -kernel.
 *
 * Built once per variant and iteration count (CMake passes them; the
 * numbers are in bench.h):
 *   -DBENCH_VARIANT=  BENCH_PLAIN  (b) no debug set-up at all
 *                     BENCH_ARMED  (c) OS lock cleared, MDSCR_EL1.MDE and
 *                                      KDE set, PSTATE.D clear; 6
 *                                      breakpoints (EL1+EL0) on code that
 *                                      never runs (on a page of its own),
 *                                      4 watchpoints (EL1+EL0, loads and
 *                                      stores) on data in the middle of a
 *                                      page nothing touches
 *                     BENCH_ARMED_EDGE (c') as (c), but the 4 watchpoints
 *                                      on the first 32 bytes of that page,
 *                                      which follows the loop's buffer
 *                     BENCH_WATCH  (d) as (c) but only watchpoint 0, on
 *                                      the variable the loop loads every
 *                                      iteration, with PAC = EL0 only
 *                                      while the loop runs at EL1: it
 *                                      never matches
 *                     BENCH_STEP   (e) an EL1 kernel single-steps the loop
 *                                      at EL0 (MDSCR_EL1.SS, SPSR.SS = 1
 *                                      and ERET); the step handler counts
 *                                      the steps and returns with SPSR.SS
 *                                      = 1 until the program's SVC
 *                     BENCH_ARMED_HIT, BENCH_WATCH_HIT: checks only (not
 *                                      timed), see below
 *   -DBENCH_SCALE=K   BENCH_ITERS = K x BENCH_ITERS_BASE (BENCH_STEP:
 *                     BENCH_ITERS_STEP); K = 0: the loop does not run
 *                     (measures a runner's fixed start-up cost)
 *   -DBENCH_ITERS=N   or the iteration count itself
 *
 * The loop is BENCH_INSNS_PER_ITER (8) instructions: 2 loads, 1 store,
 * 4 ALU operations (one sets the flags) and a conditional branch.  The
 * assembler checks that count and BENCH_SETUP_INSNS, so the benchmark's
 * instruction totals stay true.
 *
 * Exit status (semihosting SYS_EXIT {ADP_Stopped_ApplicationExit, code}):
 *   0          the loop ran and its last store holds the expected value
 *              (BENCH_STEP: and the step count is exact)
 *   1          wrong result or wrong step count
 *   0x40 | EC  an exception nobody expected, EC = ESR_EL1.EC (e.g. 0x71 a
 *              breakpoint, 0x75 a watchpoint, 0x40 UNDEFINED)
 * BENCH_ARMED_HIT ends by calling the code breakpoint 0 covers (exit
 * 0x71); BENCH_WATCH_HIT has PAC = EL1, so its first load hits (exit
 * 0x75): they show that (c) and (d) really have the debug logic armed.
 */
#include "bench.h"

#ifndef BENCH_VARIANT
#error "BENCH_VARIANT is not set"
#endif
#ifndef BENCH_ITERS
#ifndef BENCH_SCALE
#error "set BENCH_SCALE or BENCH_ITERS"
#endif
#if BENCH_VARIANT == BENCH_STEP
#define BENCH_ITERS (BENCH_SCALE * BENCH_ITERS_STEP)
#else
#define BENCH_ITERS (BENCH_SCALE * BENCH_ITERS_BASE)
#endif
#endif

#define IS_ARMED (BENCH_VARIANT == BENCH_ARMED || BENCH_VARIANT == BENCH_ARMED_HIT || \
		  BENCH_VARIANT == BENCH_ARMED_EDGE)
#define IS_WATCH (BENCH_VARIANT == BENCH_WATCH || BENCH_VARIANT == BENCH_WATCH_HIT)

#define W_INIT		0x1111		/* watched */
#define B_INIT		0x2222		/* buf[1] */
/* The last iteration (x0 == 1) stores (W_INIT + B_INIT) ^ 1. */
#define LAST_STORE	((W_INIT + B_INIT) ^ 1)

#define MDSCR_SS	(1 << 0)
#define MDSCR_KDE	(1 << 13)
#define MDSCR_MDE	(1 << 15)

/* DBGBCR: E, PMC = 0b11 (EL1 and EL0), BAS = 0b1111, address match. */
#define BCR_EL10	((0xf << 5) | (3 << 1) | 1)
/* DBGWCR: E, PAC, LSC = 0b11 (loads and stores), BAS = 0xff (8 bytes). */
#define WCR(pac)	((0xff << 5) | (3 << 3) | ((pac) << 1) | 1)
#define PAC_EL1		1
#define PAC_EL0		2
#define PAC_EL10	3

#define SPSR_EL0T_SS	((1 << 21) | 0x3c0)	/* EL0t, DAIF masked, SS */
#define EC_SVC64	0x15
#define EC_SOFTSTP_LOWER 0x32

/*
 * The benchmark loop: x0 = iterations (> 0), x1 = buf, x2 = &watched.
 * Leaves x0 = 0; buf[2] = (watched + buf[1]) ^ 1.
 */
	.macro	bench_loop
.Lloop_start\@:
	ldr	x3, [x2]		/* the watched variable */
	ldr	x4, [x1, #8]
	add	x4, x4, x3
	eor	x5, x4, x0
	str	x5, [x1, #16]
	add	x6, x6, x5, lsl #1
	subs	x0, x0, #1
	b.ne	.Lloop_start\@
.Lloop_end\@:
	.if	(.Lloop_end\@ - .Lloop_start\@) != 4 * BENCH_INSNS_PER_ITER
	.error	"bench_loop is not BENCH_INSNS_PER_ITER instructions"
	.endif
	.endm

/* The loop's set-up: the same in every variant. */
	.macro	bench_setup
.Lsetup_start\@:
	ldr	x1, =buf
	ldr	x2, =watched
	mov	x6, #0
	ldr	x0, =BENCH_ITERS
.Lsetup_end\@:
	.if	(.Lsetup_end\@ - .Lsetup_start\@) != 4 * BENCH_SETUP_INSNS
	.error	"bench_setup is not BENCH_SETUP_INSNS instructions"
	.endif
	.endm

	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	ldr	x0, =stack_top
	mov	sp, x0
	ldr	x0, =vectors
	msr	vbar_el1, x0
	isb

#if IS_ARMED || IS_WATCH || BENCH_VARIANT == BENCH_STEP
	msr	oslar_el1, xzr		/* clear the OS lock */
	isb
#endif
#if IS_ARMED || IS_WATCH
	ldr	x0, =(MDSCR_MDE | MDSCR_KDE)
	msr	mdscr_el1, x0
	isb
	msr	daifclr, #8		/* PSTATE.D = 0: EL1 debug exceptions on */
#endif

#if IS_ARMED
	ldr	x0, =never_run
	ldr	x1, =BCR_EL10
	msr	dbgbvr0_el1, x0
	msr	dbgbcr0_el1, x1
	add	x0, x0, #4
	msr	dbgbvr1_el1, x0
	msr	dbgbcr1_el1, x1
	add	x0, x0, #4
	msr	dbgbvr2_el1, x0
	msr	dbgbcr2_el1, x1
	add	x0, x0, #4
	msr	dbgbvr3_el1, x0
	msr	dbgbcr3_el1, x1
	add	x0, x0, #4
	msr	dbgbvr4_el1, x0
	msr	dbgbcr4_el1, x1
	add	x0, x0, #4
	msr	dbgbvr5_el1, x0
	msr	dbgbcr5_el1, x1
#if BENCH_VARIANT == BENCH_ARMED_EDGE
	ldr	x0, =untouched_page
#else
	ldr	x0, =untouched
#endif
	ldr	x1, =WCR(PAC_EL10)
	msr	dbgwvr0_el1, x0
	msr	dbgwcr0_el1, x1
	add	x0, x0, #8
	msr	dbgwvr1_el1, x0
	msr	dbgwcr1_el1, x1
	add	x0, x0, #8
	msr	dbgwvr2_el1, x0
	msr	dbgwcr2_el1, x1
	add	x0, x0, #8
	msr	dbgwvr3_el1, x0
	msr	dbgwcr3_el1, x1
	isb
#endif

#if IS_WATCH
	ldr	x0, =watched
#if BENCH_VARIANT == BENCH_WATCH
	ldr	x1, =WCR(PAC_EL0)
#else
	ldr	x1, =WCR(PAC_EL1)
#endif
	msr	dbgwvr0_el1, x0
	msr	dbgwcr0_el1, x1
	isb
#endif

#if BENCH_VARIANT == BENCH_STEP
	/* Single-step the loop at EL0: the handler is at vectors + 0x400. */
	mov	x0, #MDSCR_SS
	msr	mdscr_el1, x0
	isb
	ldr	x0, =el0_entry
	msr	elr_el1, x0
	ldr	x0, =SPSR_EL0T_SS
	msr	spsr_el1, x0
	mov	x28, #0			/* step count: x27, x28 are the kernel's */
	eret
#else
	bench_setup
#if BENCH_ITERS > 0
	bench_loop
#endif
	bl	check_result
#if BENCH_VARIANT == BENCH_ARMED_HIT
	bl	never_run		/* breakpoint 0: exits 0x71 */
	mov	x9, #BENCH_EXIT_WRONG
#endif
	b	exit_with
#endif
	.ltorg
	.size	_start, . - _start

/* x9 = 0 if buf[2] holds what the loop's last store wrote, else 1. */
	.type	check_result, %function
check_result:
	mov	x9, #BENCH_EXIT_OK
#if BENCH_ITERS > 0
	ldr	x3, [x1, #16]
	ldr	x4, =LAST_STORE
	cmp	x3, x4
	b.eq	1f
	mov	x9, #BENCH_EXIT_WRONG
1:
#endif
	ret
	.ltorg
	.size	check_result, . - check_result

/* Exit with status x9. */
	.type	exit_with, %function
exit_with:
	ldr	x1, =exit_block
	str	x9, [x1, #8]
	mov	w0, #0x18		/* SYS_EXIT */
	hlt	#0xf000
1:	b	1b
	.ltorg
	.size	exit_with, . - exit_with

/* Any exception nobody expects: exit 0x40 | ESR_EL1.EC. */
	.type	unexpected, %function
unexpected:
	mrs	x9, esr_el1
	lsr	x9, x9, #26
	orr	x9, x9, #BENCH_EXIT_EXC(0)
	b	exit_with
	.size	unexpected, . - unexpected

/*
 * The code the (c) breakpoints cover: only BENCH_ARMED_HIT calls it.  On
 * a page of its own: QEMU translates code on a page that holds an enabled
 * breakpoint one instruction at a time, which is not what (c) measures.
 */
	.balign	4096
	.type	never_run, %function
never_run:
	nop
	nop
	nop
	nop
	nop
	nop
	ret
	.size	never_run, . - never_run

#if BENCH_VARIANT == BENCH_STEP
/* The stepped program at EL0: the same set-up and loop, then SVC #0. */
	.type	el0_entry, %function
el0_entry:
	bench_setup
#if BENCH_ITERS > 0
	bench_loop
#endif
el0_svc:
	svc	#0
1:	b	1b
	.ltorg
	.size	el0_entry, . - el0_entry

/*
 * Every EL0 instruction before the SVC completes one step and takes one
 * software step exception; the SVC itself ends with the SVC exception.
 */
#define EXPECTED_STEPS	(BENCH_SETUP_INSNS + BENCH_ITERS * BENCH_INSNS_PER_ITER)

/* SVC from EL0: the program ended. x9 = 0 if the step count is exact. */
	.type	el0_done, %function
el0_done:
	mov	x9, #BENCH_EXIT_WRONG
	ldr	x27, =EXPECTED_STEPS
	cmp	x28, x27
	b.ne	exit_with
	bl	check_result
	b	exit_with
	.ltorg
	.size	el0_done, . - el0_done
#endif

	.macro	vent target
	.balign	128
	b	\target
	.endm

	.balign	2048
vectors:
	vent	unexpected		/* current EL, SP_EL0 */
	vent	unexpected
	vent	unexpected
	vent	unexpected
	vent	unexpected		/* current EL, SP_ELx */
	vent	unexpected
	vent	unexpected
	vent	unexpected
	.balign	128			/* lower EL, AArch64: synchronous */
#if BENCH_VARIANT == BENCH_STEP
	/* The step handler: count, set SPSR_EL1.SS again, return. */
	mrs	x27, esr_el1
	lsr	x27, x27, #26
	cmp	x27, #EC_SOFTSTP_LOWER
	b.ne	1f
	add	x28, x28, #1
	mrs	x27, spsr_el1
	orr	x27, x27, #(1 << 21)
	msr	spsr_el1, x27
	eret
1:	cmp	x27, #EC_SVC64
	b.eq	el0_done
#endif
	b	unexpected
	vent	unexpected
	vent	unexpected
	vent	unexpected
	vent	unexpected		/* lower EL, AArch32 */
	vent	unexpected
	vent	unexpected
	vent	unexpected

	.data
	.balign	4096
	/* Alone on its page: QEMU sends every access to a watched page
	 * through its slow path, so (d) costs QEMU one load per iteration. */
watched:
	.quad	W_INIT
	.balign	4096
buf:
	.quad	0, B_INIT, 0, 0
	/*
	 * The (c) watchpoints' data: in the middle of a page the loop never
	 * touches.  armdbg traps the pages that hold watched bytes, and also
	 * the page below when they start within 64 bytes of a page boundary
	 * (an instruction's accesses reaching them from below must trap at
	 * the first one); (c') watches the page's first bytes, so the loop's
	 * buffer page traps too (docs/performance.md).
	 */
	.balign	4096
untouched_page:
	.quad	0, 0, 0, 0
	.balign	2048
untouched:
	.quad	0, 0, 0, 0
	.balign	4096
exit_block:
	.quad	0x20026			/* ADP_Stopped_ApplicationExit */
	.quad	0			/* status, filled in */

	.bss
	.balign	16
	.space	4096
stack_top:
