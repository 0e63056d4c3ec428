/* SPDX-License-Identifier: MIT */
/*
 * traces/kernel/irq.h - interrupts: a GICv3 driver (distributor at
 * 0x08000000, redistributor RD_base 0x080A0000 with SGI_base at +0x10000,
 * CPU interface through the ICC_* system registers), the IRQ handler that
 * acknowledges (ICC_IAR1_EL1), dispatches and ends (ICC_EOIR1_EL1, EOImode
 * 0: priority drop and deactivation together), and the generic timer
 * (virtual timer: PPI 27; EL1 physical timer: PPI 30).
 *
 * Nothing here runs unless a scenario calls gic_init(): the non-interrupt
 * scenarios never touch the GIC.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel.h"

#define GICD_BASE	0x08000000ull
#define GICR_RD_BASE	0x080a0000ull
#define GICR_SGI_BASE	(GICR_RD_BASE + 0x10000)

#define INTID_VTIMER	27	/* CNTV: virtual timer PPI */
#define INTID_PTIMER	30	/* CNTP: EL1 physical timer PPI */
#define INTID_SPURIOUS	1023

/* The CPU has the GIC system-register interface (ID_AA64PFR0_EL1.GIC). */
bool gic_sysregs_present(void);

/*
 * Distributor (affinity routing, group 1), this CPU's redistributor
 * (awake, SGIs/PPIs group 1, all disabled) and CPU interface (SRE, PMR
 * 0xf0: every priority < 0xf0 passes, BPR1 0, EOImode 0, IGRPEN1).
 */
void gic_init(void);

typedef void (*irq_handler_fn)(unsigned intid, struct pt_regs *regs);

/*
 * Enable @intid (SGI/PPI 0..31 in the redistributor, SPI 32.. in the
 * distributor routed to this CPU) at @prio (0 highest), level-sensitive
 * (@edge false) or edge, with @fn called for it.
 */
void gic_enable_irq(unsigned intid, unsigned prio, bool edge, irq_handler_fn fn);
void gic_disable_irq(unsigned intid);
/* Make @intid pending by software (GICD/GICR_ISPENDR). */
void gic_set_pending(unsigned intid);
/* SGI @intid (0..15) to this CPU (ICC_SGI1R_EL1, affinity 0.0.0, target list 1). */
void gic_send_sgi_self(unsigned intid);

/* Acknowledge/dispatch/EOI until nothing is pending (1023). */
void handle_arch_irq(struct pt_regs *regs);

/* IRQs handled, and the INTID of the last one. */
struct irq_stats {
	unsigned count;
	unsigned last_intid;
	unsigned spurious;
};
extern struct irq_stats irq_stats;

/*
 * How the kernel runs an IRQ handler taken from EL1 or EL0:
 *  - irq_unmask_debug (default true, as Linux's el1_interrupt/el0_interrupt
 *    which run the handler with PSTATE.D = 0): debug exceptions are unmasked
 *    in the handler;
 *  - irq_stash_step (default false): the proposed kgdb fix: save and clear
 *    MDSCR_EL1.SS on IRQ entry, restore it before the ERET.
 */
extern bool irq_unmask_debug;
extern bool irq_stash_step;

/* ---- generic timer ------------------------------------------------------ */

u64 timer_freq(void);              /* CNTFRQ_EL0 */
u64 read_cntvct(void);             /* CNTVCT_EL0 (after an ISB) */
u64 read_cntpct(void);
/* CNTV: fire after @ticks (TVAL) or at @cval (CVAL); CTL.ENABLE=1, IMASK=0. */
void timer_virt_arm_tval(u64 ticks);
void timer_virt_arm_cval(u64 cval);
void timer_virt_stop(void);        /* CTL = 0 */
u64 timer_virt_ctl(void);          /* CNTV_CTL_EL0: ENABLE, IMASK, ISTATUS */
void timer_phys_arm_tval(u64 ticks);
void timer_phys_arm_cval(u64 cval);
void timer_phys_stop(void);
u64 timer_phys_ctl(void);

#define CNT_CTL_ENABLE	(1u << 0)
#define CNT_CTL_IMASK	(1u << 1)
#define CNT_CTL_ISTATUS	(1u << 2)

#endif
