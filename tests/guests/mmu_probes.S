/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/mmu_probes.S - code for mmu.c at fixed addresses
 * (.text.probes = 0x40082000, data 0x400a0000).  Each probe ends with
 * `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* EL1h */
	.globl	p_svc
p_svc:
	svc	#0x12			/* 0x40082000 */
	brk	#0x34			/* 0x40082004 */
	svc	#0xffff

	.org	0x040			/* EL1h, D = 0 */
	.globl	p_bp
p_bp:
	mov	x1, #0x20
	add	x1, x1, #1		/* 0x40082044: breakpoint */
	mov	x0, x1
	svc	#0xffff

	.org	0x0c0			/* EL0 */
	.globl	p_el0
p_el0:
	mov	x0, #0x77
	svc	#0x56			/* 0x400820c4 */
	svc	#0xffff

	.section .data.probe, "aw"
	.org	0x000
	.globl	word
word:	.quad	0			/* 0x400a0000 */
