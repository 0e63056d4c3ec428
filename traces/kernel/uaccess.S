/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/uaccess.S - copy_to_user/copy_from_user with the
 * unprivileged load/store instructions (STTR/LDTR), as Linux's uaccess
 * routines (unconditionally since the set_fs() removal).  At EL1 an
 * STTR/LDTR is checked as an EL0 access - permissions *and* watchpoints
 * (AArch64.IsUnprivAccessPriv) - unless PSTATE.UAO = 1.  A faulting access
 * is recovered through the exception table: the result is the number of
 * bytes not copied.
 *
 * u64 __copy_to_user(void *to, const void *from, u64 n)
 * u64 __copy_from_user(void *to, const void *from, u64 n)
 */
	.file	"kernel/uaccess.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.macro	extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.quad	\insn, \fixup
	.popsection
	.endm

	.text
	.globl	__copy_to_user
	.type	__copy_to_user, %function
__copy_to_user:
	mov	x3, x2			/* x3: bytes left */
1:	cmp	x3, #8
	b.lo	3f
	ldr	x4, [x1], #8
	.globl	copy_to_user_sttr
copy_to_user_sttr:
	sttr	x4, [x0]
	extable	copy_to_user_sttr, 9f
	add	x0, x0, #8
	sub	x3, x3, #8
	b	1b
3:	cbz	x3, 9f
	ldrb	w4, [x1], #1
4:	sttrb	w4, [x0]
	extable	4b, 9f
	add	x0, x0, #1
	sub	x3, x3, #1
	b	3b
9:	mov	x0, x3
	ret
	.size	__copy_to_user, . - __copy_to_user

	.globl	__copy_from_user
	.type	__copy_from_user, %function
__copy_from_user:
	mov	x3, x2
1:	cmp	x3, #8
	b.lo	3f
2:	ldtr	x4, [x1]
	extable	2b, 9f
	str	x4, [x0], #8
	add	x1, x1, #8
	sub	x3, x3, #8
	b	1b
3:	cbz	x3, 9f
4:	ldtrb	w4, [x1]
	extable	4b, 9f
	strb	w4, [x0], #1
	add	x1, x1, #1
	sub	x3, x3, #1
	b	3b
9:	mov	x0, x3
	ret
	.size	__copy_from_user, . - __copy_from_user

/* void uao_set(bool on): PSTATE.UAO (FEAT_UAO only: UNDEFINED without it). */
	.arch	armv8.2-a
	.globl	uao_set
	.type	uao_set, %function
uao_set:
	cbz	w0, 1f
	msr	uao, #1
	ret
1:	msr	uao, #0
	ret
	.size	uao_set, . - uao_set
