/* SPDX-License-Identifier: MIT */
/*
 * traces/step_svc/task.S - the EL0 task a tracer single-steps: a few
 * instructions, a BRK, getpid() (SVC), a few more, exit() (SVC).
 */
	.file	"step_svc/task.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .user.text, "ax"
	.globl	svc_task
	.type	svc_task, %function
svc_task:
	mov	x0, #1			/* +0 */
	mov	x1, #2			/* +4 */
	.globl	task_brk
task_brk:
	brk	#0x10			/* +8: a compiled-in breakpoint */
	add	x2, x0, x1		/* +12 */
	mov	x8, #SYS_GETPID		/* +16 */
	.globl	task_svc
task_svc:
	svc	#0			/* +20: getpid() */
	.globl	after_svc
after_svc:
	add	x3, x0, #0x100		/* +24: the first instruction after it */
	mov	x4, #5			/* +28 */
	mov	x0, x3			/* +32 */
	mov	x8, #SYS_EXIT		/* +36 */
	.globl	task_exit_svc
task_exit_svc:
	svc	#0			/* +40: exit(x3) */
	.size	svc_task, . - svc_task
