/* SPDX-License-Identifier: MIT */
/*
 * traces/irq_wp_stepover/code.S - the watched accesses: an EL0 task that
 * stores twice to a variable it watches (part A), and a kernel function
 * that stores to a kernel variable under a kernel watchpoint (part B).
 */
	.file	"irq_wp_stepover/code.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .user.data, "aw"
	.balign	8
	.globl	user_watched
user_watched:
	.quad	0

	.section .user.text, "ax"
/* The task: two stores to user_watched, then exit(user_watched). */
	.globl	wp_task
	.type	wp_task, %function
wp_task:
	adrp	x1, user_watched
	add	x1, x1, :lo12:user_watched
	mov	x2, #1
	.globl	wp_store1
wp_store1:
	str	x2, [x1]		/* hit 1: the step-over is interrupted */
	.globl	wp_after1
wp_after1:
	add	x2, x2, #1
	.globl	wp_store2
wp_store2:
	str	x2, [x1]		/* hit 2: the watchpoint is still there */
	.globl	wp_after2
wp_after2:
	ldr	x0, [x1]
	mov	x8, #SYS_EXIT
	svc	#0
	b	.
	.size	wp_task, . - wp_task

	.text
/* void kwp_store(u64 *p, u64 v): *p = v */
	.globl	kwp_store
	.type	kwp_store, %function
kwp_store:
	.globl	kwp_store_insn
kwp_store_insn:
	str	x1, [x0]
	.globl	kwp_after
kwp_after:
	ret
	.size	kwp_store, . - kwp_store
