/* SPDX-License-Identifier: MIT */
/*
 * model/policy.h - the policy table: every CONSTRAINED UNPREDICTABLE or
 * IMPLEMENTATION DEFINED choice the model makes, with its permitted
 * choices and a documented default.  The model never guesses inline: it
 * asks ad_policy() and switches on the answer.  (Sail's impdefs play this
 * role in the Arm model.)
 */
#ifndef ARMDBG_MODEL_POLICY_H
#define ARMDBG_MODEL_POLICY_H

#include "types.h"

/* Choice values, per policy.  The numbering is the index in the table. */
enum { AD_RESBPTYPE_DISABLED, AD_RESBPTYPE_UNKNOWN };
enum { AD_RESBPWPCTRL_DISABLED, AD_RESBPWPCTRL_UNKNOWN };
enum { AD_BPNOTCTXCMP_DISABLED, AD_BPNOTCTXCMP_UNLINKED, AD_BPNOTCTXCMP_UNKNOWN };
enum { AD_BPLINKEDADDRMATCH_NOMATCH, AD_BPLINKEDADDRMATCH_MATCH };
enum { AD_BPMATCHHALF_NOMATCH, AD_BPMATCHHALF_MATCH };
enum { AD_BPMASK_DISABLED, AD_BPMASK_ZERO, AD_BPMASK_UNKNOWN };
/* AD_POL_WPMASKANDBAS also resolves a breakpoint with MASK != 0 and BAS != 0b1111. */
enum { AD_MASKEDBITS_IGNORE, AD_MASKEDBITS_NOMATCH };
enum { AD_RESS_IGNORE, AD_RESS_COMPARE };
enum { AD_RESLSC_DISABLED, AD_RESLSC_UNKNOWN };
enum { AD_WPBAS_EACH_BYTE, AD_WPBAS_LOWEST_RUN, AD_WPBAS_WHOLE_DWORD, AD_WPBAS_NOMATCH };
enum { AD_RESWPMASK_DISABLED, AD_RESWPMASK_ZERO, AD_RESWPMASK_UNKNOWN };
enum { AD_WPMASKANDBAS_IGNORE_BAS, AD_WPMASKANDBAS_APPLY_BAS, AD_WPMASKANDBAS_NOMATCH };
enum { AD_WPFAR_MATCHED_BYTE, AD_WPFAR_BLOCK_LOW };
enum { AD_STXRFAIL_WATCH, AD_STXRFAIL_NOWATCH };
enum { AD_STEPISV_ZERO, AD_STEPISV_VALID };
enum { AD_STEPIRQ_IRQ_FIRST, AD_STEPIRQ_STEP_FIRST };
enum { AD_RESETUNK_ZERO, AD_RESETUNK_ONES, AD_RESETUNK_PATTERN };
enum { AD_BASREAD_AS_WRITTEN, AD_BASREAD_LOWEST_RUN };
enum { AD_DLK_SET, AD_DLK_IGNORED };

struct ad_policy_desc {
	const char *name;      /* Arm's Unpredictable_* name where one exists */
	const char *situation; /* when it applies */
	const char *source;    /* digest/pseudocode reference */
	unsigned nchoices;
	const char *const *choices;     /* short names, e.g. "disabled" */
	const char *const *choice_help; /* one line each */
	unsigned dflt;                  /* default choice index */
	const char *why_default;
};

/* The static description of policy @id. */
const struct ad_policy_desc *ad_policy_desc(enum ad_policy_id id);

/* Every policy set to its documented default. */
void ad_policies_default(struct ad_policies *p);

_Static_assert(AD_POL__COUNT <= 32, "ad_state.pol_reads holds a bit per policy");

/* The current choice for @id (noted in *s->pol_reads if that is set). */
static inline unsigned ad_policy(const struct ad_state *s, enum ad_policy_id id)
{
	if (s->pol_reads)
		*s->pol_reads |= 1u << id;
	return s->pol.choice[id];
}

/* Look up by name (case-insensitive; the "Unpredictable_"/"Impdef_" prefix optional). */
int ad_policy_find(const char *name);

/* Set NAME=CHOICE; returns 0, or -1 for an unknown name, -2 for an unknown choice. */
int ad_policy_set(struct ad_policies *p, const char *name, const char *choice);

#endif
