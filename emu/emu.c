// SPDX-License-Identifier: MIT
/*
 * emu/emu.c - the run loop of `armdbg run` (see emu.h).
 *
 * One code hook over all of RAM sees every guest instruction before it
 * executes: it retires the previous instruction (virtual time, SSAdvance,
 * ERET bookkeeping), then asks the model for a pending software step and
 * for breakpoints, in the architecture's priority order.  The MRS/MSR hook
 * hands the debug registers to the model.  A memory hook, installed only
 * while a watchpoint is enabled, checks every access of an instruction at
 * its first access, before anything is written, and makes a hit precise by
 * restoring the registers and memory the instruction touched.
 */
#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "a64mem.h"
#include "config.h"
#include "debug.h"
#include "disasm.h"
#include "elf.h"
#include "mmu.h"
#include "policy.h"
#include "regs.h"
#include "semihost.h"
#include "step.h"
#include "syndrome.h"
#include "sysreg.h"
#include "ucshim.h"

#define MAX_IMAGE_BYTES (256u << 20)
#define CYCLES_PER_TICK 16u        /* 62.5 MHz counter over a 1 GHz core */
#define COUNTER_FREQ 62500000u
#define CYCLES_PER_CS 10000000u    /* 1 GHz: cycles per centisecond */
#define WP_SAVE_MAX 128            /* bytes of memory saved for a store hit */

/* QEMU's exception numbers as UC_HOOK_INTR reports them (unicorn.md). */
enum {
	QEXCP_UDEF = 1,
	QEXCP_SWI = 2,
	QEXCP_PREFETCH_ABORT = 3,
	QEXCP_DATA_ABORT = 4,
	QEXCP_BKPT = 7,
	QEXCP_HVC = 11,
	QEXCP_SMC = 13,
};

struct wp_save {
	uint64_t va;
	unsigned len;
	uint8_t bytes[WP_SAVE_MAX];
};

struct emu {
	struct ucs *u;
	uc_engine *uc;
	struct ad_config cfg;
	struct ad_state st;
	struct disasm *dis;
	struct sh_state sh;
	FILE *log;
	enum ev_format logfmt;
	uint64_t ram_base, ram_size;
	const uint8_t *ram;
	uint64_t cycle, max_insns;
	uint64_t nexc; /* exceptions entered: an exception loop is a runaway too */
	uint64_t rnd;

	uc_hook h_code, h_block, h_intr, h_mrs, h_msr, h_sys, h_mem, h_unmapped;
	uc_hook h_bp[AD_MAX_BPS];
	unsigned nbp_hooks;
	bool mem_hooked;
	/* Enabled watchpoints' ranges, widened (see watch_ranges()). */
	unsigned nwr;
	uint64_t wr_lo[AD_MAX_WPS], wr_hi[AD_MAX_WPS];
	bool bp_any;
	bool hooks_set;
	/*
	 * precise: a code hook on every instruction (stepping, or breakpoints
	 * that are not plain address matches).  Otherwise the fast path: a
	 * block hook counts instructions a translation block at a time and
	 * code hooks sit on the breakpointed addresses only.
	 */
	bool precise;
	/*
	 * SCTLR_EL1.M / SCTLR_EL2.M as the guest wrote them.  Unicorn reports
	 * a translation fault of the guest's tables as an unmapped access with
	 * the PC of the block, so the per-instruction hook runs while the MMU
	 * is on, to know which instruction faulted.
	 */
	bool mmu_el1, mmu_el2;
	/* An exception entry deferred until the run returns (MMU on). */
	bool in_run, sw_pending;
	uint64_t sw_pstate, sw_pc;
	/* An abort seen by the unmapped-access hook, taken after the stop. */
	bool ab_pending, ab_fetch;
	uint64_t ab_pc;

	/* Fast path: the block executing now, and the one before it. */
	uint64_t blk_addr, blk_cycle;
	uint32_t blk_size;
	uint64_t last_addr, last_cycle;
	uint32_t last_size;
	struct { uint64_t addr; uint32_t size; bool eret; } eret_cache[1024];

	/* The instruction the code hook saw last, not yet retired. */
	bool have_prev;
	uint64_t prev_pc;
	uint32_t prev_insn;

	/* Watchpoint bookkeeping: the instruction checked last, a pending hit. */
	uint64_t wp_pc, wp_cycle;
	bool wp_checked;
	bool wp_pending;
	uc_context *wp_ctx;
	struct ad_debug_event wp_ev;
	uint64_t wp_insn_pc;
	unsigned wp_nsave;
	struct wp_save wp_save[A64_MEM_MAX_OPS];

	/* A trap or UNDEFINED the model decided at an MRS/MSR (ucs_trap_sysreg). */
	bool sr_pending;
	bool sr_resume; /* no exception: a debug-register write completed */
	bool sr_wp;     /* a watchpoint on DC ZVA / DC IVAC: sr_ev */
	struct ad_debug_event sr_ev;
	uint64_t sr_pc, sr_esr;
	unsigned sr_target;

	/* How the run ends. */
	bool done;
	int status;
	char msg[512];
};

/* ---- small helpers -------------------------------------------------- */

static uint64_t xreg(struct emu *e, unsigned n)
{
	uint64_t v = 0;

	if (n < 31)
		ucs_x_read(e->u, n, &v);
	return v;
}

static void set_xreg(struct emu *e, unsigned n, uint64_t v)
{
	if (n < 31)
		ucs_x_write(e->u, n, v);
}

static uint64_t pc_now(struct emu *e)
{
	uint64_t pc = 0;

	ucs_pc_read(e->u, &pc);
	return pc;
}

static uint64_t pstate_now(struct emu *e)
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
static uint32_t insn_at(struct emu *e, uint64_t pc)
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

static const char *disasm_at(struct emu *e, uint64_t pc)
{
	return disasm_insn(e->dis, pc, insn_at(e, pc));
}

/* Stop the run with an emulator-side failure: one message, PC, EL, insn. */
static void fail(struct emu *e, int status, const char *fmt, ...)
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
static void sync_pe(struct emu *e)
{
	uint64_t p = pstate_now(e);

	e->st.pe.el = (unsigned)(p >> 2) & 3;
	e->st.pe.d = p >> 9 & 1;
	e->st.pe.pan = e->cfg.pan && (p >> 22 & 1);
	e->st.pe.uao = e->cfg.uao && (p >> 23 & 1);
}

/*
 * Instructions retired before the one at @pc: exact on both paths (on the
 * fast path the block hook has counted the whole block in advance).
 */
static uint64_t retired_before(struct emu *e, uint64_t pc)
{
	if (!e->precise && pc >= e->blk_addr && pc - e->blk_addr < e->blk_size)
		return e->blk_cycle + (pc - e->blk_addr) / 4;
	return e->cycle;
}

/*
 * The instruction at @pc ends the flow of its block (exception, stop):
 * virtual time is what was retired before it, plus itself if @retired.
 */
static void consume(struct emu *e, uint64_t pc, bool retired)
{
	e->cycle = retired_before(e, pc) + retired;
	e->blk_size = 0;
	e->last_size = 0;
	e->have_prev = false;
}

/* Log @v at cycle @cycle (instructions retired before v->pc). */
static void log_ev_at(struct emu *e, struct ev *v, uint64_t cycle)
{
	if (!e->log)
		return;
	v->cycle = cycle;
	if (!v->insn)
		v->insn = disasm_at(e, v->pc);
	if (!v->step)
		v->step = ad_step_state_str(ad_step_state(&e->st));
	ev_write(e->log, e->logfmt, v);
}

static void log_ev(struct emu *e, struct ev *v)
{
	log_ev_at(e, v, retired_before(e, v->pc));
}

/* ---- exception entry ------------------------------------------------ */

static const char *exc_name(unsigned ec)
{
	switch (ec) {
	case AD_EC_UNKNOWN: return "undefined";
	case AD_EC_SVC64: return "svc";
	case AD_EC_HVC64: return "hvc";
	case AD_EC_SMC64: return "smc";
	case AD_EC_SYSREG: return "sysreg-trap";
	case AD_EC_BREAKPT_LOWER: case AD_EC_BREAKPT_CUR: return "breakpoint";
	case AD_EC_SOFTSTP_LOWER: case AD_EC_SOFTSTP_CUR: return "step";
	case AD_EC_WATCHPT_LOWER: case AD_EC_WATCHPT_CUR: return "watchpoint";
	case AD_EC_BRK64: return "brk";
	case AD_EC_IABT_LOWER: case AD_EC_IABT_CUR: return "instruction-abort";
	case AD_EC_DABT_LOWER: case AD_EC_DABT_CUR: return "data-abort";
	default: return "sync";
	}
}

/*
 * AArch64.TakeException for a synchronous exception to @target_el: ESR,
 * ELR, SPSR (with the model's SS), FAR when @far is non-NULL, the vector
 * by source EL and SPSel, PSTATE.{EL,SPSel,DAIF,SS,IL,PAN}.  The faulting
 * instruction does not retire, except SVC/HVC/SMC (@kind AD_EXC_CALL).
 */
static void take_exception(struct emu *e, unsigned target_el, uint64_t esr,
			   uint64_t elr, const uint64_t *far,
			   enum ad_exc_kind kind)
{
	uint64_t p = pstate_now(e), vbar = 0, spsr, np, sctlr = 0, vec;
	unsigned cur = (unsigned)(p >> 2) & 3;
	struct ev v = { .kind = EV_EXC_ENTRY, .pe = 0, .el = cur };
	uint64_t at;
	bool ss;

	v.pc = kind == AD_EXC_CALL ? elr - 4 : elr;
	at = retired_before(e, v.pc);
	/* SVC/HVC/SMC are executed instructions; the others are not. */
	consume(e, v.pc, kind == AD_EXC_CALL);
	e->wp_checked = false;
	if (++e->nexc + e->cycle > e->max_insns) {
		fail(e, EMU_EXIT_RUNAWAY,
		     "guest runaway: %" PRIu64 " instructions and %" PRIu64
		     " exceptions (--max-insns)", e->cycle, e->nexc);
		return;
	}

	sync_pe(e);
	ss = ad_exception_entry(&e->st, target_el, kind);
	spsr = (p & ~UCS_PSTATE_SS) | (ss ? UCS_PSTATE_SS : 0);
	if (target_el > cur)
		vec = 0x400;
	else
		vec = (p & UCS_PSTATE_SP) ? 0x200 : 0;
	ucs_elreg_read(e->u, UCS_VBAR, target_el, &vbar);
	ucs_elreg_write(e->u, UCS_ESR, target_el, esr);
	ucs_elreg_write(e->u, UCS_ELR, target_el, elr);
	ucs_elreg_write(e->u, UCS_SPSR, target_el, spsr);
	if (far)
		ucs_elreg_write(e->u, UCS_FAR, target_el, *far);

	np = ucs_pstate_mode(target_el, true) | UCS_PSTATE_DAIF |
	     (p & UCS_PSTATE_NZCV);
	if (e->cfg.pan) {
		/* PSTATE.PAN is set on entry when SCTLR_ELx.SPAN == 0. */
		ucs_sysreg_read(e->u, ucs_sysreg(3, target_el == 2 ? 4 : 0, 1, 0, 0),
				&sctlr);
		np |= (!(sctlr >> 23 & 1) || (p >> 22 & 1)) ? 1ull << 22 : 0;
	}
	if (e->in_run && (e->mmu_el1 || e->mmu_el2)) {
		/*
		 * A switch from inside a hook fetches ucshim's trampoline in
		 * the current translation regime, where the guest's tables do
		 * not map it: stop, and switch once the run has returned.
		 */
		e->sw_pending = true;
		e->sw_pstate = np;
		e->sw_pc = vbar + vec;
		ucs_stop(e->u, vbar + vec);
	} else if (ucs_set_el(e->u, np, vbar + vec) != UCS_OK) {
		fail(e, EMU_EXIT_INTERNAL, "exception entry to EL%u failed: %s",
		     target_el, ucs_error(e->u));
		return;
	}
	e->st.pe.el = target_el;

	v.exc = exc_name(ad_esr_ec(esr));
	v.target_el = target_el;
	v.esr = esr;
	v.elr = elr;
	v.spsr = spsr;
	v.vector = vbar + vec;
	v.has_far = far != NULL;
	v.far = far ? *far : 0;
	log_ev_at(e, &v, at);
}

/* The EL an UNDEFINED/SVC exception from the current EL goes to. */
static unsigned sync_target(struct emu *e)
{
	unsigned el = e->st.pe.el;

	if (el == AD_EL0 && ad_el2_enabled(&e->st) &&
	    (e->st.r.hcr_el2 & AD_HCR_TGE))
		return AD_EL2;
	return el == AD_EL0 ? AD_EL1 : el;
}

static void take_undefined(struct emu *e, uint64_t pc)
{
	take_exception(e, sync_target(e), ad_esr_undefined(), pc, NULL,
		       AD_EXC_SYNC);
}

/* Log a debug event and take it when the model says so. */
static void debug_event(struct emu *e, enum ev_kind kind, uint64_t pc,
			const struct ad_debug_event *d, const uint64_t *far)
{
	struct ev v = {
		.kind = kind, .el = e->st.pe.el, .pc = pc, .taken = d->take,
		.target_el = d->target_el, .hits = d->hits,
		.esr = d->take ? d->esr : 0, .has_far = far && d->take,
		.far = far ? *far : 0,
	};

	if (!d->take)
		v.why = ad_disable_reason_str(d->why);
	log_ev(e, &v);
	if (d->take)
		take_exception(e, d->target_el, d->esr, pc, far, AD_EXC_SYNC);
}

/* ---- hooks ----------------------------------------------------------- */

static void update_hooks(struct emu *e);

/*
 * LDXR/LDAXR/LDXP/LDAXP (any size): the load/store exclusive class with
 * o2 = 0 and L = 1; o1 = 1 is a pair only for size 1x (else CASP).
 */
static bool is_load_exclusive(uint32_t w)
{
	return (w & 0x3f000000) == 0x08000000 && !(w >> 23 & 1) &&
	       (w >> 22 & 1) && (!(w >> 21 & 1) || (w >> 31 & 1));
}

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
	v.target_el = e->st.pe.el;
	v.elr = pc_now(e);
	v.spsr = spsr;
	log_ev_at(e, &v, cycle);
}

/* Retire the instruction the code hook saw last: it completed normally. */
static void retire_prev(struct emu *e)
{
	uint32_t w = e->prev_insn;

	e->cycle++;
	if (a64_is_eret(w))
		eret_done(e, e->prev_pc, e->cycle - 1);
	else if (a64_is_isb(w))
		ad_ss_advance_isb(&e->st);
	else
		ad_ss_advance(&e->st, is_load_exclusive(w));
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
static void code_hook(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
	struct emu *e = user;
	struct ad_debug_event d;

	(void)uc;
	(void)size;
	if (ucs_is_private(pc) || e->done)
		return;
	if (e->sr_pending) {
		fail(e, EMU_EXIT_INTERNAL,
		     "Unicorn executed a system-register access the model refused");
		return;
	}
	if (e->have_prev)
		retire_prev(e);
	e->have_prev = false;
	if (runaway(e))
		return;
	sync_pe(e);

	d = ad_check_software_step(&e->st);
	if (d.take) {
		debug_event(e, EV_STEP, pc, &d, NULL);
		return;
	}
	/* (PC alignment and instruction aborts are Unicorn's; then breakpoints.) */
	if (e->bp_any && check_breakpoints(e, pc))
		return;
	e->have_prev = true;
	e->prev_pc = pc;
	e->prev_insn = insn_at(e, pc);
}

/* Does the translation block [addr, addr + size) end with an ERET? */
static bool block_ends_in_eret(struct emu *e, uint64_t addr, uint32_t size)
{
	unsigned i = (unsigned)(addr >> 2) % (sizeof(e->eret_cache) / sizeof(e->eret_cache[0]));

	if (e->eret_cache[i].addr != addr || e->eret_cache[i].size != size) {
		e->eret_cache[i].addr = addr;
		e->eret_cache[i].size = size;
		e->eret_cache[i].eret = a64_is_eret(insn_at(e, addr + size - 4));
	}
	return e->eret_cache[i].eret;
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
	if (ucs_is_private(addr) || e->done)
		return;
	if (e->blk_size) {
		e->last_addr = e->blk_addr;
		e->last_size = e->blk_size;
		e->last_cycle = e->blk_cycle;
	}
	if (e->last_size && block_ends_in_eret(e, e->last_addr, e->last_size)) {
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
	}
}

/* Fast path: a breakpointed address is about to execute. */
static void bp_hook(uc_engine *uc, uint64_t pc, uint32_t size, void *user)
{
	struct emu *e = user;

	(void)uc;
	(void)size;
	if (e->done || e->precise)
		return;
	sync_pe(e);
	check_breakpoints(e, pc);
}

static uint64_t view_x(void *ctx, unsigned n)
{
	return xreg(ctx, n);
}

static uint64_t view_sp(void *ctx)
{
	uint64_t v = 0;

	ucs_sp_read(((struct emu *)ctx)->u, &v);
	return v;
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
 * AArch64.CheckWatchpoint for every access of the instruction at its first
 * memory callback, before any byte is written (Unicorn's memory hooks fire
 * before the access; the decoder gives all of the instruction's accesses).
 */
static void mem_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
		     int64_t value, void *user)
{
	struct emu *e = user;
	struct a64_regs_view view = { .x = view_x, .sp = view_sp, .ctx = e };
	struct a64_mem_info mi;
	uint64_t pc;
	uint32_t w;
	int rc;

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

	w = insn_at(e, pc);
	view.pc = pc;
	rc = a64_decode_mem(w, &view, &mi);
	if (rc < 0) {
		fail(e, EMU_EXIT_FAULT,
		     "cannot decode the accesses of this instruction for watchpoints: %s",
		     a64_strerror(rc));
		return;
	}
	if (mi.n && (mi.op[0].kind == AD_ACC_DC_ZVA || mi.op[0].kind == AD_ACC_DC_IVAC))
		return; /* checked by sys_hook before it ran */
	sync_pe(e);
	for (unsigned i = 0; i < mi.n; i++) {
		struct ad_access a = a64_mem_op_access(&mi.op[i]);
		struct ad_debug_event d = ad_check_watchpoint(&e->st, &a);

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
		return;
	}
}

/* After a stop for a watchpoint hit: restore, then take the exception. */
static void finish_watchpoint(struct emu *e)
{
	uint64_t far = e->wp_ev.far;

	e->wp_pending = false;
	uc_context_restore(e->uc, e->wp_ctx);
	for (unsigned i = 0; i < e->wp_nsave; i++)
		uc_mem_write(e->uc, e->wp_save[i].va, e->wp_save[i].bytes,
			     e->wp_save[i].len);
	ucs_pc_write(e->u, e->wp_insn_pc);
	sync_pe(e);
	debug_event(e, EV_WATCHPOINT, e->wp_insn_pc, &e->wp_ev, &far);
}

/* Virtual time and other registers served deterministically. */
static bool time_read(struct emu *e, uint64_t pc, struct ad_sysreg_enc r,
		      uint64_t *v)
{
	uint64_t now = retired_before(e, pc);

	unsigned k = (unsigned)r.op0 << 16 | r.op1 << 12 | r.crn << 8 |
		     r.crm << 4 | r.op2;

	switch (k) {
	case 0x3e00: /* CNTFRQ_EL0 3,3,14,0,0 */
	case 0x33e00:
		*v = COUNTER_FREQ;
		return true;
	case 0x33e01: /* CNTPCT_EL0 */
	case 0x33e02: /* CNTVCT_EL0 */
		*v = now / CYCLES_PER_TICK;
		return true;
	case 0x339d0: /* PMCCNTR_EL0 3,3,9,13,0 */
		*v = now;
		return true;
	case 0x33240: /* RNDR 3,3,2,4,0 */
	case 0x33241: /* RNDRRS */
		/* xorshift64 from a fixed seed: deterministic "random" */
		e->rnd ^= e->rnd << 13;
		e->rnd ^= e->rnd >> 7;
		e->rnd ^= e->rnd << 17;
		*v = e->rnd;
		return true;
	default:
		return false;
	}
}

static bool same_enc(struct ad_sysreg_enc a, unsigned op0, unsigned op1,
		     unsigned crn, unsigned crm, unsigned op2)
{
	return a.op0 == op0 && a.op1 == op1 && a.crn == crn && a.crm == crm &&
	       a.op2 == op2;
}

/* ID_AA64PFR0_EL1 as the guest must see it: no EL3, EL2 only with --el2. */
static uint64_t patch_pfr0(struct emu *e, uint64_t v)
{
	v &= ~(0xffull << 8);
	v |= 1ull << 8 * 0; /* keep EL0/EL1 as read */
	if (e->cfg.el2)
		v |= 1ull << 8;
	return v;
}

/*
 * Registers the model reads as match/routing inputs but QEMU must also
 * keep (it translates with them): recorded, then QEMU performs the MSR.
 */
static void note_input_write(struct emu *e, struct ad_sysreg_enc r, uint64_t v)
{
	unsigned el = e->st.pe.el;

	if (same_enc(r, 3, 0, 13, 0, 1) && el >= 1)
		e->st.r.contextidr_el1 = v;
	else if (el < 2 || !e->cfg.el2)
		return;
	else if (same_enc(r, 3, 4, 1, 1, 0))
		e->st.r.hcr_el2 = v;
	else if (same_enc(r, 3, 4, 13, 0, 1))
		e->st.r.contextidr_el2 = v;
	else if (same_enc(r, 3, 4, 2, 1, 0))
		e->st.r.vttbr_el2 = v;
	else if (same_enc(r, 3, 4, 2, 1, 2))
		e->st.r.vtcr_el2 = v;
}

static void log_dbgreg(struct emu *e, uint64_t pc, enum ad_reg reg, unsigned n,
		       uint64_t value)
{
	const struct ad_regdesc *d = ad_regdesc(reg);
	char name[40];
	const char *lt;
	struct ev v = { .kind = EV_DBGREG, .el = e->st.pe.el, .pc = pc,
			.value = value };

	/* "DBGBCR<n>_EL1" -> "DBGBCR3_EL1" */
	lt = strchr(d->name, '<');
	if (d->banked && lt)
		snprintf(name, sizeof(name), "%.*s%u%s", (int)(lt - d->name),
			 d->name, n, strchr(lt, '>') + 1);
	else
		snprintf(name, sizeof(name), "%s", d->name);
	v.reg = name;
	log_ev(e, &v);
}

/*
 * An exception at an MRS/MSR: a switch from the INSN hook is lost when QEMU
 * allows the access, so QEMU is made to trap it (op0 = 2, ucshim) or left
 * to UNDEF it by itself (op0 = 3: the EL2/EL3 and ID registers, which QEMU
 * refuses at the same ELs); intr_hook then takes what the model decided.
 */
static uint32_t sysreg_exception(struct emu *e, uint64_t pc, unsigned op0,
				 unsigned target, uint64_t esr)
{
	e->sr_pending = true;
	e->sr_pc = pc;
	e->sr_target = target;
	e->sr_esr = esr;
	if ((op0 == 2 ? ucs_trap_sysreg(e->u) :
	     op0 == 1 ? ucs_trap_dc(e->u) : UCS_OK) != UCS_OK)
		fail(e, EMU_EXIT_INTERNAL, "cannot trap the instruction: %s",
		     ucs_error(e->u));
	return 0;
}

static uint32_t sysreg_hook(uc_engine *uc, uc_arm64_reg reg,
			    const uc_arm64_cp_reg *cp, void *user)
{
	struct emu *e = user;
	uint64_t pc = pc_now(e), v;
	unsigned op0, op1, crn, crm, op2, rt;
	struct ad_sysreg_enc r;
	struct ad_sysreg_result res;
	enum ad_reg dreg;
	unsigned n;
	bool rd;

	(void)uc;
	(void)reg;
	(void)cp;
	if (ucs_is_private(pc) || e->done)
		return 0;
	if (!a64_sysreg_fields(insn_at(e, pc), &op0, &op1, &crn, &crm, &op2,
			       &rt, &rd) || op0 < 2)
		return 0;
	r = (struct ad_sysreg_enc){ (uint8_t)op0, (uint8_t)op1, (uint8_t)crn,
				    (uint8_t)crm, (uint8_t)op2 };
	sync_pe(e);

	if (ad_sysreg_lookup(&e->st, r, rd, &dreg, &n)) {
		res = ad_sysreg_access(&e->st, r, rd, rt, xreg(e, rt));
		switch (res.outcome) {
		case AD_SR_DONE:
			if (rd) {
				set_xreg(e, rt, res.value);
			} else {
				log_dbgreg(e, pc, res.reg, res.n,
					   ad_reg_read(&e->st, res.reg, res.n));
				/*
				 * The hooks may change: end the block here
				 * (trap, then resume after the MSR) so that
				 * no instruction runs with stale hooks.
				 */
				if (op0 == 2) {
					e->sr_resume = true;
					return sysreg_exception(e, pc, op0, 0, 0);
				}
			}
			ucs_pc_write(e->u, pc + 4);
			return 1;
		case AD_SR_TRAP:
		case AD_SR_UNDEFINED: {
			struct ev ev = { .kind = EV_SYSREG_TRAP, .el = e->st.pe.el,
					 .pc = pc, .target_el = res.target_el,
					 .esr = res.esr,
					 .reg = ad_sysreg_reason_str(res.reason) };

			log_ev(e, &ev);
			return sysreg_exception(e, pc, op0, res.target_el, res.esr);
		}
		default:
			break;
		}
	}
	/* All of op0 = 2 belongs to the model: never let QEMU see it. */
	if (op0 == 2)
		return sysreg_exception(e, pc, op0, sync_target(e),
					ad_esr_undefined());
	if (rd && time_read(e, pc, r, &v)) {
		set_xreg(e, rt, v);
		ucs_pc_write(e->u, pc + 4);
		return 1;
	}
	if (rd && same_enc(r, 3, 0, 0, 4, 0) && e->st.pe.el >= 1) {
		ucs_sysreg_read(e->u, ucs_sysreg(3, 0, 0, 4, 0), &v);
		set_xreg(e, rt, patch_pfr0(e, v));
		ucs_pc_write(e->u, pc + 4);
		return 1;
	}
	if (!rd && (same_enc(r, 3, 0, 1, 0, 0) || same_enc(r, 3, 4, 1, 0, 0)) &&
	    e->st.pe.el >= (r.op1 == 4 ? 2u : 1u)) {
		bool on = xreg(e, rt) & 1, *m = r.op1 == 4 ? &e->mmu_el2 : &e->mmu_el1;

		/* Takes effect at the next context synchronisation (ISB). */
		if (on != *m) {
			*m = on;
			update_hooks(e);
		}
	}
	if (!rd)
		note_input_write(e, r, xreg(e, rt));
	return 0;
}

/*
 * DC ZVA and DC IVAC are checked before they execute, here: Unicorn reports
 * DC ZVA's stores as odd 1-byte callbacks that a stop cannot interrupt,
 * and DC IVAC with no callback at all.  A hit makes QEMU trap the
 * instruction (ucshim) so that the exception is taken at it.
 */
static uint32_t sys_hook(uc_engine *uc, uc_arm64_reg reg,
			 const uc_arm64_cp_reg *cp, void *user)
{
	struct emu *e = user;
	struct a64_regs_view view = { .x = view_x, .sp = view_sp, .ctx = e };
	struct a64_mem_info mi;
	struct ad_debug_event d;
	struct ad_access a;
	uint64_t pc = pc_now(e);

	(void)uc;
	(void)reg;
	(void)cp;
	if (e->done || ucs_is_private(pc))
		return 0;
	/* TLBI (SYS #op1, C8, ...): the guest's tables may have changed. */
	if ((insn_at(e, pc) & 0xfff8f000) == 0xd5088000)
		ucs_unalias_all(e->u);
	if (!e->mem_hooked)
		return 0;
	view.pc = pc;
	if (a64_decode_mem(insn_at(e, pc), &view, &mi) < 0 || mi.n != 1 ||
	    (mi.op[0].kind != AD_ACC_DC_ZVA && mi.op[0].kind != AD_ACC_DC_IVAC))
		return 0;
	sync_pe(e);
	a = a64_mem_op_access(&mi.op[0]);
	d = ad_check_watchpoint(&e->st, &a);
	if (!d.match)
		return 0;
	if (!d.take) {
		struct ev v = { .kind = EV_WATCHPOINT, .el = e->st.pe.el, .pc = pc,
				.hits = d.hits, .why = ad_disable_reason_str(d.why) };

		log_ev(e, &v);
		return 0;
	}
	e->sr_wp = true;
	e->sr_ev = d;
	return sysreg_exception(e, pc, 1, d.target_el, d.esr);
}

/* Semihosting callbacks. */
static bool sh_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct emu *e = ctx;

	return addr >= e->ram_base && len <= e->ram_size &&
	       addr - e->ram_base <= e->ram_size - len &&
	       uc_mem_read(e->uc, addr, buf, len) == UC_ERR_OK;
}

static bool sh_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	struct emu *e = ctx;

	return addr >= e->ram_base && len <= e->ram_size &&
	       addr - e->ram_base <= e->ram_size - len &&
	       uc_mem_write(e->uc, addr, buf, len) == UC_ERR_OK;
}

static size_t sh_out(void *ctx, enum sh_stream s, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)s;
	return fwrite(buf, 1, len, stdout);
}

static uint64_t sh_now(void *ctx)
{
	return ((struct emu *)ctx)->cycle;
}

static void semihost(struct emu *e, uint64_t pc)
{
	struct sh_result r;
	uint64_t at = retired_before(e, pc);

	/* The HLT ends its block's flow: the call sees the time before it. */
	consume(e, pc, false);
	r = sh_call(&e->sh, (uint32_t)xreg(e, 0), xreg(e, 1));
	e->cycle++;
	switch (r.action) {
	case SH_CONTINUE:
		set_xreg(e, 0, r.x0);
		ucs_pc_write(e->u, pc + 4);
		break;
	case SH_EXIT: {
		struct ev v = { .kind = EV_HALT, .el = e->st.pe.el, .pc = pc,
				.value = (uint64_t)r.exit_code };

		log_ev_at(e, &v, at);
		e->status = r.exit_code;
		e->done = true;
		ucs_stop(e->u, pc + 4);
		break;
	}
	default:
		fail(e, EMU_EXIT_FAULT, "semihosting: %s", r.msg);
		break;
	}
}

/* ---- aborts from the guest's translation tables ---------------------- */

static bool read_phys64(void *ctx, uint64_t pa, uint64_t *v)
{
	struct emu *e = ctx;

	return pa >= e->ram_base && pa - e->ram_base <= e->ram_size - 8 &&
	       uc_mem_read(e->uc, pa, v, 8) == UC_ERR_OK;
}

static uint64_t sysreg(struct emu *e, unsigned op1, unsigned crn, unsigned crm,
		       unsigned op2)
{
	uint64_t v = 0;

	ucs_sysreg_read(e->u, ucs_sysreg(3, op1, crn, crm, op2), &v);
	return v;
}

/* The stage 1 translation regime of the current EL, as QEMU holds it. */
static void mmu_regs_now(struct emu *e, struct mmu_regs *r)
{
	bool el2 = e->st.pe.el == AD_EL2;
	unsigned op1 = el2 ? 4 : 0;

	memset(r, 0, sizeof(*r));
	r->regime = el2 ? MMU_REGIME_EL2 : MMU_REGIME_EL10;
	r->sctlr = sysreg(e, op1, 1, 0, 0);
	r->tcr = sysreg(e, op1, 2, 0, 2);
	r->ttbr0 = sysreg(e, op1, 2, 0, 0);
	r->ttbr1 = el2 ? 0 : sysreg(e, 0, 2, 0, 1);
	r->mair = sysreg(e, op1, 10, 2, 0);
	r->hcr = ad_el2_enabled(&e->st) ? e->st.r.hcr_el2 : 0;
	r->pan = e->st.pe.pan;
	/* Unicorn's A53/A57/A72 have a 40-bit PA, its max model 48 bits. */
	r->pa_bits = e->cfg.pan ? 48 : 40;
	r->features = e->cfg.pan ? MMU_FEAT_PAN | MMU_FEAT_HPDS | MMU_FEAT_PAUTH : 0;
}

static uint64_t abort_esr(struct emu *e, unsigned target, bool data,
			  unsigned fsc, bool wnr, bool cm)
{
	unsigned ec = data ? AD_EC_DABT_LOWER : AD_EC_IABT_LOWER;

	if (target == e->st.pe.el)
		ec++; /* taken without a change of EL */
	/* ISV=0: no instruction syndrome for stage 1 aborts (QEMU alike). */
	return ((uint64_t)ec << 26) | AD_ESR_IL | ((uint64_t)cm << 8) |
	       ((uint64_t)wnr << 6) | (fsc & 0x3f);
}

/* AArch64.InstructionAbort: recompute the fault QEMU raised at @pc. */
static void instruction_abort(struct emu *e, uint64_t pc)
{
	struct mmu_mem m = { read_phys64, e };
	struct mmu_regs r;
	struct mmu_result res;
	unsigned target = sync_target(e);
	int rc;

	mmu_regs_now(e, &r);
	rc = mmu_translate(&r, &m, pc, MMU_EXEC, e->st.pe.el, false, &res);
	if (rc != MMU_OK || !res.fault) {
		fail(e, EMU_EXIT_FAULT, "instruction abort the walker cannot explain (%s)",
		     rc ? mmu_strerror(rc) : "no fault found");
		return;
	}
	take_exception(e, target, abort_esr(e, target, false, res.fsc, false, false),
		       pc, &pc, AD_EXC_SYNC);
}

static enum mmu_acc mmu_acc_for(enum ad_acc_kind k)
{
	switch (k) {
	case AD_ACC_LOAD:
	case AD_ACC_LOAD_EX:
		return MMU_READ;
	case AD_ACC_ATOMIC:
		return MMU_RMW;
	case AD_ACC_DC_IVAC:
		return MMU_DC_IVAC;
	default:
		return MMU_WRITE;
	}
}

/*
 * AArch64.DataAbort: QEMU raised a data abort at @pc; find which access
 * faulted (in the order the instruction performs them) and how.  An
 * access that translates is checked for alignment (SCTLR.A, exclusives,
 * atomics and acquire/release need natural alignment).
 */
static void data_abort(struct emu *e, uint64_t pc)
{
	struct a64_regs_view view = { .x = view_x, .sp = view_sp, .ctx = e, .pc = pc };
	struct mmu_mem m = { read_phys64, e };
	unsigned target = sync_target(e);
	struct a64_mem_info mi;
	struct mmu_regs r;
	int rc = a64_decode_mem(insn_at(e, pc), &view, &mi);

	if (rc < 0) {
		fail(e, EMU_EXIT_FAULT, "data abort on an instruction the decoder rejects: %s",
		     a64_strerror(rc));
		return;
	}
	mmu_regs_now(e, &r);
	for (unsigned i = 0; i < mi.n; i++) {
		const struct a64_mem_op *op = &mi.op[i];
		struct ad_access a = a64_mem_op_access(op);
		bool unpriv = op->unpriv && ad_access_el(&e->st, true) == AD_EL0;
		bool cm = op->kind == AD_ACC_DC_IVAC;
		struct mmu_result res;
		uint64_t lo, hi, far = 0;

		ad_access_range(&e->st, &a, &lo, &hi);
		rc = mmu_translate_range(&r, &m, lo, hi - lo + 1, mmu_acc_for(op->kind),
					 e->st.pe.el, unpriv, &res, &far);
		if (rc != MMU_OK) {
			fail(e, EMU_EXIT_FAULT, "data abort: %s", mmu_strerror(rc));
			return;
		}
		if (res.fault) {
			/* DC ops report the address the instruction gave. */
			if (op->kind == AD_ACC_DC_ZVA || cm)
				far = op->va;
			take_exception(e, target,
				       abort_esr(e, target, true, res.fsc,
						 res.wnr || cm, cm),
				       pc, &far, AD_EXC_SYNC);
			return;
		}
		if (op->size > 1 && (op->va & (op->size - 1)) &&
		    ((r.sctlr >> 1 & 1) || op->kind == AD_ACC_LOAD_EX ||
		     op->kind == AD_ACC_STORE_EX || op->kind == AD_ACC_ATOMIC)) {
			far = op->va;
			take_exception(e, target,
				       abort_esr(e, target, true, 0x21,
						 op->kind != AD_ACC_LOAD &&
						 op->kind != AD_ACC_LOAD_EX, false),
				       pc, &far, AD_EXC_SYNC);
			return;
		}
	}
	fail(e, EMU_EXIT_FAULT,
	     "Unicorn 2.0.1 refused an access the guest's tables allow: only RAM "
	     "mapped at VA == PA is supported");
}

/*
 * A VA the guest's tables translate into RAM without a fault, refused by
 * Unicorn only because the VA itself is not RAM: alias the page and retry.
 */
static bool alias_if_translated(struct emu *e, uint64_t va, enum mmu_acc acc)
{
	struct mmu_mem m = { read_phys64, e };
	struct mmu_regs r;
	struct mmu_result res;

	mmu_regs_now(e, &r);
	if (mmu_translate(&r, &m, va, acc, e->st.pe.el, false, &res) != MMU_OK ||
	    res.fault || !res.attrs_valid || res.pa < e->ram_base ||
	    res.pa - e->ram_base >= e->ram_size)
		return false;
	if (ucs_alias(e->u, va, res.pa) != UCS_OK) {
		fail(e, EMU_EXIT_FAULT, "%s", ucs_error(e->u));
		return false;
	}
	return true;
}

/*
 * Unicorn reports a translation fault of the guest's tables as an unmapped
 * access (permission faults come as QEMU exceptions to intr_hook).  With
 * the MMU on the per-instruction hook knows the instruction: stop, and
 * take the abort after the run returns.  With the MMU off it is an access
 * outside RAM: an emulator-side failure, reported by the loop.
 */
static bool unmapped_hook(uc_engine *uc, uc_mem_type type, uint64_t addr,
			  int size, int64_t value, void *user)
{
	struct emu *e = user;

	(void)uc;
	(void)size;
	(void)value;
	/*
	 * ucshim's private page is not mapped by the guest's tables: a stop
	 * parked on its pad faults there, which ends the run as wanted.
	 */
	if (e->done || ucs_is_private(addr) || !(e->mmu_el1 || e->mmu_el2) ||
	    !e->precise)
		return false;
	e->ab_fetch = type == UC_MEM_FETCH_UNMAPPED;
	if (alias_if_translated(e, addr, e->ab_fetch ? MMU_EXEC :
				type == UC_MEM_WRITE_UNMAPPED ? MMU_WRITE : MMU_READ))
		return true;
	if (!e->ab_fetch && !e->have_prev)
		return false;
	e->ab_pending = true;
	e->ab_pc = e->ab_fetch ? addr : e->prev_pc;
	ucs_stop(e->u, e->ab_pc);
	return false;
}

static void take_pending_abort(struct emu *e)
{
	e->ab_pending = false;
	ucs_pc_write(e->u, e->ab_pc);
	sync_pe(e);
	if (e->ab_fetch)
		instruction_abort(e, e->ab_pc);
	else
		data_abort(e, e->ab_pc);
}

static void intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct emu *e = user;
	uint64_t pc = pc_now(e);
	enum a64_exc_kind k;
	uint16_t imm = 0;
	uint32_t w;

	if (ucs_is_private(pc)) {
		/*
		 * ucshim's stop pad, fetched with the guest's MMU on: its
		 * tables do not map it.  The stop was wanted: end the run.
		 */
		uc_emu_stop(uc);
		return;
	}
	if (e->done)
		return;
	sync_pe(e);
	if (ucs_trap_taken(e->u, intno) || (e->sr_pending && intno == QEXCP_UDEF)) {
		if (!e->sr_pending || e->sr_pc != pc) {
			fail(e, EMU_EXIT_INTERNAL,
			     "system-register trap at an unexpected PC");
			return;
		}
		e->sr_pending = false;
		if (e->sr_resume) {
			e->sr_resume = false;
			if (e->precise && e->have_prev)
				retire_prev(e);
			consume(e, pc, !e->precise);
			update_hooks(e);
			ucs_pc_write(e->u, pc + 4);
			return;
		}
		if (e->sr_wp) {
			uint64_t far = e->sr_ev.far;

			e->sr_wp = false;
			debug_event(e, EV_WATCHPOINT, pc, &e->sr_ev, &far);
			return;
		}
		take_exception(e, e->sr_target, e->sr_esr, pc, NULL, AD_EXC_SYNC);
		return;
	}
	switch (intno) {
	case QEXCP_SWI:
		/* PC is already past the SVC. */
		w = insn_at(e, pc - 4);
		if (!a64_exc_gen(w, &k, &imm) || k != A64_EXC_SVC)
			break;
		take_exception(e, sync_target(e),
			       ((uint64_t)AD_EC_SVC64 << 26) | AD_ESR_IL | imm, pc,
			       NULL, AD_EXC_CALL);
		return;
	case QEXCP_BKPT: {
		struct ad_debug_event d;

		w = insn_at(e, pc);
		if (!a64_exc_gen(w, &k, &imm) || k != A64_EXC_BRK)
			break;
		d = ad_check_brk(&e->st, imm);
		debug_event(e, EV_BRK, pc, &d, NULL);
		return;
	}
	case QEXCP_UDEF:
	case QEXCP_HVC:
	case QEXCP_SMC:
		/* QEMU reports HVC and SMC with the PC after the instruction. */
		if (intno != QEXCP_UDEF)
			pc -= 4;
		w = insn_at(e, pc);
		if (!a64_exc_gen(w, &k, &imm))
			k = A64_EXC_UDF;
		if (k == A64_EXC_HLT && imm == 0xf000 && e->st.pe.el >= 1) {
			semihost(e, pc);
			return;
		}
		if (k == A64_EXC_HVC && e->cfg.el2 && e->st.pe.el >= 1) {
			take_exception(e, AD_EL2,
				       ((uint64_t)AD_EC_HVC64 << 26) | AD_ESR_IL | imm,
				       pc + 4, NULL, AD_EXC_CALL);
			return;
		}
		/* SMC: no EL3 in the guest's view; HVC without EL2; UDF, HLT ... */
		take_undefined(e, pc);
		return;
	case QEXCP_PREFETCH_ABORT:
		instruction_abort(e, pc);
		return;
	case QEXCP_DATA_ABORT:
		data_abort(e, pc);
		return;
	default:
		break;
	}
	fail(e, EMU_EXIT_FAULT, "unsupported exception (QEMU exception %u)", intno);
}

/*
 * The hooks the debug state needs: the per-instruction hook while
 * MDSCR_EL1.SS is set or an enabled breakpoint is not a plain address
 * match, else block counting plus a code hook per breakpointed address;
 * memory hooks only while a watchpoint is enabled.
 */
static void update_hooks(struct emu *e)
{
	bool precise = (e->st.r.mdscr_el1 & AD_MDSCR_SS) || e->mmu_el1 || e->mmu_el2;
	bool wp_any = false;
	uint64_t addr[AD_MAX_BPS];
	unsigned nbp = 0, n;
	uc_err err = UC_ERR_OK;

	e->bp_any = false;
	for (n = 0; n < e->cfg.num_bps; n++) {
		uint64_t bcr = e->st.r.bcr[n];
		int bt;

		if (!(bcr & 1))
			continue;
		e->bp_any = true;
		bt = ad_effective_bt(&e->st, n);
		if ((bt == 0 || bt == 1) && !(bcr >> 24 & 0x1f))
			addr[nbp++] = e->st.r.bvr[n] & ~3ull;
		else if (bt >= 0)
			precise = true;
	}
	for (n = 0; n < e->cfg.num_wps; n++)
		wp_any |= e->st.r.wcr[n] & 1;
	watch_ranges(e);

	if (e->hooks_set) {
		uc_hook_del(e->uc, e->precise ? e->h_code : e->h_block);
		for (n = 0; n < e->nbp_hooks; n++)
			uc_hook_del(e->uc, e->h_bp[n]);
		if (e->mem_hooked)
			uc_hook_del(e->uc, e->h_mem);
	}
	e->nbp_hooks = 0;
	e->precise = precise;
	e->mem_hooked = wp_any;
	e->blk_size = 0;
	e->last_size = 0;
	if (precise) {
		err = uc_hook_add(e->uc, &e->h_code, UC_HOOK_CODE, (void *)code_hook,
				  e, e->ram_base, e->ram_base + e->ram_size - 1);
	} else {
		err = uc_hook_add(e->uc, &e->h_block, UC_HOOK_BLOCK,
				  (void *)block_hook, e, e->ram_base,
				  e->ram_base + e->ram_size - 1);
		for (n = 0; n < nbp && !err; n++)
			err = uc_hook_add(e->uc, &e->h_bp[e->nbp_hooks++], UC_HOOK_CODE,
					  (void *)bp_hook, e, addr[n], addr[n]);
	}
	if (wp_any && !err)
		err = uc_hook_add(e->uc, &e->h_mem, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
				  (void *)mem_hook, e, 1, 0);
	e->hooks_set = true;
	if (err) {
		fail(e, EMU_EXIT_INTERNAL, "cannot install hooks: %s", uc_strerror(err));
		return;
	}
	/* Translated code keeps the old hooks until it is invalidated. */
	ucs_flush(e->u);
	memset(e->eret_cache, 0, sizeof(e->eret_cache));
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

static uint8_t *read_file(const char *path, size_t *len, char *err, size_t errlen)
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

			if (cap >= MAX_IMAGE_BYTES) {
				snprintf(err, errlen, "%s: larger than %u MiB",
					 path, MAX_IMAGE_BYTES >> 20);
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
		fprintf(stderr, "armdbg: unknown CPU '%s'\n", o->cpu);
		return EMU_EXIT_USAGE;
	}
	e->cfg = *preset;
	e->cfg.el3 = false; /* the guest never sees EL3 */
	e->cfg.el2 = o->el2;
	e->cfg.vhe = e->cfg.vhe && o->el2;
	e->cfg.vmid16 = e->cfg.vmid16 && o->el2;
	if (ad_config_validate(&e->cfg, &why)) {
		fprintf(stderr, "armdbg: CPU %s: %s\n", o->cpu, why);
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

	file = read_file(path, &len, err, sizeof(err));
	if (!file) {
		fprintf(stderr, "armdbg: %s\n", err);
		return EMU_EXIT_IMAGE;
	}
	if (elf_load(file, len, e->ram_base, e->ram_size, &img, err, sizeof(err))) {
		fprintf(stderr, "armdbg: %s: %s\n", path, err);
		free(file);
		return EMU_EXIT_IMAGE;
	}

	e->u = ucs_open(ucs_cpu_for(o->cpu), e->ram_base, e->ram_size, true,
			err, sizeof(err));
	if (!e->u) {
		fprintf(stderr, "armdbg: %s\n", err);
		free(file);
		return EMU_EXIT_INTERNAL;
	}
	e->uc = ucs_uc(e->u);
	e->ram = ucs_ram(e->u);
	for (unsigned i = 0; i < img.nseg; i++) {
		const struct elf_segment *s = &img.seg[i];

		if (uc_mem_write(e->uc, s->paddr, s->data, s->filesz) != UC_ERR_OK) {
			fprintf(stderr, "armdbg: %s: cannot load segment %u\n",
				path, s->phdr);
			free(file);
			return EMU_EXIT_IMAGE;
		}
	}
	start = img.entry;
	elf_ram_gap(&img, e->ram_base, e->ram_size, &heap_lo, &heap_hi);
	free(file);

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
		fprintf(stderr, "armdbg: semihosting: %s\n", err);
		return EMU_EXIT_INTERNAL;
	}

	e->dis = disasm_open();
	if (!e->dis) {
		fprintf(stderr, "armdbg: cannot open Capstone\n");
		return EMU_EXIT_INTERNAL;
	}
	if (o->log_path) {
		e->log = fopen(o->log_path, "w");
		if (!e->log) {
			fprintf(stderr, "armdbg: %s: %s\n", o->log_path, strerror(errno));
			return EMU_EXIT_USAGE;
		}
		/* A run killed at 2 a.m. must still leave its log behind. */
		setvbuf(e->log, NULL, _IOLBF, 0);
	}
	e->logfmt = o->log_format;

	if (uc_hook_add(e->uc, &e->h_unmapped, UC_HOOK_MEM_UNMAPPED,
			(void *)unmapped_hook, e, 1, 0) ||
	    uc_hook_add(e->uc, &e->h_intr, UC_HOOK_INTR, (void *)intr_hook, e, 1, 0) ||
	    uc_hook_add(e->uc, &e->h_mrs, UC_HOOK_INSN, (void *)sysreg_hook, e, 1, 0,
			UC_ARM64_INS_MRS) ||
	    uc_hook_add(e->uc, &e->h_msr, UC_HOOK_INSN, (void *)sysreg_hook, e, 1, 0,
			UC_ARM64_INS_MSR) ||
	    uc_hook_add(e->uc, &e->h_sys, UC_HOOK_INSN, (void *)sys_hook, e, 1, 0,
			UC_ARM64_INS_SYS)) {
		fprintf(stderr, "armdbg: cannot install the Unicorn hooks\n");
		return EMU_EXIT_INTERNAL;
	}
	update_hooks(e);

	/* Cold reset: EL1h (EL2h with --el2), DAIF masked, MMU off. */
	if (ucs_set_el(e->u, ucs_pstate_mode(e->st.pe.el, true) | UCS_PSTATE_DAIF,
		       start) != UCS_OK) {
		fprintf(stderr, "armdbg: cannot enter EL%u: %s\n", e->st.pe.el,
			ucs_error(e->u));
		return EMU_EXIT_INTERNAL;
	}
	return 0;
}

static void teardown(struct emu *e)
{
	if (e->log)
		fclose(e->log);
	if (e->wp_ctx)
		uc_context_free(e->wp_ctx);
	disasm_close(e->dis);
	if (e->u)
		ucs_close(e->u);
}

int emu_run_image(const struct emu_opts *o, const char *image_path)
{
	struct emu *e = calloc(1, sizeof(*e));
	char err[300];
	int status;

	if (!e) {
		fprintf(stderr, "armdbg: out of memory\n");
		return EMU_EXIT_INTERNAL;
	}
	if (ucs_selftest(err, sizeof(err)) < 0) {
		fprintf(stderr, "armdbg: refusing to run: %s\n", err);
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
			fprintf(stderr, "armdbg: %s\n", e->msg);
	}
	fflush(stdout);
	teardown(e);
	free(e);
	return status;
}
