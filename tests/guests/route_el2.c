// SPDX-License-Identifier: MIT
/*
 * tests/guests/route_el2.c - MDCR_EL2.TDE = 1 routes debug exceptions of
 * EL0/EL1 to EL2 (armdbg run --el2; the debugger's registers are written
 * at EL2, since TDE also traps EL1's accesses):
 *
 *  - an EL1 breakpoint is taken to EL2 even with KDE = 0 and PSTATE.D = 1
 *    (the target EL is higher): ESR_EL2 EC 0x30, ELR_EL2 = the address,
 *    SPSR_EL2 = the EL1 state, vector VBAR_EL2 + 0x400;
 *  - an EL0 breakpoint is taken to EL2;
 *  - BRK at EL1 and at EL0 is taken to EL2 (EC 0x3c);
 *  - an EL1 store watchpoint is taken to EL2 with FAR_EL2; ELR_EL1 and
 *    FAR_EL1 keep their values (the exception is the target EL's).
 *
 * Software step with the debugger at EL2 (MDSCR_EL1.SS = 1, KDE = 0; EL2
 * ERETs to the stepped code with SPSR_EL2.SS = 1: stepping is inactive at
 * EL2 with D = 1, active at the destination, so PSTATE.SS = 1):
 *
 *  - EL0 code, TDE = 1: a step exception to EL2 after each instruction,
 *    EC 0x32 (lower EL), ISV = 1, EX = 0, ELR = the next instruction (a
 *    branch's target), SPSR_EL2 = EL0t with SS = 0, vector 0x400; each
 *    instruction executed once (the result);
 *  - EL1 code, TDE = 1, KDE = 0, PSTATE.D = 1: the same, EL1 being lower
 *    than the debug target EL2 (KDE and D only gate the target EL itself);
 *  - a stepped SVC from EL0, TDE = 1: the SVC completes (SPSR_EL1.SS = 0)
 *    and its exception goes to EL1, where stepping is active: the step
 *    exception is taken to EL2 before the first instruction of the EL1
 *    vector (ELR = VBAR_EL1 + 0x400, SPSR = EL1h, DAIF = 1111); EC only,
 *    ISV is what SoftwareStep_DidNotStep() leaves open;
 *  - EL0 code, HCR_EL2.TGE = 1 (TDE = 0): step exceptions to EL2, and the
 *    final SVC is taken to EL2 too;
 *  - EL2 code, TDE = 1: the debug target EL itself, stepped only with
 *    KDE = 1 and PSTATE.D = 0 (EC 0x33, vector 0x200); with KDE = 0, or
 *    with D = 1, the ERET leaves PSTATE.SS = 0 and nothing is stepped.
 *
 * Expected values: digest sections 4.2, 5, 6.1, 6.2 (Arm ARM D2.3
 * AArch64.GenerateDebugExceptionsFrom, D2.12 software step).
 */
#include "guest.h"

extern char p_el1[], p_el0[], p_el1_brk[], p_el0_brk[], p_el1_wp[], buf[];
extern char p_launch[], p_seq[], p_svc[], p_el2[];

#define EL1H_D1 (PSR_DAIF | PSR_MODE_EL1h)                /* 0x3c5 */
#define EL2H_D0 (PSR_A | PSR_I | PSR_F | PSR_MODE_EL2h)   /* 0x1c9 */
#define EL2H_D1 (PSR_DAIF | PSR_MODE_EL2h)                /* 0x3c9 */
#define HCR_TGE (1ull << 27)
#define ESR_SS_LOWER 0xcb000022ull  /* EC 0x32, IL, ISV, EX = 0, IFSC 0x22 */
#define ESR_SS_CUR   0xcf000022ull  /* EC 0x33, IL, ISV, EX = 0, IFSC 0x22 */
#define HVC_STEP 0x10   /* p_launch: ERET to the stepped code */
#define HVC_BACK 0x11   /* p_el2: back to p_launch */
#define SVC_EL1  0x21   /* p_svc's SVC to EL1 */
#define EC_ONLY  1      /* check ESR.EC only */

static struct frame fr;
static unsigned nlog;
static uint64_t el1_elr, el1_far;

/* Software step: the events, and what HVC_STEP ERETs to. */
struct ev {
	uint64_t el, vec, esr, elr, spsr;
};

static struct ev evs[8];
static unsigned nev;
static bool stepping;
static uint64_t step_pc, step_spsr, step_mdscr, step_hcr;
static uint64_t stop_pc;        /* stop stepping at this step exception */
static uint64_t back_elr, back_spsr;    /* p_launch's HVC_STEP return */

static void log_ev(const struct frame *f)
{
	if (nev < 8)
		evs[nev] = (struct ev){ f->el, f->vec, f->esr, f->elr, f->spsr };
	nev++;
}

/* Back to p_launch's `svc #0xffff` at EL1, x0 as the code left it. */
static void back_to_el1(struct frame *f)
{
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) & ~HCR_TGE);
	set_mdscr(0);
	f->elr = back_elr;
	f->spsr = back_spsr;
}

static bool step_handler(struct frame *f)
{
	unsigned ec = frame_ec(f);
	unsigned imm = (unsigned)f->esr & 0xffff;

	if (f->el == 2 && ec == EC_HVC64 && imm == HVC_STEP) {
		back_elr = f->elr;
		back_spsr = f->spsr;
		write_sysreg(hcr_el2, read_sysreg(hcr_el2) | step_hcr);
		set_mdscr(step_mdscr);
		f->elr = step_pc;
		f->spsr = step_spsr;
		return true;
	}
	if (f->el == 2 && ec == EC_HVC64 && imm == HVC_BACK) {
		back_to_el1(f);
		return true;
	}
	if (f->el == 2 && (ec == EC_SS_LOWER || ec == EC_SS_CUR)) {
		log_ev(f);
		if (f->elr == stop_pc || nev >= 8) {
			set_mdscr(0);
			f->spsr &= ~PSR_SS;
		} else {
			f->spsr |= PSR_SS;
		}
		return true;
	}
	if (f->el == 1 && ec == EC_SVC64 && imm == SVC_EL1) {
		log_ev(f);
		return true;
	}
	if (f->el == 2 && ec == EC_SVC64 && imm == SVC_RETURN) {
		log_ev(f);      /* EL0 with TGE = 1 */
		back_to_el1(f);
		return true;
	}
	return false;
}

static bool handler(struct frame *f)
{
	unsigned ec = frame_ec(f);

	if (stepping)
		return step_handler(f);
	if (f->el != 2 || (ec != EC_BP_LOWER && ec != EC_WP_LOWER &&
			   ec != EC_BRK64))
		return false;
	if (!nlog++) {
		fr = *f;
		el1_elr = read_sysreg(elr_el1);
		el1_far = read_sysreg(far_el1);
	}
	if (ec == EC_BRK64)
		f->elr += 4;
	clear_bp(0);    /* EL2 is not trapped by MDCR_EL2 */
	clear_wp(0);
	return true;
}

/* The EL2 debugger's part, called by HVC. */
static uint64_t bvr, bcr, wvr, wcr;

static uint64_t el2_arm(uint64_t tde)
{
	uint64_t v = read_sysreg(mdcr_el2) & ~(MDCR_TDE | MDCR_TDA);

	write_sysreg(mdcr_el2, v | (tde ? MDCR_TDE : 0));
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) & ~HCR_TGE);
	write_sysreg(mdscr_el1, tde ? MDSCR_MDE : 0);
	isb();
	if (bcr)
		set_bp(0, bvr, bcr);
	if (wcr)
		set_wp(0, wvr, wcr);
	return 0;
}

static void run(const char *title, void *code, uint64_t spsr)
{
	section(title);
	nlog = 0;
	memset(&fr, 0, sizeof(fr));
	hvc_call(el2_arm, 1);
	run_at((uint64_t)code, spsr, (uint64_t)stack_el0_top);
	bcr = wcr = 0;
	hvc_call(el2_arm, 0);
}

/*
 * Step @code at PSTATE @spsr (its SS bit included) from EL2 with
 * MDSCR_EL1 = @mdscr, MDCR_EL2.TDE = @tde and HCR_EL2 |= @hcr; stepping
 * stops at the step exception whose ELR is @stop.  Returns the code's x0.
 */
static uint64_t step(const char *title, void *code, uint64_t spsr,
		     uint64_t mdscr, uint64_t tde, uint64_t hcr, uint64_t stop)
{
	uint64_t r;

	section(title);
	nev = 0;
	memset(evs, 0, sizeof(evs));
	step_pc = (uint64_t)code;
	step_spsr = spsr;
	step_mdscr = mdscr;
	step_hcr = hcr;
	stop_pc = stop;
	hvc_call(el2_arm, tde);
	stepping = true;
	r = run_at((uint64_t)p_launch, EL1H_D1, (uint64_t)stack_el0_top);
	stepping = false;
	hvc_call(el2_arm, 0);
	return r;
}

static void expect_ev(unsigned i, uint64_t el, uint64_t vec, uint64_t esr,
		      uint64_t elr, uint64_t spsr, int how)
{
	gprintf("-- exception %u\n", i);
	expect("el", evs[i].el, el);
	expect("vector", evs[i].vec, vec);
	if (how == EC_ONLY)
		expect("esr.ec", evs[i].esr >> 26, esr >> 26);
	else
		expect("esr", evs[i].esr, esr);
	expect("elr", evs[i].elr, elr);
	expect("spsr", evs[i].spsr & ~PSR_NZCV, spsr);
}

/* An EL0/EL1 p_seq step exception to EL2: ISV = 1, EX = 0 (not LDXR). */
static void expect_seq(unsigned i, uint64_t elr, uint64_t spsr)
{
	expect_ev(i, 2, VEC_LOWER64, ESR_SS_LOWER, elr, spsr, 0);
}

/*
 * The five step exceptions of p_seq (mov, add, b, add, mov): ELR is the
 * next instruction each time, the branch target after the b.
 */
static void expect_seq_steps(uint64_t spsr)
{
	static const uint64_t elr[5] = { 0x400821c4, 0x400821c8, 0x400821d0,
					 0x400821d4, 0x400821d8 };

	for (unsigned i = 0; i < 5; i++)
		expect_seq(i, elr[i], spsr);
}

int main(void)
{
	uint64_t r;

	exc_handler = handler;
	debug_reset();
	expect("CurrentEL", current_el(), 1);

	bvr = 0x40082004;
	bcr = BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL1);
	run("EL1 breakpoint, TDE=1, KDE=0, D=1", p_el1, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xc2000022, 0x40082004, EL1H_D1);
	expect("x1 at exception", fr.x[1], 0x20);

	bvr = 0x40082044;
	bcr = BCR_E | BCR_BAS_A64 | BCR_PMC(PRIV_EL0);
	run("EL0 breakpoint, TDE=1", p_el0, PSR_MODE_EL0t);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xc2000022, 0x40082044, PSR_MODE_EL0t);

	run("EL1 BRK, TDE=1", p_el1_brk, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xf2000042, 0x40082080, EL1H_D1);

	run("EL0 BRK, TDE=1", p_el0_brk, PSR_MODE_EL0t);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xf2000043, 0x400820c0, PSR_MODE_EL0t);

	write_sysreg(far_el1, 0x1234);
	wvr = (uint64_t)buf;
	wcr = WCR_E | WCR_BAS(0x01) | WCR_LSC(LSC_STORE) | WCR_PAC(PRIV_EL1);
	run("EL1 watchpoint, TDE=1", p_el1_wp, EL1H_D1);
	expect("exceptions at EL2", nlog, 1);
	expect_frame(&fr, VEC_LOWER64, 0xd2000062, 0x40082108, EL1H_D1);
	expect("far_el2", fr.far, 0x400a0000);
	expect("elr_el1 at the EL2 exception", el1_elr, 0x40082100);
	expect("far_el1 at the EL2 exception", el1_far, 0x1234);
	expect("stored", *(volatile uint64_t *)buf, 0x42);

	r = step("EL0 step, TDE=1", p_seq, PSR_MODE_EL0t | PSR_SS, MDSCR_SS,
		 1, 0, 0x400821d8);
	expect("exceptions", nev, 5);
	expect_seq_steps(PSR_MODE_EL0t);
	expect("result", r, 6);

	r = step("EL1 step, TDE=1, KDE=0, D=1", p_seq, EL1H_D1 | PSR_SS,
		 MDSCR_SS, 1, 0, 0x400821d8);
	expect("exceptions", nev, 5);
	expect_seq_steps(EL1H_D1);
	expect("result", r, 6);

	r = step("EL0 stepped SVC to EL1, TDE=1", p_svc,
		 PSR_MODE_EL0t | PSR_SS, MDSCR_SS, 1, 0,
		 VECTORS_EL1 + VEC_LOWER64);
	expect("exceptions", nev, 3);
	expect_seq(0, 0x40082204, PSR_MODE_EL0t);
	expect_ev(1, 2, VEC_LOWER64, ESR_SS_LOWER, VECTORS_EL1 + VEC_LOWER64,
		  EL1H_D1, EC_ONLY);
	expect_ev(2, 1, VEC_LOWER64, 0x56000021, 0x40082208, PSR_MODE_EL0t, 0);
	expect("result", r, 2);

	r = step("EL0 step, TGE=1, TDE=0", p_seq, PSR_MODE_EL0t | PSR_SS,
		 MDSCR_SS, 0, HCR_TGE, 0x400821d8);
	expect("exceptions", nev, 6);
	expect_seq_steps(PSR_MODE_EL0t);
	expect_ev(5, 2, VEC_LOWER64, 0x5600ffff, 0x400821dc, PSR_MODE_EL0t, 0);
	expect("result", r, 6);

	r = step("EL2 step, TDE=1, KDE=0, D=0: disabled", p_el2,
		 EL2H_D0 | PSR_SS, MDSCR_SS, 1, 0, 0x40082250);
	expect("exceptions", nev, 0);
	expect("result", r, 6);

	r = step("EL2 step, TDE=1, KDE=1, D=1: masked", p_el2,
		 EL2H_D1 | PSR_SS, MDSCR_SS | MDSCR_KDE, 1, 0, 0x40082250);
	expect("exceptions", nev, 0);
	expect("result", r, 6);

	r = step("EL2 step, TDE=1, KDE=1, D=0", p_el2, EL2H_D0 | PSR_SS,
		 MDSCR_SS | MDSCR_KDE, 1, 0, 0x40082250);
	expect("exceptions", nev, 4);
	expect_ev(0, 2, VEC_CUR_SPX, ESR_SS_CUR, 0x40082244, EL2H_D0, 0);
	expect_ev(1, 2, VEC_CUR_SPX, ESR_SS_CUR, 0x40082248, EL2H_D0, 0);
	expect_ev(2, 2, VEC_CUR_SPX, ESR_SS_CUR, 0x4008224c, EL2H_D0, 0);
	expect_ev(3, 2, VEC_CUR_SPX, ESR_SS_CUR, 0x40082250, EL2H_D0, 0);
	expect("result", r, 6);

	done();
}
