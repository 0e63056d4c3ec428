/* SPDX-License-Identifier: MIT */
/*
 * model/config.h - CPU configurations: the presets, validation, the ID
 * registers they imply, and state initialisation.
 */
#ifndef ARMDBG_MODEL_CONFIG_H
#define ARMDBG_MODEL_CONFIG_H

#include "types.h"

/* Preset by name ("cortex-a53", "cortex-a57", "cortex-a72", "v9-max"); NULL if unknown. */
const struct ad_config *ad_config_preset(const char *name);

/* The i-th preset, NULL past the end (for listing). */
const struct ad_config *ad_config_preset_at(unsigned i);

/* 0 if @c is a configuration the architecture allows; else -1 and *why. */
int ad_config_validate(const struct ad_config *c, const char **why);

/* ID_AA64DFR0_EL1 / ID_AA64DFR1_EL1 as this configuration reports them. */
uint64_t ad_id_aa64dfr0(const struct ad_config *c);
uint64_t ad_id_aa64dfr1(const struct ad_config *c);

/*
 * Breakpoint @n is context-aware (can compare Context ID / VMID):
 * ContextMatchingBreakpointRange.
 */
static inline bool ad_bp_is_context_aware(const struct ad_config *c,
					  unsigned n)
{
	unsigned b = c->num_bps, ctx = c->num_ctx_bps;

	if (n >= b)
		return false;
	if (b <= 16)
		return n >= b - ctx;
	return n >= 16 - ctx && n <= 15;
}

/* DebugAddrTop: 48, or 52 with FEAT_LVA. */
static inline unsigned ad_debug_addr_top(const struct ad_config *c)
{
	return c->va_bits == 52 ? 52 : 48;
}

/*
 * Initialise @s for configuration @c: default policies, PE at EL1 with
 * PSTATE.D set (as after reset), and a cold reset of the debug logic.
 */
void ad_state_init(struct ad_state *s, const struct ad_config *c);

#endif
