/* SPDX-License-Identifier: MIT */
/*
 * traces/el2_routing/code.S - guest kernel functions: two the guest puts
 * its own breakpoints on, and one the host debugger breaks on and steps.
 */
	.file	"el2_routing/code.S"	/* names the STT_FILE symbol (CMakeLists.txt) */
	.text

/* u64 guest_fn(u64 x): x + 1 (the guest's own breakpoint) */
	.globl	guest_fn
	.type	guest_fn, %function
guest_fn:
	add	x0, x0, #1
	.globl	guest_fn_ret
guest_fn_ret:
	ret
	.size	guest_fn, . - guest_fn

/* u64 guest_fn2(u64 x): x + 8 (a breakpoint the guest sets while the host debugs) */
	.globl	guest_fn2
	.type	guest_fn2, %function
guest_fn2:
	add	x0, x0, #8
	.globl	guest_fn2_ret
guest_fn2_ret:
	ret
	.size	guest_fn2, . - guest_fn2

/* u64 guest_target_fn(u64 x): x + 2 + 3 (the host debugger's breakpoint) */
	.globl	guest_target_fn
	.type	guest_target_fn, %function
guest_target_fn:
	add	x0, x0, #2
	.globl	guest_target_insn2
guest_target_insn2:
	add	x0, x0, #3
	ret
	.size	guest_target_fn, . - guest_target_fn
