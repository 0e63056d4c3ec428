/* SPDX-License-Identifier: MIT */
/*
 * tests/fuzz/e2e_guest.S - the fixed guest program of fuzz harness 4
 * (fuzz_e2e.c), linked by tests/emu/guest_min.ld (code at 0x40080000,
 * data at 0x40090000).
 *
 * It reads a block of 64-bit values the harness preloaded at E2E_BLOCK,
 * writes them into the debug registers and runs a fixed workload under
 * them: loads, stores, a load/store pair, exclusives, LDTR/STTR, DC ZVA,
 * a BRK, an ERET to EL0 (optionally stepping), EL0 loads and stores, an
 * SVC back to EL1, and a semihosting exit.  Every exception goes to one
 * handler that counts it and makes progress: a software-step exception
 * clears MDSCR_EL1.SS, the SVC from EL0 resumes at EL1, anything else
 * skips the instruction (ELR_EL1 + 4).  After E2E_MAX_EXC exceptions the
 * guest exits with status 1, so every run ends; otherwise with status 0.
 *
 * The block (u64 each, E2E_BLOCK + 8 * index):
 *   0 flags: bit0 clear PSTATE.D for the EL1 workload, bit1 SPSR.SS and
 *     bit2 SPSR.D of the ERET to EL0
 *   1 OSLAR_EL1 (written first)   2 OSDLR_EL1     3 DBGPRCR_EL1
 *   4 MDSCR_EL1                   5 CONTEXTIDR_EL1
 *   6..17 DBGBCR<n>_EL1, DBGBVR<n>_EL1 for n = 0..5
 *   18..25 DBGWCR<n>_EL1, DBGWVR<n>_EL1 for n = 0..3
 *   26 OSLAR_EL1 (written last)   27 MDSCR_EL1 for the ERET to EL0
 * A DBGBVR value with bit 63 clear is an offset into the workload code
 * (workload + (value & 0x3fc)), a DBGWVR value with bit 63 clear an
 * offset into the data area (data_area + (value & 0xffc)), so that the
 * comparators often hit; with bit 63 set the value is written as is.
 */
#define E2E_BLOCK	0x400a0000
#define E2E_MAX_EXC	64

	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	ldr	x0, =stack_top
	mov	sp, x0
	ldr	x0, =vectors
	msr	vbar_el1, x0
	ldr	x0, =0x30d00800		/* SCTLR_EL1: RES1 bits, MMU off */
	msr	sctlr_el1, x0
	isb
	ldr	x20, =E2E_BLOCK
	ldr	x21, =workload
	ldr	x22, =data_area

	/* The debug registers, from the block. */
	ldr	x2, [x20, #8 * 1]
	msr	oslar_el1, x2
	ldr	x2, [x20, #8 * 2]
	msr	osdlr_el1, x2
	ldr	x2, [x20, #8 * 3]
	msr	dbgprcr_el1, x2
	ldr	x2, [x20, #8 * 4]
	msr	mdscr_el1, x2
	ldr	x2, [x20, #8 * 5]
	msr	contextidr_el1, x2

	.macro	bp n
	ldr	x2, [x20, #8 * (6 + 2 * \n)]
	msr	dbgbcr\n\()_el1, x2
	ldr	x2, [x20, #8 * (7 + 2 * \n)]
	tbnz	x2, #63, 1f
	and	x2, x2, #0x3fc
	add	x2, x2, x21
1:	msr	dbgbvr\n\()_el1, x2
	.endm
	.macro	wp n
	ldr	x2, [x20, #8 * (18 + 2 * \n)]
	msr	dbgwcr\n\()_el1, x2
	ldr	x2, [x20, #8 * (19 + 2 * \n)]
	tbnz	x2, #63, 1f
	and	x2, x2, #0xffc
	add	x2, x2, x22
1:	msr	dbgwvr\n\()_el1, x2
	.endm
	bp	0
	bp	1
	bp	2
	bp	3
	bp	4
	bp	5
	wp	0
	wp	1
	wp	2
	wp	3
	ldr	x2, [x20, #8 * 26]
	msr	oslar_el1, x2
	isb
	ldr	x2, [x20, #8 * 0]
	tbz	x2, #0, 2f
	msr	daifclr, #8		/* PSTATE.D = 0 */
2:	b	workload

	/* The workload: code that the breakpoints' offsets point into. */
	.balign	1024
workload:
	mov	x3, x22
	ldr	x4, [x3]
	str	x4, [x3, #8]
	ldrb	w5, [x3, #17]
	strh	w5, [x3, #34]
	ldp	x4, x5, [x3, #64]
	stp	x4, x5, [x3, #96]
	ldtr	x6, [x3, #128]
	sttr	x6, [x3, #136]
	add	x7, x3, #256
	ldxr	x8, [x7]
	stxr	w9, x8, [x7]
	add	x7, x3, #512
	dc	zva, x7
	brk	#0x42
	nop
	ldr	w4, [x3, #1020]
	str	w4, [x3, #2044]

	/*
	 * The ERET to EL0, stepping if the block says so.  PSTATE.D is set
	 * first, so that a step enabled here is not taken at EL1.
	 */
	msr	daifset, #8
	ldr	x2, [x20, #8 * 27]
	msr	mdscr_el1, x2
	ldr	x2, =el0_stack_top
	msr	sp_el0, x2
	ldr	x2, [x20, #8 * 0]
	ubfx	x4, x2, #1, #1		/* SPSR.SS */
	ubfx	x5, x2, #2, #1		/* SPSR.D */
	lsl	x4, x4, #21
	orr	x4, x4, x5, lsl #9	/* EL0t */
	msr	spsr_el1, x4
	adr	x4, el0_code
	msr	elr_el1, x4
	isb
	eret

el0_code:
	ldr	x4, [x3, #8]
	str	x4, [x3, #16]
	ldr	w5, [x3, #20]
	add	x4, x4, #1
	str	w4, [x3, #24]
	ldp	x4, x5, [x3, #32]
	svc	#0

	.globl	after_el0
after_el0:
	brk	#0x43
	ldr	x4, [x3]
	mov	x5, #0
	b	finish

too_many:
	mov	x5, #1
finish:
	mov	w0, #0x04		/* SYS_WRITE0 */
	ldr	x1, =done_msg
	hlt	#0xf000
	ldr	x1, =exit_block
	str	x5, [x1, #8]
	mov	w0, #0x18		/* SYS_EXIT */
	hlt	#0xf000
3:	b	3b

/*
 * The exception handler (every vector).  x0/x1 are saved on SP_EL1.
 * EC 0x15 (SVC64): resume at after_el0 in EL1h with DAIF masked.
 * EC 0x32/0x33 (software step): clear MDSCR_EL1.SS, return to ELR.
 * Anything else: skip the instruction.
 */
handler:
	stp	x0, x1, [sp, #-16]!
	ldr	x0, =exc_count
	ldr	x1, [x0]
	add	x1, x1, #1
	str	x1, [x0]
	cmp	x1, #E2E_MAX_EXC
	b.hs	too_many
	mrs	x0, esr_el1
	ubfx	x0, x0, #26, #6
	cmp	x0, #0x15
	b.eq	4f
	cmp	x0, #0x32
	b.eq	5f
	cmp	x0, #0x33
	b.eq	5f
	mrs	x0, elr_el1
	add	x0, x0, #4
	msr	elr_el1, x0
	b	6f
4:	ldr	x0, =after_el0
	msr	elr_el1, x0
	mov	x0, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el1, x0
	b	6f
5:	mrs	x0, mdscr_el1
	bic	x0, x0, #1
	msr	mdscr_el1, x0
6:	ldp	x0, x1, [sp], #16
	eret
	.ltorg
	.size	_start, . - _start

	.macro	vector
	.balign	128
	b	handler
	.endm
	.balign	2048
vectors:
	.rept	16
	vector
	.endr

	.section .rodata
done_msg:
	.asciz	"e2e done\n"

	.data
	.balign	8
exit_block:
	.quad	0x20026			/* ADP_Stopped_ApplicationExit */
	.quad	0			/* status, filled in */

	.bss
	.balign	4096
data_area:
	.space	4096
exc_count:
	.quad	0
	.balign	16
	.space	2048
el0_stack_top:
	.space	2048
stack_top:
