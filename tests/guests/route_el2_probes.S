/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/route_el2_probes.S - code for route_el2.c at fixed
 * addresses (.text.probes = 0x40082000, buf = 0x400a0000).  Each probe
 * ends with `svc #0xffff` (p_el2 with `hvc #0x11`).
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

/*
 * Software step with the debugger at EL2.  p_launch runs at EL1h (D = 1,
 * MDSCR_EL1.SS = 0); its HVC asks the EL2 handler to set MDSCR_EL1 and
 * ERET to the stepped probe.  The stepped code at EL0/EL1 returns with
 * its own `svc #0xffff`; EL2 code, and EL0 code under HCR_EL2.TGE, come
 * back here (to the svc) through the EL2 handler.
 */
	.org	0x180			/* EL1h, D = 1 */
	.globl	p_launch
p_launch:
	hvc	#0x10			/* 0x40082180 */
	svc	#0xffff			/* 0x40082184 */

	.org	0x1c0			/* EL0 or EL1h, stepped */
	.globl	p_seq
p_seq:
	mov	x1, #1			/* 0x400821c0 */
	add	x1, x1, #2		/* 0x400821c4 */
	b	1f			/* 0x400821c8 */
	udf	#0			/* 0x400821cc: never executed */
1:	add	x1, x1, #3		/* 0x400821d0 */
	mov	x0, x1			/* 0x400821d4 */
	svc	#0xffff			/* 0x400821d8: not stepped */

	.org	0x200			/* EL0, stepped */
	.globl	p_svc
p_svc:
	mov	x1, #1			/* 0x40082200 */
	svc	#0x21			/* 0x40082204: to EL1 */
	add	x1, x1, #1		/* 0x40082208 */
	mov	x0, x1			/* 0x4008220c */
	svc	#0xffff			/* 0x40082210 */

	.org	0x240			/* EL2h */
	.globl	p_el2
p_el2:
	mov	x1, #1			/* 0x40082240 */
	add	x1, x1, #2		/* 0x40082244 */
	add	x1, x1, #3		/* 0x40082248 */
	mov	x0, x1			/* 0x4008224c */
	hvc	#0x11			/* 0x40082250: back to p_launch */

	.section .data.probe, "aw"
	.org	0x000
	.globl	buf
buf:	.quad	0			/* 0x400a0000 */
