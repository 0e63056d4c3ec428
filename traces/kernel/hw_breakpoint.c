// SPDX-License-Identifier: MIT
/*
 * traces/kernel/hw_breakpoint.c - breakpoint and watchpoint slots and the
 * step-over of a hit, with the behaviour of Linux's
 * arch/arm64/kernel/hw_breakpoint.c (reference digest section 9): a hit is
 * reported, then the comparators of that exception level are disabled,
 * the instruction is single-stepped, and the step exception re-enables
 * them (reinstall_suspended_bps).  A watchpoint with EL0 privilege hit
 * from EL1 (an LDTR/STTR in a uaccess routine) is not reported, only
 * stepped over; EL0 watchpoints are disabled on every step-over because
 * the kernel can fire them.
 *
 * Extension beyond Linux (which uses address comparators only): a
 * breakpoint or watchpoint may be linked to a context-ID breakpoint
 * (DBGBCR.BT = 0b0011) taken from the context-aware comparators, so it
 * fires only while CONTEXTIDR_EL1 holds the given value.
 */
#include "debug.h"

static struct hw_breakpoint *bp_on_reg[DBG_MAX_SLOTS];
static struct hw_breakpoint *wp_on_reg[DBG_MAX_SLOTS];
/* Context-ID comparators in use, by the breakpoint/watchpoint linked to them. */
static struct hw_breakpoint *ctx_on_reg[DBG_MAX_SLOTS];

enum { ARM_KERNEL_STEP_NONE, ARM_KERNEL_STEP_ACTIVE, ARM_KERNEL_STEP_SUSPEND };
static int stepping_kernel_bp;

static bool is_wp(const struct hw_breakpoint *bp)
{
	return bp->type != HW_BREAKPOINT_X;
}

static enum dbg_active_el bp_el(const struct hw_breakpoint *bp)
{
	return bp->privilege == AARCH64_BREAKPOINT_EL1 ? DBG_ACTIVE_EL1 : DBG_ACTIVE_EL0;
}

/* ---- encoding (Linux's hw_breakpoint_arch_parse rules) --------------------- */

static int arch_parse(struct hw_breakpoint *bp)
{
	unsigned offset;

	if (bp->privilege != AARCH64_BREAKPOINT_EL0 &&
	    bp->privilege != AARCH64_BREAKPOINT_EL1)
		return -1;
	if (!is_wp(bp)) {
		/* A64 instructions: word-aligned, length 4, BAS = 0b1111. */
		if (bp->addr & 3)
			return -1;
		bp->vr = bp->addr;
		bp->ctrl = encode_ctrl_reg(0xf, 0, bp->privilege, true);
	} else {
		/* Aligned down to the doubleword, BAS shifted by the offset. */
		offset = bp->addr & 7;
		if (!bp->len || bp->len > 8 || offset + bp->len > 8)
			return -1;
		bp->vr = bp->addr & ~7ull;
		bp->ctrl = encode_ctrl_reg(((1u << bp->len) - 1) << offset,
					   bp->type, bp->privilege, true);
	}
	return 0;
}

/* ---- slots ------------------------------------------------------------------ */

static void write_comparator(bool wp, unsigned slot, u64 vr, u64 ctrl)
{
	dbg_write(wp ? DBG_WCR : DBG_BCR, slot, 0);
	dbg_write(wp ? DBG_WVR : DBG_BVR, slot, vr);
	dbg_write(wp ? DBG_WCR : DBG_BCR, slot, ctrl);
}

/* The first context-aware breakpoint (the highest-numbered ones are). */
static unsigned first_ctx_slot(void)
{
	return get_num_brps() - get_num_ctx_cmps();
}

static int alloc_slot(struct hw_breakpoint **slots, unsigned lo, unsigned hi)
{
	for (unsigned i = lo; i < hi; i++)
		if (!slots[i] && (slots != bp_on_reg || !ctx_on_reg[i]))
			return (int)i;
	return -1;
}

/* A context-ID comparator that @bp can link to (the highest free one). */
static int alloc_ctx_slot(void)
{
	for (unsigned i = get_num_brps(); i-- > first_ctx_slot();)
		if (!bp_on_reg[i] && !ctx_on_reg[i])
			return (int)i;
	return -1;
}

static void install(struct hw_breakpoint *bp)
{
	u64 ctrl = bp->ctrl;

	if (bp->ctx_linked) {
		/* BT = 0b0011 linked context ID; its own PMC/HMC/SSC are ignored. */
		write_comparator(false, (unsigned)bp->ctx_slot, bp->ctxid,
				 (u64)BCR_BT_CTXID_LINKED << BCR_BT_SHIFT |
				 encode_ctrl_reg(0xf, 0, 3, true));
		if (is_wp(bp))
			ctrl |= WCR_WT_LINKED | (u64)bp->ctx_slot << BCR_LBN_SHIFT;
		else
			ctrl |= (u64)BCR_BT_ADDR_LINKED << BCR_BT_SHIFT |
				(u64)bp->ctx_slot << BCR_LBN_SHIFT;
	}
	if (bp->disabled)
		ctrl &= ~1ull;
	write_comparator(is_wp(bp), (unsigned)bp->slot, bp->vr, ctrl);
	enable_debug_monitors(bp_el(bp));
}

static void uninstall(struct hw_breakpoint *bp)
{
	dbg_write(is_wp(bp) ? DBG_WCR : DBG_BCR, (unsigned)bp->slot, 0);
	if (bp->ctx_linked)
		dbg_write(DBG_BCR, (unsigned)bp->ctx_slot, 0);
	disable_debug_monitors(bp_el(bp));
}

/* Is @bp in the registers while @t runs (a per-task one only with its task)? */
static bool active_for(const struct hw_breakpoint *bp, const struct task *t)
{
	return !bp->task || bp->task == t;
}

static bool active(const struct hw_breakpoint *bp)
{
	return active_for(bp, current);
}

int register_hw_breakpoint(struct hw_breakpoint *bp)
{
	struct hw_breakpoint **slots = is_wp(bp) ? wp_on_reg : bp_on_reg;
	unsigned n = is_wp(bp) ? get_num_wrps() : first_ctx_slot();
	int slot;

	bp->slot = bp->ctx_slot = -1;
	bp->disabled = false;
	if (arch_parse(bp))
		return -1;
	/*
	 * Breakpoints take the comparators that are not context-aware first;
	 * per-task ones are given a slot for good (a real kernel would share
	 * slots between tasks: this one has enough).
	 */
	slot = alloc_slot(slots, 0, n);
	if (slot < 0 && !is_wp(bp))
		slot = alloc_slot(slots, n, get_num_brps());
	if (slot < 0)
		return -1;
	if (bp->ctx_linked) {
		bp->ctx_slot = alloc_ctx_slot();
		if (bp->ctx_slot < 0)
			return -1;
		ctx_on_reg[bp->ctx_slot] = bp;
	}
	bp->slot = slot;
	slots[slot] = bp;
	if (active(bp))
		install(bp);
	return 0;
}

void unregister_hw_breakpoint(struct hw_breakpoint *bp)
{
	struct hw_breakpoint **slots = is_wp(bp) ? wp_on_reg : bp_on_reg;

	if (bp->slot < 0 || slots[bp->slot] != bp)
		return;
	if (active(bp))
		uninstall(bp);
	slots[bp->slot] = NULL;
	if (bp->ctx_slot >= 0)
		ctx_on_reg[bp->ctx_slot] = NULL;
	bp->slot = bp->ctx_slot = -1;
}

void hw_breakpoint_reset(void)
{
	unsigned nbp = get_num_brps(), nwp = get_num_wrps();

	for (unsigned i = 0; i < nbp; i++) {
		dbg_write(DBG_BCR, i, 0);
		dbg_write(DBG_BVR, i, 0);
	}
	for (unsigned i = 0; i < nwp; i++) {
		dbg_write(DBG_WCR, i, 0);
		dbg_write(DBG_WVR, i, 0);
	}
	/* Restore the breakpoints the kernel had registered (CPU resume). */
	for (unsigned i = 0; i < nbp; i++)
		if (bp_on_reg[i] && active(bp_on_reg[i]))
			install(bp_on_reg[i]);
	for (unsigned i = 0; i < nwp; i++)
		if (wp_on_reg[i] && active(wp_on_reg[i]))
			install(wp_on_reg[i]);
}

/*
 * Set or clear E in every comparator of @el installed while @t runs
 * (Linux's toggle_bp_registers).
 */
static void toggle_for(bool wp, enum dbg_active_el el, bool enable,
		       const struct task *t)
{
	struct hw_breakpoint **slots = wp ? wp_on_reg : bp_on_reg;
	unsigned n = wp ? get_num_wrps() : get_num_brps();
	enum dbg_reg cr = wp ? DBG_WCR : DBG_BCR;

	for (unsigned i = 0; i < n; i++) {
		struct hw_breakpoint *bp = slots[i];
		u64 ctrl;

		if (!bp || !active_for(bp, t) || bp_el(bp) != el)
			continue;
		bp->disabled = !enable;
		ctrl = dbg_read(cr, i);
		dbg_write(cr, i, enable ? ctrl | 1 : ctrl & ~1ull);
	}
}

static void toggle_bp_registers(bool wp, enum dbg_active_el el, bool enable)
{
	toggle_for(wp, el, enable, current);
}

void hw_breakpoint_thread_switch(struct task *prev, struct task *next)
{
	bool prev_bps = prev && prev->debug.bps_disabled;
	bool prev_wps = prev && prev->debug.wps_disabled;
	bool next_bps = next && next->debug.bps_disabled;
	bool next_wps = next && next->debug.wps_disabled;

	for (unsigned i = 0; i < DBG_MAX_SLOTS; i++) {
		struct hw_breakpoint *bp = bp_on_reg[i], *wp = wp_on_reg[i];

		if (bp && prev && bp->task == prev)
			uninstall(bp);
		if (wp && prev && wp->task == prev)
			uninstall(wp);
	}
	for (unsigned i = 0; i < DBG_MAX_SLOTS; i++) {
		struct hw_breakpoint *bp = bp_on_reg[i], *wp = wp_on_reg[i];

		if (bp && next && bp->task == next)
			install(bp);
		if (wp && next && wp->task == next)
			install(wp);
	}
	/* A task switched out in the middle of a step-over keeps its EL0 comparators off. */
	if (prev_bps != next_bps)
		toggle_for(false, DBG_ACTIVE_EL0, !next_bps, next);
	if (prev_wps != next_wps)
		toggle_for(true, DBG_ACTIVE_EL0, !next_wps, next);
}

/* ---- handling a hit ---------------------------------------------------------- */

/* Disable, single-step, and re-enable in reinstall_suspended_bps(). */
static void step_over(struct pt_regs *regs, bool wp)
{
	struct debug_info *info;

	if (user_mode(regs)) {
		info = &current->debug;
		if (wp) {
			info->wps_disabled = true;
			if (info->bps_disabled)
				return;
		} else {
			info->bps_disabled = true;
			if (info->wps_disabled)
				return;
		}
		if (current->flags & TIF_SINGLESTEP)
			info->suspended_step = true;
		else
			user_enable_single_step(current);
		return;
	}
	toggle_bp_registers(wp, DBG_ACTIVE_EL1, false);
	if (stepping_kernel_bp != ARM_KERNEL_STEP_NONE)
		return;
	if (kernel_active_single_step()) {
		stepping_kernel_bp = ARM_KERNEL_STEP_SUSPEND;
	} else {
		stepping_kernel_bp = ARM_KERNEL_STEP_ACTIVE;
		kernel_enable_single_step(regs);
	}
}

void breakpoint_handler(struct pt_regs *regs)
{
	bool step = false;

	for (unsigned i = 0; i < get_num_brps(); i++) {
		struct hw_breakpoint *bp = bp_on_reg[i];

		if (!bp || !active(bp) || bp->disabled || bp->vr != regs->pc)
			continue;
		bp->hits++;
		if (bp->report)
			bp->report(bp, regs, regs->pc);
		if (!bp->custom_handler)
			step = true;
	}
	if (!step)
		return;
	if (user_mode(regs))
		toggle_bp_registers(false, DBG_ACTIVE_EL0, false);
	step_over(regs, false);
}

/* Distance from @addr to the bytes @bp watches; 0 inside (Linux's heuristic). */
static u64 distance_from_watchpoint(u64 addr, const struct hw_breakpoint *bp)
{
	unsigned bas = (unsigned)(bp->ctrl >> 5) & 0xff;
	u64 lo = bp->vr + (unsigned)__builtin_ctz(bas);
	u64 hi = bp->vr + 31 - (unsigned)__builtin_clz(bas);

	if (addr < lo)
		return lo - addr;
	if (addr > hi)
		return addr - hi;
	return 0;
}

/* Report @wp's hit unless it is a user watchpoint fired by the kernel. */
static bool watchpoint_report(struct hw_breakpoint *wp, struct pt_regs *regs, u64 addr)
{
	if (!user_mode(regs) && wp->privilege == AARCH64_BREAKPOINT_EL0) {
		/* A uaccess routine (LDTR/STTR) fired a user watchpoint. */
		wp->silent++;
		return true;
	}
	wp->hits++;
	if (wp->report)
		wp->report(wp, regs, addr);
	return !wp->custom_handler;
}

void watchpoint_handler(struct pt_regs *regs)
{
	unsigned access = regs->esr & (1u << 6) ? HW_BREAKPOINT_W : HW_BREAKPOINT_R;
	u64 min_dist = ~0ull;
	int closest = -1;
	bool step = false;

	for (unsigned i = 0; i < get_num_wrps(); i++) {
		struct hw_breakpoint *wp = wp_on_reg[i];
		u64 dist;

		if (!wp || !active(wp) || wp->disabled || !(access & wp->type))
			continue;
		dist = distance_from_watchpoint(regs->far, wp);
		if (dist < min_dist) {
			min_dist = dist;
			closest = (int)i;
		}
		if (dist == 0 && watchpoint_report(wp, regs, regs->far))
			step = true;
	}
	/* FAR may be imprecise: no exact match means the closest one. */
	if (min_dist && closest >= 0 &&
	    watchpoint_report(wp_on_reg[closest], regs, regs->far))
		step = true;
	if (!step)
		return;
	/* Always: the kernel can fire EL0 watchpoints with an unprivileged access. */
	toggle_bp_registers(true, DBG_ACTIVE_EL0, false);
	step_over(regs, true);
}

bool reinstall_suspended_bps(struct pt_regs *regs)
{
	struct debug_info *info = current ? &current->debug : NULL;
	bool handled = false;

	if (user_mode(regs)) {
		if (info->bps_disabled) {
			info->bps_disabled = false;
			toggle_bp_registers(false, DBG_ACTIVE_EL0, true);
			handled = true;
		}
		if (info->wps_disabled) {
			info->wps_disabled = false;
			toggle_bp_registers(true, DBG_ACTIVE_EL0, true);
			handled = true;
		}
		if (handled) {
			if (info->suspended_step) {
				/* The task was being stepped: report this step too. */
				info->suspended_step = false;
				handled = false;
			} else {
				user_disable_single_step(current);
			}
		}
		return handled;
	}
	if (stepping_kernel_bp == ARM_KERNEL_STEP_NONE)
		return false;
	toggle_bp_registers(false, DBG_ACTIVE_EL1, true);
	toggle_bp_registers(true, DBG_ACTIVE_EL1, true);
	if (!info || !info->wps_disabled)
		toggle_bp_registers(true, DBG_ACTIVE_EL0, true);
	if (stepping_kernel_bp == ARM_KERNEL_STEP_ACTIVE) {
		kernel_disable_single_step();
		handled = true;
	}
	stepping_kernel_bp = ARM_KERNEL_STEP_NONE;
	return handled;
}
