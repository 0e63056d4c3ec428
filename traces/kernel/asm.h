/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/asm.h - constants shared by the kernel's assembly and C:
 * the pt_regs frame layout, vector offsets, PSTATE/SPSR bits, exception
 * classes, MDSCR_EL1 bits and the syscall numbers.  No C types here: the
 * file is included from .S files.
 */
#ifndef KERNEL_ASM_H
#define KERNEL_ASM_H

/* struct pt_regs (kernel.h) as the vector code builds it on the stack. */
#define S_X0		0
#define S_LR		240	/* x30 */
#define S_SP		248	/* SP of the interrupted context */
#define S_PC		256	/* ELR_ELx */
#define S_PSTATE	264	/* SPSR_ELx */
#define S_ESR		272
#define S_FAR		280
#define S_VEC		288	/* vector offset taken, 0x000..0x780 */
#define S_EL		296	/* EL the handler runs at */
#define S_FRAME_SIZE	304	/* a multiple of 16 */

/* Vector offsets: source group + type. */
#define VEC_CUR_SP0	0x000
#define VEC_CUR_SPX	0x200
#define VEC_LOWER64	0x400
#define VEC_LOWER32	0x600
#define VEC_SYNC	0x000
#define VEC_IRQ		0x080
#define VEC_FIQ		0x100
#define VEC_SERROR	0x180

/* SPSR_ELx / PSTATE. */
#define PSR_MODE_EL0t	0x0
#define PSR_MODE_EL1t	0x4
#define PSR_MODE_EL1h	0x5
#define PSR_MODE_EL2h	0x9
#define PSR_MODE_MASK	0xf
#define PSR_F_BIT	(1 << 6)
#define PSR_I_BIT	(1 << 7)
#define PSR_A_BIT	(1 << 8)
#define PSR_D_BIT	(1 << 9)
#define PSR_DAIF	(PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)
#define PSR_SS_BIT	(1 << 21)
#define PSR_UAO_BIT	(1 << 23)
#define PSR_NZCV	(0xf << 28)

/* ESR_ELx.EC */
#define EC_UNKNOWN	0x00
#define EC_SVC64	0x15
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYS64	0x18
#define EC_IABT_LOW	0x20
#define EC_IABT_CUR	0x21
#define EC_PC_ALIGN	0x22
#define EC_DABT_LOW	0x24
#define EC_DABT_CUR	0x25
#define EC_SP_ALIGN	0x26
#define EC_BREAKPT_LOW	0x30
#define EC_BREAKPT_CUR	0x31
#define EC_SOFTSTP_LOW	0x32
#define EC_SOFTSTP_CUR	0x33
#define EC_WATCHPT_LOW	0x34
#define EC_WATCHPT_CUR	0x35
#define EC_BRK64	0x3c

/* MDSCR_EL1 */
#define MDSCR_SS	(1 << 0)
#define MDSCR_TDCC	(1 << 12)
#define MDSCR_KDE	(1 << 13)
#define MDSCR_MDE	(1 << 15)

/* Syscalls: number in x8, arguments in x0..x5, result in x0 (as Linux). */
#define SYS_EXIT	0	/* (code): the task ends */
#define SYS_WRITE	1	/* (user string): console output */
#define SYS_YIELD	2	/* (): let the next task run */
#define SYS_GETPID	3	/* (): the task's pid */
#define SYS_READ	4	/* (user buf, len): copy_to_user from the kernel's "file" */
#define SYS_HW_BREAKPOINT 5	/* (addr, len, type): perf_event_open-style watch on itself */
#define SYS_NR		6

/* The hypervisor call the kernel's hyp_call() uses: x0 = fn, x1..x3 = args. */
#define HVC_CALL	0xfffe

#endif
