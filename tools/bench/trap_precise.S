/* SPDX-License-Identifier: MIT */
/*
 * tools/bench/trap_precise.S - a check of the mechanism behind (c): the
 * page traps armdbg uses for watchpoints on its fast path
 * (docs/performance.md) must stay as precise as its memory hook when an
 * instruction reaches a watched byte from the page below:
 *
 *  1. a store watchpoint on the first 8 bytes of page B; `stp x1, x2,
 *     [B - 8]` writes page A first, then B: at the watchpoint exception
 *     neither doubleword may have changed; after the handler disables the
 *     watchpoint and returns, both are stored;
 *  2. a load watchpoint on B + 16; `ld1 {v0-v3}, [B - 40]` (64 bytes, the
 *     first 40 on page A): at the exception v0 and v3 still hold their old
 *     values; after the return they hold the loaded ones.
 *
 * Exit status (semihosting SYS_EXIT): 0 all as the architecture says,
 * else a bit per wrong value (1, 2: memory at the STP exception; 4, 8:
 * memory after it; 16, 32: v0/v3 at the LD1 exception; 64, 128: after),
 * 0x40 | EC for an exception nobody expected.  QEMU 7.2, whose
 * watchpoints let the earlier parts happen, exits 17.
 */
#define PAGE_A	0x400a0000
#define PAGE_B	0x400a1000
#define RESULTS	0x400a2000
#define OLD	0x1111111111111111
#define MDSCR_MDE_KDE	((1 << 15) | (1 << 13))
/* DBGWCR: E, PAC = EL1, LSC, BAS = 0xff */
#define WCR(lsc)	((0xff << 5) | ((lsc) << 3) | (1 << 1) | 1)
#define LSC_LOAD	1
#define LSC_STORE	2

	.section .text.start, "ax"
	.globl	_start
_start:
	ldr	x0, =stack_top
	mov	sp, x0
	ldr	x0, =vectors
	msr	vbar_el1, x0
	mov	x0, #(3 << 20)		/* CPACR_EL1.FPEN: SIMD at EL1 */
	msr	cpacr_el1, x0
	isb
	msr	oslar_el1, xzr
	isb
	ldr	x0, =MDSCR_MDE_KDE
	msr	mdscr_el1, x0
	isb
	msr	daifclr, #8
	ldr	x20, =RESULTS

	/* [B - 64, B + 64) := OLD */
	ldr	x0, =(PAGE_B - 64)
	ldr	x1, =OLD
	mov	x2, #16
1:	str	x1, [x0], #8
	subs	x2, x2, #1
	b.ne	1b

	/* 1: STP from page A into a store watchpoint on B */
	ldr	x0, =PAGE_B
	msr	dbgwvr0_el1, x0
	ldr	x1, =WCR(LSC_STORE)
	msr	dbgwcr0_el1, x1
	isb
	ldr	x0, =(PAGE_B - 8)
	ldr	x1, =0xaaaaaaaaaaaaaaaa
	ldr	x2, =0xbbbbbbbbbbbbbbbb
	mov	x21, #1
	stp	x1, x2, [x0]
	ldp	x3, x4, [x0]
	stp	x3, x4, [x20, #16]

	/* 2: LD1 from page A into a load watchpoint on B + 16 */
	ldr	x0, =(PAGE_B + 16)
	msr	dbgwvr1_el1, x0
	ldr	x1, =WCR(LSC_LOAD)
	msr	dbgwcr1_el1, x1
	isb
	movi	v0.16b, #0x55
	movi	v3.16b, #0x66
	ldr	x0, =(PAGE_B - 40)
	mov	x21, #2
	ld1	{v0.16b, v1.16b, v2.16b, v3.16b}, [x0]
	umov	x3, v0.d[0]
	umov	x4, v3.d[1]
	stp	x3, x4, [x20, #48]

	/* the verdict */
	mov	x9, #0
	ldr	x6, =OLD
	ldr	x7, =0xaaaaaaaaaaaaaaaa
	ldr	x8, =0xbbbbbbbbbbbbbbbb
	ldr	x10, =0x5555555555555555
	ldr	x11, =0x6666666666666666
	ldr	x3, [x20, #0]
	cmp	x3, x6
	cset	x12, ne
	orr	x9, x9, x12
	ldr	x3, [x20, #8]
	cmp	x3, x6
	cset	x12, ne
	orr	x9, x9, x12, lsl #1
	ldr	x3, [x20, #16]
	cmp	x3, x7
	cset	x12, ne
	orr	x9, x9, x12, lsl #2
	ldr	x3, [x20, #24]
	cmp	x3, x8
	cset	x12, ne
	orr	x9, x9, x12, lsl #3
	ldr	x3, [x20, #32]
	cmp	x3, x10
	cset	x12, ne
	orr	x9, x9, x12, lsl #4
	ldr	x3, [x20, #40]
	cmp	x3, x11
	cset	x12, ne
	orr	x9, x9, x12, lsl #5
	ldr	x3, [x20, #48]
	cmp	x3, x6
	cset	x12, ne
	orr	x9, x9, x12, lsl #6
	ldr	x3, [x20, #56]
	cmp	x3, x6
	cset	x12, ne
	orr	x9, x9, x12, lsl #7
	b	exit_with
	.ltorg

/* Exit with status x9. */
exit_with:
	ldr	x1, =exit_block
	str	x9, [x1, #8]
	mov	w0, #0x18		/* SYS_EXIT */
	hlt	#0xf000
1:	b	1b
	.ltorg

unexpected:
	mrs	x9, esr_el1
	lsr	x9, x9, #26
	orr	x9, x9, #0x40
	b	exit_with

/*
 * The watchpoint handler (current EL, SP_ELx): record what the access
 * left behind, disable its watchpoint, return to the instruction.
 */
handler:
	mrs	x9, esr_el1
	lsr	x9, x9, #26
	cmp	x9, #0x35		/* watchpoint, same EL */
	b.ne	unexpected
	cmp	x21, #1
	b.ne	2f
	ldr	x13, =(PAGE_B - 8)
	ldp	x14, x15, [x13]
	stp	x14, x15, [x20, #0]
	msr	dbgwcr0_el1, xzr
	isb
	eret
2:	umov	x14, v0.d[0]
	umov	x15, v3.d[1]
	stp	x14, x15, [x20, #32]
	msr	dbgwcr1_el1, xzr
	isb
	eret
	.ltorg

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
	vent	handler			/* current EL, SP_ELx: synchronous */
	vent	unexpected
	vent	unexpected
	vent	unexpected
	vent	unexpected		/* lower EL, AArch64 */
	vent	unexpected
	vent	unexpected
	vent	unexpected
	vent	unexpected		/* lower EL, AArch32 */
	vent	unexpected
	vent	unexpected
	vent	unexpected

	.data
	.balign	8
exit_block:
	.quad	0x20026			/* ADP_Stopped_ApplicationExit */
	.quad	0			/* status, filled in */

	.bss
	.balign	16
	.space	4096
stack_top:
