/* SPDX-License-Identifier: MIT */
/*
 * tests/trace/trace_guest.S - the guest of the record/replay tests, linked
 * by tests/emu/guest_min.ld (code at 0x40080000, data at 0x40090000).
 *
 * A tiny kernel at EL1 clears the OS lock, installs its vectors, enables
 * SPI 40 (level-sensitive, Group 1) in the GICv3 at the QEMU virt address
 * and enters an EL0 task with IRQs masked.  The task makes three
 * exceptions the trace tests look at:
 *   svc #1  the kernel arms software step (MDSCR_EL1.SS=1, SPSR_EL1.SS=1)
 *           and returns with IRQs unmasked: the next instruction is
 *           stepped, then a step exception (EC 0x32) is taken before the
 *           one after it.  If SPI 40 is pending (an input asserted it) the
 *           IRQ is taken first, before the stepped instruction, with
 *           SPSR_EL1.SS=1 saved; the handler acknowledges it, disables it
 *           (the line stays asserted) and returns, and the step completes
 *           on the intended instruction;
 *   brk #7  the kernel skips it (ELR_EL1 += 4);
 *   svc #2  the kernel prints "done" and exits with status 0.
 * Anything else exits with status 1.  Semihosting: HLT #0xF000, X0 = the
 * operation, X1 = the argument (SYS_WRITE0 0x04, SYS_EXIT 0x18 with
 * {ADP_Stopped_ApplicationExit 0x20026, code}).
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	ldr	x0, =stack_top
	mov	sp, x0
	ldr	x0, =vectors
	msr	vbar_el1, x0
	msr	oslar_el1, xzr		/* OSLK=0: debug exceptions can happen */
	isb
	mov	w0, #0x04		/* SYS_WRITE0 */
	ldr	x1, =msg_start
	hlt	#0xf000
	bl	gic_init
	ldr	x0, =el0_task
	msr	elr_el1, x0
	mov	x0, #0x80		/* EL0t, I masked, SS=0 */
	msr	spsr_el1, x0
	eret
	.size	_start, . - _start

/* GICv3 (IHI 0069): SPI 40 level-sensitive (the reset GICD_ICFGR), Group 1, priority 0x80, enabled. */
	.equ	GICD, 0x08000000
	.type	gic_init, %function
gic_init:
	ldr	x0, =GICD
	mov	w1, #2			/* GICD_CTLR.EnableGrp1 */
	str	w1, [x0]
	mov	w1, #(1 << 8)		/* INTID 40 = bit 8 of the second word */
	str	w1, [x0, #0x084]	/* GICD_IGROUPR1: Group 1 */
	mov	w2, #0x80
	strb	w2, [x0, #(0x400 + 40)]	/* GICD_IPRIORITYR */
	str	w1, [x0, #0x104]	/* GICD_ISENABLER1 */
	mov	x1, #0xf0
	msr	icc_pmr_el1, x1
	mov	x1, #1
	msr	icc_igrpen1_el1, x1
	isb
	ret
	.size	gic_init, . - gic_init

	.globl	el0_task
	.type	el0_task, %function
el0_task:
	mov	x19, #1
	svc	#1
	add	x19, x19, #1		/* the stepped instruction */
	brk	#7
	svc	#2
1:	b	1b
	.size	el0_task, . - el0_task

	.globl	el0_sync
	.type	el0_sync, %function
el0_sync:
	mrs	x9, esr_el1
	lsr	x10, x9, #26		/* EC */
	cmp	x10, #0x15		/* SVC from AArch64 */
	b.eq	do_svc
	cmp	x10, #0x32		/* software step from a lower EL */
	b.eq	do_step
	cmp	x10, #0x3c		/* BRK */
	b.eq	do_brk
	b	fail
do_svc:
	and	x11, x9, #0xffff	/* the SVC immediate */
	cmp	x11, #2
	b.eq	done
	cmp	x11, #1
	b.ne	fail
	mrs	x12, mdscr_el1
	orr	x12, x12, #1		/* MDSCR_EL1.SS */
	msr	mdscr_el1, x12
	mrs	x12, spsr_el1
	orr	x12, x12, #(1 << 21)	/* SPSR_EL1.SS: active-not-pending */
	bic	x12, x12, #0x80		/* SPSR_EL1.I: unmask IRQs */
	msr	spsr_el1, x12
	eret
do_step:
	mrs	x12, mdscr_el1
	bic	x12, x12, #1
	msr	mdscr_el1, x12
	eret
do_brk:
	mrs	x12, elr_el1
	add	x12, x12, #4
	msr	elr_el1, x12
	eret
done:
	mov	w0, #0x04
	ldr	x1, =msg_done
	hlt	#0xf000
	mov	x5, #0
	b	exit
	.size	el0_sync, . - el0_sync

	.globl	el0_irq
	.type	el0_irq, %function
el0_irq:
	mrs	x13, icc_iar1_el1	/* acknowledge */
	cmp	x13, #40
	b.ne	fail
	ldr	x14, =GICD
	mov	w15, #(1 << 8)
	str	w15, [x14, #0x184]	/* GICD_ICENABLER1: disable INTID 40 */
	msr	icc_eoir1_el1, x13	/* priority drop and deactivate */
	eret
	.size	el0_irq, . - el0_irq

	.type	fail, %function
fail:
	mov	x5, #1
exit:
	ldr	x1, =exit_block
	str	x5, [x1, #8]
	mov	w0, #0x18		/* SYS_EXIT */
	hlt	#0xf000
2:	b	2b
	.ltorg
	.size	fail, . - fail

/* VBAR_EL1: 16 entries of 0x80 bytes; only "lower EL, AArch64" sync and IRQ are expected. */
	.balign	0x800
	.globl	vectors
vectors:
	.rept	8
	b	fail
	.balign	0x80
	.endr
	b	el0_sync		/* 0x400: lower EL using AArch64, synchronous */
	.balign	0x80
	b	el0_irq			/* 0x480: lower EL using AArch64, IRQ */
	.balign	0x80
	.rept	6
	b	fail
	.balign	0x80
	.endr

	.section .rodata
msg_start:
	.asciz	"trace guest: start\n"
msg_done:
	.asciz	"trace guest: done\n"

	.data
	.balign	8
exit_block:
	.quad	0x20026			/* ADP_Stopped_ApplicationExit */
	.quad	0			/* status, filled in */

	.bss
	.balign	16
	.space	4096
stack_top:
