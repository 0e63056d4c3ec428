/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/oslock_probes.S - code for oslock.c at fixed addresses
 * (.text.probes = 0x40082000, .data.probe = 0x400a0000).  Each probe ends
 * with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* run at EL0 */
	.globl	p_el0
p_el0:
	mov	x1, #0x10
	.globl	p_el0_bp
p_el0_bp:
	add	x1, x1, #1		/* 0x40082004: breakpoint */
	ldr	x2, =watched
	str	x1, [x2]		/* 0x4008200c: watchpoint */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.org	0x040			/* run at EL0 */
	.globl	p_el0_brk
p_el0_brk:
	brk	#0x11			/* 0x40082040 */
	svc	#0xffff

	.org	0x080			/* run at EL1h, DAIF masked */
	.globl	p_el1_brk
p_el1_brk:
	brk	#0x22			/* 0x40082080 */
	svc	#0xffff

	.section .data.probe, "aw"
	.org	0x000
	.globl	watched
watched:				/* 0x400a0000 */
	.quad	0
