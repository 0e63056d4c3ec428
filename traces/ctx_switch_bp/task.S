/* SPDX-License-Identifier: MIT */
/*
 * traces/ctx_switch_bp/task.S - the code both tasks run: three rounds of
 * work() then yield(); exit(the number of work() calls).
 */
	.file	"ctx_switch_bp/task.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .user.text, "ax"
	.globl	worker_task
	.type	worker_task, %function
worker_task:
	mov	x19, #0
	mov	x20, #3
1:	bl	work
	mov	x8, #SYS_YIELD
	svc	#0
	subs	x20, x20, #1
	b.ne	1b
	mov	x0, x19
	mov	x8, #SYS_EXIT
	svc	#0
	.size	worker_task, . - worker_task

	.globl	work
	.type	work, %function
work:
	add	x19, x19, #1
	ret
	.size	work, . - work
