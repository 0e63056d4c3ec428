// SPDX-License-Identifier: MIT
/*
 * model/config.c - CPU presets, configuration validation, ID registers.
 */
#include "config.h"

#include <string.h>

#include "policy.h"
#include "regs.h"

/*
 * Cortex-A53/A57/A72: 6 breakpoints (4 and 5 context-aware), 4
 * watchpoints, Armv8.0 debug, PMUv3, EL2 and EL3, AArch32 at every EL.
 * ID_AA64DFR0_EL1 = 0x10305106 (A53 TRM 4.3.19; QEMU's A57/A72 models).
 */
#define V8_CORE(nm) { \
	.name = nm, .num_bps = 6, .num_wps = 4, .num_ctx_bps = 2, \
	.debugver = AD_DEBUGVER_V8P0, .pmuver = 1, .el2 = true, .el3 = true, \
	.aarch32_el1 = true, .doublelock = true, .va_bits = 48, \
	.dczva_bytes = 64, .dcivac_bytes = 64 }

static const struct ad_config presets[] = {
	V8_CORE("cortex-a53"),
	V8_CORE("cortex-a57"),
	V8_CORE("cortex-a72"),
	{
		.name = "v9-max", .num_bps = 64, .num_wps = 64,
		.num_ctx_bps = 8, .debugver = AD_DEBUGVER_V8P9, .pmuver = 8,
		.el2 = true, .el3 = true, .aarch32_el1 = true, .vhe = true,
		.doublelock = true, .uao = true, .pan = true,
		.debugv8p9 = true, .bwe = true, .vmid16 = true, .va_bits = 52,
		.dczva_bytes = 64, .dcivac_bytes = 64,
	},
};

#define NPRESETS (sizeof(presets) / sizeof(presets[0]))

const struct ad_config *ad_config_preset(const char *name)
{
	for (unsigned i = 0; name && i < NPRESETS; i++)
		if (strcmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

const struct ad_config *ad_config_preset_at(unsigned i)
{
	return i < NPRESETS ? &presets[i] : NULL;
}

static bool is_pow2(unsigned v)
{
	return v && !(v & (v - 1));
}

int ad_config_validate(const struct ad_config *c, const char **why)
{
	const char *msg = NULL;
	unsigned maxn = c->debugv8p9 ? AD_MAX_BPS : 16;

	if (c->num_bps < AD_MIN_BPS || c->num_bps > maxn)
		msg = "number of breakpoints must be 2..16 (2..64 with FEAT_Debugv8p9)";
	else if (c->num_wps < AD_MIN_WPS || c->num_wps > (c->debugv8p9 ? AD_MAX_WPS : 16u))
		msg = "number of watchpoints must be 2..16 (2..64 with FEAT_Debugv8p9)";
	else if (c->num_ctx_bps < 1 || c->num_ctx_bps > c->num_bps ||
		 c->num_ctx_bps > 16)
		msg = "context-aware breakpoints must be 1..min(breakpoints, 16)";
	else if (c->debugver < AD_DEBUGVER_V8P0 || c->debugver > AD_DEBUGVER_V8P9)
		msg = "DebugVer must be 6..11 (Armv8.0 .. Armv8.9 debug)";
	else if (c->vhe && (!c->el2 || c->debugver < AD_DEBUGVER_V8P1))
		msg = "FEAT_VHE needs EL2 and DebugVer >= v8.1";
	else if (c->debugv8p9 != (c->debugver == AD_DEBUGVER_V8P9))
		msg = "FEAT_Debugv8p9 goes with DebugVer v8.9";
	else if (c->vmid16 && !c->el2)
		msg = "FEAT_VMID16 needs EL2";
	else if (c->va_bits != 48 && c->va_bits != 52)
		msg = "VA size must be 48 or 52 bits";
	else if (!is_pow2(c->dczva_bytes) || c->dczva_bytes < 4 ||
		 c->dczva_bytes > 2048)
		msg = "DC ZVA block must be a power of two, 4..2048 bytes";
	else if (!is_pow2(c->dcivac_bytes) || c->dcivac_bytes < 16 ||
		 c->dcivac_bytes > 2048)
		msg = "DC IVAC watch size must be a power of two, 16..2048 bytes";
	if (why)
		*why = msg;
	return msg ? -1 : 0;
}

static uint64_t field(uint64_t v, unsigned lsb)
{
	return v << lsb;
}

static unsigned count_field(unsigned n)
{
	return n - 1 > 15 ? 15 : n - 1;
}

uint64_t ad_id_aa64dfr0(const struct ad_config *c)
{
	uint64_t v = 0;

	v |= field(c->debugver, 0);
	v |= field(c->pmuver, 8);
	v |= field(count_field(c->num_bps), 12);
	v |= field(count_field(c->num_wps), 20);
	v |= field(count_field(c->num_ctx_bps), 28);
	/* DoubleLock, [39:36]: 0 = implemented, 0xF = not (RES0 before v8.2). */
	if (!c->doublelock)
		v |= field(0xf, 36);
	return v;
}

/* ID_AA64DFR1_EL1: the counts above 16 (FEAT_Debugv8p9). */
uint64_t ad_id_aa64dfr1(const struct ad_config *c)
{
	if (!c->debugv8p9)
		return 0;
	return field(c->num_bps - 1, 8) | field(c->num_wps - 1, 16) |
	       field(c->num_ctx_bps - 1, 24);
}

void ad_state_init(struct ad_state *s, const struct ad_config *c)
{
	memset(s, 0, sizeof(*s));
	s->cfg = c;
	ad_policies_default(&s->pol);
	s->pe.el = AD_EL1;
	s->pe.d = true;
	/* Non-secure, EL2/EL1 AArch64 (SCR_EL3.{NS,RW}) as firmware leaves it. */
	if (c->el3)
		s->r.scr_el3 = (1ull << 0) | (1ull << 10);
	ad_cold_reset(s);
}
