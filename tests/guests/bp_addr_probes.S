/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/bp_addr_probes.S - code for bp_addr.c at fixed addresses
 * (.text.probes = 0x40082000).  Every probe ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* run at EL0 */
	.globl	p_el0
p_el0:
	mov	x1, #0x10
	.globl	p_el0_bp
p_el0_bp:
	add	x1, x1, #1		/* 0x40082004: breakpointed */
	mov	x0, x1
	svc	#0xffff

	.org	0x040			/* run at EL1 (EL1h or EL1t) */
	.globl	p_el1
p_el1:
	mov	x1, #0x20
	.globl	p_el1_bp
p_el1_bp:
	add	x1, x1, #1		/* 0x40082044: breakpointed */
	mov	x0, x1
	svc	#0xffff
