// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/floor.c - not a harness: the throughput floor of harness 1
 * (docs/fuzzing.md, "Third round").
 *
 * What is left of fuzz_model.c when almost everything the issue asks of
 * it is taken away: one configuration (cortex-a53), a register file of
 * MDSCR_EL1, two breakpoints and two watchpoints written over a cold
 * reset, the PE at EL0 or EL1, then one instruction fetch and one load
 * compared with the oracle (hits and whether the exception is taken), under
 * the default policies only, no sweep.  Built with the same flags as
 * fuzz_model (build-fuzz/fuzz/fuzz_floor with ARMDBG_FUZZ); CI does not
 * run it.  Its rate bounds what harness 1 can reach on a machine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "debug.h"
#include "oracle.h"
#include "regs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rd(const uint8_t *d, size_t n, size_t *i, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned k = 0; k < bytes; k++, (*i)++)
		v |= (uint64_t)(*i < n ? d[*i] : 0) << (8 * k);
	return v;
}

static void same(const struct ad_debug_event *m, const struct or_result *o)
{
	if (m->hits != o->hits || m->take != o->take)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ad_state base;
	struct ad_state s;
	struct ad_debug_event m;
	struct or_result o;
	struct or_far_map far;
	struct ad_access a;
	uint64_t pc;
	size_t i = 0;
	unsigned k;

	if (!base.cfg)
		ad_state_init(&base, ad_config_preset("cortex-a53"));
	s = base;
	ad_reg_write(&s, AD_REG_MDSCR_EL1, 0, rd(data, size, &i, 8));
	s.pe.el = rd(data, size, &i, 1) & 1;
	for (k = 0; k < 2; k++) {
		unsigned n = rd(data, size, &i, 1) % s.cfg->num_bps;

		ad_reg_write(&s, AD_REG_DBGBCR, n, rd(data, size, &i, 4));
		ad_reg_write(&s, AD_REG_DBGBVR, n, rd(data, size, &i, 8));
	}
	for (k = 0; k < 2; k++) {
		unsigned n = rd(data, size, &i, 1) % s.cfg->num_wps;

		ad_reg_write(&s, AD_REG_DBGWCR, n, rd(data, size, &i, 4));
		ad_reg_write(&s, AD_REG_DBGWVR, n, rd(data, size, &i, 8));
	}

	pc = rd(data, size, &i, 8) & ~3ull;
	m = ad_check_breakpoint(&s, pc);
	o = or_check_breakpoint(&s, pc);
	same(&m, &o);

	memset(&a, 0, sizeof(a));
	a.kind = AD_ACC_LOAD;
	a.va = rd(data, size, &i, 8);
	a.size = 1 + rd(data, size, &i, 1) % 8;
	if (a.va + a.size - 1 < a.va)
		a.size = (unsigned)(0 - a.va); /* no access crosses 2^64 */
	m = ad_check_watchpoint(&s, &a);
	o = or_check_watchpoint(&s, &a, &far);
	same(&m, &o);
	return 0;
}
