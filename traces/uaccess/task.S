/* SPDX-License-Identifier: MIT */
/*
 * traces/uaccess/task.S - the EL0 task of the uaccess scenario: it asks
 * the kernel to watch 4 bytes of its buffer for stores (a perf_event_open
 * of a hw_breakpoint on itself), then read()s 32 bytes into the buffer:
 * the kernel's copy_to_user stores into it with STTR.  In the UACCESS_EL0
 * variant the task then stores into the watched bytes itself.  It exits
 * with read()'s result.
 */
	.file	"uaccess/task.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
#include "asm.h"

	.section .user.text, "ax"
	.globl	uaccess_task
	.type	uaccess_task, %function
uaccess_task:
	adrp	x20, user_buf
	add	x20, x20, :lo12:user_buf
	add	x0, x20, #12		/* watch buf[12..15] for stores */
	mov	x1, #4
	mov	x2, #2			/* HW_BREAKPOINT_W */
	mov	x8, #SYS_HW_BREAKPOINT
	svc	#0
	cbnz	x0, 1f
	mov	x0, x20			/* read(buf, 32) */
	mov	x1, #32
	mov	x8, #SYS_READ
	svc	#0
	mov	x19, x0
#ifdef UACCESS_EL0
	mov	w1, #0x5a
	.globl	task_store
task_store:
	str	w1, [x20, #12]		/* the task's own store: EL0 watchpoint */
#endif
	mov	x0, x19
1:	mov	x8, #SYS_EXIT
	svc	#0
	.size	uaccess_task, . - uaccess_task

	.section .user.data, "aw"
	.balign	16
	.globl	user_buf
user_buf:
	.space	32
