/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/step_el0_probes.S - EL0 code for step_el0.c at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
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

	.org	0x040
	.globl	p_svc
p_svc:
	mov	x1, #1			/* 0x40082040 */
	svc	#0x21			/* 0x40082044 */
	add	x1, x1, #1		/* 0x40082048 */
	mov	x0, x1			/* 0x4008204c */
	svc	#0xffff			/* 0x40082050 */

	.org	0x080
	.globl	p_brk
p_brk:
	mov	x1, #1			/* 0x40082080 */
	brk	#0x31			/* 0x40082084 */
	add	x1, x1, #1		/* 0x40082088 */
	mov	x0, x1			/* 0x4008208c */
	svc	#0xffff			/* 0x40082090 */

	.org	0x0c0
	.globl	p_udf
p_udf:
	mov	x1, #1			/* 0x400820c0 */
	udf	#0x32			/* 0x400820c4 */
	add	x1, x1, #1		/* 0x400820c8 */
	mov	x0, x1			/* 0x400820cc */
	svc	#0xffff			/* 0x400820d0 */

	.org	0x100
	.globl	p_wp
p_wp:
	ldr	x2, =buf		/* 0x40082100 */
	mov	x1, #0x42		/* 0x40082104 */
	str	x1, [x2]		/* 0x40082108: watchpoint */
	mov	x0, x1			/* 0x4008210c */
	svc	#0xffff			/* 0x40082110 */
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:	.quad	0			/* 0x400a0000 */
