// SPDX-License-Identifier: MIT
/*
 * emu/irq.c - virtual time, the generic timers, the GICv3 and the delivery
 * of IRQ/FIQ to the PE, and the scheduled external inputs.
 *
 * Interrupts are recognised between instructions, by the per-instruction
 * code hook: the run is in the precise mode whenever an interrupt could be
 * delivered (a CPU interface group enabled, or inputs still to come), so
 * that an interrupt is taken at the exact instruction boundary where it
 * becomes deliverable.  Without that (no GIC in use) the fast path runs
 * and the timers are observed through their registers only.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "emu_int.h"
#include "policy.h"
#include "syndrome.h"

#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define PSTATE_F (1ull << 6)
#define PSTATE_I (1ull << 7)

static const unsigned timer_ppi[TIMER_N] = {
	[TIMER_PHYS] = TIMER_PPI_PHYS,
	[TIMER_VIRT] = TIMER_PPI_VIRT,
	[TIMER_HYP] = TIMER_PPI_HYP,
};

uint64_t vtime(struct emu *e, uint64_t pc)
{
	return retired_before(e, pc) + e->extra;
}

static uint64_t pcount(struct emu *e, uint64_t now)
{
	return now / e->cycles_per_tick;
}

/* Precise mode while an interrupt could reach the PE (see the top). */
static bool want_irq_checks(const struct emu *e)
{
	return e->gic.igrpen0 || e->gic.igrpen1 || e->next_input < e->ninputs;
}

void irq_init(struct emu *e, const struct emu_opts *o)
{
	gic_reset(&e->gic);
	timer_reset(&e->tm);
	e->cycles_per_tick = o->cycles_per_tick ? o->cycles_per_tick :
			     EMU_DEFAULT_CYCLES_PER_TICK;
	e->exc_entry_cycles = o->exc_entry_cycles;
	e->exc_return_cycles = o->exc_return_cycles;
	e->inputs = o->inputs;
	e->ninputs = o->ninputs;
	e->next_input = 0;
	e->next_event = e->ninputs ? e->inputs[0].cycle : UINT64_MAX;
	e->irq_dirty = true;
	e->irq_on = want_irq_checks(e);
}

/* Apply the inputs due by @now, drive the timer lines, recompute the signal. */
static void irq_sync(struct emu *e, uint64_t pc, uint64_t now)
{
	uint64_t pc_cnt = pcount(e, now), next = UINT64_MAX;

	while (e->next_input < e->ninputs && e->inputs[e->next_input].cycle <= now) {
		const struct emu_input *in = &e->inputs[e->next_input++];
		struct ev v = { .kind = EV_INPUT, .el = e->st.pe.el, .pc = pc,
				.reg = in->kind == EMU_INPUT_SPI ? "spi" : "ppi",
				.value = in->intid, .taken = in->level };

		gic_set_line(&e->gic, in->intid, in->level);
		log_ev(e, &v);
	}
	if (e->next_input < e->ninputs)
		next = e->inputs[e->next_input].cycle;
	for (unsigned t = 0; t < TIMER_N; t++) {
		uint64_t rise;

		if (t == TIMER_HYP && !e->cfg.el2)
			continue;
		gic_set_line(&e->gic, timer_ppi[t], timer_output(&e->tm, t, pc_cnt));
		rise = timer_next_rise(&e->tm, t, pc_cnt);
		if (rise != UINT64_MAX && rise <= UINT64_MAX / e->cycles_per_tick &&
		    rise * e->cycles_per_tick < next)
			next = rise * e->cycles_per_tick;
	}
	e->next_event = next;
	e->sig = gic_signal(&e->gic);
	e->irq_dirty = false;
}

/*
 * The EL a physical IRQ (FIQ with @fiq) goes to from the current state,
 * and whether PSTATE masks it there (Arm ARM D1.3.6, "Physical interrupt
 * masking"; no EL3 in the guest's view).
 */
static bool deliverable(struct emu *e, bool fiq, unsigned *target)
{
	uint64_t p = pstate_now(e), hcr = e->st.r.hcr_el2;
	unsigned el = e->st.pe.el;
	bool to_el2 = ad_el2_enabled(&e->st) &&
		      (hcr & (fiq ? HCR_FMO : HCR_IMO) || hcr & AD_HCR_TGE);
	bool masked = p & (fiq ? PSTATE_F : PSTATE_I);

	if (to_el2) {
		*target = AD_EL2;
		/* Routed above the current EL: PSTATE.{I,F} do not mask it. */
		return el < AD_EL2 || !masked;
	}
	*target = AD_EL1;
	/* An interrupt for EL1 is never taken at EL2. */
	return el <= AD_EL1 && !masked;
}

enum irq_take irq_boundary(struct emu *e, uint64_t pc, unsigned *target)
{
	uint64_t now;

	if (!e->irq_on)
		return IRQ_NONE;
	now = vtime(e, pc);
	if (e->irq_dirty || now >= e->next_event)
		irq_sync(e, pc, now);
	if (e->sig.fiq && deliverable(e, true, target))
		return IRQ_FIQ;
	if (e->sig.irq && deliverable(e, false, target))
		return IRQ_IRQ;
	return IRQ_NONE;
}

/* The CPU interface may have changed: switch the precise mode on or off. */
static bool rehook_needed(struct emu *e)
{
	bool want = want_irq_checks(e);

	if (want == e->irq_on)
		return false;
	e->irq_on = want;
	return true;
}

/*
 * WFI at @pc while interrupts are checked: wake at once if an interrupt is
 * signalled (masked or not: WFI wake-up events ignore PSTATE), else let
 * virtual time jump to the next timer rise or input.  Returns false when
 * nothing can ever wake the PE.
 */
bool irq_wfi(struct emu *e, uint64_t pc)
{
	uint64_t now = vtime(e, pc);

	if (e->irq_dirty || now >= e->next_event)
		irq_sync(e, pc, now);
	if (e->sig.irq || e->sig.fiq)
		return true;
	if (e->next_event == UINT64_MAX)
		return false;
	/* The WFI itself retires one cycle later. */
	if (e->next_event > now + 1)
		e->extra += e->next_event - now - 1;
	return true;
}

/* ---- system registers: counters, timers, the ICC CPU interface ------- */

static struct sr_emul sr_undef(struct emu *e)
{
	return (struct sr_emul){ .outcome = SR_EXCEPTION, .target_el = sync_target(e),
				 .esr = ad_esr_undefined() };
}

/* An EL0 access disabled by CNTKCTL_EL1: trapped to EL1 (EL2 with TGE). */
static struct sr_emul sr_trap_el0(struct emu *e, struct ad_sysreg_enc r,
				  unsigned rt, bool rd)
{
	return (struct sr_emul){
		.outcome = SR_EXCEPTION, .target_el = sync_target(e),
		.esr = ad_esr_sysreg_trap(r.op0, r.op1, r.crn, r.crm, r.op2, rt, rd),
	};
}

struct sr_emul irq_sysreg(struct emu *e, uint64_t pc, struct ad_sysreg_enc r,
			  bool rd, unsigned rt, uint64_t wval)
{
	struct sr_emul res = { .outcome = SR_NOT_MINE };
	unsigned el = e->st.pe.el;
	uint64_t now = vtime(e, pc), cnt = pcount(e, now);
	struct timer_reg tr;

	/* CNTPCT_EL0 / CNTVCT_EL0 (3,3,14,0,{1,2}) */
	if (r.op0 == 3 && r.op1 == 3 && r.crn == 14 && r.crm == 0 &&
	    (r.op2 == 1 || r.op2 == 2) && rd) {
		tr.kind = TR_NONE;
		if (el == AD_EL0 && !timer_el0_allowed(&e->tm, tr, r.op2 == 1 ? 'p' : 'v'))
			return sr_trap_el0(e, r, rt, rd);
		res.outcome = SR_DONE;
		res.value = r.op2 == 1 ? cnt : cnt - e->tm.cntvoff;
		return res;
	}

	tr = timer_decode(r.op0, r.op1, r.crn, r.crm, r.op2);
	if (tr.kind != TR_NONE) {
		if ((tr.min_el == 2 && (!e->cfg.el2 || el < AD_EL2)) ||
		    (tr.min_el == 1 && el == AD_EL0))
			return sr_undef(e);
		if (el == AD_EL0 && !timer_el0_allowed(&e->tm, tr, 0))
			return sr_trap_el0(e, r, rt, rd);
		res.outcome = SR_DONE;
		if (rd) {
			res.value = timer_read(&e->tm, tr, cnt);
		} else {
			timer_write(&e->tm, tr, cnt, wval);
			e->irq_dirty = true;
		}
		return res;
	}

	if (gic_is_icc(r.op0, r.op1, r.crn, r.crm, r.op2, rd) ||
	    gic_is_icc(r.op0, r.op1, r.crn, r.crm, r.op2, !rd)) {
		if (!gic_is_icc(r.op0, r.op1, r.crn, r.crm, r.op2, rd) ||
		    el == AD_EL0 || (r.op1 == 4 && (!e->cfg.el2 || el < AD_EL2)))
			return sr_undef(e);
		if (el == AD_EL1 && ad_el2_enabled(&e->st) &&
		    (e->st.r.hcr_el2 & (HCR_IMO | HCR_FMO))) {
			res.outcome = SR_UNSUPPORTED;
			res.why = "the GIC virtual CPU interface (ICV_*, HCR_EL2.IMO/FMO = 1 at EL1)";
			return res;
		}
		res.outcome = SR_DONE;
		if (rd) {
			res.value = gic_icc_read(&e->gic, r.op1, r.crn, r.crm, r.op2);
		} else {
			gic_icc_write(&e->gic, r.op1, r.crn, r.crm, r.op2, wval);
			if (rehook_needed(e))
				res.outcome = SR_DONE_REHOOK;
		}
		/* IAR, EOIR, DIR, PMR ... change what is signalled. */
		e->irq_dirty = true;
		return res;
	}
	return res;
}

/* ---- MMIO ------------------------------------------------------------ */

static uint64_t gic_read_cb(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	struct emu *e = user;

	(void)uc;
	return gic_mmio_read(&e->gic, e->mmio_base + off, size);
}

static void gic_write_cb(uc_engine *uc, uint64_t off, unsigned size,
			 uint64_t v, void *user)
{
	struct emu *e = user;

	(void)uc;
	gic_mmio_write(&e->gic, e->mmio_base + off, size, v);
	e->irq_dirty = true;
}

static uint64_t redist_read_cb(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	struct emu *e = user;

	(void)uc;
	return gic_mmio_read(&e->gic, GIC_REDIST_BASE + off, size);
}

static void redist_write_cb(uc_engine *uc, uint64_t off, unsigned size,
			    uint64_t v, void *user)
{
	struct emu *e = user;

	(void)uc;
	gic_mmio_write(&e->gic, GIC_REDIST_BASE + off, size, v);
	e->irq_dirty = true;
}

int irq_map_mmio(struct emu *e)
{
	e->mmio_base = GIC_DIST_BASE;
	if (uc_mmio_map(e->uc, GIC_DIST_BASE, GIC_DIST_SIZE, gic_read_cb, e,
			gic_write_cb, e) != UC_ERR_OK ||
	    uc_mmio_map(e->uc, GIC_REDIST_BASE, GIC_REDIST_SIZE, redist_read_cb, e,
			redist_write_cb, e) != UC_ERR_OK)
		return -1;
	return 0;
}

/* ---- inputs ------------------------------------------------------------ */

/* Decimal digits at *@p into @v (no sign, no overflow); false if none. */
static bool decimal(const char **p, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*v > (UINT64_MAX - d) / 10)
			return false;
		*v = *v * 10 + d;
	}
	*p = s;
	return true;
}

const char *emu_input_parse(const char *s, struct emu_input *in)
{
	const char *form = "expected CYCLE:spi|ppi:INTID:assert|deassert";
	uint64_t cycle, intid;

	memset(in, 0, sizeof(*in));
	if (!s || !decimal(&s, &cycle) || *s++ != ':')
		return form;
	if (!strncmp(s, "spi:", 4))
		in->kind = EMU_INPUT_SPI;
	else if (!strncmp(s, "ppi:", 4))
		in->kind = EMU_INPUT_PPI;
	else
		return "input kind must be spi or ppi";
	s += 4;
	if (!decimal(&s, &intid) || *s++ != ':')
		return form;
	if (in->kind == EMU_INPUT_SPI && (intid < 32 || intid > EMU_GIC_MAX_SPI))
		return "SPI INTID must be 32..95";
	if (in->kind == EMU_INPUT_PPI && (intid < 16 || intid > 31))
		return "PPI INTID must be 16..31";
	if (!strcmp(s, "assert"))
		in->level = true;
	else if (strcmp(s, "deassert"))
		return "input level must be assert or deassert";
	in->cycle = cycle;
	in->intid = (unsigned)intid;
	return NULL;
}

void emu_input_format(const struct emu_input *in, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 ":%s:%u:%s", in->cycle,
		 in->kind == EMU_INPUT_SPI ? "spi" : "ppi", in->intid,
		 in->level ? "assert" : "deassert");
}

/* Inputs must be in cycle order, with valid INTIDs. */
const char *irq_check_inputs(const struct emu_input *in, unsigned n)
{
	if (n > EMU_MAX_INPUTS)
		return "too many inputs";
	for (unsigned i = 0; i < n; i++) {
		if (in[i].kind == EMU_INPUT_SPI ?
		    in[i].intid < 32 || in[i].intid > EMU_GIC_MAX_SPI :
		    in[i].intid < 16 || in[i].intid > 31)
			return "input INTID out of range";
		if (i && in[i].cycle < in[i - 1].cycle)
			return "inputs are not in cycle order";
	}
	return NULL;
}
