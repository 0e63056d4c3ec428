/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/wp_uao_probes.S - EL1 code for wp_uao.c (v9-max) at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
 * ends with `svc #0xffff`.
 */
	.arch	armv8.2-a
	.section .text.probes, "ax"

	.org	0x000			/* entered with the UAO given by SPSR */
	.globl	p_sttr
p_sttr:
	ldr	x2, =buf
	mov	x1, #0x42
	sttr	x1, [x2]		/* 0x40082008 */
	svc	#0xffff
	.ltorg

	.org	0x040
	.globl	p_ldtr
p_ldtr:
	ldr	x2, =buf
	mov	x1, #0x5a
	ldtr	x1, [x2]		/* 0x40082048 */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x080			/* entered with UAO = 0 */
	.globl	p_msr_uao
p_msr_uao:
	ldr	x2, =buf
	mov	x1, #0x42
	msr	uao, #1			/* 0x40082088 */
	sttr	x1, [x2]		/* 0x4008208c */
	mrs	x0, uao
	msr	uao, #0
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:	.quad	0			/* 0x400a0000 */
