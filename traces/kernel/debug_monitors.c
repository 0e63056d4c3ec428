// SPDX-License-Identifier: MIT
/*
 * traces/kernel/debug_monitors.c - MDSCR_EL1 and its users, the OS lock,
 * CPU bring-up, single-step for the kernel and for ptraced tasks, and the
 * dispatch of debug exceptions (breakpoint, watchpoint, software step,
 * BRK).  The behaviour follows Linux's arch/arm64/kernel/debug-monitors.c
 * as the reference digest (section 9.3) describes it.
 */
#include "debug.h"

struct debug_stats debug_stats;
bool (*kernel_step_hook)(struct pt_regs *regs, u64 esr);

/* ---- MDSCR_EL1 ------------------------------------------------------------ */

u64 mdscr_read(void)
{
	return read_sysreg(mdscr_el1);
}

void mdscr_write(u64 v)
{
	u64 flags = local_daif_save();

	write_sysreg(v, mdscr_el1);
	isb();
	local_daif_restore(flags);
}

/* Users of monitor debug (MDE) and of kernel debug (KDE) on this CPU. */
static unsigned mde_ref_count, kde_ref_count;

void enable_debug_monitors(enum dbg_active_el el)
{
	u64 enable = 0;

	if (++mde_ref_count == 1)
		enable = MDSCR_MDE;
	if (el == DBG_ACTIVE_EL1 && ++kde_ref_count == 1)
		enable |= MDSCR_KDE;
	if (enable)
		mdscr_write(mdscr_read() | enable);
}

void disable_debug_monitors(enum dbg_active_el el)
{
	u64 disable = 0;

	if (mde_ref_count && --mde_ref_count == 0)
		disable = MDSCR_MDE;
	if (el == DBG_ACTIVE_EL1 && kde_ref_count && --kde_ref_count == 0)
		disable |= MDSCR_KDE;
	if (disable)
		mdscr_write(mdscr_read() & ~disable);
}

/* ---- the OS lock and CPU bring-up ------------------------------------------ */

void clear_os_lock(void)
{
	write_sysreg(0, osdlr_el1);
	write_sysreg(0, oslar_el1);
	isb();
}

void debug_cpu_online(void)
{
	/* MDSCR_EL1 is UNKNOWN after reset: no MDE/KDE/SS, EL0 DCC trapped. */
	mde_ref_count = kde_ref_count = 0;
	mdscr_write(MDSCR_TDCC);
	/* The registers are UNKNOWN after a cold reset: zero them still locked. */
	hw_breakpoint_reset();
	clear_os_lock();
}

/* ---- single step ------------------------------------------------------------ */

void kernel_enable_single_step(struct pt_regs *regs)
{
	regs->pstate |= PSR_SS_BIT;
	mdscr_write(mdscr_read() | MDSCR_SS);
	enable_debug_monitors(DBG_ACTIVE_EL1);
}

void kernel_disable_single_step(void)
{
	mdscr_write(mdscr_read() & ~(u64)MDSCR_SS);
	disable_debug_monitors(DBG_ACTIVE_EL1);
}

bool kernel_active_single_step(void)
{
	return mdscr_read() & MDSCR_SS;
}

void user_enable_single_step(struct task *t)
{
	if (!(t->flags & TIF_SINGLESTEP)) {
		t->flags |= TIF_SINGLESTEP;
		t->regs.pstate |= PSR_SS_BIT;
	}
}

void user_disable_single_step(struct task *t)
{
	t->flags &= ~TIF_SINGLESTEP;
}

void user_rewind_single_step(struct task *t)
{
	if (t->flags & TIF_SINGLESTEP)
		t->regs.pstate |= PSR_SS_BIT;
}

void user_fastforward_single_step(struct task *t)
{
	if (t->flags & TIF_SINGLESTEP)
		t->regs.pstate &= ~(u64)PSR_SS_BIT;
}

/* ---- debug exceptions ------------------------------------------------------- */

/* A SIGTRAP for the current task: its tracer stops it, or it dies. */
static void send_user_sigtrap(struct pt_regs *regs, unsigned code)
{
	if (current->ptrace_stop) {
		current->ptrace_stop(current, regs, code);
		return;
	}
	force_sig(regs, 5);
}

static void single_step_handler(struct pt_regs *regs)
{
	if (reinstall_suspended_bps(regs))
		return;
	if (user_mode(regs)) {
		send_user_sigtrap(regs, TRAP_TRACE);
		/* Stay active-not-pending unless the tracer stopped stepping. */
		user_rewind_single_step(current);
		return;
	}
	if (kernel_step_hook && kernel_step_hook(regs, regs->esr))
		return;
	debug_stats.step_unexpected++;
	printk("Unexpected kernel single-step exception at EL1 (pc 0x%lx)\n",
	       regs->pc);
	/* Back to active-not-pending, or it would be taken again at once. */
	regs->pstate |= PSR_SS_BIT;
}

#define MAX_BREAK_HOOKS 8
static const struct break_hook *break_hooks[MAX_BREAK_HOOKS];
static unsigned nbreak_hooks;

void register_break_hook(const struct break_hook *h)
{
	if (nbreak_hooks == MAX_BREAK_HOOKS)
		panic(NULL, "too many break hooks");
	break_hooks[nbreak_hooks++] = h;
}

static void brk_handler(struct pt_regs *regs)
{
	unsigned imm = (unsigned)regs->esr & 0xffff;

	for (unsigned i = 0; i < nbreak_hooks; i++)
		if (break_hooks[i]->imm == imm && break_hooks[i]->fn(regs, regs->esr))
			return;
	if (user_mode(regs)) {
		send_user_sigtrap(regs, TRAP_BRKPT);
		return;
	}
	panic(regs, "Oops - BRK");
}

void do_debug_exception(struct pt_regs *regs)
{
	switch (esr_ec(regs->esr)) {
	case EC_BREAKPT_LOW:
	case EC_BREAKPT_CUR:
		debug_stats.bp++;
		breakpoint_handler(regs);
		return;
	case EC_WATCHPT_LOW:
	case EC_WATCHPT_CUR:
		debug_stats.wp++;
		watchpoint_handler(regs);
		return;
	case EC_SOFTSTP_LOW:
	case EC_SOFTSTP_CUR:
		debug_stats.step++;
		single_step_handler(regs);
		return;
	case EC_BRK64:
		debug_stats.brk++;
		brk_handler(regs);
		return;
	default:
		panic(regs, "not a debug exception");
	}
}
