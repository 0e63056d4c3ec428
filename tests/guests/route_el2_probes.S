/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/route_el2_probes.S - code for route_el2.c at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
 * ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* EL1h, D = 1 */
	.globl	p_el1
p_el1:
	mov	x1, #0x20		/* 0x40082000 */
	add	x1, x1, #1		/* 0x40082004: breakpoint */
	mov	x0, x1
	svc	#0xffff

	.org	0x040			/* EL0 */
	.globl	p_el0
p_el0:
	mov	x1, #0x10		/* 0x40082040 */
	add	x1, x1, #1		/* 0x40082044: breakpoint */
	mov	x0, x1
	svc	#0xffff

	.org	0x080			/* EL1h, D = 1 */
	.globl	p_el1_brk
p_el1_brk:
	brk	#0x42			/* 0x40082080 */
	svc	#0xffff

	.org	0x0c0			/* EL0 */
	.globl	p_el0_brk
p_el0_brk:
	brk	#0x43			/* 0x400820c0 */
	svc	#0xffff

	.org	0x100			/* EL1h, D = 1 */
	.globl	p_el1_wp
p_el1_wp:
	ldr	x2, =buf		/* 0x40082100 */
	mov	x1, #0x42		/* 0x40082104 */
	str	x1, [x2]		/* 0x40082108: watchpoint */
	mov	x0, x1
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:	.quad	0			/* 0x400a0000 */
