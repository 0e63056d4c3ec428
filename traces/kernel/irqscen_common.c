// SPDX-License-Identifier: MIT
/*
 * traces/kernel/irqscen_common.c - helpers of the interrupt scenarios
 * (see irqscen_common.h).
 */
#include "irqscen_common.h"

struct dbg_exc_log dbg_exc_log;

/* GICv3 registers (IHI0069 chapter 12) that gic_init() programs. */
#define GICD_CTLR		0x0000
#define GICD_CTLR_ENABLE_G1	(1u << 1)
#define GICD_CTLR_ARE		(1u << 4)
#define GICD_CTLR_RWP		(1u << 31)
#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1u << 3)
#define GICR_WAKER		0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_IGROUPR0		0x0080
#define GICR_ICENABLER0		0x0180

static inline u32 rd32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline void wr32(u64 addr, u32 v)
{
	*(volatile u32 *)addr = v;
}

bool after_debug_unmask(u64 pc)
{
	/* Kernel text only: the user region may not be readable here. */
	if (pc < 0x40080004ull || is_user_addr(pc))
		return false;
	return *(const u32 *)(pc - 4) == INSN_MSR_DAIFCLR_D;
}

bool irq_pending_is(unsigned intid)
{
	return (read_sysreg(icc_hppir1_el1) & 0xffffff) == intid;
}

void vtimer_expire_now(void)
{
	timer_virt_arm_cval(read_cntvct());
	while (!(timer_virt_ctl() & CNT_CTL_ISTATUS))
		;
	while (!irq_pending_is(INTID_VTIMER))
		;
}

const char *sym_name(const struct sym *tab, unsigned n, u64 pc)
{
	for (unsigned i = 0; i < n; i++)
		if ((u64)tab[i].addr == pc)
			return tab[i].name;
	if (after_debug_unmask(pc))
		return "the IRQ handler, after msr daifclr, #8";
	return "?";
}

static const char *dbg_exc_kind(unsigned ec)
{
	switch (ec) {
	case EC_BREAKPT_LOW:
	case EC_BREAKPT_CUR:
		return "breakpoint";
	case EC_SOFTSTP_LOW:
	case EC_SOFTSTP_CUR:
		return "step";
	default:
		return "watchpoint";
	}
}

bool dbg_exc_observe(struct pt_regs *regs)
{
	unsigned ec = esr_ec(regs->esr);
	struct dbg_exc *x;

	if (ec < EC_BREAKPT_LOW || ec > EC_WATCHPT_CUR)
		return false;
	x = &dbg_exc_log.e[dbg_exc_log.n < DBG_EXC_LOG_MAX ? dbg_exc_log.n++ :
			   DBG_EXC_LOG_MAX - 1];
	x->ec = ec;
	x->pc = regs->pc;
	x->pstate = regs->pstate & ~(u64)PSR_NZCV;
	x->esr = regs->esr;
	x->far = regs->far;
	printk("  %s exception (EC 0x%x) at pc 0x%lx (%s)\n", dbg_exc_kind(ec),
	       ec, regs->pc, sym_name(dbg_exc_log.syms, dbg_exc_log.nsyms, regs->pc));
	return false;
}

void dbg_exc_log_reset(void)
{
	memset(dbg_exc_log.e, 0, sizeof(dbg_exc_log.e));
	dbg_exc_log.n = 0;
}

void expect_step_esr(const char *label, u64 esr, unsigned ec)
{
	expect(label, esr & ~(ESR_ISV | ESR_EX), esr_debug(ec));
	printk("  (ESR.ISV = %lu, EX = %lu: not checked; ISV may be 0 when the "
	       "step did not follow a stepped instruction)\n", esr >> 24 & 1,
	       esr >> 6 & 1);
}

void expect_wp_store_esr(const char *label, u64 esr, unsigned ec)
{
	expect(label, esr, esr_debug(ec) | ESR_WNR);
}
