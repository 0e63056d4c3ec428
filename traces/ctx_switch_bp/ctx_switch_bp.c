// SPDX-License-Identifier: MIT
/*
 * traces/ctx_switch_bp/ctx_switch_bp.c - scenario 10: a per-task
 * breakpoint through CONTEXTIDR_EL1, across context switches.
 *
 * Two EL0 tasks run the same code (work() then yield(), three rounds);
 * the kernel switches between them on every yield and writes
 * CONTEXTIDR_EL1 = pid (Linux's CONFIG_PID_IN_CONTEXTIDR).  A debugger
 * wants a breakpoint on work() in task 1 only.
 *
 *  A. the hardware way: an address breakpoint linked (DBGBCR.BT = 0b0001,
 *     LBN) to a context-aware breakpoint with BT = 0b0011 (linked Context
 *     ID match) and DBGBVR = 1.  It stays armed across the switches; it
 *     matches only when CONTEXTIDR_EL1 = 1 (AArch64.BreakpointValueMatch
 *     of the linked comparator, AArch64.StateMatch with linked = TRUE);
 *  B. Linux's way (arm64 Linux never programs context comparators): an
 *     unlinked breakpoint installed while task 1 runs and removed when it
 *     is switched out (perf's sched-in/out of the task's event), so the
 *     registers are rewritten at every switch.
 *
 * Both must give three hits, all in task 1, each stepped over.
 */
#include "debug.h"

void worker_task(void);
void work(void);

struct hit_log {
	unsigned hits, wrong_task;
	u64 last_esr, last_pc, last_ctxid;
};

static struct hit_log hl;
static struct task *debuggee;

static void bp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	u64 ctxid = read_sysreg(contextidr_el1);

	(void)bp;
	(void)addr;
	hl.hits++;
	if (current != debuggee || ctxid != debuggee->contextidr)
		hl.wrong_task++;
	hl.last_esr = regs->esr;
	hl.last_pc = regs->pc;
	hl.last_ctxid = ctxid;
}

static unsigned run_pair(struct hw_breakpoint *bp, bool linked)
{
	struct task *t1 = task_create("debuggee", worker_task, 0);
	struct task *t2 = task_create("other", worker_task, 0);
	unsigned writes, steps = debug_stats.step, bps = debug_stats.bp;

	memset(&hl, 0, sizeof(hl));
	debuggee = t1;
	printk("debuggee pid %u, other pid %u\n", t1->pid, t2->pid);
	bp->addr = (u64)work;
	bp->report = bp_report;
	if (linked) {
		bp->ctx_linked = true;
		bp->ctxid = t1->contextidr;
	} else {
		bp->task = t1;
	}
	expect("register", (u64)register_hw_breakpoint(bp), 0);
	if (linked) {
		printk("address bp %d: DBGBCR = 0x%lx (BT=0b0001, LBN=%d)\n", bp->slot,
		       dbg_read(DBG_BCR, (unsigned)bp->slot), bp->ctx_slot);
		printk("context bp %d: DBGBCR = 0x%lx (BT=0b0011), DBGBVR = 0x%lx\n",
		       bp->ctx_slot, dbg_read(DBG_BCR, (unsigned)bp->ctx_slot),
		       dbg_read(DBG_BVR, (unsigned)bp->ctx_slot));
	}
	writes = dbg_reg_writes;
	run_tasks();
	writes = dbg_reg_writes - writes;
	unregister_hw_breakpoint(bp);
	expect("breakpoint hits", hl.hits, 3);
	expect("hits outside the debuggee", hl.wrong_task, 0);
	expect("last hit esr (EC 0x30)", hl.last_esr, 0xc2000022);
	expect("last hit elr", hl.last_pc, (u64)work);
	expect("last hit CONTEXTIDR_EL1 (the debuggee's pid)", hl.last_ctxid, t1->pid);
	expect("breakpoint exceptions", debug_stats.bp - bps, 3);
	expect("step exceptions (step-overs)", debug_stats.step - steps, 3);
	expect("debuggee work() calls", (u64)t1->exit_code, 3);
	expect("other work() calls", (u64)t2->exit_code, 3);
	printk("debug-register writes while the tasks ran: %u\n", writes);
	return writes;
}

static unsigned nswitch;

static void on_switch(struct task *prev, struct task *next)
{
	(void)prev;
	(void)next;
	nswitch++;
}

static struct hw_breakpoint bp_linked = {
	.type = HW_BREAKPOINT_X, .len = 4, .privilege = AARCH64_BREAKPOINT_EL0,
};

static struct hw_breakpoint bp_switched = {
	.type = HW_BREAKPOINT_X, .len = 4, .privilege = AARCH64_BREAKPOINT_EL0,
};

int kmain(void)
{
	unsigned a, b;

	debug_cpu_online();
	switch_hook = on_switch;

	section("A: address bp linked to a Context ID bp matching the debuggee");
	a = run_pair(&bp_linked, true);
	/* start, 6 yields, the first exit: 8 switches */
	expect("context switches", nswitch, 8);

	section("B: unlinked bp switched in and out with the debuggee (Linux)");
	nswitch = 0;
	b = run_pair(&bp_switched, false);
	expect("context switches", nswitch, 8);
	expect("B rewrites the registers at switches (more writes than A)", b > a, 1);
	expect("MDSCR_EL1 at the end", mdscr_read(), MDSCR_TDCC);
	return finish();
}
