/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/wp_access_probes.S - code for wp_access.c at fixed
 * addresses (.text.probes = 0x40082000, data at 0x400a0000).  All run at
 * EL1h with the MMU off; each probe ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000
	.globl	p_ivac
p_ivac:
	ldr	x2, =line
	dc	ivac, x2		/* 0x40082004 */
	svc	#0xffff
	.ltorg

	.org	0x040
	.globl	p_clean
p_clean:
	ldr	x2, =line
	dc	cvac, x2
	dc	civac, x2
	dc	cvau, x2
	svc	#0xffff
	.ltorg

	.org	0x080
	.globl	p_ldp
p_ldp:
	ldr	x2, =pair
	mov	x1, #0x11
	mov	x3, #0x33
	ldp	x1, x3, [x2]		/* 0x4008208c */
	ldr	x9, =results
	stp	x1, x3, [x9]
	svc	#0xffff
	.ltorg

	.org	0x0c0
	.globl	p_ldrq
p_ldrq:
	ldr	x4, =qpat
	ldr	q0, [x4]
	ldr	x2, =qsrc
	ldr	q0, [x2]		/* 0x400820cc */
	ldr	x9, =results
	str	q0, [x9]
	svc	#0xffff
	.ltorg

	.org	0x100
	.globl	p_strq
p_strq:
	ldr	x4, =qpat
	ldr	q0, [x4]
	ldr	x2, =qdst
	str	q0, [x2]		/* 0x4008210c */
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x0c0
	.globl	line
line:	.space	64			/* 0x400a00c0 */
	.org	0x140
	.globl	pair
pair:	.quad	0, 0			/* 0x400a0140 */
	.globl	qpat
qpat:	.quad	0, 0			/* 0x400a0150 */
	.org	0x180
	.globl	qsrc
qsrc:	.quad	0, 0			/* 0x400a0180 */
	.org	0x1a0
	.globl	qdst
qdst:	.quad	0, 0			/* 0x400a01a0 */
	.org	0x300
	.globl	results
results:
	.quad	0, 0			/* 0x400a0300 */
