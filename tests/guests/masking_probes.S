/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/masking_probes.S - EL1 code for masking.c at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
 * ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* entered with D = 1 */
	.globl	p_bp_d
p_bp_d:
	mov	x1, #1			/* 0x40082000 */
	add	x1, x1, #1		/* 0x40082004: breakpoint (masked) */
	msr	daifclr, #8		/* 0x40082008 */
	add	x1, x1, #1		/* 0x4008200c */
	mov	x0, x1			/* 0x40082010 */
	svc	#0xffff			/* 0x40082014 */

	.org	0x040			/* entered with D = 0, KDE = 0 */
	.globl	p_bp_kde
p_bp_kde:
	mov	x5, #0xa000		/* 0x40082040: MDSCR_EL1.{MDE,KDE} */
	mov	x1, #1			/* 0x40082044 */
	add	x1, x1, #1		/* 0x40082048: breakpoint (disabled) */
	msr	mdscr_el1, x5		/* 0x4008204c */
	isb				/* 0x40082050 */
	add	x1, x1, #1		/* 0x40082054 */
	mov	x0, x1			/* 0x40082058 */
	svc	#0xffff			/* 0x4008205c */

	.org	0x080			/* entered with D = 1 */
	.globl	p_wp_d
p_wp_d:
	ldr	x2, =buf		/* 0x40082080 */
	mov	x1, #0x42		/* 0x40082084 */
	str	x1, [x2]		/* 0x40082088: watchpoint (masked) */
	msr	daifclr, #8		/* 0x4008208c */
	ldr	x3, [x2]		/* 0x40082090 */
	mov	x0, x3			/* 0x40082094 */
	svc	#0xffff			/* 0x40082098 */
	.ltorg

	.org	0x0c0			/* entered with D = 0, OSLK = 1 */
	.globl	p_bp_oslk
p_bp_oslk:
	mov	x1, #1			/* 0x400820c0 */
	add	x1, x1, #1		/* 0x400820c4: breakpoint (OS lock) */
	msr	oslar_el1, xzr		/* 0x400820c8 */
	isb				/* 0x400820cc */
	add	x1, x1, #1		/* 0x400820d0 */
	mov	x0, x1			/* 0x400820d4 */
	svc	#0xffff			/* 0x400820d8 */

	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:	.quad	0			/* 0x400a0000 */
