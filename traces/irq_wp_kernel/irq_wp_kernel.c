// SPDX-License-Identifier: MIT
/*
 * traces/irq_wp_kernel/irq_wp_kernel.c - scenario 5: a kernel watchpoint
 * hit inside an interrupt handler.
 *
 * A kernel debugger watches a network driver's statistics counter
 * (nic_stats.rx_packets, an EL1 write watchpoint).  The driver updates it
 * from its interrupt handler.  The interrupt is an external SPI, INTID 48,
 * edge-triggered, driven by the run's input schedule (`--input
 * CYCLE:spi:48:assert` ... ): the CPU sits in the idle loop (WFI) until
 * the device raises it, and virtual time runs on to the input's cycle.
 *
 * Whether the hit is taken depends on PSTATE.D in the handler, because a
 * watchpoint at EL1 targets EL1, the current EL, and PSTATE.D masks
 * debug exceptions to the current EL (AArch64.GenerateDebugExceptionsFrom:
 * from_el == target requires KDE = 1 and D = 0):
 *
 *  1. The kernel runs the handler with PSTATE.D = 1 (irq_unmask_debug =
 *     false): the comparator matches but the exception is not generated.
 *     It is dropped, not pended: clearing PSTATE.D afterwards in the same
 *     handler takes nothing (Arm ARM D2.5: disabled or masked breakpoint
 *     and watchpoint exceptions are not pended; only software step keeps
 *     a pending state, in PSTATE.SS).
 *
 *  2. The kernel unmasks debug in its IRQ path (PSTATE.D = 0, as Linux's
 *     el1_interrupt): the watchpoint exception is taken from the handler
 *     (EC 0x35, SPSR with I = 1, D = 0), reported once, and stepped over
 *     inside the handler with IRQs still masked.
 *
 * Without the inputs nothing would wake the idle loop; a watchdog (the
 * virtual timer) ends the wait and the scenario reports the missing
 * interrupt.
 */
#include "irqscen_common.h"

void stat_inc(u64 *counter);
void cpu_idle_once(void);
extern char stat_inc_store[], stat_inc_ret[], idle_irq_window[];

#define INTID_NIC		48
#define WATCHDOG_TICKS		200000	/* 3.2 M cycles */

static struct {
	u64 rx_packets;
	u64 rx_dropped;
} nic_stats;

/* ---- observations ------------------------------------------------------------ */

struct nic_irq {
	u64 pc, pstate;		/* the interrupted context */
	u64 daif;		/* PSTATE.DAIF in the handler */
	unsigned excs_after_unmask;	/* debug exceptions after clearing D */
};

#define MAX_REC 8
static struct nic_irq irqs[MAX_REC];
static unsigned nirqs, nreports, nwatchdog;
static bool unmask_after_store;	/* part 1: clear D after the dropped hit */

static void reset_records(void)
{
	dbg_exc_log_reset();
	nirqs = nreports = 0;
	memset(irqs, 0, sizeof(irqs));
}

static const struct sym syms[] = {
	{ "stat_inc_store", stat_inc_store }, { "stat_inc_ret", stat_inc_ret },
	{ "idle_irq_window", idle_irq_window },
};

/* The network card's interrupt handler. */
static void nic_interrupt(unsigned intid, struct pt_regs *regs)
{
	struct nic_irq *r = &irqs[nirqs < MAX_REC ? nirqs++ : MAX_REC - 1];

	(void)intid;
	r->pc = regs->pc;
	r->pstate = regs->pstate & ~(u64)PSR_NZCV;
	r->daif = read_sysreg(daif);
	printk("  nic: interrupt from pc 0x%lx, handler runs with PSTATE.D = %lu\n",
	       regs->pc, r->daif >> 9 & 1);
	stat_inc(&nic_stats.rx_packets);
	if (unmask_after_store) {
		unsigned before = dbg_exc_log.n;

		local_debug_enable();
		__asm__ volatile("nop\n\tnop\n\tnop" ::: "memory");
		local_debug_disable();
		r->excs_after_unmask = dbg_exc_log.n - before;
	}
}

static void watchdog(unsigned intid, struct pt_regs *regs)
{
	(void)intid;
	(void)regs;
	nwatchdog++;
	timer_virt_stop();
}

static void wp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	(void)bp;
	nreports++;
	printk("  debugger: rx_packets written at pc 0x%lx, addr 0x%lx\n",
	       regs->pc, addr);
}

static struct hw_breakpoint wp = {
	.type = HW_BREAKPOINT_W, .len = 8,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = wp_report,
};

/* Idle (D = 0, IRQs masked around the WFI) until the NIC interrupts. */
static bool wait_for_nic(void)
{
	unsigned before = nirqs, dogs = nwatchdog;

	timer_virt_arm_tval(WATCHDOG_TICKS);
	local_daif_restore(PSR_I_BIT);
	while (nirqs == before && nwatchdog == dogs)
		cpu_idle_once();
	local_daif_save();
	timer_virt_stop();
	if (nirqs != before)
		return true;
	printk("no interrupt from the device: run with its --input schedule "
	       "(docs/scenarios.md)\n");
	expect("device interrupts", 0, 1);
	return false;
}

static void expect_irq_from_idle(const struct nic_irq *r)
{
	expect("interrupted at idle_irq_window", r->pc, (u64)idle_irq_window);
	expect("its SPSR (EL1h, D = 0, I = 0)", r->pstate, PSR_MODE_EL1h);
}

int kmain(void)
{
	u64 before;

	debug_cpu_online();
	gic_init();
	gic_enable_irq(INTID_NIC, 0x80, true, nic_interrupt);
	gic_enable_irq(INTID_VTIMER, 0xa0, false, watchdog);
	dbg_exc_log.syms = syms;
	dbg_exc_log.nsyms = sizeof(syms) / sizeof(syms[0]);
	el1_sync_hook = dbg_exc_observe;
	wp.addr = (u64)&nic_stats.rx_packets;
	expect("register the watchpoint on rx_packets", (u64)register_hw_breakpoint(&wp), 0);
	expect("MDSCR_EL1 (MDE, KDE)", mdscr_read() & (MDSCR_MDE | MDSCR_KDE),
	       MDSCR_MDE | MDSCR_KDE);

	section("1. the handler runs with PSTATE.D = 1");
	reset_records();
	irq_unmask_debug = false;
	unmask_after_store = true;
	before = nic_stats.rx_packets;
	if (!wait_for_nic())
		return finish();
	expect_irq_from_idle(&irqs[0]);
	expect("PSTATE.D in the handler", irqs[0].daif & PSR_D_BIT, PSR_D_BIT);
	expect("rx_packets (the store was done)", nic_stats.rx_packets, before + 1);
	expect("watchpoint exceptions (masked: dropped)", dbg_exc_log.n, 0);
	expect("debug exceptions after clearing D (not pended)",
	       irqs[0].excs_after_unmask, 0);
	expect("reports", nreports, 0);

	section("2. the handler runs with PSTATE.D = 0 (Linux)");
	reset_records();
	irq_unmask_debug = true;
	unmask_after_store = false;
	before = nic_stats.rx_packets;
	if (!wait_for_nic())
		return finish();
	expect_irq_from_idle(&irqs[0]);
	expect("PSTATE.{D,I} in the handler", irqs[0].daif & (PSR_D_BIT | PSR_I_BIT),
	       PSR_I_BIT);
	expect("rx_packets (the store was done once)", nic_stats.rx_packets, before + 1);
	expect("reports", nreports, 1);
	expect("debug exceptions", dbg_exc_log.n, 2);
	if (dbg_exc_log.n == 2) {
		const struct dbg_exc *excs = dbg_exc_log.e;

		expect("watchpoint EC (from the current EL)", excs[0].ec, EC_WATCHPT_CUR);
		expect("  ELR = stat_inc_store", excs[0].pc, (u64)stat_inc_store);
		expect_wp_store_esr("  ESR (IL, WnR, DFSC 0x22)", excs[0].esr,
				    EC_WATCHPT_CUR);
		expect_range("  FAR", excs[0].far, (u64)&nic_stats.rx_packets,
			     (u64)&nic_stats.rx_packets + 7);
		expect("  SPSR.{D,I} (IRQ context, debug unmasked)",
		       excs[0].pstate & (PSR_D_BIT | PSR_I_BIT), PSR_I_BIT);
		expect("step EC (the step-over, in the handler)", excs[1].ec,
		       EC_SOFTSTP_CUR);
		expect("  ELR = stat_inc_ret", excs[1].pc, (u64)stat_inc_ret);
		expect_step_esr("  ESR without ISV/EX (IL, IFSC 0x22)", excs[1].esr,
				EC_SOFTSTP_CUR);
		expect("  SPSR.I (IRQs stayed masked)", excs[1].pstate & PSR_I_BIT,
		       PSR_I_BIT);
	}

	unregister_hw_breakpoint(&wp);
	section("afterwards");
	expect("watchdog expiries", nwatchdog, 0);
	expect("MDSCR_EL1 (no SS, no MDE/KDE users)", mdscr_read(), MDSCR_TDCC);
	return finish();
}
