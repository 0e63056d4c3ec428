/* SPDX-License-Identifier: MIT */
/*
 * traces/irq_step_el0/task.S - the EL0 task a tracer single-steps.
 *
 * Each instruction adds a distinct power of two to x19, so the exit code
 * (x19) shows that every instruction ran exactly once.  The labels are
 * the PCs at which the tracer expects its stops.
 */
	.file	"irq_step_el0/task.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

#define SYS_TICK_LATE	64	/* the scenario's syscall (irq_step_el0.c) */

	.section .user.text, "ax"
	.globl	stepped_task
	.type	stepped_task, %function
stepped_task:
	.globl	task_brk
task_brk:
	brk	#0			/* "raise(SIGTRAP)": the tracer's first stop */
	.globl	step_a
step_a:	mov	x19, #1
	.globl	step_b
step_b:	add	x19, x19, #2
	.globl	step_c
step_c:	mov	x8, #SYS_TICK_LATE
	.globl	step_svc
step_svc:
	svc	#0			/* returns 8 in x0 */
	.globl	step_after_svc
step_after_svc:
	add	x19, x19, x0
	.globl	step_e
step_e:	add	x19, x19, #16
	.globl	step_f
step_f:	add	x19, x19, #32
	mov	x0, x19			/* exit(1 + 2 + 8 + 16 + 32 = 59) */
	mov	x8, #SYS_EXIT
	svc	#0
	b	.
	.size	stepped_task, . - stepped_task
