// SPDX-License-Identifier: MIT
/*
 * emu/sys.c - system instructions: MRS/MSR (the debug registers are the
 * model's), SYS (DC ZVA/IVAC watchpoints, TLBI), virtual time, the
 * exception-generating instructions and semihosting (UC_HOOK_INTR).
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

/* Registers served deterministically instead of from the host. */
enum time_reg { TIME_NONE, TIME_CNTFRQ, TIME_PMCCNTR, TIME_RNDR };

static enum time_reg time_reg(struct ad_sysreg_enc r)
{
	unsigned k = (unsigned)r.op0 << 16 | r.op1 << 12 | r.crn << 8 |
		     r.crm << 4 | r.op2;

	switch (k) {
	case 0x3e00: /* CNTFRQ_EL0 3,3,14,0,0 */
	case 0x33e00:
		return TIME_CNTFRQ;
	case 0x339d0: /* PMCCNTR_EL0 3,3,9,13,0 */
		return TIME_PMCCNTR;
	case 0x33240: /* RNDR 3,3,2,4,0 */
	case 0x33241: /* RNDRRS */
		return TIME_RNDR;
	default:
		return TIME_NONE;
	}
}

/* Virtual time and other registers served deterministically. */
static bool time_read(struct emu *e, uint64_t pc, struct ad_sysreg_enc r,
		      uint64_t *v)
{
	switch (time_reg(r)) {
	case TIME_CNTFRQ:
		*v = COUNTER_FREQ;
		return true;
	case TIME_PMCCNTR:
		*v = vtime(e, pc);
		return true;
	case TIME_RNDR:
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

/* ID_AA64PFR0_EL1 as the guest must see it: no EL3, EL2 only with --el2, GICv3. */
static uint64_t patch_pfr0(struct emu *e, uint64_t v)
{
	/* EL2 [11:8]: AArch64 only with --el2, else absent; EL3 [15:12]: absent. */
	v &= ~(0xffull << 8);
	if (e->cfg.el2)
		v |= 1ull << 8;
	/* GIC [27:24] = 1: the GICv3 system-register interface (emu/gic.c). */
	v = (v & ~(0xfull << 24)) | 1ull << 24;
	return v;
}

/*
 * Registers the model reads as match/routing inputs but QEMU must also
 * keep (it translates with them): recorded, then QEMU performs the MSR.
 */
static void log_input_write(struct emu *e, const char *name, uint64_t v)
{
	uint64_t pc = pc_now(e);
	struct ev ev = { .kind = EV_DBGREG, .el = e->st.pe.el, .pc = pc,
			 .reg = name, .value = v };

	log_ev(e, &ev);
}

/* The model's copy of input register @r (NULL: not one), its name in @name. */
static uint64_t *input_reg(struct emu *e, struct ad_sysreg_enc r,
			   const char **name)
{
	static const struct {
		struct ad_sysreg_enc r;
		const char *name;
	} regs[] = {
		{ { 3, 0, 13, 0, 1 }, "CONTEXTIDR_EL1" },
		{ { 3, 4, 1, 1, 0 }, "HCR_EL2" },
		{ { 3, 4, 13, 0, 1 }, "CONTEXTIDR_EL2" },
		{ { 3, 4, 2, 1, 0 }, "VTTBR_EL2" },
		{ { 3, 4, 2, 1, 2 }, "VTCR_EL2" },
	};
	uint64_t *const dst[] = { &e->st.r.contextidr_el1, &e->st.r.hcr_el2,
				  &e->st.r.contextidr_el2, &e->st.r.vttbr_el2,
				  &e->st.r.vtcr_el2 };
	unsigned i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		if (same_enc(r, regs[i].r.op0, regs[i].r.op1, regs[i].r.crn,
			     regs[i].r.crm, regs[i].r.op2)) {
			*name = regs[i].name;
			return dst[i];
		}
	}
	return NULL;
}

static void note_input_write(struct emu *e, struct ad_sysreg_enc r, uint64_t v)
{
	unsigned el = e->st.pe.el;
	const char *name = NULL;
	uint64_t *dst = input_reg(e, r, &name);

	/* CONTEXTIDR_EL1 from EL1 up; the EL2 registers only with EL2, at EL2. */
	if (!dst || el < (r.op1 == 4 ? 2u : 1u) || (r.op1 == 4 && !e->cfg.el2))
		return;
	*dst = v;
	step_stale(e); /* HCR_EL2.TGE routes debug exceptions */
	/* Breakpoints match on these: their writes belong in the log too. */
	log_input_write(e, name, v);
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

/*
 * The MRS/MSR at @pc, of register @r, was done here: skip it (return 1).
 * For a register QEMU implements that is all: its translated code jumps
 * over the access and the block runs on.  A register QEMU lacks was
 * translated as UNDEFINED, which ends the block at it: the skip would
 * re-execute it, so PC is moved past it [unicorn.md].  (Writing PC for the
 * others too would make Unicorn abandon the next block after its block
 * hook ran and enter it again, counting it twice.)
 */
static uint32_t skip_sysreg(struct emu *e, uint64_t pc, struct ad_sysreg_enc r)
{
	uint64_t v;

	if (ucs_sysreg_read(e->u, ucs_sysreg(r.op0, r.op1, r.crn, r.crm, r.op2),
			    &v) == UCS_ENOREG)
		ucs_pc_write(e->u, pc + 4);
	return 1;
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
		step_stale(e);
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
			return skip_sysreg(e, pc, r);
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
	if (op0 == 3) {
		struct sr_emul se = irq_sysreg(e, pc, r, rd, rt, rd ? 0 : xreg(e, rt));

		switch (se.outcome) {
		case SR_DONE:
			if (rd)
				set_xreg(e, rt, se.value);
			return skip_sysreg(e, pc, r);
		case SR_DONE_REHOOK:
			/*
			 * Interrupt checks switch on or off: stop after this
			 * ICC write (QEMU UNDEFs ICC_*, so the stop holds) and
			 * change the hooks before the next instruction.
			 */
			if (!e->precise)
				consume(e, pc, true);
			e->rehook = true;
			ucs_stop(e->u, pc + 4);
			return 1;
		case SR_EXCEPTION: {
			struct ev ev = { .kind = EV_SYSREG_TRAP, .el = e->st.pe.el,
					 .pc = pc, .target_el = se.target_el,
					 .esr = se.esr,
					 .reg = ad_esr_ec(se.esr) ? "trapped" : "undefined" };

			log_ev(e, &ev);
			return sysreg_exception(e, pc, op0, se.target_el, se.esr);
		}
		case SR_UNSUPPORTED:
			fail(e, EMU_EXIT_FAULT, "unsupported: %s", se.why);
			return 0;
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
		return skip_sysreg(e, pc, r);
	}
	if (rd && same_enc(r, 3, 0, 0, 4, 0) && e->st.pe.el >= 1) {
		ucs_sysreg_read(e->u, ucs_sysreg(3, 0, 0, 4, 0), &v);
		set_xreg(e, rt, patch_pfr0(e, v));
		return skip_sysreg(e, pc, r);
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
 * Can sysreg_hook() act on an op0 = 3 access to @r (a read with @rd)?  It
 * must answer "no" only where every branch above declines by encoding
 * alone, whatever the state: the registers the model owns, the timers and
 * counters, the ICC registers (either direction: a wrong direction is
 * UNDEFINED here), the registers served from virtual time, ID_AA64PFR0_EL1,
 * SCTLR_EL1/EL2 writes and the registers breakpoints match on.
 */
static bool sr_passes(struct emu *e, struct ad_sysreg_enc r, bool rd)
{
	const char *name;

	if (ad_sysreg_lookup(&e->st, r, rd, NULL, NULL) ||
	    same_enc(r, 3, 3, 14, 0, 1) || same_enc(r, 3, 3, 14, 0, 2) ||
	    timer_decode(r.op0, r.op1, r.crn, r.crm, r.op2).kind != TR_NONE ||
	    gic_is_icc(r.op0, r.op1, r.crn, r.crm, r.op2, true) ||
	    gic_is_icc(r.op0, r.op1, r.crn, r.crm, r.op2, false))
		return false;
	if (rd)
		return time_reg(r) == TIME_NONE && !same_enc(r, 3, 0, 0, 4, 0);
	return !same_enc(r, 3, 0, 1, 0, 0) && !same_enc(r, 3, 4, 1, 0, 0) &&
	       !input_reg(e, r, &name);
}

enum { SR_UNCLASSIFIED, SR_PASS, SR_MINE };

/*
 * MRS and MSR hooks.  Most op0 = 3 accesses a kernel makes (ESR, ELR,
 * SPSR, FAR, VBAR, TTBR ...) are QEMU's: they return at once, classified
 * by the encoding Unicorn passes in @cp, without reading PC or the
 * instruction (3 such accesses per step in a typical step handler).
 */
static uint32_t sr_dispatch(uc_engine *uc, uc_arm64_reg reg,
			    const uc_arm64_cp_reg *cp, struct emu *e, bool rd)
{
	if (cp->op0 == 3 && cp->op1 < 8 && cp->crn < 16 && cp->crm < 16 &&
	    cp->op2 < 8) {
		unsigned k = cp->op1 << 11 | cp->crn << 7 | cp->crm << 3 | cp->op2;
		uint8_t *c = &e->sr_class[rd][k];

		if (*c == SR_UNCLASSIFIED) {
			struct ad_sysreg_enc r = { 3, (uint8_t)cp->op1,
						   (uint8_t)cp->crn,
						   (uint8_t)cp->crm,
						   (uint8_t)cp->op2 };

			*c = sr_passes(e, r, rd) ? SR_PASS : SR_MINE;
		}
		if (*c == SR_PASS)
			return 0;
	}
	return sysreg_hook(uc, reg, cp, e);
}

uint32_t mrs_hook(uc_engine *uc, uc_arm64_reg reg,
		  const uc_arm64_cp_reg *cp, void *user)
{
	return sr_dispatch(uc, reg, cp, user, true);
}

uint32_t msr_hook(uc_engine *uc, uc_arm64_reg reg,
		  const uc_arm64_cp_reg *cp, void *user)
{
	return sr_dispatch(uc, reg, cp, user, false);
}

/*
 * DC ZVA and DC IVAC are checked before they execute, here: Unicorn reports
 * DC ZVA's stores as odd 1-byte callbacks that a stop cannot interrupt,
 * and DC IVAC with no callback at all.  A hit makes QEMU trap the
 * instruction (ucshim) so that the exception is taken at it.
 */
uint32_t sys_hook(uc_engine *uc, uc_arm64_reg reg,
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
bool sh_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct emu *e = ctx;

	return addr >= e->ram_base && len <= e->ram_size &&
	       addr - e->ram_base <= e->ram_size - len &&
	       uc_mem_read(e->uc, addr, buf, len) == UC_ERR_OK;
}

bool sh_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	struct emu *e = ctx;

	return addr >= e->ram_base && len <= e->ram_size &&
	       addr - e->ram_base <= e->ram_size - len &&
	       uc_mem_write(e->uc, addr, buf, len) == UC_ERR_OK;
}

size_t sh_out(void *ctx, enum sh_stream s, const uint8_t *buf, size_t len)
{
	(void)s;
	return fwrite(buf, 1, len, ((struct emu *)ctx)->out);
}

uint64_t sh_now(void *ctx)
{
	struct emu *e = ctx;

	return e->cycle + e->extra;
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

static void intr_hook_at(uc_engine *uc, uint32_t intno, struct emu *e)
{
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

void intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct emu *e = user;

	e->pc_write_ok = true;
	intr_hook_at(uc, intno, e);
	e->pc_write_ok = false;
}
