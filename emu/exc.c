// SPDX-License-Identifier: MIT
/*
 * emu/exc.c - exception entry as AArch64.TakeException does it, debug
 * events, and the aborts Unicorn raises from the guest's translation
 * tables, recomputed with the stage 1 walker (mmu.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "elf.h"
#include "emu_int.h"
#include "policy.h"
#include "regs.h"
#include "syndrome.h"
#include "sysreg.h"

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
 * AArch64.TakeException: ESR (@esr non-NULL: synchronous exceptions), ELR,
 * SPSR (with the model's SS), FAR when @far is non-NULL, the vector by
 * source EL and SPSel plus @vec_off (0x80 IRQ, 0x100 FIQ), PSTATE.{EL,
 * SPSel,DAIF,SS,IL,PAN}.  @v is the event to log, with .kind and .pc set.
 */
static void enter(struct emu *e, unsigned target_el, const uint64_t *esr,
		  uint64_t elr, const uint64_t *far, enum ad_exc_kind kind,
		  unsigned vec_off, struct ev *v)
{
	uint64_t p = pstate_now(e), vbar = 0, spsr, np, sctlr = 0, vec;
	unsigned cur = (unsigned)(p >> 2) & 3;
	uint64_t at;
	bool ss, now;

	v->el = cur;
	at = retired_before(e, v->pc);
	/* SVC/HVC/SMC are executed instructions; the others are not. */
	consume(e, v->pc, kind == AD_EXC_CALL);
	e->wp_checked = false;
	if (++e->nexc + e->cycle > e->max_insns) {
		fail(e, EMU_EXIT_RUNAWAY,
		     "guest runaway: %" PRIu64 " instructions and %" PRIu64
		     " exceptions (--max-insns)", e->cycle, e->nexc);
		return;
	}

	sync_pe_from(e, p);
	ss = ad_exception_entry(&e->st, target_el, kind);
	spsr = (p & ~UCS_PSTATE_SS) | (ss ? UCS_PSTATE_SS : 0);
	if (target_el > cur)
		vec = 0x400;
	else
		vec = (p & UCS_PSTATE_SP) ? 0x200 : 0;
	vec += vec_off;
	ucs_elreg_read(e->u, UCS_VBAR, target_el, &vbar);
	if (esr)
		ucs_elreg_write(e->u, UCS_ESR, target_el, *esr);
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
	now = !e->in_run || (e->pc_write_ok && ucs_can_switch_now(e->u, np));
	if (!now && e->in_run && (e->mmu_el1 || e->mmu_el2)) {
		/*
		 * A switch from inside a hook fetches ucshim's trampoline in
		 * the current translation regime, where the guest's tables do
		 * not map it: stop, and switch once the run has returned.
		 */
		e->sw_pending = true;
		e->sw_pstate = np;
		e->sw_pc = vbar + vec;
		ucs_stop(e->u, vbar + vec);
	} else if ((now ? ucs_set_el_now(e->u, np, vbar + vec) :
			  ucs_set_el(e->u, np, vbar + vec)) != UCS_OK) {
		fail(e, EMU_EXIT_INTERNAL, "exception entry to EL%u failed: %s",
		     target_el, ucs_error(e->u));
		return;
	}
	e->st.pe.el = target_el;
	/* as ad_exception_entry() left it, plus PAN (SPAN) from np */
	sync_pe_from(e, np);
	e->pe_synced = true;

	v->target_el = target_el;
	v->esr = esr ? *esr : 0;
	v->elr = elr;
	v->spsr = spsr;
	v->vector = vbar + vec;
	v->has_far = far != NULL;
	v->far = far ? *far : 0;
	v->has_daif = true;
	v->daif = 0xf; /* exception entry masks D, A, I and F */
	log_ev_at(e, v, at);
	e->extra += e->exc_entry_cycles;
}

/*
 * A synchronous exception to @target_el.  The faulting instruction does
 * not retire, except SVC/HVC/SMC (@kind AD_EXC_CALL, @elr after it).
 */
void take_exception(struct emu *e, unsigned target_el, uint64_t esr,
		    uint64_t elr, const uint64_t *far,
		    enum ad_exc_kind kind)
{
	struct ev v = { .kind = EV_EXC_ENTRY };

	v.pc = kind == AD_EXC_CALL ? elr - 4 : elr;
	v.exc = exc_name(ad_esr_ec(esr));
	enter(e, target_el, &esr, elr, far, kind, 0, &v);
}

/* An IRQ or FIQ taken before the instruction at @pc (AArch64.TakePhysicalIRQException). */
void take_interrupt(struct emu *e, uint64_t pc, bool fiq, unsigned target_el)
{
	struct ev v = { .kind = EV_IRQ, .pc = pc, .exc = fiq ? "fiq" : "irq",
			.value = e->sig.intid };

	enter(e, target_el, NULL, pc, NULL, AD_EXC_ASYNC, fiq ? 0x100 : 0x80, &v);
}

/* The EL an UNDEFINED/SVC exception from the current EL goes to. */
unsigned sync_target(struct emu *e)
{
	unsigned el = e->st.pe.el;

	if (el == AD_EL0 && ad_el2_enabled(&e->st) &&
	    (e->st.r.hcr_el2 & AD_HCR_TGE))
		return AD_EL2;
	return el == AD_EL0 ? AD_EL1 : el;
}

void take_undefined(struct emu *e, uint64_t pc)
{
	take_exception(e, sync_target(e), ad_esr_undefined(), pc, NULL,
		       AD_EXC_SYNC);
}

/* Log a debug event and take it when the model says so. */
void debug_event(struct emu *e, enum ev_kind kind, uint64_t pc,
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
void instruction_abort(struct emu *e, uint64_t pc)
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
void data_abort(struct emu *e, uint64_t pc)
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
bool unmapped_hook(uc_engine *uc, uc_mem_type type, uint64_t addr,
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

void take_pending_abort(struct emu *e)
{
	e->ab_pending = false;
	ucs_pc_write(e->u, e->ab_pc);
	sync_pe(e);
	if (e->ab_fetch)
		instruction_abort(e, e->ab_pc);
	else
		data_abort(e, e->ab_pc);
}
