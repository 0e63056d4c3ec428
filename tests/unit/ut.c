// SPDX-License-Identifier: MIT
/*
 * tests/unit/ut.c - shared set-up for the model unit tests.
 */
#include "ut.h"

const struct ad_config *ut_preset(const char *name)
{
	const struct ad_config *c = ad_config_preset(name);

	ck_assert_msg(c != NULL, "preset %s missing", name);
	return c;
}

void ut_setup(struct ad_state *s, const struct ad_config *c)
{
	unsigned i;

	memset(s, 0xa5, sizeof(*s));
	ad_state_init(s, c);

	for (i = 0; i < AD_MAX_BPS; i++) {
		s->r.bvr[i] = 0;
		s->r.bcr[i] = 0;
	}
	for (i = 0; i < AD_MAX_WPS; i++) {
		s->r.wvr[i] = 0;
		s->r.wcr[i] = 0;
	}
	s->r.mdscr_el1 = AD_MDSCR_MDE;
	s->r.oslk = false;
	s->r.osdlr_el1 = 0;
	s->r.dbgprcr_el1 = 0;
	s->r.mdselr_el1 = 0;
	s->r.mdcr_el2 = 0;
	s->r.mdcr_el3 = 0;
	s->r.hcr_el2 = UT_HCR_RW;
	s->r.scr_el3 = AD_SCR_NS | UT_SCR_RW;
	s->r.contextidr_el1 = 0;
	s->r.contextidr_el2 = 0;
	s->r.vttbr_el2 = 0;
	s->r.vtcr_el2 = 0;

	s->pe.el = AD_EL1;
	s->pe.d = true;
	s->pe.ss = false;
	s->pe.uao = false;
	s->pe.pan = false;
	s->pe.halted = false;
	s->pe.ss_prev = AD_SSPREV_NOT_STEPPED;
	s->pe.ss_prev_ex = false;
}

/*
 * ContextAwareBreakpointRange() (DDI0487 J1.3.1.35):
 *   if b <= 16 then (b - c, b - 1)
 *   elsif c <= 16 then (16 - c, 15)
 *   else (0, c - 1)
 */
void ut_ctx_range(unsigned b, unsigned c, unsigned *lo, unsigned *hi)
{
	if (b <= 16) {
		*lo = b - c;
		*hi = b - 1;
	} else if (c <= 16) {
		*lo = 16 - c;
		*hi = 15;
	} else {
		*lo = 0;
		*hi = c - 1;
	}
}
