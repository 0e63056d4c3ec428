// SPDX-License-Identifier: MIT
/*
 * traces/irq_wp_stepover/irq_wp_stepover.c - scenario 4: the step-over of
 * a watchpoint hit is interrupted.
 *
 * A watchpoint exception is taken before the access completes (ELR = the
 * access).  To let the access happen, the kernel does what Linux's
 * hw_breakpoint does (reference digest 9.2): report the hit, disable the
 * watchpoints, single-step the instruction, and re-enable them from the
 * step exception (reinstall_suspended_bps).  The timer tick expires while
 * the kernel handles the hit (IRQs masked), so it is pending when the
 * kernel returns to the access with step active-not-pending: the IRQ is
 * taken first, before the access, with SPSR.SS = 1.
 *
 *  A. A task's own watchpoint (EL0).  The IRQ comes from EL0; the entry
 *     from EL0 clears MDSCR_EL1.SS, the handler leaves the watchpoint
 *     disabled and the step pending in the task's saved PSTATE; the
 *     return steps the store, the step exception re-enables the
 *     watchpoint.  The access is reported exactly once, and the next
 *     store fires the watchpoint again: nothing is lost.
 *
 *  B. A kernel watchpoint (EL1) hit in process context.  The kernel's IRQ
 *     path unmasks debug (PSTATE.D = 0, as Linux's el1_interrupt), the PE
 *     is active-pending in the handler and the step exception is taken
 *     there: the step-over believes the store has been stepped and
 *     re-enables the watchpoint inside the IRQ handler.  The store then
 *     runs with the watchpoint enabled and fires it again: one access,
 *     two reports.  With MDSCR_EL1.SS stashed over the IRQ (the fix of
 *     scenario 3) the step completes on the store and it is reported once.
 */
#include "irqscen_common.h"

void wp_task(void);
void kwp_store(u64 *p, u64 v);
extern u64 user_watched;
extern char wp_store1[], wp_after1[], wp_store2[], wp_after2[],
	kwp_store_insn[], kwp_after[];

/* ---- observations ------------------------------------------------------------ */

struct report {
	u64 pc, far, esr;
};

struct tick {
	u64 pc, pstate, vec;
	unsigned excs;		/* debug exceptions before the tick */
	bool wp_enabled;	/* the watchpoint's DBGWCR.E in the handler */
	bool wps_disabled;	/* the task's step-over state */
	bool stepping;		/* TIF_SINGLESTEP */
};

#define MAX_REC 8
static struct report reports[MAX_REC];
static struct tick ticks[MAX_REC];
static unsigned nreports, nticks;
static bool slow_report;		/* the next report lets the tick expire */
static struct hw_breakpoint *watching;	/* the watchpoint of the part */
static u64 kwatched;

static void reset_records(void)
{
	dbg_exc_log_reset();
	nreports = nticks = 0;
	memset(reports, 0, sizeof(reports));
	memset(ticks, 0, sizeof(ticks));
}

static const struct sym syms[] = {
	{ "wp_store1", wp_store1 }, { "wp_after1", wp_after1 },
	{ "wp_store2", wp_store2 }, { "wp_after2", wp_after2 },
	{ "kwp_store_insn", kwp_store_insn }, { "kwp_after", kwp_after },
};

static const char *where(u64 pc)
{
	return sym_name(syms, sizeof(syms) / sizeof(syms[0]), pc);
}

static void tick(unsigned intid, struct pt_regs *regs)
{
	struct tick *t = &ticks[nticks < MAX_REC ? nticks++ : MAX_REC - 1];

	(void)intid;
	t->pc = regs->pc;
	t->pstate = regs->pstate & ~(u64)PSR_NZCV;
	t->vec = regs->vec;
	t->excs = dbg_exc_log.n;
	t->wp_enabled = dbg_read(DBG_WCR, (unsigned)watching->slot) & 1;
	t->wps_disabled = current && current->debug.wps_disabled;
	t->stepping = current && (current->flags & TIF_SINGLESTEP);
	printk("  tick: IRQ from pc 0x%lx (%s), SPSR.SS = %lu, watchpoint %s\n",
	       regs->pc, where(regs->pc), regs->pstate >> 21 & 1,
	       t->wp_enabled ? "enabled" : "disabled");
	timer_virt_stop();
}

/* The perf overflow handler: one call per reported hit. */
static void wp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	struct report *r = &reports[nreports < MAX_REC ? nreports++ : MAX_REC - 1];

	(void)bp;
	r->pc = regs->pc;
	r->far = addr;
	r->esr = regs->esr;
	printk("  perf: watchpoint hit %u: pc 0x%lx (%s) addr 0x%lx\n", nreports,
	       regs->pc, where(regs->pc), addr);
	if (slow_report) {
		slow_report = false;
		printk("  (the tick expires while the kernel handles the hit)\n");
		vtimer_expire_now();
	}
}

/* ---- checks ---------------------------------------------------------------------- */

static const struct dbg_exc *exc_at(unsigned i, unsigned ec, const char *what)
{
	printk("exception %u, %s: ", i, what);
	if (i >= dbg_exc_log.n) {
		expect("missing", 0, 1);
		return NULL;
	}
	expect("EC", dbg_exc_log.e[i].ec, ec);
	return &dbg_exc_log.e[i];
}

static void expect_wp_exc(unsigned i, unsigned ec, const char *pc, const void *addr)
{
	const struct dbg_exc *x = exc_at(i, ec, "watchpoint");

	if (!x)
		return;
	expect("  ELR", x->pc, (u64)pc);
	expect_wp_store_esr("  ESR (IL, WnR, DFSC 0x22)", x->esr, ec);
	expect_range("  FAR", x->far, (u64)addr, (u64)addr + 7);
}

static void expect_step_exc(unsigned i, unsigned ec, const char *pc)
{
	const struct dbg_exc *x = exc_at(i, ec, "step");

	if (!x)
		return;
	expect("  ELR", x->pc, (u64)pc);
	expect_step_esr("  ESR without ISV/EX (IL, IFSC 0x22)", x->esr, ec);
}

static void expect_step_in_handler(unsigned i)
{
	const struct dbg_exc *x = exc_at(i, EC_SOFTSTP_CUR, "step");

	if (!x)
		return;
	expect("  ELR follows msr daifclr, #8 (inside the IRQ handler)",
	       after_debug_unmask(x->pc), 1);
}

/* ---- part A: the task's watchpoint ----------------------------------------------- */

static struct hw_breakpoint uwp = {
	.type = HW_BREAKPOINT_W, .len = 8,
	.privilege = AARCH64_BREAKPOINT_EL0, .report = wp_report,
};

static void part_a(void)
{
	struct task *t;

	section("A. a task's watchpoint: the step-over of its store is interrupted");
	reset_records();
	t = task_create("watcher", wp_task, 0);
	uwp.addr = (u64)&user_watched;
	uwp.task = t;
	expect("register the task's watchpoint", (u64)register_hw_breakpoint(&uwp), 0);
	watching = &uwp;
	slow_report = true;
	run_tasks();

	expect("reports (one per store)", nreports, 2);
	expect("report 1 pc", reports[0].pc, (u64)wp_store1);
	expect("report 2 pc", reports[1].pc, (u64)wp_store2);
	expect("debug exceptions", dbg_exc_log.n, 4);
	expect_wp_exc(0, EC_WATCHPT_LOW, wp_store1, &user_watched);
	expect_step_exc(1, EC_SOFTSTP_LOW, wp_after1);
	expect_wp_exc(2, EC_WATCHPT_LOW, wp_store2, &user_watched);
	expect_step_exc(3, EC_SOFTSTP_LOW, wp_after2);
	expect("ticks", nticks, 1);
	expect("tick vector (lower EL, AArch64, IRQ)", ticks[0].vec, VEC_LOWER64 | VEC_IRQ);
	expect("tick ELR = wp_store1 (the store not yet done)", ticks[0].pc, (u64)wp_store1);
	expect("tick SPSR (EL0t, SS = 1)", ticks[0].pstate, PSR_SS_BIT | PSR_MODE_EL0t);
	expect("tick between the hit and the step", ticks[0].excs, 1);
	expect("in the handler: DBGWCR.E (still disabled)", ticks[0].wp_enabled, 0);
	expect("in the handler: the task's wps_disabled", ticks[0].wps_disabled, 1);
	expect("in the handler: the task's TIF_SINGLESTEP", ticks[0].stepping, 1);
	expect("task exit code (the value of its last store)", (u64)t->exit_code, 2);
	expect("task TIF_SINGLESTEP at the end", t->flags & TIF_SINGLESTEP, 0);
	expect("watched", user_watched, 2);
	unregister_hw_breakpoint(&uwp);
}

/* ---- part B: a kernel watchpoint --------------------------------------------------- */

static struct hw_breakpoint kwp = {
	.type = HW_BREAKPOINT_W, .len = 8,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = wp_report,
};

static void part_b_run(bool fix, u64 v)
{
	reset_records();
	irq_stash_step = fix;
	slow_report = true;
	local_daif_restore(0);		/* process context */
	kwp_store(&kwatched, v);
	local_daif_save();
	irq_stash_step = false;
	expect("kwatched", kwatched, v);
	expect("ticks", nticks, 1);
	expect("tick ELR = kwp_store_insn (the store not yet done)", ticks[0].pc,
	       (u64)kwp_store_insn);
	expect("tick SPSR (EL1h, DAIF clear, SS = 1)", ticks[0].pstate,
	       PSR_SS_BIT | PSR_MODE_EL1h);
	expect_wp_exc(0, EC_WATCHPT_CUR, kwp_store_insn, &kwatched);
}

static void part_b(void)
{
	kwp.addr = (u64)&kwatched;
	expect("register the kernel watchpoint", (u64)register_hw_breakpoint(&kwp), 0);
	watching = &kwp;

	section("B. a kernel watchpoint; the IRQ path unmasks D (Linux)");
	part_b_run(false, 5);
	expect("reports (one store, reported twice)", nreports, 2);
	expect("debug exceptions", dbg_exc_log.n, 4);
	expect_step_in_handler(1);
	expect("in the handler: DBGWCR.E (re-enabled by the stray step)",
	       ticks[0].wp_enabled, 1);
	expect("tick after the stray step", ticks[0].excs, 2);
	expect_wp_exc(2, EC_WATCHPT_CUR, kwp_store_insn, &kwatched);
	expect_step_exc(3, EC_SOFTSTP_CUR, kwp_after);

	section("B. the same with MDSCR_EL1.SS stashed over the IRQ (the fix)");
	part_b_run(true, 6);
	expect("reports (one store, reported once)", nreports, 1);
	expect("debug exceptions", dbg_exc_log.n, 2);
	expect("in the handler: DBGWCR.E (still disabled)", ticks[0].wp_enabled, 0);
	expect("tick between the hit and the step", ticks[0].excs, 1);
	expect_step_exc(1, EC_SOFTSTP_CUR, kwp_after);

	unregister_hw_breakpoint(&kwp);
}

int kmain(void)
{
	debug_cpu_online();
	gic_init();
	gic_enable_irq(INTID_VTIMER, 0xa0, false, tick);
	dbg_exc_log.syms = syms;
	dbg_exc_log.nsyms = sizeof(syms) / sizeof(syms[0]);
	el0_sync_hook = dbg_exc_observe;
	el1_sync_hook = dbg_exc_observe;

	part_a();
	part_b();

	section("afterwards");
	expect("MDSCR_EL1 (no SS, no MDE/KDE users)", mdscr_read(), MDSCR_TDCC);
	return finish();
}
