// SPDX-License-Identifier: MIT
/*
 * traces/kernel/traps.c - the EL1 exception dispatch: by vector (source
 * EL and stack, type) and, for synchronous exceptions, by ESR_EL1.EC; the
 * exception table; entry from and exit to EL0.
 *
 * Exceptions from EL1 are handled on their frame.  Exceptions from EL0
 * work on the current task's registers: the frame is copied into
 * current->regs on entry and current->regs (of the task that runs next,
 * after a yield or an exit) back into the frame on the way out.
 */
#include "debug.h"
#include "irq.h"

bool (*el1_sync_hook)(struct pt_regs *regs);
bool (*el0_sync_hook)(struct pt_regs *regs);
bool (*fiq_hook)(struct pt_regs *regs);
bool (*serror_hook)(struct pt_regs *regs);

/* ---- the exception table ---------------------------------------------- */

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

struct fixup_stats fixup_stats;

/* ---- the exception record ----------------------------------------------- */

struct exc_rec exc_trace[EXC_TRACE_MAX];
unsigned exc_trace_n;
bool exc_trace_on;

static void exc_trace_add(const struct pt_regs *regs)
{
	struct exc_rec *r;

	if (!exc_trace_on || exc_trace_n == EXC_TRACE_MAX)
		return;
	r = &exc_trace[exc_trace_n++];
	r->esr = regs->esr;
	r->pc = regs->pc;
	r->pstate = regs->pstate;
	r->far = regs->far;
	r->x0 = regs->regs[0];
	r->from_el = user_mode(regs) ? 0 : (unsigned)(regs->pstate >> 2 & 3);
}

const struct exc_rec *exc_trace_find(unsigned ec, unsigned n)
{
	for (unsigned i = 0; i < exc_trace_n; i++)
		if (esr_ec(exc_trace[i].esr) == ec && !n--)
			return &exc_trace[i];
	return NULL;
}

unsigned exc_trace_count(unsigned ec)
{
	unsigned c = 0;

	for (unsigned i = 0; i < exc_trace_n; i++)
		c += esr_ec(exc_trace[i].esr) == ec;
	return c;
}

void exc_trace_reset(void)
{
	memset(exc_trace, 0, sizeof(exc_trace));
	exc_trace_n = 0;
}

const struct exception_table_entry *search_exception_tables(u64 pc)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == pc)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->pc);

	if (!e)
		return false;
	fixup_stats.count++;
	fixup_stats.last_esr = regs->esr;
	fixup_stats.last_pc = regs->pc;
	fixup_stats.last_fixup = e->fixup;
	regs->pc = e->fixup;
	return true;
}

/* ---- EL1 ------------------------------------------------------------------ */

static void el1h_sync(struct pt_regs *regs)
{
	exc_trace_add(regs);
	if (el1_sync_hook && el1_sync_hook(regs))
		return;
	switch (esr_ec(regs->esr)) {
	case EC_BREAKPT_CUR:
	case EC_SOFTSTP_CUR:
	case EC_WATCHPT_CUR:
	case EC_BRK64:
		do_debug_exception(regs);
		return;
	case EC_UNKNOWN:
		if (fixup_exception(regs))
			return;
		panic(regs, "Oops - Undefined instruction");
	case EC_DABT_CUR:
		if (fixup_exception(regs))
			return;
		panic(regs, "Unable to handle kernel paging request");
	default:
		panic(regs, "Oops - unexpected synchronous exception at EL1");
	}
}

/* ---- EL0 ------------------------------------------------------------------ */

/* Entry from EL0: a stepped task's MDSCR_EL1.SS must not step the kernel. */
static void enter_from_user_mode(void)
{
	if (current->flags & TIF_SINGLESTEP)
		mdscr_write(mdscr_read() & ~(u64)MDSCR_SS);
}

/* The way back (DAIF masked): reschedule if asked; MDSCR_EL1.SS for the task. */
static void exit_to_user_mode(void)
{
	local_daif_save();
	if (need_resched) {
		need_resched = false;
		schedule();
	}
	if (current->flags & TIF_SINGLESTEP)
		mdscr_write(mdscr_read() | MDSCR_SS);
}

static const char *const signames[] = {
	[4] = "SIGILL", [5] = "SIGTRAP", [7] = "SIGBUS", [11] = "SIGSEGV",
};

/* An EL0 fault nobody handles: the task dies of @sig. */
void force_sig(struct pt_regs *regs, int sig)
{
	printk("pid %u (%s): %s at pc 0x%lx esr 0x%lx far 0x%lx\n", current->pid,
	       current->name, signames[sig], regs->pc, regs->esr, regs->far);
	task_exit(128 + sig);
}

static void el0_sync(struct pt_regs *regs)
{
	exc_trace_add(regs);
	if (el0_sync_hook && el0_sync_hook(regs))
		return;
	switch (esr_ec(regs->esr)) {
	case EC_SVC64:
		el0_svc(regs);
		return;
	case EC_BREAKPT_LOW:
	case EC_SOFTSTP_LOW:
	case EC_WATCHPT_LOW:
	case EC_BRK64:
		do_debug_exception(regs);
		return;
	case EC_UNKNOWN:
		force_sig(regs, 4);
		return;
	case EC_PC_ALIGN:
	case EC_SP_ALIGN:
		force_sig(regs, 7);
		return;
	default:
		force_sig(regs, 11);
		return;
	}
}

/* An interrupt taken from EL0 or EL1 (irq.h: irq_unmask_debug, irq_stash_step). */
static void do_interrupt(struct pt_regs *regs)
{
	u64 stashed = 0;

	if (irq_stash_step) {
		stashed = mdscr_read() & MDSCR_SS;
		if (stashed)
			mdscr_write(mdscr_read() & ~(u64)MDSCR_SS);
	}
	if (irq_unmask_debug)
		local_debug_enable();
	handle_arch_irq(regs);
	local_daif_save();
	if (stashed)
		mdscr_write(mdscr_read() | MDSCR_SS);
}

static void from_user(struct pt_regs *frame, void (*handler)(struct pt_regs *))
{
	current->regs = *frame;
	enter_from_user_mode();
	handler(&current->regs);
	exit_to_user_mode();
	*frame = current->regs;
}

static void bad_mode(struct pt_regs *regs)
{
	static const char *const types[] = { "Synchronous", "IRQ", "FIQ", "SError" };

	printk("Bad mode: %s exception, vector 0x%lx\n", types[regs->vec >> 7 & 3],
	       regs->vec);
	panic(regs, "bad mode");
}

void el1_exception(struct pt_regs *regs);

void el1_exception(struct pt_regs *regs)
{
	unsigned type = regs->vec & 0x180;

	if (type == VEC_FIQ && fiq_hook && fiq_hook(regs))
		return;
	if (type == VEC_SERROR && serror_hook && serror_hook(regs))
		return;
	switch (regs->vec) {
	case VEC_CUR_SPX | VEC_SYNC:
		el1h_sync(regs);
		return;
	case VEC_CUR_SPX | VEC_IRQ:
		do_interrupt(regs);
		return;
	case VEC_LOWER64 | VEC_SYNC:
		from_user(regs, el0_sync);
		return;
	case VEC_LOWER64 | VEC_IRQ:
		from_user(regs, do_interrupt);
		return;
	default:
		bad_mode(regs);
	}
}
