/* SPDX-License-Identifier: MIT */
/*
 * traces/irq_wp_kernel/code.S - the device driver's statistics update
 * (the watched store, run in IRQ context) and the idle loop.
 */
	.file	"irq_wp_kernel/code.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
	.text

/* void stat_inc(u64 *counter): *counter += 1 */
	.globl	stat_inc
	.type	stat_inc, %function
stat_inc:
	ldr	x1, [x0]
	add	x1, x1, #1
	.globl	stat_inc_store
stat_inc_store:
	str	x1, [x0]
	.globl	stat_inc_ret
stat_inc_ret:
	ret
	.size	stat_inc, . - stat_inc

/*
 * void cpu_idle_once(void): Linux's idle pattern - WFI with IRQs masked,
 * then unmask them so that the interrupt that woke the CPU is taken
 * (at idle_irq_window), and mask them again.
 */
	.globl	cpu_idle_once
	.type	cpu_idle_once, %function
cpu_idle_once:
	dsb	sy
	wfi
	msr	daifclr, #2
	.globl	idle_irq_window
idle_irq_window:
	msr	daifset, #2
	ret
	.size	cpu_idle_once, . - cpu_idle_once
