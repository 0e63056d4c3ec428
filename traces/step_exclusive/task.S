/* SPDX-License-Identifier: MIT */
/*
 * traces/step_exclusive/task.S - the EL0 task: an atomic increment with a
 * load/store-exclusive loop (what an atomic_inc() or a spinlock compiles
 * to without LSE), then exit(the new value).
 */
	.file	"step_exclusive/task.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .user.text, "ax"
	.globl	excl_task
	.type	excl_task, %function
excl_task:
	adrp	x0, counter
	add	x0, x0, :lo12:counter
	.globl	excl_ldxr
excl_ldxr:
	ldxr	x1, [x0]
	add	x1, x1, #1
	.globl	excl_stxr
excl_stxr:
	stxr	w2, x1, [x0]
	.globl	excl_cbnz
excl_cbnz:
	cbnz	w2, excl_ldxr
	.globl	excl_done
excl_done:
	mov	x0, x1
	mov	x8, #SYS_EXIT
	svc	#0
	.size	excl_task, . - excl_task

	.section .user.data, "aw"
	.balign	8
	.globl	counter
counter:
	.quad	41
