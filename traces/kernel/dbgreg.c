// SPDX-License-Identifier: MIT
/*
 * traces/kernel/dbgreg.c - DBGBVR/BCR/WVR/WCR<n>_EL1 by number.
 *
 * The register number is part of the MRS/MSR encoding, so each (register,
 * n) is its own instruction, selected by a switch.  The _safe accessors
 * put every instruction in the exception table: reading or writing a
 * number the CPU does not implement is UNDEFINED (ARM DDI0487 D24.3, the
 * accessibility pseudocode: "if n >= NumBreakpointsImplemented() then
 * UNDEFINED"), and the UNDEFINED handler resumes at the fixup, which
 * returns -1.  This is the "ARM_DBG_READ/WRITE_SAFE" idea of the 2016
 * thread on 32-bit ARM's reset_ctrl_regs().
 */
#include "debug.h"

#define DBG_READ_SAFE(name, v, err) \
	__asm__ volatile("1:	mrs	%1, " name "\n" \
			 "2:\n" EXTABLE_FIXUP_ERR \
			 : "+r"(err), "=r"(v) :: "memory")

#define DBG_WRITE_SAFE(name, v, err) \
	__asm__ volatile("1:	msr	" name ", %1\n" \
			 "2:\n" EXTABLE_FIXUP_ERR \
			 : "+r"(err) : "r"(v) : "memory")

/* One case per register number, for one register kind. */
#define CASES(X, kind) \
	X(kind, 0) X(kind, 1) X(kind, 2) X(kind, 3) \
	X(kind, 4) X(kind, 5) X(kind, 6) X(kind, 7) \
	X(kind, 8) X(kind, 9) X(kind, 10) X(kind, 11) \
	X(kind, 12) X(kind, 13) X(kind, 14) X(kind, 15)

#define RD_CASE(kind, n) \
	case n: __asm__ volatile("mrs %0, dbg" #kind #n "_el1" : "=r"(v) :: "memory"); break;
#define WR_CASE(kind, n) \
	case n: __asm__ volatile("msr dbg" #kind #n "_el1, %0" :: "r"(v) : "memory"); break;
#define RD_SAFE_CASE(kind, n) \
	case n: DBG_READ_SAFE("dbg" #kind #n "_el1", v, err); break;
#define WR_SAFE_CASE(kind, n) \
	case n: DBG_WRITE_SAFE("dbg" #kind #n "_el1", v, err); break;

/* read_bvr(n), write_bvr(n, v), read_bvr_safe(n, &v), write_bvr_safe(n, v), ... */
#define DEFINE_ACCESSORS(kind) \
static u64 read_##kind(unsigned n) \
{ \
	u64 v = 0; \
	switch (n) { CASES(RD_CASE, kind) } \
	return v; \
} \
static void write_##kind(unsigned n, u64 v) \
{ \
	switch (n) { CASES(WR_CASE, kind) } \
} \
static int read_##kind##_safe(unsigned n, u64 *p) \
{ \
	int err = 0; \
	u64 v = 0; \
	switch (n) { CASES(RD_SAFE_CASE, kind) } \
	*p = v; \
	return err; \
} \
static int write_##kind##_safe(unsigned n, u64 v) \
{ \
	int err = 0; \
	switch (n) { CASES(WR_SAFE_CASE, kind) } \
	return err; \
}

DEFINE_ACCESSORS(bvr)
DEFINE_ACCESSORS(bcr)
DEFINE_ACCESSORS(wvr)
DEFINE_ACCESSORS(wcr)

static void check_n(unsigned n)
{
	if (n >= DBG_MAX_SLOTS)
		panic(NULL, "debug register number out of range");
}

u64 dbg_read(enum dbg_reg r, unsigned n)
{
	check_n(n);
	switch (r) {
	case DBG_BVR: return read_bvr(n);
	case DBG_BCR: return read_bcr(n);
	case DBG_WVR: return read_wvr(n);
	case DBG_WCR: return read_wcr(n);
	}
	return 0;
}

unsigned dbg_reg_writes;

void dbg_write(enum dbg_reg r, unsigned n, u64 v)
{
	check_n(n);
	dbg_reg_writes++;
	switch (r) {
	case DBG_BVR: write_bvr(n, v); break;
	case DBG_BCR: write_bcr(n, v); break;
	case DBG_WVR: write_wvr(n, v); break;
	case DBG_WCR: write_wcr(n, v); break;
	}
	isb();
}

int dbg_read_safe(enum dbg_reg r, unsigned n, u64 *v)
{
	check_n(n);
	switch (r) {
	case DBG_BVR: return read_bvr_safe(n, v);
	case DBG_BCR: return read_bcr_safe(n, v);
	case DBG_WVR: return read_wvr_safe(n, v);
	case DBG_WCR: return read_wcr_safe(n, v);
	}
	return -1;
}

int dbg_write_safe(enum dbg_reg r, unsigned n, u64 v)
{
	int err = -1;

	check_n(n);
	switch (r) {
	case DBG_BVR: err = write_bvr_safe(n, v); break;
	case DBG_BCR: err = write_bcr_safe(n, v); break;
	case DBG_WVR: err = write_wvr_safe(n, v); break;
	case DBG_WCR: err = write_wcr_safe(n, v); break;
	}
	isb();
	return err;
}

const char *dbg_reg_name(enum dbg_reg r)
{
	static const char *const names[] = {
		[DBG_BVR] = "DBGBVR", [DBG_BCR] = "DBGBCR",
		[DBG_WVR] = "DBGWVR", [DBG_WCR] = "DBGWCR",
	};

	return (unsigned)r < 4 ? names[r] : "?";
}

unsigned get_num_brps(void)
{
	return (unsigned)(read_sysreg(id_aa64dfr0_el1) >> 12 & 0xf) + 1;
}

unsigned get_num_wrps(void)
{
	return (unsigned)(read_sysreg(id_aa64dfr0_el1) >> 20 & 0xf) + 1;
}

unsigned get_num_ctx_cmps(void)
{
	return (unsigned)(read_sysreg(id_aa64dfr0_el1) >> 28 & 0xf) + 1;
}
