// SPDX-License-Identifier: MIT
/*
 * emu/emu.c - the run loop of `armdbg run` (see emu.h, emu_int.h).
 *
 * One code hook over all of RAM sees every guest instruction before it
 * executes: it retires the previous instruction (virtual time, SSAdvance,
 * ERET bookkeeping), then asks the model for a pending software step and
 * for breakpoints, in the architecture's priority order.  The MRS/MSR hook
 * hands the debug registers to the model.  While a watchpoint is enabled,
 * every instruction that may touch a watched byte is checked before any of
 * its accesses happens: on the fast path the watched pages trap (ucshim's
 * stage 2; the instruction has not executed), else a memory hook checks
 * the instruction at its first access and makes a hit precise by restoring
 * the registers and memory it touched.
 */#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "config.h"
#include "elf.h"
#include "emu_int.h"
#include "policy.h"
#include "regs.h"
#include "syndrome.h"
#include "sysreg.h"

/* ---- small helpers -------------------------------------------------- */

uint64_t xreg(struct emu *e, unsigned n)
{
	uint64_t v = 0;

	if (n < 31)
		ucs_x_read(e->u, n, &v);
	return v;
}

void set_xreg(struct emu *e, unsigned n, uint64_t v)
{
	if (n < 31)
		ucs_x_write(e->u, n, v);
}

uint64_t pc_now(struct emu *e)
{
	uint64_t pc = 0;

	ucs_pc_read(e->u, &pc);
	return pc;
}

uint64_t pstate_now(struct emu *e)
{
	uint64_t p = 0;

	ucs_pstate_read(e->u, &p);
	return p;
}

/*
 * The instruction word at @pc: straight from RAM's host memory (a
 * uc_mem_read per instruction was a third of the per-instruction path's
 * cost), through Unicorn for anything else (aliases).
 */
uint32_t insn_at(struct emu *e, uint64_t pc)
{
	uint32_t w = 0;

	if (pc >= e->ram_base && pc - e->ram_base <= e->ram_size - 4) {
		memcpy(&w, e->ram + (pc - e->ram_base), 4);
		return w;
	}
	if (uc_mem_read(e->uc, pc, &w, 4) != UC_ERR_OK)
		return 0;
	return w;
}

const char *disasm_at(struct emu *e, uint64_t pc)
{
	return disasm_insn(e->dis, pc, insn_at(e, pc));
}

/* Stop the run with an emulator-side failure: one message, PC, EL, insn. */
void fail(struct emu *e, int status, const char *fmt, ...)
{
	uint64_t pc = pc_now(e);
	char what[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(e->msg, sizeof(e->msg), "%s at PC 0x%" PRIx64 " EL%u (%s)",
		 what, pc, (unsigned)(pstate_now(e) >> 2 & 3), disasm_at(e, pc));
	e->status = status;
	e->done = true;
	ucs_stop(e->u, pc);
}

/* The model's PE state follows Unicorn's PSTATE; only SS is the model's. */
void sync_pe(struct emu *e)
{
	sync_pe_from(e, pstate_now(e));
}

/* The same, from a PSTATE value @p known to be the current one. */
void sync_pe_from(struct emu *e, uint64_t p)
{
	e->st.pe.el = (unsigned)(p >> 2) & 3;
	e->st.pe.d = p >> 9 & 1;
	e->st.pe.pan = e->cfg.pan && (p >> 22 & 1);
	e->st.pe.uao = e->cfg.uao && (p >> 23 & 1);
	step_stale(e);
}

/*
 * Is software step enabled (active) at the current PE state?  Asked twice
 * per instruction while stepping (CheckSoftwareStep before it, SSAdvance
 * after it), so it is cached until step_stale(): sync_pe(), an exception
 * entry or return, any debug-register or HCR_EL2 write.
 */
bool step_enabled(struct emu *e)
{
	if (!e->step_ok) {
		e->step_en = ad_step_enabled_from(&e->st, e->st.pe.el,
						  ad_is_secure(&e->st), e->st.pe.d);
		e->step_ok = true;
	}
	return e->step_en;
}

/*
 * Instructions retired before the one at @pc: exact on both paths (on the
 * fast path the block hook has counted the whole block in advance).
 */
uint64_t retired_before(struct emu *e, uint64_t pc)
{
	if (!e->precise && pc >= e->blk_addr && pc - e->blk_addr < e->blk_size)
		return e->blk_cycle + (pc - e->blk_addr) / 4;
	return e->cycle;
}

/*
 * The instruction at @pc ends the flow of its block (exception, stop):
 * virtual time is what was retired before it, plus itself if @retired.
 */
void consume(struct emu *e, uint64_t pc, bool retired)
{
	e->cycle = retired_before(e, pc) + retired;
	e->blk_size = 0;
	e->last_size = 0;
	e->have_prev = false;
}

/* Log @v at cycle @cycle (instructions retired before v->pc). */
void log_ev_at(struct emu *e, struct ev *v, uint64_t cycle)
{
	if (!e->log)
		return;
	v->cycle = cycle + e->extra;
	if (!v->has_daif) {
		v->has_daif = true;
		v->daif = (unsigned)(pstate_now(e) >> 6) & 0xf;
	}
	if (!v->insn)
		v->insn = disasm_at(e, v->pc);
	if (!v->step)
		v->step = ad_step_state_str(ad_step_state(&e->st));
	ev_write(e->log, e->logfmt, v);
}

void log_ev(struct emu *e, struct ev *v)
{
	log_ev_at(e, v, retired_before(e, v->pc));
}

/* ---- hooks ----------------------------------------------------------- */


/*
 * LDXR/LDAXR/LDXP/LDAXP (any size): the load/store exclusive class with
 * o2 = 0 and L = 1; o1 = 1 is a pair only for size 1x (else CASP).
 */
static bool is_load_exclusive(uint32_t w)
{
	return (w & 0x3f000000) == 0x08000000 && !(w >> 23 & 1) &&
	       (w >> 22 & 1) && (!(w >> 21 & 1) || (w >> 31 & 1));
}

/* STXR/STLXR (any size), STXP/STLXP: as above with L = 0. */
static bool is_store_exclusive(uint32_t w)
{
	return (w & 0x3f000000) == 0x08000000 && !(w >> 23 & 1) &&
	       !(w >> 22 & 1) && (!(w >> 21 & 1) || (w >> 31 & 1));
}

static bool stex_check(struct emu *e, uint64_t pc, uint32_t w);

/*
 * An ERET at @pc (retired before it: @cycle) has completed: PSTATE.SS per
 * DebugExceptionReturnSS, evaluated with the state before the return.
 */
static void eret_done(struct emu *e, uint64_t pc, uint64_t cycle)
{
	unsigned from = e->st.pe.el;
	struct ev v = { .kind = EV_EXC_RETURN, .el = from, .pc = pc };
	uint64_t spsr = 0;

	ucs_elreg_read(e->u, UCS_SPSR, from ? from : 1, &spsr);
	ad_exception_return(&e->st, spsr);
	sync_pe(e);
	if (e->log) {	/* PC is the ELR the ERET used */
		v.target_el = e->st.pe.el;
		v.elr = pc_now(e);
		v.spsr = spsr;
		log_ev_at(e, &v, cycle);
	}
	e->extra += e->exc_return_cycles;
}

/* Retire the instruction the code hook saw last: it completed normally. */
void retire_prev(struct emu *e)
{
	uint32_t w = e->prev_insn;

	e->cycle++;
	if (a64_is_eret(w))
		eret_done(e, e->prev_pc, e->cycle - 1);
	else if (a64_is_isb(w))
		ad_ss_advance_isb(&e->st);
	else
		ad_ss_advance_en(&e->st, is_load_exclusive(w), step_enabled(e));
}

static bool runaway(struct emu *e)
{
	if (e->cycle < e->max_insns)
		return false;
	fail(e, EMU_EXIT_RUNAWAY,
	     "guest runaway: %" PRIu64 " instructions executed (--max-insns)",
	     e->cycle);
	return true;
}

/* Breakpoints, after a pending step (CheckSoftwareStep comes first). */
static bool check_breakpoints(struct emu *e, uint64_t pc)
{
	struct ad_debug_event d = ad_check_breakpoint(&e->st, pc);

	if (!d.match)
		return false;
	debug_event(e, EV_BREAKPOINT, pc, &d, NULL);
	return d.take;
}

/* Precise path: every instruction, before it executes. */
static void code_hook_at(struct emu *e, uint64_t pc)
{
	enum irq_take irq;
	unsigned irq_el = 0;
	bool resync, step;
	uint32_t w;

	if (ucs_is_private(pc) || e->done)
		return;
	if (e->sr_pending) {
		fail(e, EMU_EXIT_INTERNAL,
		     "Unicorn executed a system-register access the model refused");
		return;
	}
	/*
	 * The PE state (EL, PSTATE.D/PAN/UAO) is read from Unicorn only when
	 * it can have changed: after anything but the normal completion of
	 * the previous instruction (an exception, a stop, the start of a
	 * run), unless an exception entry has just set it (pe_synced), or
	 * after an MSR that can write PSTATE (eret_done() reads it after an
	 * ERET).
	 * Reading PSTATE through Unicorn on every instruction cost more than
	 * the rest of this hook.
	 */
	resync = (!e->have_prev && !e->pe_synced) ||
		 a64_may_write_pstate(e->prev_insn);
	e->pe_synced = false;
	if (e->have_prev)
		retire_prev(e);
	e->have_prev = false;
	if (runaway(e))
		return;
	if (resync)
		sync_pe(e);

	/*
	 * An interrupt is taken at this boundary, before the instruction.  If
	 * a software step exception is pending too, which one goes first is
	 * the Impdef_StepVersusInterrupt policy (digest 6.4).
	 */
	irq = e->irq_on ? irq_boundary(e, pc, &irq_el) : IRQ_NONE;
	/*
	 * CheckSoftwareStep takes exactly when the step is active-pending:
	 * enabled, PSTATE.SS = 0.
	 */
	step = step_enabled(e) && !e->st.pe.ss;
	if (irq != IRQ_NONE &&
	    (!step || ad_policy(&e->st, AD_POL_STEP_VS_IRQ) == AD_STEPIRQ_IRQ_FIRST)) {
		take_interrupt(e, pc, irq == IRQ_FIQ, irq_el);
		return;
	}
	if (step) {
		struct ad_debug_event d = ad_check_software_step(&e->st);

		debug_event(e, EV_STEP, pc, &d, NULL);
		return;
	}
	/* (PC alignment and instruction aborts are Unicorn's; then breakpoints.) */
	if (e->bp_any && check_breakpoints(e, pc))
		return;
	w = insn_at(e, pc);
	if (e->mem_hooked && is_store_exclusive(w) && stex_check(e, pc, w))
		return;
	e->have_prev = true;
	e->prev_pc = pc;
	e->prev_insn = w;
	/* WFI: virtual time runs on to the next wake-up event. */
	if (e->irq_on && e->prev_insn == 0xd503207f && !irq_wfi(e, pc))
		fail(e, EMU_EXIT_FAULT,
		     "WFI with no interrupt signalled, no timer armed and no input "
		     "scheduled: the PE would wait forever");
}

static void code_hook(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
	struct emu *e = user;

	(void)uc;
	(void)size;
	e->pc_write_ok = true;
	code_hook_at(e, pc);
	e->pc_write_ok = false;
}

/*
 * What the fast path needs to know about translation block [addr,
 * addr + size), cached per block: does it end with an ERET, does it hold
 * a Store-Exclusive?
 */
static const struct blk_info *block_info(struct emu *e, uint64_t addr,
					 uint32_t size)
{
	struct blk_info *b = &e->blk_cache[(addr >> 2) % EMU_BLK_CACHE];

	if (b->addr != addr || b->size != size) {
		b->addr = addr;
		b->size = size;
		b->eret = a64_is_eret(insn_at(e, addr + size - 4));
		b->stex = false;
		for (uint64_t a = addr; a < addr + size; a += 4)
			b->stex |= is_store_exclusive(insn_at(e, a));
	}
	return b;
}

/*
 * Note the Store-Exclusives of block [addr, addr + size) for hooks of
 * their own (update_hooks()).  True if there is one not hooked yet.
 */
static bool stex_learn(struct emu *e, uint64_t addr, uint32_t size)
{
	bool added = false;
	unsigned i;

	for (uint64_t a = addr; a < addr + size; a += 4) {
		if (!is_store_exclusive(insn_at(e, a)))
			continue;
		for (i = 0; i < e->nstex && e->stex_addr[i] != a; i++)
			;
		if (i < e->nstex)
			continue;
		if (e->nstex < EMU_MAX_STEX)
			e->stex_addr[e->nstex++] = a;
		else
			e->stex_overflow = true;
		added = true;
	}
	return added;
}

/*
 * Fast path: a translation block starts.  Its instructions are counted in
 * advance (consume() corrects the count when an exception or a stop cuts
 * the block short); an ERET that ended the previous block is accounted.
 */
static void block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct emu *e = user;

	(void)uc;
	/* what update_hooks() must invalidate */
	if (addr < e->code_lo)
		e->code_lo = addr;
	if (addr + size > e->code_hi)
		e->code_hi = addr + size;
	if (ucs_is_private(addr) || e->done)
		return;
	if (e->blk_size) {
		e->last_addr = e->blk_addr;
		e->last_size = e->blk_size;
		e->last_cycle = e->blk_cycle;
	}
	if (e->last_size && block_info(e, e->last_addr, e->last_size)->eret) {
		eret_done(e, e->last_addr + e->last_size - 4,
			  e->last_cycle + e->last_size / 4 - 1);
		e->last_size = 0;
	}
	e->blk_addr = addr;
	e->blk_size = size;
	e->blk_cycle = e->cycle;
	e->cycle += size / 4;
	if (e->blk_cycle >= e->max_insns) {
		e->cycle = e->blk_cycle;
		runaway(e);
		return;
	}
	if (e->mem_hooked && block_info(e, addr, size)->stex &&
	    stex_learn(e, addr, size)) {
		/* Nothing of the block has run: hook its Store-Exclusives first. */
		e->cycle = e->blk_cycle;
		e->blk_size = 0;
		e->rehook = true;
		ucs_stop(e->u, addr);
	}
}

/*
 * The instruction at @pc runs again after a page trap without a hit
 * stopped it (finish_trap()): its breakpoints were checked already.
 */
static bool wp_replayed(struct emu *e, uint64_t pc)
{
	if (!e->wp_replay || pc != e->wp_replay_pc ||
	    retired_before(e, pc) != e->wp_replay_cycle)
		return false;
	e->wp_replay = false;
	return true;
}

/* Fast path: a breakpointed address is about to execute. */
static void bp_hook(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
	struct emu *e = user;

	(void)uc;
	(void)size;
	if (e->done || e->precise || wp_replayed(e, pc))
		return;
	sync_pe(e);
	e->pc_write_ok = true;
	if (!(e->bp_any && check_breakpoints(e, pc)) && e->mem_hooked &&
	    is_store_exclusive(insn_at(e, pc)))
		stex_check(e, pc, insn_at(e, pc));
	e->pc_write_ok = false;
}

uint64_t view_x(void *ctx, unsigned n)
{
	return xreg(ctx, n);
}

uint64_t view_sp(void *ctx)
{
	uint64_t v = 0;

	ucs_sp_read(((struct emu *)ctx)->u, &v);
	return v;
}

/*
 * Will Store-Exclusive @op fail?  As QEMU decides it when the instruction
 * executes (ucs_monitor()): the address must be the monitor's and memory
 * must still hold the value the Load-Exclusive read.  Not known (a 16-byte
 * STXP, or the monitor not located): treated as succeeding.  This is
 * what Impdef_FailedSTXRWatchpoint needs to know.
 */
static bool stex_fails(struct emu *e, const struct a64_mem_op *op)
{
	uint64_t addr, val, mem = 0;

	if (op->kind != AD_ACC_STORE_EX || op->size > 8 ||
	    !ucs_monitor(e->u, &addr, &val))
		return false;
	if (op->va != addr)
		return true;
	if (uc_mem_read(e->uc, op->va, &mem, op->size) != UC_ERR_OK)
		return false;
	return mem != val;
}

/*
 * A Store-Exclusive about to execute (@w at @pc) that will fail makes no
 * memory access, so neither a page trap nor the memory hook can check it:
 * check it here, with Impdef_FailedSTXRWatchpoint deciding (the model).
 * One that will succeed is left to the memory path.  True if an
 * exception was taken.
 */
static bool stex_check(struct emu *e, uint64_t pc, uint32_t w)
{
	struct a64_regs_view view = { .x = view_x, .sp = view_sp, .ctx = e,
				      .pc = pc };
	struct a64_mem_info mi;
	struct ad_debug_event d;
	struct ad_access a;
	uint64_t far;

	if (a64_decode_mem(w, &view, &mi) < 0 || mi.n != 1 ||
	    !stex_fails(e, &mi.op[0]))
		return false;
	a = a64_mem_op_access(&mi.op[0]);
	a.ex_failed = true;
	d = ad_check_watchpoint(&e->st, &a);
	if (!d.match)
		return false;
	far = d.far;
	debug_event(e, EV_WATCHPOINT, pc, &d, &far);
	return d.take;
}

/* Save the bytes a store of the instruction will overwrite. */
static void save_store_bytes(struct emu *e, const struct a64_mem_info *mi)
{
	e->wp_nsave = 0;
	for (unsigned i = 0; i < mi->n; i++) {
		const struct a64_mem_op *op = &mi->op[i];
		struct wp_save *sv = &e->wp_save[e->wp_nsave];
		uint64_t lo, hi;
		struct ad_access a = a64_mem_op_access(op);

		if (op->kind == AD_ACC_LOAD || op->kind == AD_ACC_LOAD_EX ||
		    op->kind == AD_ACC_DC_IVAC)
			continue;
		ad_access_range(&e->st, &a, &lo, &hi);
		if (hi - lo + 1 > WP_SAVE_MAX)
			continue;
		sv->va = lo;
		sv->len = (unsigned)(hi - lo + 1);
		if (uc_mem_read(e->uc, lo, sv->bytes, sv->len) == UC_ERR_OK)
			e->wp_nsave++;
	}
}

/*
 * A cheap filter for the memory hook: each enabled watchpoint's doubleword
 * or MASK block, widened to whole 64-byte blocks plus 64 bytes on each
 * side, so that the first callback of any instruction that can touch it
 * (the widest, ST4 of four Q registers, spans 64 bytes; a DC ZVA/IVAC block
 * is 64 bytes on every preset) passes.  Wider blocks (MASK) are kept as is.
 */
static void watch_ranges(struct emu *e)
{
	e->nwr = 0;
	for (unsigned n = 0; n < e->cfg.num_wps; n++) {
		uint64_t wcr = e->st.r.wcr[n], wvr = e->st.r.wvr[n];
		unsigned mask = (unsigned)(wcr >> 24) & 0x1f;
		uint64_t len = mask >= 3 ? 1ull << mask : 8, lo, hi;

		if (!(wcr & 1))
			continue;
		/* Reserved MASK values 1, 2 may act as MASK 3 (policy): 8 bytes. */
		lo = wvr & ~(len - 1) & ~63ull;
		hi = ((wvr & ~(len - 1)) + len + 63) & ~63ull;
		e->wr_lo[e->nwr] = lo >= 64 ? lo - 64 : 0;
		e->wr_hi[e->nwr] = hi + 63 < hi ? UINT64_MAX : hi + 63;
		e->nwr++;
	}
}

static bool maybe_watched(struct emu *e, uint64_t addr, int size)
{
	uint64_t end = addr + (uint64_t)(size > 0 ? size - 1 : 0);

	for (unsigned i = 0; i < e->nwr; i++)
		if (addr <= e->wr_hi[i] && end >= e->wr_lo[i])
			return true;
	return false;
}

/*
 * AArch64.CheckWatchpoint for every access of the instruction at @pc, in
 * the order the instruction makes them, before any of them happens: a
 * match the model does not take is logged, the first one it takes is
 * returned in @hit (1).  0: nothing taken; -1: the run failed.
 */
static int wp_check_insn(struct emu *e, uint64_t pc, struct a64_mem_info *mi,
			 struct ad_debug_event *hit)
{
	struct a64_regs_view view = { .x = view_x, .sp = view_sp, .ctx = e, .pc = pc };
	int rc = a64_decode_mem(insn_at(e, pc), &view, mi);

	if (rc < 0) {
		fail(e, EMU_EXIT_FAULT,
		     "cannot decode the accesses of this instruction for watchpoints: %s",
		     a64_strerror(rc));
		return -1;
	}
	if (mi->n && (mi->op[0].kind == AD_ACC_DC_ZVA || mi->op[0].kind == AD_ACC_DC_IVAC))
		return 0; /* checked by sys_hook before it ran */
	sync_pe(e);
	for (unsigned i = 0; i < mi->n; i++) {
		struct ad_access a = a64_mem_op_access(&mi->op[i]);
		struct ad_debug_event d;

		a.ex_failed = stex_fails(e, &mi->op[i]);
		d = ad_check_watchpoint(&e->st, &a);

		if (!d.match)
			continue;
		if (!d.take) {
			struct ev v = {
				.kind = EV_WATCHPOINT, .el = e->st.pe.el, .pc = pc,
				.taken = false, .hits = d.hits,
				.why = ad_disable_reason_str(d.why),
			};
			log_ev(e, &v);
			continue;
		}
		*hit = d;
		return 1;
	}
	return 0;
}

/*
 * The memory hook (not on the fast path with page traps, see
 * update_hooks()): the check at the instruction's first memory callback,
 * before any byte is written (Unicorn's memory hooks fire before the
 * access).
 */
static void mem_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
		     int64_t value, void *user)
{
	struct emu *e = user;
	struct a64_mem_info mi;
	struct ad_debug_event d;
	uint64_t pc;

	(void)uc;
	(void)type;
	(void)value;
	if (e->done || e->wp_pending || !maybe_watched(e, addr, size))
		return;
	pc = pc_now(e);
	if (ucs_is_private(pc))
		return;
	if (e->wp_checked && e->wp_pc == pc && e->wp_cycle == retired_before(e, pc))
		return;
	e->wp_checked = true;
	e->wp_pc = pc;
	e->wp_cycle = retired_before(e, pc);
	if (wp_check_insn(e, pc, &mi, &d) <= 0)
		return;
	/* Precise: undo what the instruction does, then take it. */
	save_store_bytes(e, &mi);
	if (!e->wp_ctx && uc_context_alloc(e->uc, &e->wp_ctx) != UC_ERR_OK) {
		fail(e, EMU_EXIT_INTERNAL, "uc_context_alloc failed");
		return;
	}
	uc_context_save(e->uc, e->wp_ctx);
	e->wp_pending = true;
	e->wp_ev = d;
	e->wp_insn_pc = pc;
	ucs_stop(e->u, pc);
}

/*
 * ucshim: the instruction at @pc accessed a trapped page and has not
 * executed (nothing of it happened); it stopped the run there.
 */
static void on_page_trap(void *ctx, uint64_t pc, uint64_t addr, bool write)
{
	struct emu *e = ctx;

	(void)addr;
	(void)write;
	if (e->done)
		return;
	e->wp_pending = true;
	e->wp_trapped = true;
	e->wp_insn_pc = pc;
}

/*
 * After a page trap: check the instruction as mem_hook() does.  Without a
 * hit it runs again under the memory hook, for as long as the same pages
 * are watched: a trapped page the guest uses would cost a stop per access.
 */
static void finish_trap(struct emu *e)
{
	uint64_t pc = e->wp_insn_pc, far;
	struct a64_mem_info mi;
	struct ad_debug_event d;
	int rc;

	e->wp_pending = false;
	e->wp_trapped = false;
	ucs_pc_write(e->u, pc);
	rc = wp_check_insn(e, pc, &mi, &d);
	if (rc < 0)
		return;
	if (rc > 0) {
		far = d.far;
		debug_event(e, EV_WATCHPOINT, pc, &d, &far);
		return;
	}
	/* Checked: neither mem_hook() nor bp_hook() repeats it at this pc. */
	e->wp_checked = true;
	e->wp_pc = pc;
	e->wp_cycle = retired_before(e, pc);
	e->wp_replay = true;
	e->wp_replay_pc = pc;
	e->wp_replay_cycle = e->wp_cycle;
	consume(e, pc, false);
	e->wp_fb = true;
	e->wp_fb_n = e->wp_ntrap;
	memcpy(e->wp_fb_pages, e->wp_trap, e->wp_ntrap * sizeof(e->wp_trap[0]));
	update_hooks(e);
}

/* After a stop for a watchpoint hit: restore, then take the exception. */
static void finish_watchpoint(struct emu *e)
{
	uint64_t far = e->wp_ev.far;

	if (e->wp_trapped) {
		finish_trap(e);
		return;
	}
	e->wp_pending = false;
	uc_context_restore(e->uc, e->wp_ctx);
	for (unsigned i = 0; i < e->wp_nsave; i++)
		uc_mem_write(e->uc, e->wp_save[i].va, e->wp_save[i].bytes,
			     e->wp_save[i].len);
	ucs_pc_write(e->u, e->wp_insn_pc);
	sync_pe(e);
	debug_event(e, EV_WATCHPOINT, e->wp_insn_pc, &e->wp_ev, &far);
}

static void add_trap_page(struct ucs_trap_page *pg, unsigned *n, uint64_t a,
			  enum ucs_trap_how how)
{
	for (unsigned i = 0; i < *n; i++) {
		if (pg[i].addr == a) {
			if (how == UCS_TRAP_ALL)
				pg[i].how = UCS_TRAP_ALL;
			return;
		}
	}
	pg[*n].addr = a;
	pg[(*n)++].how = how;
}

/*
 * The pages to trap so that every instruction that can touch a watched
 * byte traps at its first access, before any part of it happens: those of
 * each enabled watchpoint's doubleword or MASK block and of the 64 bytes
 * below it.  (An instruction's accesses span at most 64 bytes - ST4 of
 * four Q registers, a DC ZVA block - and QEMU makes them in ascending
 * address order, so one that reaches a watched byte from below starts on
 * a trapped page; a single access crossing pages writes nothing before
 * QEMU has translated both, ucs_trap_pages().)  Loads cannot hit a
 * watchpoint with LSC = stores: its pages trap stores only.  False if the
 * pages are too many or not all trappable (the memory hook then).
 */
static bool watch_pages(struct emu *e, struct ucs_trap_page *pg, unsigned *np)
{
	*np = 0;
	for (unsigned n = 0; n < e->cfg.num_wps; n++) {
		uint64_t wcr = e->st.r.wcr[n], wvr = e->st.r.wvr[n];
		unsigned mask = (unsigned)(wcr >> 24) & 0x1f;
		uint64_t len = mask >= 3 ? 1ull << mask : 8, lo, hi, a;
		enum ucs_trap_how how = (wcr >> 3 & 3) == 2 ? UCS_TRAP_STORES :
							       UCS_TRAP_ALL;

		if (!(wcr & 1))
			continue;
		lo = wvr & ~(len - 1);
		hi = lo + len - 1;
		if (hi < lo || hi >= UCS_S2_BASE ||
		    (hi >> 12) - ((lo >= 64 ? lo - 64 : 0) >> 12) >= UCS_MAX_TRAP_PAGES)
			return false;
		for (a = (lo >= 64 ? lo - 64 : 0) & ~0xfffull; a <= hi; a += 0x1000) {
			if (*np == UCS_MAX_TRAP_PAGES || ucs_is_private(a))
				return false;
			add_trap_page(pg, np, a, how);
		}
	}
	return true;
}

static bool same_pages(const struct ucs_trap_page *a, unsigned na,
		       const struct ucs_trap_page *b, unsigned nb)
{
	if (na != nb)
		return false;
	for (unsigned i = 0; i < na; i++)
		if (a[i].addr != b[i].addr || a[i].how != b[i].how)
			return false;
	return true;
}

/*
 * Watchpoints on the fast path: page traps (free for accesses elsewhere;
 * a memory hook anywhere sends every load and store through Unicorn's
 * slow path) while the guest's stage 1 is off and it has no EL2 (ucshim's
 * stage 2), unless a trap of the same pages found them in use.  Else the
 * memory hook.  False if the traps could not be set.
 */
static bool set_traps(struct emu *e, bool fast)
{
	struct ucs_trap_page pg[UCS_MAX_TRAP_PAGES];
	unsigned n = 0;
	bool want = fast && e->mem_hooked && !e->cfg.el2 && watch_pages(e, pg, &n) &&
		    !(e->wp_fb && same_pages(pg, n, e->wp_fb_pages, e->wp_fb_n));

	if (!want)
		n = 0;
	if ((n || e->wp_ntrap) &&
	    ucs_trap_pages(e->u, pg, n, on_page_trap, e) != UCS_OK) {
		n = 0;
		if (ucs_trap_pages(e->u, NULL, 0, NULL, NULL) != UCS_OK)
			return false;
	}
	memcpy(e->wp_trap, pg, n * sizeof(pg[0]));
	e->wp_ntrap = n;
	return !want || n;
}

/*
 * Translated code keeps the old hooks until it is invalidated: invalidate
 * all of it in RAM.  Also when no hook changed: the run's instruction count
 * depends on it (a block hook can fire twice for one block after an
 * MRS/MSR hook wrote PC, depending on which blocks are chained;
 * docs/performance.md).  Invalidating all of RAM costs 3-4 ms (per page),
 * so only the range the block hook saw code run in since the last time,
 * unless the per-instruction hook ran (the new mode counts from now on).
 */
static void flush_code(struct emu *e)
{
	uint64_t end = e->ram_base + e->ram_size;

	if (e->code_all)
		ucs_flush(e->u);
	else if (e->code_lo < e->code_hi)
		ucs_flush_range(e->u, e->code_lo & ~0xfffull,
				e->code_hi < end - 0xfff ?
				(e->code_hi + 0xfff) & ~0xfffull : end);
	e->code_lo = UINT64_MAX;
	e->code_hi = 0;
	e->code_all = e->precise;
}

/*
 * Code hooks on the breakpointed addresses @addr[0..@n) (no duplicates):
 * only the changes (update_hooks() invalidates the translations).
 */
static uc_err set_bp_hooks(struct emu *e, const uint64_t *addr, unsigned n)
{
	unsigned i, j, k = 0;
	uc_err err = UC_ERR_OK;

	for (i = 0; i < e->nbp_hooks; i++) {
		for (j = 0; j < n && addr[j] != e->h_bp_addr[i]; j++)
			;
		if (j < n) {
			e->h_bp[k] = e->h_bp[i];
			e->h_bp_addr[k++] = e->h_bp_addr[i];
		} else {
			uc_hook_del(e->uc, e->h_bp[i]);
		}
	}
	e->nbp_hooks = k;
	for (j = 0; j < n && !err; j++) {
		for (i = 0; i < k && e->h_bp_addr[i] != addr[j]; i++)
			;
		if (i < k)
			continue;
		err = uc_hook_add(e->uc, &e->h_bp[e->nbp_hooks], UC_HOOK_CODE,
				  (void *)bp_hook, e, addr[j], addr[j]);
		if (!err)
			e->h_bp_addr[e->nbp_hooks++] = addr[j];
	}
	return err;
}

/*
 * The hooks the debug state needs: the per-instruction hook while
 * MDSCR_EL1.SS is set, the MMU is on, interrupts can be taken or an
 * enabled breakpoint is not a plain address match, else block counting
 * plus a code hook per breakpointed address; watchpoints by page traps or
 * the memory hook (set_traps()).  Hooks that stay are kept.
 */
void update_hooks(struct emu *e)
{
	bool precise = (e->st.r.mdscr_el1 & AD_MDSCR_SS) || e->mmu_el1 ||
		       e->mmu_el2 || e->irq_on;
	bool wp_any = false, mem;
	uint64_t addr[AD_MAX_BPS + EMU_MAX_STEX];
	unsigned nbp = 0, n, i;
	uc_err err = UC_ERR_OK;

	e->bp_any = false;
	for (n = 0; n < e->cfg.num_bps; n++) {
		uint64_t bcr = e->st.r.bcr[n], a = e->st.r.bvr[n] & ~3ull;
		int bt;

		if (!(bcr & 1))
			continue;
		e->bp_any = true;
		bt = ad_effective_bt(&e->st, n);
		if ((bt == 0 || bt == 1) && !(bcr >> 24 & 0x1f)) {
			/* one hook per address: bp_hook() checks them all */
			for (i = 0; i < nbp && addr[i] != a; i++)
				;
			if (i == nbp)
				addr[nbp++] = a;
		} else if (bt >= 0) {
			precise = true;
		}
	}
	for (n = 0; n < e->cfg.num_wps; n++)
		wp_any |= e->st.r.wcr[n] & 1;
	watch_ranges(e);
	if (!wp_any) {
		e->nstex = 0;
		e->stex_overflow = false;
	}
	precise |= e->stex_overflow;
	for (n = 0; n < e->nstex; n++) {
		for (i = 0; i < nbp && addr[i] != e->stex_addr[n]; i++)
			;
		if (i == nbp)
			addr[nbp++] = e->stex_addr[n];
	}

	if (!e->hooks_set)
		e->code_all = true;	/* the first time: all of RAM */
	if (e->hooks_set && precise != e->precise)
		uc_hook_del(e->uc, e->precise ? e->h_code : e->h_block);
	if (!e->hooks_set || precise != e->precise) {
		if (precise)
			err = uc_hook_add(e->uc, &e->h_code, UC_HOOK_CODE,
					  (void *)code_hook, e, e->ram_base,
					  e->ram_base + e->ram_size - 1);
		else
			err = uc_hook_add(e->uc, &e->h_block, UC_HOOK_BLOCK,
					  (void *)block_hook, e, e->ram_base,
					  e->ram_base + e->ram_size - 1);
	}
	e->hooks_set = true;
	e->precise = precise;
	e->mem_hooked = wp_any;
	e->blk_size = 0;
	e->last_size = 0;
	if (!err)
		err = set_bp_hooks(e, addr, precise ? 0 : nbp);
	if (!err && !set_traps(e, !precise)) {
		fail(e, EMU_EXIT_INTERNAL, "cannot set the page traps: %s",
		     ucs_error(e->u));
		return;
	}
	mem = wp_any && !e->wp_ntrap;
	if (!err && mem != e->mem_hook_on) {
		if (mem)
			err = uc_hook_add(e->uc, &e->h_mem,
					  UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
					  (void *)mem_hook, e, 1, 0);
		else
			uc_hook_del(e->uc, e->h_mem);
		e->mem_hook_on = mem && !err;
	}
	if (err) {
		fail(e, EMU_EXIT_INTERNAL, "cannot install hooks: %s", uc_strerror(err));
		return;
	}
	flush_code(e);
	memset(e->blk_cache, 0, sizeof(e->blk_cache));
}

/* ---- set-up and the loop -------------------------------------------- */

static enum ucs_cpu ucs_cpu_for(const char *name)
{
	if (!strcmp(name, "cortex-a53"))
		return UCS_CPU_A53;
	if (!strcmp(name, "cortex-a72"))
		return UCS_CPU_A72;
	if (!strcmp(name, "v9-max"))
		return UCS_CPU_MAX;
	return UCS_CPU_A57;
}

void emu_opts_default(struct emu_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->cpu = "cortex-a57";
	o->ram_mib = EMU_DEFAULT_RAM_MIB;
	o->log_format = EV_TEXT;
	o->max_insns = EMU_DEFAULT_MAX_INSNS;
	ad_policies_default(&o->pol);
}

uint8_t *emu_read_file(const char *path, size_t max, size_t *len, char *err,
		       size_t errlen)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			uint8_t *nb;

			if (cap >= max) {
				snprintf(err, errlen, "%s: larger than %zu MiB",
					 path, max >> 20);
				free(buf);
				fclose(f);
				return NULL;
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				snprintf(err, errlen, "%s: out of memory", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int setup(struct emu *e, const struct emu_opts *o, const char *path)
{
	const struct ad_config *preset = ad_config_preset(o->cpu);
	char err[300];
	const char *why;
	struct elf_image img;
	uint8_t *file;
	size_t len = 0;
	struct sh_env env;
	uint64_t heap_lo, heap_hi, start;

	if (!preset) {
		fprintf(e->err, "armdbg: unknown CPU '%s'\n", o->cpu);
		return EMU_EXIT_USAGE;
	}
	e->cfg = *preset;
	e->cfg.el3 = false; /* the guest never sees EL3 */
	e->cfg.el2 = o->el2;
	e->cfg.vhe = e->cfg.vhe && o->el2;
	e->cfg.vmid16 = e->cfg.vmid16 && o->el2;
	if (ad_config_validate(&e->cfg, &why)) {
		fprintf(e->err, "armdbg: CPU %s: %s\n", o->cpu, why);
		return EMU_EXIT_USAGE;
	}
	ad_state_init(&e->st, &e->cfg);
	e->st.pol = o->pol;
	ad_cold_reset(&e->st); /* UNKNOWN values follow the chosen policy */
	e->st.pe.el = o->el2 ? AD_EL2 : AD_EL1;
	e->ram_base = EMU_RAM_BASE;
	e->ram_size = (uint64_t)o->ram_mib << 20;
	e->max_insns = o->max_insns;
	e->rnd = 0x2545f4914f6cdd1dull;
	e->out = o->out ? o->out : stdout;
	why = irq_check_inputs(o->inputs, o->ninputs);
	if (why) {
		fprintf(e->err, "armdbg: %s\n", why);
		return EMU_EXIT_USAGE;
	}
	if (o->ninputs && !o->inputs) {
		fprintf(e->err, "armdbg: inputs missing\n");
		return EMU_EXIT_USAGE;
	}
	irq_init(e, o);

	file = emu_read_file(path, EMU_MAX_FILE_BYTES, &len, err, sizeof(err));
	if (!file) {
		fprintf(e->err, "armdbg: %s\n", err);
		return EMU_EXIT_IMAGE;
	}
	if (elf_load(file, len, e->ram_base, e->ram_size, &img, err, sizeof(err))) {
		fprintf(e->err, "armdbg: %s: %s\n", path, err);
		free(file);
		return EMU_EXIT_IMAGE;
	}

	e->u = ucs_open(ucs_cpu_for(o->cpu), e->ram_base, e->ram_size, true,
			err, sizeof(err));
	if (!e->u) {
		fprintf(e->err, "armdbg: %s\n", err);
		free(file);
		return EMU_EXIT_INTERNAL;
	}
	e->uc = ucs_uc(e->u);
	e->ram = ucs_ram(e->u);
	for (unsigned i = 0; i < img.nseg; i++) {
		const struct elf_segment *s = &img.seg[i];

		if (uc_mem_write(e->uc, s->paddr, s->data, s->filesz) != UC_ERR_OK) {
			fprintf(e->err, "armdbg: %s: cannot load segment %u\n",
				path, s->phdr);
			free(file);
			return EMU_EXIT_IMAGE;
		}
	}
	start = img.entry;
	elf_ram_gap(&img, e->ram_base, e->ram_size, &heap_lo, &heap_hi);
	free(file);
	if (o->preload_len) {
		if (o->preload_addr < e->ram_base || o->preload_len > e->ram_size ||
		    o->preload_addr - e->ram_base > e->ram_size - o->preload_len ||
		    uc_mem_write(e->uc, o->preload_addr, o->preload,
				 o->preload_len) != UC_ERR_OK) {
			fprintf(e->err, "armdbg: preload of %zu bytes at 0x%" PRIx64
				" is outside RAM\n", o->preload_len, o->preload_addr);
			return EMU_EXIT_USAGE;
		}
	}
	if (irq_map_mmio(e)) {
		fprintf(e->err, "armdbg: cannot map the GIC\n");
		return EMU_EXIT_INTERNAL;
	}

	memset(&env, 0, sizeof(env));
	env.ctx = e;
	env.read_mem = sh_read;
	env.write_mem = sh_write;
	env.output = sh_out;
	env.now_cycles = sh_now;
	env.heap_base = heap_lo;
	env.heap_limit = heap_hi;
	env.stack_base = heap_hi;
	env.stack_limit = heap_lo;
	env.cycles_per_cs = CYCLES_PER_CS;
	if (sh_init(&e->sh, &env, err, sizeof(err))) {
		fprintf(e->err, "armdbg: semihosting: %s\n", err);
		return EMU_EXIT_INTERNAL;
	}

	e->dis = disasm_open();
	if (!e->dis) {
		fprintf(e->err, "armdbg: cannot open Capstone\n");
		return EMU_EXIT_INTERNAL;
	}
	if (o->log_file) {
		e->log = o->log_file;
	} else if (o->log_path) {
		e->log = fopen(o->log_path, "w");
		if (!e->log) {
			fprintf(e->err, "armdbg: %s: %s\n", o->log_path, strerror(errno));
			return EMU_EXIT_USAGE;
		}
		/* A run killed at 2 a.m. must still leave its log behind. */
		setvbuf(e->log, NULL, _IOLBF, 0);
		e->log_owned = true;
	}
	e->logfmt = o->log_format;

	if (uc_hook_add(e->uc, &e->h_unmapped, UC_HOOK_MEM_UNMAPPED,
			(void *)unmapped_hook, e, 1, 0) ||
	    uc_hook_add(e->uc, &e->h_intr, UC_HOOK_INTR, (void *)intr_hook, e, 1, 0) ||
	    uc_hook_add(e->uc, &e->h_mrs, UC_HOOK_INSN, (void *)mrs_hook, e, 1, 0,
			UC_ARM64_INS_MRS) ||
	    uc_hook_add(e->uc, &e->h_msr, UC_HOOK_INSN, (void *)msr_hook, e, 1, 0,
			UC_ARM64_INS_MSR) ||
	    uc_hook_add(e->uc, &e->h_sys, UC_HOOK_INSN, (void *)sys_hook, e, 1, 0,
			UC_ARM64_INS_SYS)) {
		fprintf(e->err, "armdbg: cannot install the Unicorn hooks\n");
		return EMU_EXIT_INTERNAL;
	}
	update_hooks(e);

	/* Cold reset: EL1h (EL2h with --el2), DAIF masked, MMU off. */
	if (ucs_set_el(e->u, ucs_pstate_mode(e->st.pe.el, true) | UCS_PSTATE_DAIF,
		       start) != UCS_OK) {
		fprintf(e->err, "armdbg: cannot enter EL%u: %s\n", e->st.pe.el,
			ucs_error(e->u));
		return EMU_EXIT_INTERNAL;
	}
	return 0;
}

static void teardown(struct emu *e)
{
	if (e->log && e->log_owned)
		fclose(e->log);
	if (e->wp_ctx)
		uc_context_free(e->wp_ctx);
	disasm_close(e->dis);
	if (e->u)
		ucs_close(e->u);
}

static void final_put(struct emu_final *f, const char *name, uint64_t v)
{
	if (f->n >= EMU_FINAL_MAX)
		return;
	snprintf(f->reg[f->n].name, sizeof(f->reg[0].name), "%s", name);
	f->reg[f->n++].value = v;
}

static void final_el(struct emu *e, struct emu_final *f, unsigned el)
{
	static const struct { enum ucs_elreg r; const char *name; } regs[] = {
		{ UCS_ELR, "ELR" }, { UCS_SPSR, "SPSR" }, { UCS_ESR, "ESR" },
		{ UCS_FAR, "FAR" }, { UCS_VBAR, "VBAR" },
	};
	char name[24];

	for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		uint64_t v = 0;

		ucs_elreg_read(e->u, regs[i].r, el, &v);
		snprintf(name, sizeof(name), "%s_EL%u", regs[i].name, el);
		final_put(f, name, v);
	}
}

/* The architectural state at the end of the run, in a fixed order. */
static void fill_final(struct emu *e, struct emu_final *f)
{
	char name[24];
	uint64_t v, p;

	f->cycle = e->cycle + e->extra;
	f->insns = e->cycle;
	for (unsigned n = 0; n < 31; n++) {
		snprintf(name, sizeof(name), "x%u", n);
		final_put(f, name, xreg(e, n));
	}
	for (unsigned el = 0; el <= (e->cfg.el2 ? 2u : 1u); el++) {
		v = 0;
		ucs_sp_el_read(e->u, el, &v);
		snprintf(name, sizeof(name), "sp_el%u", el);
		final_put(f, name, v);
	}
	final_put(f, "pc", pc_now(e));
	/* PSTATE.SS is the model's (Unicorn squashes it). */
	p = pstate_now(e) & ~UCS_PSTATE_SS;
	final_put(f, "pstate", p | (e->st.pe.ss ? UCS_PSTATE_SS : 0));
	final_el(e, f, 1);
	if (e->cfg.el2)
		final_el(e, f, 2);
	final_put(f, "MDSCR_EL1", ad_reg_read(&e->st, AD_REG_MDSCR_EL1, 0));
	final_put(f, "OSLSR_EL1", ad_reg_read(&e->st, AD_REG_OSLSR_EL1, 0));
	final_put(f, "OSDLR_EL1", ad_reg_read(&e->st, AD_REG_OSDLR_EL1, 0));
	final_put(f, "CONTEXTIDR_EL1", e->st.r.contextidr_el1);
	if (e->cfg.el2)
		final_put(f, "MDCR_EL2", ad_reg_read(&e->st, AD_REG_MDCR_EL2, 0));
	for (unsigned n = 0; n < e->cfg.num_bps; n++) {
		snprintf(name, sizeof(name), "DBGBCR%u_EL1", n);
		final_put(f, name, e->st.r.bcr[n]);
		snprintf(name, sizeof(name), "DBGBVR%u_EL1", n);
		final_put(f, name, e->st.r.bvr[n]);
	}
	for (unsigned n = 0; n < e->cfg.num_wps; n++) {
		snprintf(name, sizeof(name), "DBGWCR%u_EL1", n);
		final_put(f, name, e->st.r.wcr[n]);
		snprintf(name, sizeof(name), "DBGWVR%u_EL1", n);
		final_put(f, name, e->st.r.wvr[n]);
	}
	final_put(f, "CNTP_CTL_EL0", e->tm.ctl[TIMER_PHYS]);
	final_put(f, "CNTP_CVAL_EL0", e->tm.cval[TIMER_PHYS]);
	final_put(f, "CNTV_CTL_EL0", e->tm.ctl[TIMER_VIRT]);
	final_put(f, "CNTV_CVAL_EL0", e->tm.cval[TIMER_VIRT]);
	final_put(f, "ICC_PMR_EL1", e->gic.pmr);
	final_put(f, "ICC_IGRPEN1_EL1", e->gic.igrpen1);
	final_put(f, "ICC_AP1R0_EL1", e->gic.ap1);
}

void emu_describe(FILE *f)
{
	char ver[48], err[300], what[400];
	int major = 0, minor = 0;
	struct ucs *s;

	ucs_version(ver, sizeof(ver));
	cs_version(&major, &minor);
	fprintf(f, "%s, Capstone %d.%d\n", ver, major, minor);
	s = ucs_open(UCS_CPU_A57, 0x40000000, 1 << 20, true, err, sizeof(err));
	if (!s) {
		fprintf(f, "engine: cannot open: %s\n", err);
		return;
	}
	ucs_describe(s, what, sizeof(what));
	fprintf(f, "fast paths: %s\n", what);
	ucs_close(s);
}

/*
 * ucs_selftest() checks the installed Unicorn library, which cannot change
 * while the process runs: run it once per process (a tenth of a second;
 * the fuzz harness and `armdbg replay` run many images).
 */
static int selftest_once(char *err, size_t len)
{
	static int result; /* 0 not run yet, 1 passed, -1 failed */
	static char msg[300];

	if (!result)
		result = ucs_selftest(msg, sizeof(msg)) < 0 ? -1 : 1;
	if (result < 0)
		snprintf(err, len, "%s", msg);
	return result;
}

int emu_run_image(const struct emu_opts *o, const char *image_path)
{
	struct emu *e = calloc(1, sizeof(*e));
	char err[300];
	int status;

	if (!e) {
		fprintf(o->err ? o->err : stderr, "armdbg: out of memory\n");
		return EMU_EXIT_INTERNAL;
	}
	e->err = o->err ? o->err : stderr;
	if (selftest_once(err, sizeof(err)) < 0) {
		fprintf(e->err, "armdbg: refusing to run: %s\n", err);
		free(e);
		return EMU_EXIT_INTERNAL;
	}
	status = setup(e, o, image_path);
	while (!status && !e->done) {
		int rc;

		e->in_run = true;
		rc = ucs_run(e->u, pc_now(e), 0);
		e->in_run = false;
		if (e->sw_pending) {
			e->sw_pending = false;
			if (ucs_set_el(e->u, e->sw_pstate, e->sw_pc) != UCS_OK) {
				snprintf(e->msg, sizeof(e->msg), "exception entry failed: %s",
					 ucs_error(e->u));
				e->status = EMU_EXIT_INTERNAL;
				break;
			}
			continue;
		}

		if (e->rehook && !e->done) {
			/* An ICC write changed whether interrupts are checked. */
			e->rehook = false;
			if (e->precise && e->have_prev)
				retire_prev(e);
			e->have_prev = false;
			update_hooks(e);
			continue;
		}
		if (e->wp_pending && !e->done) {
			finish_watchpoint(e);
			continue;
		}
		if (e->ab_pending) {
			take_pending_abort(e);
			continue;
		}
		if (e->done)
			break;
		if (rc != UCS_OK) {
			uint64_t pc = pc_now(e);

			snprintf(e->msg, sizeof(e->msg),
				 "%s at PC 0x%" PRIx64 " EL%u (%s)", ucs_error(e->u),
				 pc, (unsigned)(pstate_now(e) >> 2 & 3),
				 disasm_at(e, pc));
			e->status = EMU_EXIT_FAULT;
			e->done = true;
		}
	}
	if (!status) {
		status = e->status;
		if (e->msg[0])
			fprintf(e->err, "armdbg: %s\n", e->msg);
	}
	if (o->final) {
		memset(o->final, 0, sizeof(*o->final));
		o->final->status = status;
		if (e->u)
			fill_final(e, o->final);
	}
	fflush(e->out ? e->out : stdout);
	teardown(e);
	free(e);
	return status;
}
