/* SPDX-License-Identifier: MIT */
/*
 * tests/emu/guest_min.S - a minimal bare-metal AArch64 guest, linked by
 * guest_min.ld at 0x40080000 (code) and 0x40090000 (data + bss).
 *
 * It prints "guest_min\n" with SYS_WRITE0 and exits with SYS_EXIT
 * {ADP_Stopped_ApplicationExit, status}: status 0 if the .data word holds
 * its initial value and the .bss word reads zero (the loader copied the
 * file bytes and zero-filled the rest), else 1.  Runs unchanged under
 * qemu-system-aarch64 -M virt -cpu cortex-a57 -semihosting -kernel.
 */
	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	ldr	x0, =stack_top
	mov	sp, x0
	mov	w0, #0x04		/* SYS_WRITE0 */
	ldr	x1, =message
	hlt	#0xf000

	mov	x5, #0
	ldr	x3, =data_word
	ldr	x3, [x3]
	ldr	x4, =0x0123456789abcdef
	cmp	x3, x4
	b.eq	1f
	mov	x5, #1
1:	ldr	x3, =bss_word
	ldr	x3, [x3]
	cbz	x3, 2f
	mov	x5, #1
2:	ldr	x1, =exit_block
	str	x5, [x1, #8]
	mov	w0, #0x18		/* SYS_EXIT */
	.globl	exit_hlt
exit_hlt:
	hlt	#0xf000
3:	b	3b
	.ltorg
	.size	_start, . - _start

	.section .rodata
message:
	.asciz	"guest_min\n"

	.data
	.balign	8
	.globl	data_word
data_word:
	.quad	0x0123456789abcdef
exit_block:
	.quad	0x20026			/* ADP_Stopped_ApplicationExit */
	.quad	0			/* status, filled in */

	.bss
	.balign	16
	.globl	bss_word
bss_word:
	.quad	0
	.space	4096 - 8
stack_top:
