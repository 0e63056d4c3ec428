/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/head.S - the kernel's entry point.
 *
 * The image is entered at EL1h (armdbg run, qemu -M virt) or EL2h
 * (armdbg run --el2, qemu -M virt,virtualization=on) with DAIF masked
 * and the MMU off, as a CPU leaves reset.  .bss is zeroed, then at EL2 the
 * hypervisor side is set up (vectors, EL1 is AArch64 with no traps, EL1
 * may use the physical timer and the GIC system registers, hyp_init())
 * and the CPU drops to EL1h.  At EL1: vectors, stack, SCTLR_EL1 with the
 * MMU off, no FP/SIMD traps, then start_kernel() (setup.c); its return
 * value is the exit status.
 */
	.file	"kernel/head.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .head.text, "ax"
	.globl	_start
	.type	_start, %function
_start:
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mrs	x0, CurrentEL
	ubfx	x0, x0, #2, #2
	ldr	x1, =boot_el
	str	x0, [x1]
	cmp	x0, #2
	b.ne	el1_start

	/* EL2: the hypervisor's vectors and stack. */
	ldr	x0, =vectors_el2
	msr	vbar_el2, x0
	ldr	x0, =el2_stack_top
	mov	sp, x0
	mov	x0, #(1 << 31)		/* HCR_EL2.RW: EL1 is AArch64; no traps */
	msr	hcr_el2, x0
	mov	x0, #0x33ff		/* CPTR_EL2: RES1 bits, no FP/SIMD traps */
	msr	cptr_el2, x0
	mrs	x0, pmcr_el0		/* MDCR_EL2: HPMN = PMCR_EL0.N, no traps */
	ubfx	x0, x0, #11, #5
	msr	mdcr_el2, x0
	mov	x0, #3			/* CNTHCTL_EL2.{EL1PCEN,EL1PCTEN} */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mrs	x0, id_aa64pfr0_el1	/* GIC system registers implemented? */
	ubfx	x0, x0, #24, #4
	cbz	x0, 3f
	mrs	x0, icc_sre_el2		/* ICC_SRE_EL2.{Enable,SRE}: EL1 may use them */
	mov	x1, #0x9
	orr	x0, x0, x1
	msr	icc_sre_el2, x0
3:	ldr	x0, =0x30c50830		/* SCTLR_EL2: RES1 bits, MMU off */
	msr	sctlr_el2, x0
	msr	vttbr_el2, xzr
	isb
	bl	hyp_init
	ldr	x0, =init_stack_top
	msr	sp_el1, x0
	mov	x0, #(PSR_DAIF | PSR_MODE_EL1h)
	msr	spsr_el2, x0
	ldr	x0, =el1_start
	msr	elr_el2, x0
	eret

el1_start:
	ldr	x0, =vectors_el1
	msr	vbar_el1, x0
	ldr	x0, =init_stack_top
	mov	sp, x0
	ldr	x0, =0x30d00800		/* SCTLR_EL1: RES1 bits (SPAN=1), MMU off */
	msr	sctlr_el1, x0
	mov	x0, #(3 << 20)		/* CPACR_EL1.FPEN: no FP/SIMD traps */
	msr	cpacr_el1, x0
	isb
	bl	start_kernel
	b	kernel_exit
	.ltorg
	.size	_start, . - _start

/* u64 hyp_call(fn, a, b, c): fn(a, b, c) at EL2. */
	.text
	.globl	hyp_call
	.type	hyp_call, %function
hyp_call:
	hvc	#HVC_CALL
	ret
	.size	hyp_call, . - hyp_call

	.section .bss.stacks, "aw", %nobits
	.balign	16
	.space	16384
	.globl	init_stack_top
init_stack_top:
	.space	8192
	.globl	el2_stack_top
el2_stack_top:
