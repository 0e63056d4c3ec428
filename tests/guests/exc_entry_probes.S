/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/exc_entry_probes.S - code for exc_entry.c at fixed
 * addresses (.text.probes = 0x40082000; each probe at the .org shown).
 * Every probe ends with `svc #0xffff` (back to run_at's caller).
 */
	.arch	armv8.1-a		/* LDADD is assembled, not executed on A57 */
	.section .text.probes, "ax"

	.org	0x000			/* EL0: 0x40082000 */
	.globl	p_el0_svc
p_el0_svc:
	mov	x0, #1
	cmp	x0, #1			/* NZCV = 0b0110 */
	svc	#0x12			/* 0x40082008 */
	svc	#0xffff			/* 0x4008200c */

	.org	0x040			/* EL1h: 0x40082040 */
	.globl	p_el1h_svc
p_el1h_svc:
	svc	#0x34			/* 0x40082040 */
	svc	#0xffff

	.org	0x080			/* EL1t: 0x40082080 */
	.globl	p_el1t_svc
p_el1t_svc:
	svc	#0x56			/* 0x40082080 */
	svc	#0xffff

	.org	0x0c0			/* EL1h: 0x400820c0 */
	.globl	p_el1_brk
p_el1_brk:
	brk	#0x77			/* 0x400820c0 */
	svc	#0xffff

	.org	0x100			/* EL0: 0x40082100 */
	.globl	p_el0_brk
p_el0_brk:
	brk	#0x99			/* 0x40082100 */
	svc	#0xffff

	.org	0x140			/* EL0: 0x40082140 */
	.globl	p_el0_udf
p_el0_udf:
	udf	#0x1234			/* 0x40082140 */
	svc	#0xffff

	.org	0x180			/* EL1h: 0x40082180 */
	.globl	p_el1_udf
p_el1_udf:
	udf	#0			/* 0x40082180 */
	svc	#0xffff

	.org	0x1c0			/* EL0: 0x400821c0 */
	.globl	p_el0_mdscr
p_el0_mdscr:
	mov	x3, #0x5a
	mrs	x3, mdscr_el1		/* 0x400821c4: UNDEFINED at EL0 */
	msr	mdscr_el1, x3		/* 0x400821c8: UNDEFINED at EL0 */
	mov	x0, x3
	svc	#0xffff

	.org	0x200			/* EL1h: 0x40082200 */
	.globl	p_el1_unimpl
p_el1_unimpl:
	mov	x3, #0x5a
	mrs	x3, dbgbcr6_el1		/* 0x40082204: only 0..5 exist */
	msr	dbgbcr6_el1, x3		/* 0x40082208 */
	mrs	x3, dbgwvr4_el1		/* 0x4008220c: only 0..3 exist */
	mov	x0, x3
	svc	#0xffff

	.org	0x240			/* EL1h: 0x40082240 */
	.globl	p_el1_hvc_smc
p_el1_hvc_smc:
	hvc	#0x42			/* 0x40082240: no EL2 */
	smc	#0x43			/* 0x40082244: no EL3 */
	svc	#0xffff

	.org	0x280			/* EL0: 0x40082280 */
	.globl	p_el0_hvc_smc
p_el0_hvc_smc:
	hvc	#0x1			/* 0x40082280 */
	smc	#0x2			/* 0x40082284 */
	svc	#0xffff

	.org	0x2c0			/* EL1h: 0x400822c0 */
	.globl	p_el1_ldadd
p_el1_ldadd:
	ldr	x3, =lse_word
	mov	x1, #1
	mov	x2, #0x5a
	ldadd	x1, x2, [x3]		/* 0x400822cc: no FEAT_LSE on A57 */
	mov	x0, x2
	svc	#0xffff
	.ltorg

	.section .data.probe, "aw"
	.org	0x000
lse_word:
	.quad	0x100
