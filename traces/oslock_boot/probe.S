/* SPDX-License-Identifier: MIT */
/*
 * traces/oslock_boot/probe.S - the kernel code the early debugger watches:
 * probe_fn() (breakpoint on its first instruction, a watchpoint on the
 * variable it stores to) and the compiled-in debugger break.
 */
	.file	"oslock_boot/probe.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
	.text
/* void probe_fn(u64 *var): *var += 1 */
	.globl	probe_fn
	.type	probe_fn, %function
probe_fn:
	ldr	x1, [x0]
	add	x1, x1, #1
	.globl	probe_store
probe_store:
	str	x1, [x0]
	ret
	.size	probe_fn, . - probe_fn

/* void kgdb_breakpoint(void): a compiled-in BRK (Linux's KGDB_COMPILED_DBG_BRK_IMM) */
	.globl	kgdb_breakpoint
	.type	kgdb_breakpoint, %function
kgdb_breakpoint:
	.globl	kgdb_brk_insn
kgdb_brk_insn:
	brk	#0x401
	ret
	.size	kgdb_breakpoint, . - kgdb_breakpoint
