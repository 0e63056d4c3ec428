// SPDX-License-Identifier: MIT
/*
 * model/syndrome.c - ESR_ELx values and the ISS field tables used to decode
 * them (section 5 of the digest; S94 AArch64.ExceptionClass and the
 * exception functions named below).
 */
#include "syndrome.h"

static uint64_t esr(unsigned ec, uint64_t iss)
{
	/* Debug exceptions and A64 traps all report IL=1 (32-bit instruction). */
	return ((uint64_t)ec << 26) | AD_ESR_IL | (iss & 0x1ffffff);
}

/* AArch64.BreakpointException */
uint64_t ad_esr_breakpoint(bool same_el)
{
	return esr(same_el ? AD_EC_BREAKPT_CUR : AD_EC_BREAKPT_LOWER, AD_FSC_DEBUG);
}

/* AArch64.WatchpointException (AArch64.FaultSyndrome: WnR bit 6, CM bit 8) */
uint64_t ad_esr_watchpoint(bool same_el, bool wnr, bool cm)
{
	uint64_t iss = AD_FSC_DEBUG | ((uint64_t)wnr << 6) | ((uint64_t)cm << 8);

	return esr(same_el ? AD_EC_WATCHPT_CUR : AD_EC_WATCHPT_LOWER, iss);
}

/* AArch64.SoftwareStepException: ISV bit 24, EX bit 6 (valid only with ISV) */
uint64_t ad_esr_step(bool same_el, bool isv, bool ex)
{
	uint64_t iss = AD_FSC_DEBUG;

	if (isv)
		iss |= (1ull << 24) | ((uint64_t)ex << 6);
	return esr(same_el ? AD_EC_SOFTSTP_CUR : AD_EC_SOFTSTP_LOWER, iss);
}

/* AArch64.SoftwareBreakpoint: EC 0x3C whatever the EL, ISS = imm16 */
uint64_t ad_esr_brk(uint16_t imm16)
{
	return esr(AD_EC_BRK64, imm16);
}

/* AArch64.Undefined: EC 0x00, IL=1 */
uint64_t ad_esr_undefined(void)
{
	return esr(AD_EC_UNKNOWN, 0);
}

/* AArch64.SystemAccessTrapSyndrome: EC 0x18 */
uint64_t ad_esr_sysreg_trap(unsigned op0, unsigned op1, unsigned crn,
			    unsigned crm, unsigned op2, unsigned rt,
			    bool is_read)
{
	uint64_t iss = ((uint64_t)(op0 & 3) << 20) | ((uint64_t)(op2 & 7) << 17) |
		       ((uint64_t)(op1 & 7) << 14) | ((uint64_t)(crn & 15) << 10) |
		       ((uint64_t)(rt & 31) << 5) | ((uint64_t)(crm & 15) << 1) |
		       (uint64_t)is_read;

	return esr(AD_EC_SYSREG, iss);
}

static const struct {
	unsigned ec;
	const char *name;
} ec_names[] = {
	{ AD_EC_UNKNOWN, "Unknown reason (UNDEFINED instruction)" },
	{ AD_EC_SVC64, "SVC instruction execution in AArch64 state" },
	{ AD_EC_HVC64, "HVC instruction execution in AArch64 state" },
	{ AD_EC_SMC64, "SMC instruction execution in AArch64 state" },
	{ AD_EC_SYSREG, "Trapped MSR, MRS or System instruction" },
	{ AD_EC_IABT_LOWER, "Instruction Abort from a lower Exception level" },
	{ AD_EC_IABT_CUR, "Instruction Abort taken without a change in Exception level" },
	{ AD_EC_PC_ALIGN, "PC alignment fault" },
	{ AD_EC_DABT_LOWER, "Data Abort from a lower Exception level" },
	{ AD_EC_DABT_CUR, "Data Abort taken without a change in Exception level" },
	{ AD_EC_SP_ALIGN, "SP alignment fault" },
	{ AD_EC_SERROR, "SError interrupt" },
	{ AD_EC_BREAKPT_LOWER, "Breakpoint from a lower Exception level" },
	{ AD_EC_BREAKPT_CUR, "Breakpoint taken without a change in Exception level" },
	{ AD_EC_SOFTSTP_LOWER, "Software Step from a lower Exception level" },
	{ AD_EC_SOFTSTP_CUR, "Software Step taken without a change in Exception level" },
	{ AD_EC_WATCHPT_LOWER, "Watchpoint from a lower Exception level" },
	{ AD_EC_WATCHPT_CUR, "Watchpoint taken without a change in Exception level" },
	{ AD_EC_BKPT32, "BKPT instruction execution in AArch32 state" },
	{ AD_EC_VECTOR_CATCH, "Vector Catch exception from AArch32 state" },
	{ AD_EC_BRK64, "BRK instruction execution in AArch64 state" },
};

const char *ad_ec_name(unsigned ec)
{
	for (unsigned i = 0; i < sizeof(ec_names) / sizeof(ec_names[0]); i++)
		if (ec_names[i].ec == ec)
			return ec_names[i].name;
	return NULL;
}

#define F(nm, l, w, d) { .name = nm, .lsb = l, .width = w, .kind = AD_FK_RO, \
			  .feature = AD_FEAT_ALWAYS, .desc = d }
#define FE(nm, l, w, d, e) { .name = nm, .lsb = l, .width = w, .kind = AD_FK_RO, \
			      .feature = AD_FEAT_ALWAYS, .desc = d, .enc = e, \
			      .nenc = sizeof(e) / sizeof(e[0]) }
#define R0(l, w) { .name = "RES0", .lsb = l, .width = w, .kind = AD_FK_RES0, \
		   .feature = AD_FEAT_ALWAYS, .desc = "Reserved, RES0" }

static const struct ad_encoding fsc_debug[] = {
	{ 0x22, "Debug exception", 0, -1 },
};

static const struct ad_encoding fsc_abort[] = {
	{ 0x00, "Address size fault, level 0", 0, -1 },
	{ 0x01, "Address size fault, level 1", 0, -1 },
	{ 0x02, "Address size fault, level 2", 0, -1 },
	{ 0x03, "Address size fault, level 3", 0, -1 },
	{ 0x04, "Translation fault, level 0", 0, -1 },
	{ 0x05, "Translation fault, level 1", 0, -1 },
	{ 0x06, "Translation fault, level 2", 0, -1 },
	{ 0x07, "Translation fault, level 3", 0, -1 },
	{ 0x09, "Access flag fault, level 1", 0, -1 },
	{ 0x0a, "Access flag fault, level 2", 0, -1 },
	{ 0x0b, "Access flag fault, level 3", 0, -1 },
	{ 0x0d, "Permission fault, level 1", 0, -1 },
	{ 0x0e, "Permission fault, level 2", 0, -1 },
	{ 0x0f, "Permission fault, level 3", 0, -1 },
	{ 0x10, "Synchronous External abort", 0, -1 },
	{ 0x21, "Alignment fault", 0, -1 },
	{ 0x22, "Debug exception", 0, -1 },
	{ 0x30, "TLB conflict abort", 0, -1 },
};

static const struct ad_encoding dir_enc[] = {
	{ 0, "Write (MSR)", 0, -1 },
	{ 1, "Read (MRS)", 0, -1 },
};

static const struct ad_encoding wnr_enc[] = {
	{ 0, "Read: a load (or the read part of an atomic) matched", 0, -1 },
	{ 1, "Write: a store, atomic write part, or cache maintenance", 0, -1 },
};

static const struct ad_encoding cm_enc[] = {
	{ 0, "Not a cache maintenance instruction", 0, -1 },
	{ 1, "A cache maintenance instruction (DC IVAC)", 0, -1 },
};

static const struct ad_encoding isv_enc[] = {
	{ 0, "EX is not valid (the step did not end on its own)", 0, -1 },
	{ 1, "EX is valid", 0, -1 },
};

static const struct ad_encoding ex_enc[] = {
	{ 0, "The stepped instruction was not a Load-Exclusive", 0, -1 },
	{ 1, "The stepped instruction was a Load-Exclusive", 0, -1 },
};

static const struct ad_field iss_bkpt[] = {
	FE("IFSC", 0, 6, "Instruction fault status code", fsc_debug),
	R0(6, 19),
};

static const struct ad_field iss_step[] = {
	FE("IFSC", 0, 6, "Instruction fault status code", fsc_debug),
	FE("EX", 6, 1, "Exclusive operation", ex_enc),
	R0(7, 17),
	FE("ISV", 24, 1, "Instruction syndrome valid", isv_enc),
};

static const struct ad_field iss_watch[] = {
	FE("DFSC", 0, 6, "Data fault status code", fsc_debug),
	FE("WnR", 6, 1, "Write not Read", wnr_enc),
	R0(7, 1),
	FE("CM", 8, 1, "Cache maintenance", cm_enc),
	R0(9, 1),
	F("FnV", 10, 1, "FAR not valid (FEAT_Debugv8p2+)"),
	R0(11, 2),
	F("VNCR", 13, 1, "Access was a VNCR_EL2-relative access (FEAT_NV2)"),
	R0(14, 1),
	F("FnP", 15, 1, "FAR not precise"),
	F("WPF", 16, 1, "Watchpoint might be a false positive"),
	F("WPTV", 17, 1, "WPT valid"),
	F("WPT", 18, 6, "Watchpoint number (when WPTV)"),
	R0(24, 1),
};

static const struct ad_field iss_brk[] = {
	F("Comment", 0, 16, "The BRK instruction's imm16"),
	R0(16, 9),
};

static const struct ad_field iss_call[] = {
	F("imm16", 0, 16, "The instruction's imm16"),
	R0(16, 9),
};

static const struct ad_field iss_sysreg[] = {
	FE("Direction", 0, 1, "Direction of the access", dir_enc),
	F("CRm", 1, 4, "CRm of the encoding"),
	F("Rt", 5, 5, "General-purpose register (31 = XZR)"),
	F("CRn", 10, 4, "CRn of the encoding"),
	F("Op1", 14, 3, "Op1 of the encoding"),
	F("Op2", 17, 3, "Op2 of the encoding"),
	F("Op0", 20, 2, "Op0 of the encoding"),
	R0(22, 3),
};

static const struct ad_field iss_abort[] = {
	FE("FSC", 0, 6, "Fault status code", fsc_abort),
	F("WnR", 6, 1, "Write not Read (data aborts)"),
	F("S1PTW", 7, 1, "Fault on a stage 2 translation for a stage 1 walk"),
	F("CM", 8, 1, "Cache maintenance"),
	F("EA", 9, 1, "External abort type"),
	F("FnV", 10, 1, "FAR not valid"),
	F("SET", 11, 2, "Synchronous error type"),
	F("VNCR", 13, 1, "VNCR_EL2-relative access"),
	F("AR", 14, 1, "Acquire/Release (when ISV)"),
	F("SF", 15, 1, "64-bit register (when ISV)"),
	F("SRT", 16, 5, "Syndrome register transfer (when ISV)"),
	F("SSE", 21, 1, "Syndrome sign extend (when ISV)"),
	F("SAS", 22, 2, "Syndrome access size (when ISV)"),
	F("ISV", 24, 1, "Instruction syndrome valid"),
};

static const struct ad_field iss_unknown[] = {
	R0(0, 25),
};

#define TAB(t) t, sizeof(t) / sizeof(t[0])

static const struct {
	unsigned ec;
	const struct ad_field *f;
	unsigned n;
} iss_tables[] = {
	{ AD_EC_UNKNOWN, TAB(iss_unknown) },
	{ AD_EC_SVC64, TAB(iss_call) },
	{ AD_EC_HVC64, TAB(iss_call) },
	{ AD_EC_SMC64, TAB(iss_call) },
	{ AD_EC_SYSREG, TAB(iss_sysreg) },
	{ AD_EC_IABT_LOWER, TAB(iss_abort) },
	{ AD_EC_IABT_CUR, TAB(iss_abort) },
	{ AD_EC_DABT_LOWER, TAB(iss_abort) },
	{ AD_EC_DABT_CUR, TAB(iss_abort) },
	{ AD_EC_BREAKPT_LOWER, TAB(iss_bkpt) },
	{ AD_EC_BREAKPT_CUR, TAB(iss_bkpt) },
	{ AD_EC_SOFTSTP_LOWER, TAB(iss_step) },
	{ AD_EC_SOFTSTP_CUR, TAB(iss_step) },
	{ AD_EC_WATCHPT_LOWER, TAB(iss_watch) },
	{ AD_EC_WATCHPT_CUR, TAB(iss_watch) },
	{ AD_EC_BRK64, TAB(iss_brk) },
};

const struct ad_field *ad_iss_fields(unsigned ec, unsigned *n)
{
	for (unsigned i = 0; i < sizeof(iss_tables) / sizeof(iss_tables[0]); i++) {
		if (iss_tables[i].ec == ec) {
			*n = iss_tables[i].n;
			return iss_tables[i].f;
		}
	}
	*n = 0;
	return NULL;
}
