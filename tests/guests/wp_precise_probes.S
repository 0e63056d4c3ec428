/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/wp_precise_probes.S - code for wp_precise.c at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
 * ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000
	.globl	p_str_pre
p_str_pre:
	ldr	x2, =buf
	mov	x1, #0xaaaa
	str	x1, [x2, #8]!		/* 0x40082008 */
	mov	x0, x2
	svc	#0xffff
	.ltorg

	.org	0x040
	.globl	p_ldr_post
p_ldr_post:
	ldr	x2, =buf
	mov	x1, #0x5555
	ldr	x1, [x2], #8		/* 0x40082048 */
	ldr	x9, =results
	stp	x1, x2, [x9]
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x080
	.globl	p_wnr
p_wnr:
	ldr	x2, =buf
	mov	x1, #0xbbbb
	str	x1, [x2, #16]		/* 0x40082088 */
	ldr	x3, [x2, #24]		/* 0x4008208c */
	mov	x0, x3
	svc	#0xffff
	.ltorg

	.org	0x0c0
	.globl	p_sttr
p_sttr:
	ldr	x2, =buf
	mov	x1, #0xcccc
	sttr	x1, [x2, #32]		/* 0x400820c8 */
	mov	x0, #0
	svc	#0xffff
	.ltorg

	.org	0x100
	.globl	p_str_plain
p_str_plain:
	ldr	x2, =buf
	mov	x1, #0xcccc
	str	x1, [x2, #32]		/* 0x40082108 */
	mov	x0, #0
	svc	#0xffff
	.ltorg

	.org	0x140
	.globl	p_ldtr
p_ldtr:
	ldr	x2, =buf
	mov	x3, #0x77
	ldtr	x3, [x2, #32]		/* 0x40082148 */
	mov	x0, x3
	svc	#0xffff
	.ltorg

	.org	0x180
	.globl	p_wnr_same
p_wnr_same:
	ldr	x2, =buf
	mov	x1, #0xbbbb
	mov	x3, #0x99
	str	x1, [x2, #16]		/* 0x4008218c */
	ldr	x3, [x2, #16]		/* 0x40082190 */
	str	x1, [x2, #16]		/* 0x40082194 */
	mov	x0, x3
	svc	#0xffff
	.ltorg


	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:					/* 0x400a0000 */
	.quad	0, 0, 0, 0, 0
	.org	0x100
	.globl	results
results:				/* 0x400a0100 */
	.quad	0, 0
