/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/entry.S - exception vectors, the pt_regs frame, the way
 * back to an EL0 task, and the saved kernel context run_tasks() returns
 * through.
 *
 * Every vector entry pushes a struct pt_regs (asm.h S_*) on the handler's
 * stack: x0..x30, the interrupted context's SP (SP_EL0 for EL0 and SP0
 * sources; at EL2, SP_EL1 for an EL1h source), ELR, SPSR, ESR, FAR, the
 * vector offset and the handler's EL; then calls el1_exception() or
 * el2_exception() (traps.c) with it.  The way out restores the frame -
 * which the handler may have changed, e.g. to another task's context -
 * and ERETs.
 */
	.file	"kernel/entry.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.macro	ventry, el, off
	.balign	128
	sub	sp, sp, #S_FRAME_SIZE
	stp	x0, x1, [sp, #S_X0]
	mov	x0, #\off
	b	entry_el\el
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

	.section .vectors.el1, "ax"
	.balign	2048
	.globl	vectors_el1
vectors_el1:
	vtable	1

	.section .vectors.el2, "ax"
	.balign	2048
	.globl	vectors_el2
vectors_el2:
	vtable	2

	.macro	save_gprs
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
	str	x30, [sp, #S_LR]
	.endm

	.macro	restore_gprs_eret
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
	ldr	x30, [sp, #S_LR]
	ldp	x0, x1, [sp, #S_X0]
	add	sp, sp, #S_FRAME_SIZE
	eret
	.endm

	.text
/* x0 = vector offset; x0/x1 saved. */
entry_el1:
	save_gprs
	cmp	x0, #VEC_CUR_SPX
	b.lo	1f			/* EL1t: the SP was SP_EL0 */
	cmp	x0, #VEC_LOWER64
	b.hs	1f			/* EL0: SP_EL0 */
	add	x1, sp, #S_FRAME_SIZE	/* EL1h: this stack before the frame */
	b	2f
1:	mrs	x1, sp_el0
2:	str	x1, [sp, #S_SP]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	stp	x1, x2, [sp, #S_PC]
	mrs	x1, esr_el1
	mrs	x2, far_el1
	stp	x1, x2, [sp, #S_ESR]
	mov	x1, #1
	stp	x0, x1, [sp, #S_VEC]
	mov	x0, sp
	bl	el1_exception
	.globl	ret_from_exception_el1
ret_from_exception_el1:
	ldp	x1, x2, [sp, #S_PC]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	and	x2, x2, #PSR_MODE_MASK
	cmp	x2, #PSR_MODE_EL1h
	b.eq	3f
	ldr	x1, [sp, #S_SP]		/* to EL0 or EL1t: its SP_EL0 */
	msr	sp_el0, x1
3:	restore_gprs_eret

entry_el2:
	save_gprs
	cmp	x0, #VEC_CUR_SPX
	b.lo	1f			/* EL2t: SP_EL0 */
	cmp	x0, #VEC_LOWER64
	b.hs	4f
	add	x1, sp, #S_FRAME_SIZE	/* EL2h */
	b	2f
4:	mrs	x2, spsr_el2		/* lower EL: SP_EL1 if EL1h, else SP_EL0 */
	and	x2, x2, #PSR_MODE_MASK
	cmp	x2, #PSR_MODE_EL1h
	b.ne	1f
	mrs	x1, sp_el1
	b	2f
1:	mrs	x1, sp_el0
2:	str	x1, [sp, #S_SP]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [sp, #S_PC]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [sp, #S_ESR]
	mov	x1, #2
	stp	x0, x1, [sp, #S_VEC]
	mov	x0, sp
	bl	el2_exception
	ldp	x1, x2, [sp, #S_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	and	x2, x2, #PSR_MODE_MASK
	cmp	x2, #PSR_MODE_EL2h
	b.eq	3f
	ldr	x1, [sp, #S_SP]
	cmp	x2, #PSR_MODE_EL1h
	b.ne	5f
	msr	sp_el1, x1
	b	3f
5:	msr	sp_el0, x1
3:	restore_gprs_eret

/*
 * void ret_to_user(const struct pt_regs *regs): leave the kernel for the
 * context in *regs (copied into a frame on this stack) by the common
 * exception return.  The caller has masked DAIF and prepared the exit.
 */
	.globl	ret_to_user
	.type	ret_to_user, %function
ret_to_user:
	sub	sp, sp, #S_FRAME_SIZE
	mov	x1, sp
	mov	x2, #(S_FRAME_SIZE / 16)
1:	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x1], #16
	subs	x2, x2, #1
	b.ne	1b
	b	ret_from_exception_el1
	.size	ret_to_user, . - ret_to_user

/*
 * int kctx_save(struct kctx *c): save x19..x30, SP and DAIF; returns 0,
 * and again (with @v) when kctx_restore(c, v) is called.
 */
	.globl	kctx_save
	.type	kctx_save, %function
kctx_save:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x1, sp
	mrs	x2, daif
	stp	x1, x2, [x0, #96]
	mov	x0, #0
	ret
	.size	kctx_save, . - kctx_save

	.globl	kctx_restore
	.type	kctx_restore, %function
kctx_restore:
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldp	x2, x3, [x0, #96]
	mov	sp, x2
	msr	daif, x3
	mov	x0, x1
	ret
	.size	kctx_restore, . - kctx_restore
