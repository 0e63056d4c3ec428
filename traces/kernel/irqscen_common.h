/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/irqscen_common.h - helpers shared by the interrupt
 * scenarios (irq_step_el0, irq_step_kgdb, irq_wp_stepover, irq_wp_kernel,
 * el2_routing): making the tick pending at a chosen moment, recording the
 * debug exceptions the kernel takes, naming the PCs a transcript prints,
 * and the syndrome checks they share.
 */
#ifndef KERNEL_IRQSCEN_COMMON_H
#define KERNEL_IRQSCEN_COMMON_H

#include "debug.h"
#include "irq.h"

/* ESR_ELx fields (Arm ARM D24.2 ESR_EL1; reference digest section 5). */
#define ESR_IL		(1ull << 25)
#define ESR_ISV		(1ull << 24)	/* software step: EX valid */
#define ESR_EX		(1ull << 6)	/* software step: a Load-Exclusive was stepped */
#define ESR_WNR		(1ull << 6)	/* watchpoint: a write */
#define FSC_DEBUG	0x22		/* IFSC/DFSC "debug exception" */

static inline u64 esr_debug(unsigned ec)
{
	return (u64)ec << 26 | ESR_IL | FSC_DEBUG;
}


/* `msr daifclr, #8`: the kernel's IRQ path unmasking debug exceptions. */
#define INSN_MSR_DAIFCLR_D	0xd50348ffu

/* Is @pc the kernel instruction right after an `msr daifclr, #8`? */
bool after_debug_unmask(u64 pc);

/*
 * The virtual timer's interrupt becomes pending now, with IRQs masked:
 * CVAL = the counter, then wait until CNTV_CTL_EL0.ISTATUS = 1 and the
 * GIC presents INTID 27 as the highest-priority pending interrupt
 * (ICC_HPPIR1_EL1).  The next unmasked instruction boundary takes it.
 */
void vtimer_expire_now(void);

/* Does ICC_HPPIR1_EL1 name @intid? */
bool irq_pending_is(unsigned intid);

/* A PC a transcript can name. */
struct sym {
	const char *name;
	const void *addr;
};

/* @pc's name in @tab (@n entries), "the IRQ handler, after ..." or "?". */
const char *sym_name(const struct sym *tab, unsigned n, u64 pc);

/* ---- the debug exceptions taken, in order ----------------------------- */

struct dbg_exc {
	unsigned ec;
	u64 pc, pstate, esr, far;	/* pstate without NZCV */
};

#define DBG_EXC_LOG_MAX 16

struct dbg_exc_log {
	struct dbg_exc e[DBG_EXC_LOG_MAX];
	unsigned n;
	const struct sym *syms;		/* for the transcript */
	unsigned nsyms;
};

extern struct dbg_exc_log dbg_exc_log;

/*
 * An el0_sync_hook/el1_sync_hook that records every breakpoint, step and
 * watchpoint exception (EC 0x30..0x35), prints a line, and returns false
 * so that the kernel handles it as usual.
 */
bool dbg_exc_observe(struct pt_regs *regs);
void dbg_exc_log_reset(void);

/* ---- checks ------------------------------------------------------------- */

/*
 * A software step syndrome (@label names it, with ISV and EX masked out):
 * EC @ec, IL = 1, IFSC 0x22; ISV (with EX) is printed, not checked: it may be 0 when the step exception did not
 * follow a stepped instruction (AArch64 SoftwareStep_DidNotStep, armdbg's
 * Impdef_SoftwareStepDidNotStep).
 */
void expect_step_esr(const char *label, u64 esr, unsigned ec);

/* A watchpoint syndrome for a store: EC @ec, IL = 1, WnR = 1, DFSC 0x22. */
void expect_wp_store_esr(const char *label, u64 esr, unsigned ec);

#endif
