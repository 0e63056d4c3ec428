/* SPDX-License-Identifier: MIT */
/*
 * tests/guests/lib/start.S - start-up, vector tables and EL switching of
 * the guest tests (see guest.h).
 *
 * _start runs at EL1 (armdbg run, qemu -M virt) or at EL2 (armdbg run
 * --el2, qemu -M virt,virtualization=on).  At EL2 it installs the EL2
 * vectors, makes EL1 AArch64 with no EL2 traps, and drops to EL1h.  At EL1
 * it installs the EL1 vectors, turns the MMU off, allows FP/SIMD, and
 * calls main(); main's return value is the exit code.
 *
 * Each vector entry saves x0/x1 on the current EL's stack and branches to
 * the common code, which completes a struct frame (x0..x30, ELR, SPSR,
 * ESR, FAR, vector offset, EL), calls exc_dispatch(frame), and restores
 * the (possibly modified) frame before ERET.
 */
#define FRAME_SIZE 304

	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	/* .bss, stacks included, is zeroed before anything uses it. */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	el1_entry

	/* EL2: vectors, stack, EL1 is AArch64, no traps, MMU off. */
	ldr	x0, =vectors_el2
	msr	vbar_el2, x0
	ldr	x0, =stack_el2_top
	mov	sp, x0
	mov	x0, #(1 << 31)		/* HCR_EL2.RW */
	msr	hcr_el2, x0
	mov	x0, #0x33ff		/* CPTR_EL2: RES1 bits, no traps */
	msr	cptr_el2, x0
	mrs	x0, pmcr_el0		/* MDCR_EL2.HPMN = PMCR_EL0.N, no traps */
	ubfx	x0, x0, #11, #5
	msr	mdcr_el2, x0
	ldr	x0, =0x30c50830		/* SCTLR_EL2: RES1 bits, MMU off */
	msr	sctlr_el2, x0
	msr	vttbr_el2, xzr
	ldr	x0, =stack_el1_top
	msr	sp_el1, x0
	mov	x0, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el2, x0
	ldr	x0, =el1_entry
	msr	elr_el2, x0
	eret

el1_entry:
	ldr	x0, =vectors_el1
	msr	vbar_el1, x0
	ldr	x0, =stack_el1_top
	mov	sp, x0
	ldr	x0, =0x30d00800		/* SCTLR_EL1: RES1 bits (SPAN=1), MMU off */
	msr	sctlr_el1, x0
	mov	x0, #(3 << 20)		/* CPACR_EL1.FPEN: no FP/SIMD traps */
	msr	cpacr_el1, x0
	isb
	bl	main
	b	guest_exit
	.ltorg
	.size	_start, . - _start

/* ---- vectors ---------------------------------------------------------- */

	.macro	ventry, el, off
	.balign	128
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x0, #\off
	b	exc_common_el\el
	.endm

	.macro	vtable, el
	ventry	\el, 0x000
	ventry	\el, 0x080
	ventry	\el, 0x100
	ventry	\el, 0x180
	ventry	\el, 0x200
	ventry	\el, 0x280
	ventry	\el, 0x300
	ventry	\el, 0x380
	ventry	\el, 0x400
	ventry	\el, 0x480
	ventry	\el, 0x500
	ventry	\el, 0x580
	ventry	\el, 0x600
	ventry	\el, 0x680
	ventry	\el, 0x700
	ventry	\el, 0x780
	.endm

	/* x0 = vector offset; x0/x1 are saved at [sp]. */
	.macro	common, el
exc_common_el\el:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x1, elr_el\el
	mrs	x2, spsr_el\el
	stp	x1, x2, [sp, #248]
	mrs	x1, esr_el\el
	mrs	x2, far_el\el
	stp	x1, x2, [sp, #264]
	mov	x1, #\el
	stp	x0, x1, [sp, #280]
	mov	x0, sp
	bl	exc_dispatch
	ldp	x1, x2, [sp, #248]
	msr	elr_el\el, x1
	msr	spsr_el\el, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp]
	add	sp, sp, #FRAME_SIZE
	eret
	.endm

	.section .text.vectors_el1, "ax"
	.balign	2048
	.globl	vectors_el1
vectors_el1:
	vtable	1

	.section .text.vectors_el2, "ax"
	.balign	2048
	.globl	vectors_el2
vectors_el2:
	vtable	2

	.text
	common	1
	common	2

/* ---- running code elsewhere ------------------------------------------ */

	.text
/* uint64_t run_at(uint64_t pc, uint64_t spsr, uint64_t sp_el0) */
	.globl	run_at
	.type	run_at, %function
run_at:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	ldr	x10, =run_saved
	mrs	x9, daif
	mov	x12, #0x5		/* back to EL1h with the caller's DAIF */
	orr	x9, x9, x12
	mov	x11, sp
	stp	x9, x11, [x10]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	msr	sp_el0, x2
	eret
	.size	run_at, . - run_at

/* exc_dispatch ERETs here for SVC #0xffff, x0 = the code's x0. */
	.globl	run_resume
	.type	run_resume, %function
run_resume:
	ldr	x10, =run_saved
	ldr	x11, [x10, #8]
	mov	sp, x11
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	.size	run_resume, . - run_resume

/* uint64_t hvc_call(uint64_t (*fn)(uint64_t), uint64_t arg) */
	.globl	hvc_call
	.type	hvc_call, %function
hvc_call:
	hvc	#0xfffe
	ret
	.size	hvc_call, . - hvc_call

	.globl	read_v0_lo
	.type	read_v0_lo, %function
read_v0_lo:
	fmov	x0, d0
	ret
	.size	read_v0_lo, . - read_v0_lo

	.globl	read_v0_hi
	.type	read_v0_hi, %function
read_v0_hi:
	mov	x0, v0.d[1]
	ret
	.size	read_v0_hi, . - read_v0_hi
	.ltorg

	.data
	.balign	16
	.globl	run_saved
run_saved:
	.quad	0, 0		/* SPSR to resume with, SP_EL1 */

	.section .bss.stacks, "aw", %nobits
	.balign	16
	.space	4096
	.globl	stack_el0_top
stack_el0_top:
	.space	16384
	.globl	stack_el1_top
stack_el1_top:
	.space	8192
	.globl	stack_el2_top
stack_el2_top:
