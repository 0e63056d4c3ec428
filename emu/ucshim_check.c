/* SPDX-License-Identifier: MIT */
/*
 * emu/ucshim_check.c - ucs_selftest(): every Unicorn behaviour ucshim and
 * the emulator rely on, checked on fresh engines with a hand-encoded guest
 * (no cross toolchain at run time; encodings checked with
 * aarch64-linux-gnu-as/objdump).  Expected values come from the Arm
 * architecture and the calibrated facts in ucshim.c, never from a run.
 */
#include "ucshim.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define RAM	 0x40000000ULL
#define RAM_SIZE 0x10000ULL
#define DATA	 (RAM + 0x800)
#define STACK(el) (RAM + 0xa000 + 0x1000 * (uint64_t)(el)) /* SP_EL0..3 */
/* An "until" address no run reaches (the private page is never
 * executed there). */
#define NEVER	 (UCS_PRIV_BASE + 0xffc)

/* Guest snippets (offsets from RAM). */
enum {
	G_PROBE = 0x000,  /* mrs x0, CurrentEL; mov x1, sp; brk #1 */
	G_SPDEC = 0x020,  /* sub sp, sp, #16; mov x1, sp; brk #1 */
	G_ERET = 0x040,	  /* eret */
	G_AFTER = 0x060,  /* mov x1, sp; brk #1 */
	G_SYSREG = 0x080, /* msr dbgbcr0_el1, x0; mrs x0, mdscr_el1; add; brk */
	G_SVC = 0x0a0,	  /* svc #0; brk #1 */
	G_BRK = 0x0c0,	  /* brk #7 */
	G_UDF = 0x0e0,	  /* udf #0 */
	G_HLT = 0x100,	  /* hlt #0 */
	G_CODE = 0x120,	  /* add x2; add x3; brk #1 */
	G_STORE = 0x140,  /* str x1, [x2]; add x3; brk #1 */
	G_LOAD = 0x160,	  /* ldr x3, [x2]; brk #1 */
	G_EL3 = 0x180,	  /* mrs x0, CurrentEL; mrs x2, elr_el3; mrs x3, spsr_el3; brk #1 */
	G_COUNT = 0x1a0,  /* 6 x add x2, x2, #1; brk #1 */
	G_LOAD2 = 0x1c0,  /* ldr x3, [x2]; brk #1; ldr x4, [x2]; brk #1 */
	G_END = 0x1e0,
};

/* A data page for the page traps, away from the guest code. */
#define TRAP_PAGE (RAM + 0x4000)

#define W_BRK1 0xd4200020u /* brk #1 */
#define W_ADDX2 0x91000442u /* add x2, x2, #1 */
#define W_ADDX3 0x91000463u /* add x3, x3, #1 */
#define W_MOVX1SP 0x910003e1u /* mov x1, sp */
#define W_CUREL 0xd5384240u /* mrs x0, CurrentEL */

static const struct {
	unsigned off;
	uint32_t w;
} guest[] = {
	{ G_PROBE + 0, W_CUREL },
	{ G_PROBE + 4, W_MOVX1SP },
	{ G_PROBE + 8, W_BRK1 },
	{ G_SPDEC + 0, 0xd10043ffu }, /* sub sp, sp, #0x10 */
	{ G_SPDEC + 4, W_MOVX1SP },
	{ G_SPDEC + 8, W_BRK1 },
	{ G_ERET + 0, 0xd69f03e0u },  /* eret */
	{ G_AFTER + 0, W_MOVX1SP },
	{ G_AFTER + 4, W_BRK1 },
	{ G_SYSREG + 0, 0xd51000a0u }, /* msr dbgbcr0_el1, x0 */
	{ G_SYSREG + 4, 0xd5300240u }, /* mrs x0, mdscr_el1 */
	{ G_SYSREG + 8, W_ADDX3 },
	{ G_SYSREG + 12, W_BRK1 },
	{ G_SVC + 0, 0xd4000001u },   /* svc #0 */
	{ G_SVC + 4, W_BRK1 },
	{ G_BRK + 0, 0xd42000e0u },   /* brk #7 */
	{ G_UDF + 0, 0x00000000u },   /* udf #0 */
	{ G_HLT + 0, 0xd4400000u },   /* hlt #0 */
	{ G_CODE + 0, W_ADDX2 },
	{ G_CODE + 4, W_ADDX3 },
	{ G_CODE + 8, W_BRK1 },
	{ G_STORE + 0, 0xf9000041u }, /* str x1, [x2] */
	{ G_STORE + 4, W_ADDX3 },
	{ G_STORE + 8, W_BRK1 },
	{ G_LOAD + 0, 0xf9400043u },  /* ldr x3, [x2] */
	{ G_LOAD + 4, W_BRK1 },
	{ G_EL3 + 0, W_CUREL },
	{ G_EL3 + 4, 0xd53e4022u },   /* mrs x2, elr_el3 */
	{ G_EL3 + 8, 0xd53e4003u },   /* mrs x3, spsr_el3 */
	{ G_EL3 + 12, W_BRK1 },
	{ G_COUNT + 0, W_ADDX2 },
	{ G_COUNT + 4, W_ADDX2 },
	{ G_COUNT + 8, W_ADDX2 },
	{ G_COUNT + 12, W_ADDX2 },
	{ G_COUNT + 16, W_ADDX2 },
	{ G_COUNT + 20, W_ADDX2 },
	{ G_COUNT + 24, W_BRK1 },
	{ G_LOAD2 + 0, 0xf9400043u }, /* ldr x3, [x2] */
	{ G_LOAD2 + 4, W_BRK1 },
	{ G_LOAD2 + 8, 0xf9400044u }, /* ldr x4, [x2] */
	{ G_LOAD2 + 12, W_BRK1 },
};

/* QEMU's interrupt numbers as UC_HOOK_INTR reports them [ref]. */
enum { INTNO_UDEF = 1, INTNO_SWI = 2, INTNO_BKPT = 7 };

#define DAIF_ALL 0x3c0ULL
#define SCR_RW (1ULL << 10)

/* What the INTR hook does for the next SVC. */
enum svc_action { SVC_STOP, SVC_SWITCH, SVC_SWITCH_STOP };

struct t {
	struct ucs *s;
	enum ucs_cpu cpu;
	bool now;		/* switch with ucs_set_el_now() */
	char *why;
	size_t whylen;
	/* last interrupt */
	int nintr;
	uint32_t intno;
	uint64_t intr_pc;
	enum svc_action svc;
	bool intr_skip;		/* write PC + 4 before ucs_stop() */
	uint64_t sw_pstate, sw_pc;
	/* code hook */
	int ncode;
	bool code_switch;
	/* MRS/MSR hooks */
	int nmsr, nmrs;
	uint64_t msr_pc, msr_val, mrs_pc;
	struct ucs_sysreg msr_reg, mrs_reg;
	uc_arm64_reg msr_xt, mrs_xt;
	bool mrs_switch;
	uint64_t mrs_sw_pstate;
	bool force_trap;
	int ntrap;
	uint64_t trap_pc;
	/* page traps */
	int npage;
	uint64_t page_pc, page_addr;
	bool page_write;
	bool trap_at_brk;	/* the next BRK turns traps on, skips it */
	/* memory write hook */
	int nmem;
	uint64_t mem_pc, mem_addr, mem_old;
	int64_t mem_val;
	int mem_size;
	/* an API call inside a hook failed */
	int hook_rc;
	char hook_msg[160];
};

static int whyf(struct t *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->why, t->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static void hook_failed(struct t *t, int rc)
{
	if (t->hook_rc)
		return;
	t->hook_rc = rc;
	snprintf(t->hook_msg, sizeof(t->hook_msg), "%s", ucs_error(t->s));
}

static void on_page(void *ctx, uint64_t pc, uint64_t addr, bool write)
{
	struct t *t = ctx;

	t->npage++;
	t->page_pc = pc;
	t->page_addr = addr;
	t->page_write = write;
}

/* A switch the way the check asks for: ucs_set_el() or ucs_set_el_now(). */
static int sw(struct t *t, uint64_t pstate, uint64_t pc)
{
	return t->now ? ucs_set_el_now(t->s, pstate, pc) :
			ucs_set_el(t->s, pstate, pc);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	struct t *t = user;
	uint64_t pc = 0;
	int rc;

	(void)uc;
	ucs_pc_read(t->s, &pc);
	/* ucshim's own interrupt hook ran first and parked PC there */
	if (ucs_is_private(pc))
		return;
	if (t->trap_at_brk && intno == INTNO_BKPT) {
		struct ucs_trap_page pg = { TRAP_PAGE, UCS_TRAP_ALL };

		t->trap_at_brk = false;
		rc = ucs_trap_pages(t->s, &pg, 1, on_page, t);
		if (rc)
			hook_failed(t, rc);
		ucs_pc_write(t->s, pc + 4);
		return;
	}
	if (ucs_trap_taken(t->s, intno)) {
		t->ntrap++;
		t->trap_pc = pc;
		ucs_stop(t->s, pc);
		return;
	}
	if (intno == INTNO_SWI && t->svc != SVC_STOP) {
		enum svc_action a = t->svc;

		t->svc = SVC_STOP;
		rc = sw(t, t->sw_pstate, t->sw_pc);
		if (rc)
			hook_failed(t, rc);
		if (a == SVC_SWITCH_STOP)
			ucs_stop(t->s, t->sw_pc);
		return;
	}
	t->nintr++;
	t->intno = intno;
	t->intr_pc = pc;
	if (t->intr_skip) {	/* the emulator's pattern: skip, then stop */
		ucs_pc_write(t->s, pc + 4);
		ucs_stop(t->s, pc + 4);
		return;
	}
	ucs_stop(t->s, pc);
}

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct t *t = user;
	int rc;

	(void)uc;
	(void)addr;
	(void)size;
	t->ncode++;
	if (t->code_switch) {
		t->code_switch = false;
		rc = sw(t, ucs_pstate_mode(2, true) | DAIF_ALL, RAM + G_PROBE);
		if (rc)
			hook_failed(t, rc);
	}
}

static struct ucs_sysreg cp_enc(const uc_arm64_cp_reg *cp)
{
	return ucs_sysreg(cp->op0, cp->op1, cp->crn, cp->crm, cp->op2);
}

/* Swallow: skip the instruction (return 1 and PC + 4 [ref]). */
static uint32_t skip(struct t *t)
{
	uint64_t pc = 0;

	ucs_pc_read(t->s, &pc);
	ucs_pc_write(t->s, pc + 4);
	return 1;
}

/* Let QEMU trap the access (ucs_trap_sysreg()). */
static uint32_t force(struct t *t)
{
	int rc = ucs_trap_sysreg(t->s);

	if (rc)
		hook_failed(t, rc);
	return 0;
}

static uint32_t on_msr(uc_engine *uc, uc_arm64_reg reg,
		       const uc_arm64_cp_reg *cp, void *user)
{
	struct t *t = user;

	(void)uc;
	if (t->force_trap)
		return force(t);
	t->nmsr++;
	ucs_pc_read(t->s, &t->msr_pc);
	t->msr_reg = cp_enc(cp);
	t->msr_val = cp->val;
	t->msr_xt = reg;
	return skip(t);
}

static uint32_t on_mrs(uc_engine *uc, uc_arm64_reg reg,
		       const uc_arm64_cp_reg *cp, void *user)
{
	struct t *t = user;
	uint64_t magic = 0x5a5a0000c0de0001ULL;
	int rc;

	(void)uc;
	if (t->force_trap)
		return force(t);
	/* The probes' mrs CurrentEL go to QEMU. */
	if (cp->op0 == 3 && cp->crn == 4 && cp->crm == 2 && cp->op2 == 2)
		return 0;
	t->nmrs++;
	ucs_pc_read(t->s, &t->mrs_pc);
	t->mrs_reg = cp_enc(cp);
	t->mrs_xt = reg;
	uc_reg_write(ucs_uc(t->s), reg, &magic);
	if (!t->mrs_switch)
		return skip(t);
	t->mrs_switch = false;
	rc = ucs_set_el(t->s, t->mrs_sw_pstate, RAM + G_PROBE);
	if (rc)
		hook_failed(t, rc);
	return 1;
}

static void on_write(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
		     int64_t value, void *user)
{
	struct t *t = user;

	(void)type;
	t->nmem++;
	ucs_pc_read(t->s, &t->mem_pc);
	t->mem_addr = addr;
	t->mem_size = size;
	t->mem_val = value;
	uc_mem_read(uc, addr, &t->mem_old, sizeof(t->mem_old));
	ucs_stop(t->s, t->mem_pc);
}

/* ---- helpers ---- */

static int topen(struct t *t, bool ns)
{
	char err[320];
	uc_hook h;
	size_t i;

	t->s = ucs_open(t->cpu, RAM, RAM_SIZE, ns, err, sizeof(err));
	if (!t->s)
		return whyf(t, "%s", err);
	for (i = 0; i < sizeof(guest) / sizeof(guest[0]); i++)
		if (uc_mem_write(ucs_uc(t->s), RAM + guest[i].off, &guest[i].w,
				 4) != UC_ERR_OK)
			return whyf(t, "cannot load the guest");
	if (uc_hook_add(ucs_uc(t->s), &h, UC_HOOK_INTR, (void *)on_intr, t, 1,
			0) != UC_ERR_OK)
		return whyf(t, "cannot add the interrupt hook");
	return 0;
}

static int api(struct t *t, int rc, const char *what)
{
	if (rc)
		return whyf(t, "%s: %s", what, ucs_error(t->s));
	if (t->hook_rc)
		return whyf(t, "in a hook: %s", t->hook_msg);
	return 0;
}

static uint64_t x(struct t *t, unsigned n)
{
	uint64_t v = 0;

	ucs_x_read(t->s, n, &v);
	return v;
}

static uint64_t pstate(struct t *t)
{
	uint64_t v = 0;

	ucs_pstate_read(t->s, &v);
	return v;
}

static uint64_t pc(struct t *t)
{
	uint64_t v = 0;

	ucs_pc_read(t->s, &v);
	return v;
}

/* Run from @off until the next interrupt (or a hook's ucs_stop()). */
static int run(struct t *t, unsigned off)
{
	t->nintr = 0;
	t->intno = 0;
	return api(t, ucs_run(t->s, RAM + off, 0), "ucs_run");
}

static int expect_intr(struct t *t, uint32_t intno, uint64_t at)
{
	if (t->nintr != 1 || t->intno != intno || t->intr_pc != at)
		return whyf(t, "expected interrupt %u at %#llx, got %d interrupt(s), last %u at %#llx",
			    intno, (unsigned long long)at, t->nintr, t->intno,
			    (unsigned long long)t->intr_pc);
	return 0;
}

static int setel(struct t *t, unsigned el, bool h, uint64_t at)
{
	return api(t, sw(t, ucs_pstate_mode(el, h) | DAIF_ALL, at),
		   t->now ? "ucs_set_el_now" : "ucs_set_el");
}

/* Run the CurrentEL probe at EL @el and check what the code saw. */
static int probe(struct t *t, unsigned el)
{
	if (run(t, G_PROBE))
		return -1;
	if (el == 0)	/* CurrentEL is not accessible at EL0 */
		return expect_intr(t, INTNO_UDEF, RAM + G_PROBE);
	if (expect_intr(t, INTNO_BKPT, RAM + G_PROBE + 8))
		return -1;
	if (x(t, 0) != (uint64_t)el << 2)
		return whyf(t, "guest CurrentEL %#llx at PSTATE.EL %u",
			    (unsigned long long)x(t, 0), el);
	return 0;
}

/* ---- the checks ---- */

/* (1) SCR_EL3.RW = 0 makes an ERET to AArch64 EL1 illegal; ucs_open()
 * sets RW so returns to EL1 and EL0 are legal. */
static int check_scr_rw(struct t *t)
{
	uc_arm64_cp_reg scr = { .crn = 1, .crm = 1, .op0 = 3, .op1 = 6, .op2 = 0 };
	uc_engine *uc = ucs_uc(t->s);
	uint64_t want[2] = { ucs_pstate_mode(1, true) | DAIF_ALL,
			     ucs_pstate_mode(0, false) };
	uint32_t raw = 0;
	unsigned i;

	/* complete ucs_open()'s switch to EL1h */
	if (run(t, G_PROBE) || expect_intr(t, INTNO_BKPT, RAM + G_PROBE + 8))
		return -1;
	if (uc_reg_read(uc, UC_ARM64_REG_CP_REG, &scr) != UC_ERR_OK ||
	    !(scr.val & SCR_RW))
		return whyf(t, "ucs_open() left SCR_EL3 = %#llx",
			    (unsigned long long)scr.val);
	/* raw SCR_EL3.RW = 0 (Unicorn's reset value), then a guest ERET;
	 * Unicorn's own run: the shim would refuse */
	scr.val &= ~SCR_RW;
	uc_reg_write(uc, UC_ARM64_REG_CP_REG, &scr);
	if (api(t, ucs_elreg_write(t->s, UCS_SPSR, 1, want[0]), "SPSR_EL1") ||
	    api(t, ucs_elreg_write(t->s, UCS_ELR, 1, RAM + G_AFTER), "ELR_EL1") ||
	    uc_emu_start(uc, RAM + G_ERET, NEVER, 0, 0) != UC_ERR_OK ||
	    uc_reg_read(uc, UC_ARM64_REG_PSTATE, &raw) != UC_ERR_OK)
		return whyf(t, "ERET with SCR_EL3.RW = 0 did not run");
	if (!(raw & UCS_PSTATE_IL) || (raw & 0xf) != (want[0] & 0xf))
		return whyf(t, "ERET to EL1 with SCR_EL3.RW = 0 is legal (PSTATE %#llx)",
			    (unsigned long long)raw);
	ucs_close(t->s);	/* inconsistent now */
	t->s = NULL;

	for (i = 0; i < 2; i++) {
		if (topen(t, false))
			return -1;
		if (api(t, ucs_elreg_write(t->s, UCS_SPSR, 1, want[i]), "SPSR_EL1") ||
		    api(t, ucs_elreg_write(t->s, UCS_ELR, 1, RAM + G_AFTER), "ELR_EL1") ||
		    run(t, G_ERET) ||
		    expect_intr(t, INTNO_BKPT, RAM + G_AFTER + 4))
			return -1;
		if (pstate(t) != want[i])
			return whyf(t, "ERET to PSTATE %#llx with SCR_EL3.RW = 1 gave %#llx",
				    (unsigned long long)want[i],
				    (unsigned long long)pstate(t));
		ucs_close(t->s);
		t->s = NULL;
	}
	return 0;
}

/* (2) ucs_set_el() to EL0..EL3: PSTATE.EL and the translated code agree
 * (on every CPU model: each calibrates its own engine). */
static int set_el_matrix(struct t *t)
{
	unsigned el, h;

	for (el = 0; el < 4; el++) {
		for (h = 0; h < 2; h++) {
			if (el == 0 && h)
				continue;
			if (setel(t, el, h, RAM + G_PROBE))
				return -1;
			if (ucs_current_el(t->s) != (int)el || pc(t) != RAM + G_PROBE)
				return whyf(t, "after ucs_set_el(EL%u): EL %d, PC %#llx",
					    el, ucs_current_el(t->s),
					    (unsigned long long)pc(t));
			if (probe(t, el))
				return -1;
		}
	}
	/* upwards from EL0, and EL3 -> EL0 -> EL3 */
	for (el = 1; el < 4; el++)
		if (setel(t, 0, false, RAM + G_PROBE) || probe(t, 0) ||
		    setel(t, el, true, RAM + G_PROBE) || probe(t, el))
			return -1;
	return 0;
}

static int check_set_el(struct t *t)
{
	static const char *const names[] = { "A53", "A57", "A72", "MAX" };
	enum ucs_cpu cpu;

	for (cpu = UCS_CPU_A53; cpu <= UCS_CPU_MAX; cpu++) {
		ucs_close(t->s);
		t->cpu = cpu;
		if (topen(t, true))
			return -1;
		if (set_el_matrix(t)) {
			char why[300];

			snprintf(why, sizeof(why), "%s", t->why);
			return whyf(t, "CPU %s: %s", names[cpu], why);
		}
	}
	return 0;
}

/* (3) SP banking: every SP_ELx survives switches; the live SP is the
 * selected one. */
static int check_sp(struct t *t)
{
	static const struct {
		unsigned el;
		bool h;
	} seq[] = { { 1, true }, { 1, false }, { 2, true }, { 3, true },
		    { 2, false }, { 0, false }, { 3, false }, { 1, true } };
	uint64_t sp[4], v;
	unsigned el, i, sel;

	for (el = 0; el < 4; el++)
		if (api(t, ucs_sp_el_write(t->s, el, STACK(el)), "SP_ELx"))
			return -1;
	/* EL0 moves its SP; it must be banked when leaving EL0 */
	if (setel(t, 0, false, RAM + G_SPDEC) || run(t, G_SPDEC) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_SPDEC + 8))
		return -1;
	if (x(t, 1) != STACK(0) - 16)
		return whyf(t, "EL0 saw SP %#llx", (unsigned long long)x(t, 1));
	for (el = 0; el < 4; el++)
		sp[el] = STACK(el) - (el == 0 ? 16 : 0);
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (setel(t, seq[i].el, seq[i].h, RAM + G_PROBE) ||
		    probe(t, seq[i].el))
			return -1;
		sel = seq[i].h ? seq[i].el : 0;
		if (seq[i].el && x(t, 1) != sp[sel])
			return whyf(t, "at EL%u%c the guest saw SP %#llx, not SP_EL%u %#llx",
				    seq[i].el, seq[i].h ? 'h' : 't',
				    (unsigned long long)x(t, 1), sel,
				    (unsigned long long)sp[sel]);
		for (el = 0; el < 4; el++) {
			if (api(t, ucs_sp_el_read(t->s, el, &v), "SP_ELx"))
				return -1;
			if (v != sp[el])
				return whyf(t, "SP_EL%u = %#llx after switch %u, not %#llx",
					    el, (unsigned long long)v, i,
					    (unsigned long long)sp[el]);
		}
	}
	return 0;
}

/* (4) MRS/MSR hooks fire before QEMU's access checks (at EL0, where both
 * are UNDEFINED) and returning 1 with PC + 4 skips the instruction. */
static int check_sysreg_hooks(struct t *t)
{
	const struct ucs_sysreg bcr0 = { 2, 0, 0, 0, 5 }, mdscr = { 2, 0, 0, 2, 2 };
	uc_engine *uc = ucs_uc(t->s);
	uint64_t v;
	uc_hook h;

	if (uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_msr, t, 1, 0,
			UC_ARM64_INS_MSR) != UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_mrs, t, 1, 0,
			UC_ARM64_INS_MRS) != UC_ERR_OK)
		return whyf(t, "cannot add MRS/MSR hooks");
	/* DBGBCR0 value with E = 0: a missed skip must not reach QEMU's
	 * breakpoint code with E = 1 (that crashes [ref]). */
	if (api(t, ucs_x_write(t->s, 0, 0x1e4), "X0") ||
	    api(t, ucs_x_write(t->s, 3, 0), "X3") ||
	    setel(t, 0, false, RAM + G_SYSREG) || run(t, G_SYSREG) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_SYSREG + 12))
		return -1;
	if (t->nmsr != 1 || t->msr_pc != RAM + G_SYSREG || t->msr_val != 0x1e4 ||
	    t->msr_xt != UC_ARM64_REG_X0 || memcmp(&t->msr_reg, &bcr0, sizeof(bcr0)))
		return whyf(t, "MSR hook: %d call(s), PC %#llx, value %#llx, S%u_%u_C%u_C%u_%u",
			    t->nmsr, (unsigned long long)t->msr_pc,
			    (unsigned long long)t->msr_val, t->msr_reg.op0,
			    t->msr_reg.op1, t->msr_reg.crn, t->msr_reg.crm,
			    t->msr_reg.op2);
	if (t->nmrs != 1 || t->mrs_pc != RAM + G_SYSREG + 4 ||
	    t->mrs_xt != UC_ARM64_REG_X0 || memcmp(&t->mrs_reg, &mdscr, sizeof(mdscr)))
		return whyf(t, "MRS hook: %d call(s), PC %#llx, S%u_%u_C%u_C%u_%u",
			    t->nmrs, (unsigned long long)t->mrs_pc,
			    t->mrs_reg.op0, t->mrs_reg.op1, t->mrs_reg.crn,
			    t->mrs_reg.crm, t->mrs_reg.op2);
	if (x(t, 0) != 0x5a5a0000c0de0001ULL || x(t, 3) != 1)
		return whyf(t, "after the skips X0 = %#llx, X3 = %#llx",
			    (unsigned long long)x(t, 0), (unsigned long long)x(t, 3));
	if (api(t, ucs_sysreg_read(t->s, bcr0, &v), "DBGBCR0_EL1"))
		return -1;
	if (v != 0)
		return whyf(t, "the swallowed MSR reached QEMU: DBGBCR0_EL1 = %#llx",
			    (unsigned long long)v);
	return 0;
}

/* (5) UC_HOOK_INTR numbers and PCs: SVC 2 (next insn), BRK 7, UDF 1,
 * HLT 1 (the insn); ucs_stop() holds against a PC write. */
static int check_intr(struct t *t)
{
	static const struct {
		unsigned off, pc_off;
		uint32_t intno;
		const char *name;
	} c[] = {
		{ G_SVC, G_SVC + 4, INTNO_SWI, "SVC" },
		{ G_BRK, G_BRK, INTNO_BKPT, "BRK" },
		{ G_UDF, G_UDF, INTNO_UDEF, "UDF" },
		{ G_HLT, G_HLT, INTNO_UDEF, "HLT" },
	};
	unsigned i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (run(t, c[i].off))
			return -1;
		if (expect_intr(t, c[i].intno, RAM + c[i].pc_off))
			return whyf(t, "%s: interrupt %u at %#llx (%d calls), expected %u at %#llx",
				    c[i].name, t->intno,
				    (unsigned long long)t->intr_pc, t->nintr,
				    c[i].intno,
				    (unsigned long long)(RAM + c[i].pc_off));
	}
	/* a PC write in the hook must not cancel ucs_stop() (the UDF after
	 * the BRK would interrupt again) */
	t->intr_skip = true;
	if (run(t, G_BRK))
		return -1;
	if (t->nintr != 1 || pc(t) != RAM + G_BRK + 4)
		return whyf(t, "PC write + ucs_stop(): %d interrupt(s), PC %#llx",
			    t->nintr, (unsigned long long)pc(t));
	return 0;
}

/* (6) A code hook added after its block was translated fires only after
 * ucs_flush() (whole RAM) / ucs_flush_range(). */
static int check_flush(struct t *t)
{
	uc_engine *uc = ucs_uc(t->s);
	uc_hook h1, h2;

	if (run(t, G_CODE))
		return -1;
	if (uc_hook_add(uc, &h1, UC_HOOK_CODE, (void *)on_code, t,
			RAM + G_CODE + 4, RAM + G_CODE + 4) != UC_ERR_OK)
		return whyf(t, "cannot add the code hook");
	if (run(t, G_CODE))
		return -1;
	if (t->ncode != 0)
		return whyf(t, "a hook added after translation fired without a flush");
	if (api(t, ucs_flush(t->s), "ucs_flush") || run(t, G_CODE))
		return -1;
	if (t->ncode != 1)
		return whyf(t, "after ucs_flush() the hook fired %d times", t->ncode);
	if (uc_hook_add(uc, &h2, UC_HOOK_CODE, (void *)on_code, t, RAM + G_CODE,
			RAM + G_CODE) != UC_ERR_OK)
		return whyf(t, "cannot add the code hook");
	t->ncode = 0;
	if (api(t, ucs_flush_range(t->s, RAM + G_CODE, RAM + G_CODE + 4),
		"ucs_flush_range") || run(t, G_CODE))
		return -1;
	if (t->ncode != 2)
		return whyf(t, "after ucs_flush_range() the hooks fired %d times, not 2",
			    t->ncode);
	return 0;
}

/* (7) A memory write hook fires before the store with PC at the store;
 * after ucs_stop() the store has landed and nothing after it ran. */
static int check_memhook(struct t *t)
{
	const uint64_t oldv = 0x1111111111111111ULL, newv = 0x2222222222222222ULL;
	uc_engine *uc = ucs_uc(t->s);
	uint64_t m = 0;
	uc_hook h;

	if (uc_mem_write(uc, DATA, &oldv, 8) != UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_MEM_WRITE, (void *)on_write, t, DATA,
			DATA + 7) != UC_ERR_OK)
		return whyf(t, "cannot set up the memory hook");
	if (api(t, ucs_x_write(t->s, 1, newv), "X1") ||
	    api(t, ucs_x_write(t->s, 2, DATA), "X2") ||
	    api(t, ucs_x_write(t->s, 3, 0), "X3") || run(t, G_STORE))
		return -1;
	if (t->nmem != 1 || t->mem_pc != RAM + G_STORE || t->mem_addr != DATA ||
	    t->mem_size != 8 || (uint64_t)t->mem_val != newv || t->mem_old != oldv)
		return whyf(t, "hook: %d call(s), PC %#llx, addr %#llx, size %d, value %#llx, memory then %#llx",
			    t->nmem, (unsigned long long)t->mem_pc,
			    (unsigned long long)t->mem_addr, t->mem_size,
			    (unsigned long long)t->mem_val,
			    (unsigned long long)t->mem_old);
	uc_mem_read(uc, DATA, &m, 8);
	if (m != newv || pc(t) != RAM + G_STORE || x(t, 3) != 0 || t->nintr)
		return whyf(t, "after the stop: memory %#llx, PC %#llx, X3 %llu, %d interrupt(s)",
			    (unsigned long long)m, (unsigned long long)pc(t),
			    (unsigned long long)x(t, 3), t->nintr);
	return 0;
}

/* (8) A guest ERET restores EL, DAIF, NZCV and SP natively. */
static int check_eret(struct t *t)
{
	/* EL0t, D and I masked, N and V set */
	const uint64_t spsr = 0x90000000ULL | 0x280ULL;

	if (api(t, ucs_elreg_write(t->s, UCS_SPSR, 1, spsr), "SPSR_EL1") ||
	    api(t, ucs_elreg_write(t->s, UCS_ELR, 1, RAM + G_AFTER), "ELR_EL1") ||
	    api(t, ucs_sp_el_write(t->s, 0, STACK(0)), "SP_EL0") ||
	    api(t, ucs_sp_el_write(t->s, 1, STACK(1)), "SP_EL1") ||
	    run(t, G_ERET) || expect_intr(t, INTNO_BKPT, RAM + G_AFTER + 4))
		return -1;
	if (pstate(t) != spsr || ucs_current_el(t->s) != 0 || x(t, 1) != STACK(0))
		return whyf(t, "after ERET: PSTATE %#llx (want %#llx), SP seen %#llx",
			    (unsigned long long)pstate(t),
			    (unsigned long long)spsr, (unsigned long long)x(t, 1));
	return 0;
}

/* (9) Switches made inside INTR, code and MRS hooks; a switch to EL3
 * keeps ELR_EL3/SPSR_EL3; ucs_stop() after a switch in the same hook. */
static int check_in_hook(struct t *t)
{
	const uint64_t elr3 = RAM + 0x4444, spsr3 = 0x600003cdULL;
	uc_engine *uc = ucs_uc(t->s);
	uint64_t v1 = 0, v2 = 0;
	uc_hook h;
	int rc;

	/* INTR: EL0 SVC -> EL1h handler */
	t->svc = SVC_SWITCH;
	t->sw_pstate = ucs_pstate_mode(1, true) | DAIF_ALL;
	t->sw_pc = RAM + G_PROBE;
	if (api(t, ucs_sp_el_write(t->s, 1, STACK(1)), "SP_EL1") ||
	    api(t, ucs_elreg_write(t->s, UCS_ELR, 3, elr3), "ELR_EL3") ||
	    api(t, ucs_elreg_write(t->s, UCS_SPSR, 3, spsr3), "SPSR_EL3") ||
	    setel(t, 0, false, RAM + G_SVC) || run(t, G_SVC) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_PROBE + 8))
		return -1;
	if (x(t, 0) != 0x4 || x(t, 1) != STACK(1) || pstate(t) != t->sw_pstate)
		return whyf(t, "SVC hook switch to EL1h: CurrentEL %#llx, SP %#llx, PSTATE %#llx",
			    (unsigned long long)x(t, 0),
			    (unsigned long long)x(t, 1),
			    (unsigned long long)pstate(t));
	if (api(t, ucs_elreg_read(t->s, UCS_ELR, 3, &v1), "ELR_EL3") ||
	    api(t, ucs_elreg_read(t->s, UCS_SPSR, 3, &v2), "SPSR_EL3"))
		return -1;
	if (v1 != elr3 || v2 != spsr3)
		return whyf(t, "after an in-hook switch ELR_EL3 = %#llx, SPSR_EL3 = %#llx",
			    (unsigned long long)v1, (unsigned long long)v2);

	/* INTR: EL0 SVC -> EL3h: the handler reads ELR_EL3/SPSR_EL3 */
	t->svc = SVC_SWITCH;
	t->sw_pstate = ucs_pstate_mode(3, true) | DAIF_ALL;
	t->sw_pc = RAM + G_EL3;
	if (setel(t, 0, false, RAM + G_SVC) || run(t, G_SVC) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_EL3 + 12))
		return -1;
	if (x(t, 0) != 0xc || x(t, 2) != elr3 || x(t, 3) != spsr3)
		return whyf(t, "SVC hook switch to EL3h: CurrentEL %#llx, ELR_EL3 %#llx, SPSR_EL3 %#llx",
			    (unsigned long long)x(t, 0),
			    (unsigned long long)x(t, 2),
			    (unsigned long long)x(t, 3));

	/* INTR: switch and stop in the same hook */
	t->svc = SVC_SWITCH_STOP;
	t->sw_pstate = ucs_pstate_mode(1, true) | DAIF_ALL;
	t->sw_pc = RAM + G_PROBE;
	if (api(t, ucs_x_write(t->s, 0, 0x77), "X0") ||
	    setel(t, 0, false, RAM + G_SVC) || run(t, G_SVC))
		return -1;
	if (t->nintr || pc(t) != RAM + G_PROBE || x(t, 0) != 0x77 ||
	    pstate(t) != t->sw_pstate)
		return whyf(t, "switch + stop in a hook: %d interrupt(s), PC %#llx, X0 %#llx, PSTATE %#llx",
			    t->nintr, (unsigned long long)pc(t),
			    (unsigned long long)x(t, 0),
			    (unsigned long long)pstate(t));

	/* code hook: EL1 -> EL2h */
	if (uc_hook_add(uc, &h, UC_HOOK_CODE, (void *)on_code, t, RAM + G_CODE,
			RAM + G_CODE) != UC_ERR_OK)
		return whyf(t, "cannot add the code hook");
	t->code_switch = true;
	if (setel(t, 1, true, RAM + G_CODE) || run(t, G_CODE) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_PROBE + 8))
		return -1;
	if (x(t, 0) != 0x8)
		return whyf(t, "code hook switch to EL2h: CurrentEL %#llx",
			    (unsigned long long)x(t, 0));

	/* MRS hook on an access QEMU UNDEFs itself (EL0): EL0 -> EL1h */
	if (uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_msr, t, 1, 0,
			UC_ARM64_INS_MSR) != UC_ERR_OK ||
	    uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)on_mrs, t, 1, 0,
			UC_ARM64_INS_MRS) != UC_ERR_OK)
		return whyf(t, "cannot add MRS/MSR hooks");
	t->mrs_switch = true;
	t->mrs_sw_pstate = ucs_pstate_mode(1, true) | DAIF_ALL;
	if (api(t, ucs_flush(t->s), "ucs_flush") ||
	    setel(t, 0, false, RAM + G_SYSREG) || run(t, G_SYSREG) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_PROBE + 8))
		return -1;
	if (x(t, 0) != 0x4)
		return whyf(t, "MRS hook switch to EL1h: CurrentEL %#llx",
			    (unsigned long long)x(t, 0));

	/* on an access QEMU allows (EL1) Unicorn runs the rest of the block
	 * instead: ucs_run() must say so and leave a consistent EL1 */
	t->mrs_switch = true;
	t->mrs_sw_pstate = ucs_pstate_mode(0, false);
	if (setel(t, 1, true, RAM + G_SYSREG) ||
	    api(t, ucs_x_write(t->s, 3, 0), "X3"))
		return -1;
	t->nintr = 0;
	rc = ucs_run(t->s, RAM + G_SYSREG, 0);
	if (rc != UCS_EVERIFY || ucs_current_el(t->s) != 1 || x(t, 3) != 1)
		return whyf(t, "MRS hook switch on an allowed access: ucs_run() = %d, EL %d, X3 %llu",
			    rc, ucs_current_el(t->s),
			    (unsigned long long)x(t, 3));
	return 0;
}

/* (10) A host system-register write does not rebuild the translation
 * flags; ucs_run() refreshes them (SCTLR_EL1.EE: data endianness). */
static int check_refresh(struct t *t)
{
	const struct ucs_sysreg sctlr = { 3, 0, 1, 0, 0 };
	const uint64_t le = 0x0102030405060708ULL, be = 0x0807060504030201ULL;
	uc_engine *uc = ucs_uc(t->s);
	uint64_t v;

	if (uc_mem_write(uc, DATA, &le, 8) != UC_ERR_OK ||
	    api(t, ucs_x_write(t->s, 2, DATA), "X2") || run(t, G_LOAD))
		return -1;
	if (x(t, 3) != le)
		return whyf(t, "little-endian load gave %#llx",
			    (unsigned long long)x(t, 3));
	if (api(t, ucs_sysreg_read(t->s, sctlr, &v), "SCTLR_EL1") ||
	    api(t, ucs_sysreg_write(t->s, sctlr, v | (1ULL << 25)), "SCTLR_EL1"))
		return -1;
	/* bypass ucs_run() to see Unicorn's own behaviour */
	if (uc_emu_start(uc, RAM + G_LOAD, NEVER, 0, 0) != UC_ERR_OK)
		return whyf(t, "raw run failed");
	if (x(t, 3) != le)
		return whyf(t, "host SCTLR_EL1.EE write took effect without a refresh");
	if (run(t, G_LOAD))
		return -1;
	if (x(t, 3) != be)
		return whyf(t, "after the refresh SCTLR_EL1.EE = 1 loads gave %#llx",
			    (unsigned long long)x(t, 3));
	return 0;
}

/* (11) Counted runs are exact, also after uncounted runs translated the
 * code without Unicorn's counting hook. */
static int check_count(struct t *t)
{
	if (api(t, ucs_x_write(t->s, 2, 0), "X2") || run(t, G_COUNT))
		return -1;
	if (x(t, 2) != 6)
		return whyf(t, "uncounted run: X2 = %llu", (unsigned long long)x(t, 2));
	if (api(t, ucs_x_write(t->s, 2, 0), "X2") ||
	    api(t, ucs_run(t->s, RAM + G_COUNT, 3), "ucs_run(count 3)"))
		return -1;
	if (x(t, 2) != 3 || pc(t) != RAM + G_COUNT + 12)
		return whyf(t, "count 3: X2 = %llu, PC %#llx",
			    (unsigned long long)x(t, 2), (unsigned long long)pc(t));
	/* a counted outside switch, then one more instruction */
	if (setel(t, 1, true, RAM + G_COUNT) ||
	    api(t, ucs_run(t->s, RAM + G_COUNT, 1), "ucs_run(count 1)"))
		return -1;
	if (x(t, 2) != 4 || pc(t) != RAM + G_COUNT + 4)
		return whyf(t, "count 1 after a switch: X2 = %llu, PC %#llx",
			    (unsigned long long)x(t, 2), (unsigned long long)pc(t));
	/* the longest trampoline path: TLB flush entry and EL3 landing */
	if (setel(t, 3, true, RAM + G_COUNT + 4) ||
	    api(t, ucs_refresh(t->s, RAM + G_COUNT + 4), "ucs_refresh") ||
	    api(t, ucs_run(t->s, RAM + G_COUNT + 4, 2), "ucs_run(count 2)"))
		return -1;
	if (x(t, 2) != 6 || pc(t) != RAM + G_COUNT + 12 || ucs_current_el(t->s) != 3)
		return whyf(t, "count 2 after a switch to EL3: X2 = %llu, PC %#llx, EL %d",
			    (unsigned long long)x(t, 2), (unsigned long long)pc(t),
			    ucs_current_el(t->s));
	return 0;
}

/* (12) ucs_trap_sysreg(): every debug-register MRS/MSR the model owns
 * traps at the instruction at EL0, EL1 and EL2. */
static int check_trap(struct t *t)
{
	static const struct ucs_sysreg more[] = {
		{ 2, 0, 1, 0, 0 },  /* MDRAR_EL1 */
		{ 2, 0, 1, 0, 4 },  /* OSLAR_EL1 */
		{ 2, 0, 1, 1, 4 },  /* OSLSR_EL1 */
		{ 2, 0, 1, 3, 4 },  /* OSDLR_EL1 */
		{ 2, 0, 1, 4, 4 },  /* DBGPRCR_EL1 */
		{ 2, 0, 7, 8, 6 },  /* DBGCLAIMSET_EL1 */
		{ 2, 0, 7, 9, 6 },  /* DBGCLAIMCLR_EL1 */
		{ 2, 0, 7, 14, 6 }, /* DBGAUTHSTATUS_EL1 */
		{ 2, 3, 0, 1, 0 },  /* MDCCSR_EL0 */
		{ 2, 3, 0, 4, 0 },  /* DBGDTR_EL0 */
		{ 2, 3, 0, 5, 0 },  /* DBGDTRRX_EL0 / DBGDTRTX_EL0 */
		{ 2, 4, 0, 7, 0 },  /* DBGVCR32_EL2 */
	};
	const unsigned nenc = 128 + sizeof(more) / sizeof(more[0]);
	const uint64_t base = RAM + 0x2000;
	const struct ucs_sysreg mdcr3 = { 3, 6, 1, 3, 1 };
	struct ucs_sysreg r;
	unsigned i, el, rd;
	uint64_t at, v;
	uc_hook h;

	/* [insn; add x3, x3, #1; brk #1] for each encoding, MSR then MRS;
	 * op1 = 0, CRn = 0 covers DBGB/W*, MDSCR, MDCCINT, OSDTR*, OSECCR */
	for (i = 0; i < 2 * nenc; i++) {
		uint32_t w[3] = { 0, W_ADDX3, W_BRK1 };

		r = i % nenc < 128 ? ucs_sysreg(2, 0, 0, (i % nenc) >> 3, i & 7) :
				     more[i % nenc - 128];
		w[0] = 0xd5100000u | (uint32_t)(i >= nenc) << 21 |
		       (uint32_t)r.op1 << 16 | (uint32_t)r.crn << 12 |
		       (uint32_t)r.crm << 8 | (uint32_t)r.op2 << 5;
		if (uc_mem_write(ucs_uc(t->s), base + 16 * i, w, sizeof(w)) !=
		    UC_ERR_OK)
			return whyf(t, "cannot load the guest");
	}
	if (uc_hook_add(ucs_uc(t->s), &h, UC_HOOK_INSN, (void *)on_msr, t, 1, 0,
			UC_ARM64_INS_MSR) != UC_ERR_OK ||
	    uc_hook_add(ucs_uc(t->s), &h, UC_HOOK_INSN, (void *)on_mrs, t, 1, 0,
			UC_ARM64_INS_MRS) != UC_ERR_OK)
		return whyf(t, "cannot add MRS/MSR hooks");
	t->force_trap = true;
	for (el = 0; el < 3; el++) {
		for (i = 0; i < 2 * nenc; i++) {
			at = base + 16 * i;
			rd = i >= nenc;
			t->ntrap = 0;
			if (api(t, ucs_x_write(t->s, 0, 0), "X0") ||
			    api(t, ucs_x_write(t->s, 3, 0), "X3") ||
			    setel(t, el, el != 0, at) || run(t, (unsigned)(at - RAM)))
				return -1;
			if (t->ntrap != 1 || t->trap_pc != at || t->nintr ||
			    x(t, 3) != 0)
				return whyf(t, "%s of op0=2 encoding %u at EL%u: %d trap(s) "
					    "at %#llx, %d other interrupt(s), X3 %llu",
					    rd ? "MRS" : "MSR", i % nenc, el,
					    t->ntrap, (unsigned long long)t->trap_pc,
					    t->nintr, (unsigned long long)x(t, 3));
		}
	}
	if (api(t, ucs_sysreg_read(t->s, mdcr3, &v), "MDCR_EL3"))
		return -1;
	if (v != 0)
		return whyf(t, "MDCR_EL3 = %#llx after the traps", (unsigned long long)v);
	return 0;
}

/* Run @off at EL@el: a page trap at @at (addr @addr, @write), nothing else. */
static int expect_page_trap(struct t *t, unsigned el, unsigned off,
			    uint64_t at, uint64_t addr, bool write)
{
	t->npage = 0;
	if (setel(t, el, el != 0, RAM + off) || run(t, off))
		return -1;
	if (t->npage != 1 || t->page_pc != at || t->page_addr != addr ||
	    t->page_write != write || t->nintr || pc(t) != at)
		return whyf(t, "EL%u: %d page trap(s) at %#llx (addr %#llx, %s), %d other interrupt(s), PC then %#llx; "
			    "want one at %#llx (addr %#llx, %s)",
			    el, t->npage, (unsigned long long)t->page_pc,
			    (unsigned long long)t->page_addr,
			    t->page_write ? "store" : "load", t->nintr,
			    (unsigned long long)pc(t), (unsigned long long)at,
			    (unsigned long long)addr, write ? "store" : "load");
	return 0;
}

/*
 * (13) Page traps (stage 2): a load or store to a trapped page traps at
 * the instruction before anything of it happens (no register written, no
 * byte stored, also for a store that crosses into the page from below);
 * UCS_TRAP_STORES lets loads pass; code on a trapped page runs; a change
 * made outside a run or inside a hook applies to the next access (QEMU's
 * TLB is flushed); with no page trapped nothing traps.
 */
static int check_page_traps(struct t *t)
{
	const uint64_t oldv = 0x1111111111111111ULL, newv = 0x2222222222222222ULL;
	struct ucs_trap_page all = { TRAP_PAGE, UCS_TRAP_ALL };
	struct ucs_trap_page st = { TRAP_PAGE, UCS_TRAP_STORES };
	struct ucs_trap_page code = { RAM, UCS_TRAP_ALL };
	struct ucs_trap_page other = { TRAP_PAGE + 0x1000, UCS_TRAP_ALL };
	uc_engine *uc = ucs_uc(t->s);
	uint64_t m[2] = { oldv, oldv }, v[2];

	if (uc_mem_write(uc, TRAP_PAGE - 8, m, sizeof(m)) != UC_ERR_OK ||
	    api(t, ucs_x_write(t->s, 1, newv), "X1") ||
	    api(t, ucs_x_write(t->s, 2, TRAP_PAGE), "X2") ||
	    api(t, ucs_x_write(t->s, 3, 0x77), "X3") ||
	    api(t, ucs_x_write(t->s, 4, 0x88), "X4"))
		return -1;
	/* loads and stores, EL1 and EL0 */
	if (api(t, ucs_trap_pages(t->s, &all, 1, on_page, t), "ucs_trap_pages") ||
	    expect_page_trap(t, 1, G_LOAD, RAM + G_LOAD, TRAP_PAGE, false) ||
	    expect_page_trap(t, 0, G_LOAD, RAM + G_LOAD, TRAP_PAGE, false) ||
	    expect_page_trap(t, 1, G_STORE, RAM + G_STORE, TRAP_PAGE, true))
		return -1;
	uc_mem_read(uc, TRAP_PAGE - 8, v, sizeof(v));
	if (x(t, 3) != 0x77 || v[1] != oldv)
		return whyf(t, "after trapped accesses X3 = %#llx, memory %#llx",
			    (unsigned long long)x(t, 3), (unsigned long long)v[1]);
	/* an 8-byte store from 4 bytes below the page stores nothing */
	if (api(t, ucs_x_write(t->s, 2, TRAP_PAGE - 4), "X2") ||
	    expect_page_trap(t, 1, G_STORE, RAM + G_STORE, TRAP_PAGE, true))
		return -1;
	uc_mem_read(uc, TRAP_PAGE - 8, v, sizeof(v));
	if (v[0] != oldv || v[1] != oldv)
		return whyf(t, "a store crossing into a trapped page left %#llx %#llx",
			    (unsigned long long)v[0], (unsigned long long)v[1]);
	/* stores only: a load passes */
	if (api(t, ucs_x_write(t->s, 2, TRAP_PAGE), "X2") ||
	    api(t, ucs_trap_pages(t->s, &st, 1, on_page, t), "ucs_trap_pages") ||
	    expect_page_trap(t, 1, G_STORE, RAM + G_STORE, TRAP_PAGE, true))
		return -1;
	t->npage = 0;
	if (setel(t, 1, true, RAM + G_LOAD) || run(t, G_LOAD) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_LOAD + 4))
		return -1;
	if (t->npage || x(t, 3) != oldv)
		return whyf(t, "load from a stores-only page: %d trap(s), X3 %#llx",
			    t->npage, (unsigned long long)x(t, 3));
	/*
	 * Another page only; then this one from inside a hook, after the
	 * access before has put it in QEMU's TLB (stage 2 stays on: nothing
	 * but ucs_trap_pages() flushes the TLB then)
	 */
	if (api(t, ucs_trap_pages(t->s, &other, 1, on_page, t), "ucs_trap_pages"))
		return -1;
	t->trap_at_brk = true;
	if (expect_page_trap(t, 1, G_LOAD2, RAM + G_LOAD2 + 8, TRAP_PAGE, false))
		return -1;
	if (x(t, 4) != 0x88)
		return whyf(t, "trapped load after an in-hook change wrote X4 = %#llx",
			    (unsigned long long)x(t, 4));
	/* code on a trapped page runs */
	t->npage = 0;
	if (api(t, ucs_x_write(t->s, 2, 0), "X2") ||
	    api(t, ucs_trap_pages(t->s, &code, 1, on_page, t), "ucs_trap_pages") ||
	    setel(t, 1, true, RAM + G_CODE) || run(t, G_CODE) ||
	    expect_intr(t, INTNO_BKPT, RAM + G_CODE + 8))
		return -1;
	if (t->npage || x(t, 2) != 1)
		return whyf(t, "code on a trapped page: %d trap(s), X2 %llu",
			    t->npage, (unsigned long long)x(t, 2));
	return api(t, ucs_trap_pages(t->s, NULL, 0, NULL, NULL), "ucs_trap_pages(off)");
}

/* (14) The direct switches (ucs_set_el_now()) pass (2), (3) and (9):
 * outside a run and from code and interrupt hooks, to every EL (EL3
 * through the trampoline). */
static int check_direct(struct t *t)
{
	unsigned long before = ucs_direct_switches(t->s);

	t->now = true;
	if (set_el_matrix(t))
		return -1;
	/* where the library allows them, they were really made */
	if (before && ucs_direct_switches(t->s) < before + 8)
		return whyf(t, "only %lu of the switches were direct",
			    ucs_direct_switches(t->s) - before);
	ucs_close(t->s);
	if (topen(t, true) || check_sp(t))
		return -1;
	ucs_close(t->s);
	if (topen(t, true))
		return -1;
	return check_in_hook(t);
}

static const struct {
	const char *name;
	bool ns;
	int (*fn)(struct t *t);
} checks[] = {
	{ "SCR_EL3.RW and ERET legality", false, check_scr_rw },
	{ "ucs_set_el to EL0..EL3", true, check_set_el },
	{ "SP banking", true, check_sp },
	{ "MRS/MSR hooks", false, check_sysreg_hooks },
	{ "UC_HOOK_INTR numbers", false, check_intr },
	{ "ucs_flush after hook changes", false, check_flush },
	{ "memory write hook and stop", false, check_memhook },
	{ "native ERET", false, check_eret },
	{ "switches inside hooks", true, check_in_hook },
	{ "translation-flag refresh", false, check_refresh },
	{ "counted runs", false, check_count },
	{ "forced debug-register traps", true, check_trap },
	{ "page traps", true, check_page_traps },
	{ "direct switches (ucs_set_el_now)", true, check_direct },
};

int ucs_selftest(char *err, size_t errlen)
{
	char why[400], ver[48];
	struct t t;
	unsigned i;
	int rc;

	ucs_version(ver, sizeof(ver));
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		memset(&t, 0, sizeof(t));
		t.cpu = UCS_CPU_A57;
		why[0] = '\0';
		t.why = why;
		t.whylen = sizeof(why);
		rc = topen(&t, checks[i].ns);
		if (!rc)
			rc = checks[i].fn(&t);
		ucs_close(t.s);
		if (rc) {
			snprintf(err, errlen, "ucshim self-test: %s: check %u (%s): %s",
				 ver, i + 1, checks[i].name, why);
			return -1;
		}
	}
	return (int)i;
}
