/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/wp_normal_probes.S - code for wp_normal.c at fixed
 * addresses (.text.probes = 0x40082000, data at 0x400a0000).  All run at
 * EL1h with the MMU on (Normal memory); each probe ends with
 * `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000
	.globl	p_zva
p_zva:
	ldr	x2, =blk0
	dc	zva, x2			/* 0x40082004 */
	svc	#0xffff
	.ltorg

	.org	0x040
	.globl	p_zva_mid
p_zva_mid:
	ldr	x2, =blk0 + 0x10
	dc	zva, x2			/* 0x40082044 */
	svc	#0xffff
	.ltorg

	.org	0x080
	.globl	p_zva_other
p_zva_other:
	ldr	x2, =blk1
	dc	zva, x2			/* 0x40082084 */
	svc	#0xffff
	.ltorg

	.org	0x0c0
	.globl	p_ldxr
p_ldxr:
	ldr	x2, =exw
	mov	x1, #0x5a
	ldxr	x1, [x2]		/* 0x400820c8 */
	clrex
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x100
	.globl	p_stxr
p_stxr:
	ldr	x2, =exw
	mov	x1, #0x77
	mov	x4, #0x99
	ldxr	x3, [x2]		/* 0x4008210c */
	stxr	w4, x1, [x2]		/* 0x40082110 */
	clrex
	svc	#0xffff
	.ltorg

	.org	0x140
	.globl	p_unal_ld8
p_unal_ld8:
	ldr	x2, =unal + 4
	mov	x1, #0x5a
	ldr	x1, [x2]		/* 0x40082148: bytes 0x400a0204..b */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x180
	.globl	p_unal_ld8_hi
p_unal_ld8_hi:
	ldr	x2, =unal + 12
	ldr	x1, [x2]		/* 0x40082184: bytes 0x400a020c..13 */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x1c0
	.globl	p_unal_st8
p_unal_st8:
	ldr	x2, =unal + 4
	ldr	x1, =0x1122334455667788
	str	x1, [x2]		/* 0x400821c8: bytes 0x400a0204..b */
	svc	#0xffff
	.ltorg

	.org	0x200
	.globl	p_unal_ld4
p_unal_ld4:
	ldr	x2, =unal + 10
	mov	w1, #0x5a
	ldr	w1, [x2]		/* 0x40082208: bytes 0x400a020a..d */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x040
	.globl	blk0
blk0:	.space	64			/* 0x400a0040: a DC ZVA block */
	.globl	blk1
blk1:	.space	64			/* 0x400a0080 */
	.org	0x100
	.globl	exw
exw:	.quad	0			/* 0x400a0100 */
	.org	0x200
	.globl	unal
unal:	.quad	0, 0, 0			/* 0x400a0200 */
