/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/bp_context_probes.S - code for bp_context.c at fixed
 * addresses (.text.probes = 0x40082000).  Each probe ends with
 * `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* run at EL0 */
	.globl	p_el0
p_el0:
	mov	x1, #0x10		/* 0x40082000: first EL0 instruction */
	.globl	p_el0_bp
p_el0_bp:
	add	x1, x1, #1		/* 0x40082004: address breakpoint */
	mov	x0, x1
	svc	#0xffff

	.org	0x040			/* run at EL1h, D = 0 */
	.globl	p_el1
p_el1:
	mov	x1, #0x20		/* 0x40082040: first EL1 instruction */
	add	x1, x1, #1
	mov	x0, x1
	svc	#0xffff
