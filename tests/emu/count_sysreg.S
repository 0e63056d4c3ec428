// SPDX-License-Identifier: MIT
/*
 * tests/emu/count_sysreg.S - virtual time counts every instruction once,
 * also when an emulated MRS (CNTVCT_EL0, which QEMU implements, and
 * ICC_PMR_EL1, which it does not) is followed by a branch to another
 * page.  By hand: mov (1) + 4 x (mrs, mrs, bl, ret, subs, b.ne = 6) +
 * ldr, mov (2) = 27 instructions retire before the HLT: the halt event
 * has cycle=27.
 */
	.global _start
_start:
	mov	x5, #4
loop:
	mrs	x0, cntvct_el0
	mrs	x1, s3_0_c4_c6_0	// ICC_PMR_EL1
	bl	func
	subs	x5, x5, #1
	b.ne	loop
	ldr	x1, =blk
	mov	x0, #0x18
	hlt	#0xf000

	.balign	4096
func:
	ret

	.data
blk:	.quad	0x20026, 0
