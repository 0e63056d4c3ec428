// SPDX-License-Identifier: MIT
/*
 * traces/oslock_boot/oslock_boot.c - scenario 11: the OS lock at boot.
 *
 * The CPU leaves a cold reset with OSLSR_EL1.OSLK = 1.  An early kernel
 * debugger (think kgdbwait) arms a kernel breakpoint on probe_fn() and a
 * kernel watchpoint on the variable it stores to, with MDSCR_EL1.{MDE,KDE}
 * set and PSTATE.D = 0, before the CPU's debug bring-up has cleared the OS
 * lock (Linux does that in its CPU-online callback, clear_os_lock()).
 *
 *  - locked: probe_fn() runs with neither exception taken (the OS lock
 *    disables breakpoints, watchpoints and software step:
 *    AArch64.GenerateDebugExceptionsFrom returns FALSE when OSLK = 1), and
 *    they are not pended; the compiled-in BRK is taken all the same (BRK
 *    is not gated by anything: AArch64.SoftwareBreakpoint);
 *  - unlocked (OSDLR_EL1 := 0, OSLAR_EL1 := 0): the same breakpoint and
 *    watchpoint fire, and the kernel steps over each as Linux does.
 */
#include "debug.h"

void probe_fn(u64 *var);
void kgdb_breakpoint(void);
extern char probe_store[], kgdb_brk_insn[];

static u64 watched;

struct hit {
	u64 esr, pc, pstate, far;
};

static struct hit bp_hit, wp_hit, brk_hit;

static void record(struct hit *h, const struct pt_regs *regs)
{
	h->esr = regs->esr;
	h->pc = regs->pc;
	h->pstate = regs->pstate & ~(u64)PSR_NZCV;
	h->far = regs->far;
}

static void bp_report(struct hw_breakpoint *bp, struct pt_regs *regs, u64 addr)
{
	(void)bp;
	(void)addr;
	record(&bp_hit, regs);
}

static void wp_report(struct hw_breakpoint *wp, struct pt_regs *regs, u64 addr)
{
	(void)wp;
	(void)addr;
	record(&wp_hit, regs);
}

/* The debugger's compiled break: note it and resume after the BRK. */
static bool kgdb_brk(struct pt_regs *regs, u64 esr)
{
	(void)esr;
	record(&brk_hit, regs);
	regs->pc += 4;
	return true;
}

static const struct break_hook kgdb_hook = { .imm = 0x401, .fn = kgdb_brk };

static struct hw_breakpoint bp = {
	.type = HW_BREAKPOINT_X, .len = 4,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = bp_report,
};

static struct hw_breakpoint wp = {
	.type = HW_BREAKPOINT_W, .len = 8,
	.privilege = AARCH64_BREAKPOINT_EL1, .report = wp_report,
};

/* The kernel in process context (PSTATE.D = 0) runs the watched code. */
static void run_probe(void)
{
	memset(&bp_hit, 0, sizeof(bp_hit));
	memset(&wp_hit, 0, sizeof(wp_hit));
	memset(&brk_hit, 0, sizeof(brk_hit));
	local_debug_enable();
	probe_fn(&watched);
	kgdb_breakpoint();
	local_debug_disable();
}

int kmain(void)
{
	/* The boot CPU runs with IRQs masked; only PSTATE.D is cleared. */
	const u64 el1h_d0 = PSR_A_BIT | PSR_I_BIT | PSR_F_BIT | PSR_MODE_EL1h;
	u64 brk_esr = 0xf2000401;  /* EC 0x3c, IL, comment 0x401 */

	section("cold reset");
	expect("OSLSR_EL1 (OSLM=0b10, OSLK=1)", read_sysreg(oslsr_el1), 0xa);

	section("early debugger arms a breakpoint and a watchpoint, OS lock set");
	/* What the CPU's reset code does first (MDSCR_EL1 and the comparators are UNKNOWN). */
	mdscr_write(MDSCR_TDCC);
	hw_breakpoint_reset();
	register_break_hook(&kgdb_hook);
	bp.addr = (u64)probe_fn;
	wp.addr = (u64)&watched;
	expect("register breakpoint", (u64)register_hw_breakpoint(&bp), 0);
	expect("register watchpoint", (u64)register_hw_breakpoint(&wp), 0);
	expect("MDSCR_EL1 (MDE, KDE, TDCC)", mdscr_read(),
	       MDSCR_MDE | MDSCR_KDE | MDSCR_TDCC);
	run_probe();
	expect("breakpoint exceptions", debug_stats.bp, 0);
	expect("watchpoint exceptions", debug_stats.wp, 0);
	expect("watched (the store was done)", watched, 1);
	expect("BRK exceptions", debug_stats.brk, 1);
	expect("BRK esr", brk_hit.esr, brk_esr);
	expect("BRK elr", brk_hit.pc, (u64)kgdb_brk_insn);
	expect("BRK spsr (EL1h, D=0)", brk_hit.pstate, el1h_d0);

	section("CPU online: clear_os_lock()");
	clear_os_lock();
	expect("OSLSR_EL1 (OSLK=0)", read_sysreg(oslsr_el1), 0x8);
	run_probe();
	expect("breakpoint exceptions", debug_stats.bp, 1);
	expect("breakpoint esr (EC 0x31)", bp_hit.esr, 0xc6000022);
	expect("breakpoint elr", bp_hit.pc, (u64)probe_fn);
	expect("breakpoint spsr (EL1h, D=0)", bp_hit.pstate, el1h_d0);
	expect("watchpoint exceptions", debug_stats.wp, 1);
	expect("watchpoint esr (EC 0x35, WnR)", wp_hit.esr, 0xd6000062);
	expect("watchpoint elr", wp_hit.pc, (u64)probe_store);
	expect_range("watchpoint far", wp_hit.far, (u64)&watched, (u64)&watched + 7);
	expect("step exceptions (one per step-over)", debug_stats.step, 2);
	expect("watched", watched, 2);
	expect("BRK exceptions", debug_stats.brk, 2);
	expect("BRK elr", brk_hit.pc, (u64)kgdb_brk_insn);
	expect("MDSCR_EL1.SS after the step-overs", mdscr_read() & MDSCR_SS, 0);

	unregister_hw_breakpoint(&bp);
	unregister_hw_breakpoint(&wp);
	expect("MDSCR_EL1 (no users)", mdscr_read(), MDSCR_TDCC);
	return finish();
}
