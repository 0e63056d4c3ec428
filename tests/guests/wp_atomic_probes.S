/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/wp_atomic_probes.S - EL1 code for wp_atomic.c (v9-max) at
 * fixed addresses (.text.probes = 0x40082000, aw = 0x400a0000).  Each
 * probe ends with `svc #0xffff`.
 */
	.arch	armv8.1-a
	.section .text.probes, "ax"

	.org	0x000
	.globl	p_ldadd
p_ldadd:
	ldr	x3, =aw
	mov	x1, #1
	mov	x2, #0x5a
	ldadd	x1, x2, [x3]		/* 0x4008200c */
	mov	x0, x2
	svc	#0xffff
	.ltorg

	.org	0x040
	.globl	p_swp
p_swp:
	ldr	x3, =aw
	mov	x1, #7
	mov	x2, #0x5a
	swp	x1, x2, [x3]		/* 0x4008204c */
	mov	x0, x2
	svc	#0xffff
	.ltorg

	.org	0x080
	.globl	p_cas
p_cas:
	ldr	x3, =aw
	mov	x1, #9
	mov	x2, #0x100
	cas	x2, x1, [x3]		/* 0x4008208c */
	mov	x0, x2
	svc	#0xffff
	.ltorg

	.org	0x0c0
	.globl	p_stadd
p_stadd:
	ldr	x3, =aw
	mov	x1, #1
	stadd	x1, [x3]		/* 0x400820c8 */
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
	.globl	aw
aw:	.quad	0			/* 0x400a0000 */
