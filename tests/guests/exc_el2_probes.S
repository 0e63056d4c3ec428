/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/exc_el2_probes.S - code for exc_el2.c at fixed addresses
 * (.text.probes = 0x40082000).  Every probe ends with `svc #0xffff`.
 */
	.section .text.probes, "ax"

	.org	0x000			/* EL1h */
	.globl	p_el1_hvc
p_el1_hvc:
	hvc	#0x42			/* 0x40082000 -> EL2, ELR 0x40082004 */
	svc	#0xffff

	.org	0x040			/* EL0 */
	.globl	p_el0_hvc
p_el0_hvc:
	hvc	#0x1			/* 0x40082040: UNDEFINED at EL0 */
	svc	#0xffff

	.org	0x080			/* EL1h */
	.globl	p_el1_smc
p_el1_smc:
	smc	#0x43			/* 0x40082080: UNDEFINED, no EL3 */
	nop
	svc	#0xffff

	.org	0x0c0			/* EL1h, MDCR_EL2.TDA = 1 */
	.globl	p_el1_tda
p_el1_tda:
	mov	x3, #0x5a
	mrs	x3, dbgbcr0_el1		/* 0x400820c4 -> EL2 */
	mov	x5, #0x77
	msr	dbgbcr0_el1, x5		/* 0x400820cc -> EL2 */
	mrs	x7, dbgwvr3_el1		/* 0x400820d0 -> EL2 */
	mrs	x9, mdscr_el1		/* 0x400820d4 -> EL2 */
	msr	oslar_el1, xzr		/* 0x400820d8: TDOSA = 0, not trapped */
	mov	x0, x3
	svc	#0xffff

	.org	0x100			/* EL1h, MDCR_EL2.TDA = 1 */
	.globl	p_el1_tda_unimpl
p_el1_tda_unimpl:
	mov	x3, #0x5a
	mrs	x3, dbgbcr6_el1		/* 0x40082104: UNDEFINED before the trap */
	mov	x0, x3
	svc	#0xffff

	.org	0x140			/* EL0, MDCR_EL2.TDA = 1 */
	.globl	p_el0_tda
p_el0_tda:
	mrs	x3, mdscr_el1		/* 0x40082140: UNDEFINED at EL0 */
	svc	#0xffff

	.org	0x180			/* EL1h, MDCR_EL2.TDE = 1, TDA = 0 */
	.globl	p_el1_tde
p_el1_tde:
	mrs	x9, mdscr_el1		/* 0x40082180 -> EL2 (TDA as 1) */
	msr	oslar_el1, xzr		/* 0x40082184 -> EL2 (TDOSA as 1) */
	svc	#0xffff
