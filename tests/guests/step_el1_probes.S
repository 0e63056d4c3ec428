/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/step_el1_probes.S - EL1 code for step_el1.c at fixed
 * addresses (.text.probes = 0x40082000, exw = 0x400a0000).  Each probe
 * ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000
	.globl	p_seq
p_seq:
	mov	x1, #1			/* 0x40082000 */
	add	x1, x1, #2		/* 0x40082004 */
	b	1f			/* 0x40082008 */
	udf	#0			/* 0x4008200c: never executed */
1:	add	x1, x1, #3		/* 0x40082010 */
	mov	x0, x1			/* 0x40082014 */
	svc	#0xffff			/* 0x40082018 */

	.org	0x040			/* entered with D = 1 */
	.globl	p_daifclr
p_daifclr:
	mov	x1, #1			/* 0x40082040 */
	msr	daifclr, #8		/* 0x40082044 */
	add	x1, x1, #1		/* 0x40082048 */
	mov	x0, x1			/* 0x4008204c */
	svc	#0xffff			/* 0x40082050 */

	.org	0x080			/* entered with D = 0, SS = 1 */
	.globl	p_daifset
p_daifset:
	mov	x1, #1			/* 0x40082080 */
	msr	daifset, #8		/* 0x40082084 */
	add	x1, x1, #1		/* 0x40082088 */
	mov	x0, x1			/* 0x4008208c */
	svc	#0xffff			/* 0x40082090 */

	.org	0x0c0			/* MMU on: Normal memory */
	.globl	p_excl
p_excl:
	ldr	x2, =exw		/* 0x400820c0 */
	ldxr	x1, [x2]		/* 0x400820c4 */
	stxr	w3, x1, [x2]		/* 0x400820c8 */
	mov	x0, x1			/* 0x400820cc */
	svc	#0xffff			/* 0x400820d0 */
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
	.globl	exw
exw:	.quad	0x5a			/* 0x400a0000 */
