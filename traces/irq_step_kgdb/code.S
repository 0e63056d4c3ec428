/* SPDX-License-Identifier: MIT */
/*
 * traces/irq_step_kgdb/code.S - the kernel code a kgdb-style debugger
 * steps through.  Each starts with the debugger's compiled-in break
 * (BRK #0x401, as kgdb_breakpoint()); the debugger then single-steps the
 * instruction after it.  The labels are the PCs the debugger expects.
 */
	.file	"irq_step_kgdb/code.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
	.text

/* u64 kgdb_demo_step(u64 x): x + 1 + 2, run in process context (DAIF clear). */
	.globl	kgdb_demo_step
	.type	kgdb_demo_step, %function
kgdb_demo_step:
	.globl	demo_step_brk
demo_step_brk:
	brk	#0x401
	.globl	demo_step_insn
demo_step_insn:				/* gdb's "stepi" runs this one */
	add	x0, x0, #1
	.globl	demo_step_next
demo_step_next:				/* ... and stops here */
	add	x0, x0, #2
	ret
	.size	kgdb_demo_step, . - kgdb_demo_step

/*
 * u64 kgdb_demo_irq_enable(u64 x): x + 4, called with IRQs masked and
 * debug unmasked (D = 0, I = 1): the stepped instruction is the
 * local_irq_enable() at the end of an irqsave section.
 */
	.globl	kgdb_demo_irq_enable
	.type	kgdb_demo_irq_enable, %function
kgdb_demo_irq_enable:
	.globl	demo_irqen_brk
demo_irqen_brk:
	brk	#0x401
	.globl	demo_irqen_insn
demo_irqen_insn:			/* gdb's "stepi" runs this one */
	msr	daifclr, #2
	.globl	demo_irqen_next
demo_irqen_next:			/* ... and stops here */
	add	x0, x0, #4
	ret
	.size	kgdb_demo_irq_enable, . - kgdb_demo_irq_enable
