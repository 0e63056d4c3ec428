// SPDX-License-Identifier: MIT
/*
 * model/policy.c - the policy table (see policy.h).  Each entry names the
 * situation, the permitted behaviours and why the default was chosen.
 * Section numbers refer to ../shared/reference/debug-architecture.md.
 */
#include "policy.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define CHOICES(...) (const char *const[]){ __VA_ARGS__ }
#define NCHOICES(...) (sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))
#define POLICY(id_, name_, sit, src, ch, help, d, why) \
	[id_] = { name_, sit, src, NCHOICES ch, CHOICES ch, CHOICES help, d, why }

static const struct ad_policy_desc table[AD_POL__COUNT] = {
	POLICY(AD_POL_RESBPTYPE, "Unpredictable_RESBPTYPE",
	       "DBGBCR.BT is reserved (context type on a non-context-aware breakpoint, 1xxx without EL2, 011x/11xx without VHE, 010x without FEAT_BWE)",
	       "1.2; S94 AArch64.ReservedBreakpointType",
	       ("disabled", "unknown"),
	       ("the breakpoint behaves as disabled",
		"it behaves as BT=0b0000 (unlinked address match), the UNKNOWN allocated type chosen here"),
	       AD_RESBPTYPE_DISABLED,
	       "the digest's recommendation; a reserved type never fires spuriously"),
	POLICY(AD_POL_RESBPWPCTRL, "Unpredictable_RESBPWPCTRL",
	       "reserved PMC/PAC x HMC x SSC combination",
	       "3; S94 CheckValidStateMatch",
	       ("disabled", "unknown"),
	       ("the comparator behaves as disabled",
		"it behaves as HMC=0, SSC=0b00, PxC=0b11 (EL1 and EL0, both Security states)"),
	       AD_RESBPWPCTRL_DISABLED,
	       "a reserved combination never matches; it is what the pseudocode's first option says"),
	POLICY(AD_POL_BPNOTCTXCMP, "Unpredictable_BPNOTCTXCMP",
	       "LBN of a linked breakpoint/watchpoint names a breakpoint that is not context-aware or not implemented",
	       "1.2; S94 AArch64.StateMatch",
	       ("disabled", "unlinked", "unknown"),
	       ("the linked comparator behaves as disabled",
		"it behaves as if not linked (Constraint_NONE)",
		"it links to the lowest-numbered context-aware breakpoint, the UNKNOWN one chosen here"),
	       AD_BPNOTCTXCMP_DISABLED,
	       "both the ARM ARM text and the pseudocode list it; misprogramming shows as 'never fires'"),
	POLICY(AD_POL_BPLINKEDADDRMATCH, "Unpredictable_BPLINKEDADDRMATCH",
	       "a linked comparator's LBN names a linking-enabled address breakpoint (only FEAT_ABLE types, which this model does not implement: never consulted; a BT=0b0001 target simply does not match)",
	       "1.2; S94 AArch64.BreakpointValueMatch",
	       ("nomatch", "match"),
	       ("the link never matches", "the link matches (the address breakpoint's own address is not compared)"),
	       AD_BPLINKEDADDRMATCH_NOMATCH,
	       "without FEAT_ABLE an address breakpoint is not a link target"),
	POLICY(AD_POL_BPMATCHHALF, "Unpredictable_BPMATCHHALF",
	       "an address breakpoint's BAS selects only the second halfword of an A64 instruction (BAS=0b1100)",
	       "1.1; S94 AArch64.BreakpointMatch",
	       ("nomatch", "match"),
	       ("no breakpoint", "the instruction is breakpointed"),
	       AD_BPMATCHHALF_NOMATCH,
	       "an A64 instruction starts at BVR, not BVR+2 (QEMU makes the same choice)"),
	POLICY(AD_POL_BPMASK, "Unpredictable_RESBPMASK",
	       "FEAT_BWE breakpoint MASK is 1 or 2 (reserved)",
	       "1.2; S94 AArch64.BreakpointValueMatch",
	       ("disabled", "zero", "unknown"),
	       ("the breakpoint behaves as disabled", "MASK behaves as 0",
		"MASK behaves as 3, the UNKNOWN non-reserved value chosen here"),
	       AD_BPMASK_DISABLED,
	       "a reserved mask never fires"),
	POLICY(AD_POL_BPMASKEDBITS, "Unpredictable_BPMASKEDBITS",
	       "FEAT_BWE breakpoint with MASK != 0 and non-zero DBGBVR bits below the mask",
	       "1.2; S94 AArch64.BreakpointValueMatch",
	       ("ignore", "nomatch"),
	       ("the masked bits are ignored: the range matches", "no match"),
	       AD_MASKEDBITS_IGNORE,
	       "the range the user meant still matches"),
	POLICY(AD_POL_DBGXVR_RESS, "Unpredictable_DBGxVR_RESS",
	       "DBGBVR/DBGWVR bits above DebugAddrTop are not a sign extension",
	       "1.3; S94 AArch64.BreakpointValueMatch/WatchpointByteMatch",
	       ("ignore", "compare"),
	       ("compare bits [DebugAddrTop:2] only",
		"compare up to bit 63 as well (a tagged or non-canonical value then never matches a canonical PC)"),
	       AD_RESS_IGNORE,
	       "tag bits in a VR do not hide a breakpoint; equivalent for canonical values"),
	POLICY(AD_POL_RESLSC, "Unpredictable_RESLSC",
	       "watchpoint LSC=0b00 (reserved)",
	       "2.2; ARM D24.3 DBGWCR.LSC; S94 AArch64.WatchpointMatch",
	       ("disabled", "unknown"),
	       ("the watchpoint never matches (as the v9.4 pseudocode)",
		"LSC behaves as 0b11 (loads and stores), the UNKNOWN value chosen here"),
	       AD_RESLSC_DISABLED,
	       "this is what the newest pseudocode does"),
	POLICY(AD_POL_WPBASCONTIGUOUS, "Unpredictable_WPBASCONTIGUOUS",
	       "watchpoint BAS selects a non-contiguous set of bytes",
	       "2.2; ARM D2.9; S94 AArch64.WatchpointByteMatch",
	       ("each_byte", "lowest_run", "whole_dword", "nomatch"),
	       ("each selected byte matches, the others do not",
		"only the lowest contiguous run of selected bytes matches (QEMU)",
		"every byte of the doubleword matches (pseudocode TRUE)",
		"no byte matches (pseudocode FALSE)"),
	       AD_WPBAS_EACH_BYTE,
	       "the literal reading of BAS: the bytes the user selected"),
	POLICY(AD_POL_RESWPMASK, "Unpredictable_RESWPMASK",
	       "watchpoint MASK is 1 or 2 (reserved)",
	       "2.2; S94 AArch64.WatchpointByteMatch",
	       ("disabled", "zero", "unknown"),
	       ("the watchpoint never matches", "MASK behaves as 0 (BAS applies)",
		"MASK behaves as 3, the UNKNOWN value chosen here"),
	       AD_RESWPMASK_DISABLED,
	       "a reserved mask never fires (QEMU makes the same choice)"),
	POLICY(AD_POL_WPMASKANDBAS, "Unpredictable_WPMASKANDBAS",
	       "MASK != 0 with BAS != all-ones (watchpoints: 0xFF; breakpoints: 0b1111)",
	       "2.2; ARM D2.9; S94 AArch64.WatchpointByteMatch",
	       ("ignore_bas", "apply_bas", "nomatch"),
	       ("the whole masked range matches, BAS is ignored",
		"BAS still selects bytes within each doubleword of the range",
		"no match"),
	       AD_WPMASKANDBAS_IGNORE_BAS,
	       "the range the user asked for matches (QEMU makes the same choice)"),
	POLICY(AD_POL_WPMASKEDBITS, "Unpredictable_WPMASKEDBITS",
	       "watchpoint MASK != 0 with non-zero DBGWVR bits below the mask",
	       "2.2; S94 AArch64.WatchpointByteMatch",
	       ("ignore", "nomatch"),
	       ("the masked bits are ignored: the aligned range matches", "no match"),
	       AD_MASKEDBITS_IGNORE,
	       "the aligned range the user meant still matches"),
	POLICY(AD_POL_WP_FAR, "Impdef_WatchpointFAR",
	       "the address reported in FAR for a watchpoint (any address in the permitted range)",
	       "2.4; ARM D2.9.8",
	       ("matched_byte", "block_low"),
	       ("the lowest watchpointed byte the access touched",
		"the lowest accessed address within the DC ZVA-sized block of that byte"),
	       AD_WPFAR_MATCHED_BYTE,
	       "exact: Linux's closest-watchpoint heuristic then finds the right slot"),
	POLICY(AD_POL_STXR_FAIL_WP, "Impdef_FailedSTXRWatchpoint",
	       "a store-exclusive that fails touches a watchpointed location",
	       "2.3; ARM D2.9.6; Cortex-A72 TRM 10.9.1",
	       ("watch", "nowatch"),
	       ("the watchpoint fires", "no watchpoint"),
	       AD_STXRFAIL_WATCH,
	       "what the Cortex-A72 TRM says its core does"),
	POLICY(AD_POL_STEP_ISV, "Impdef_SoftwareStepDidNotStep",
	       "step exception after a stepped ISB/ERET or after another exception was taken first",
	       "5; 6.1; S94 SoftwareStep_DidNotStep",
	       ("zero", "valid"),
	       ("ISV=0 (EX not valid)", "ISV=1 with EX as the stepped instruction gives"),
	       AD_STEPISV_ZERO,
	       "a debugger must not trust EX when the step did not end on its own"),
	POLICY(AD_POL_STEP_VS_IRQ, "Impdef_StepVersusInterrupt",
	       "a software step exception is pending and an unmasked interrupt is pending",
	       "6.4; KVM thread",
	       ("irq_first", "step_first"),
	       ("the interrupt is taken first (SPSR.SS=0 saved); the step exception follows its return",
		"the step exception is taken first (QEMU)"),
	       AD_STEPIRQ_STEP_FIRST,
	       "agrees with QEMU, so differential runs compare"),
	POLICY(AD_POL_RESET_UNKNOWN, "Impdef_ResetUnknown",
	       "value of register fields that are UNKNOWN after a cold reset",
	       "7; ARM D24.3",
	       ("zero", "ones", "pattern"),
	       ("all zeros", "all ones (legalised: RES0 bits stay 0)",
		"a fixed per-register pattern (legalised), to catch software that forgets to initialise"),
	       AD_RESETUNK_ZERO,
	       "quiet default; 'ones'/'pattern' expose missing initialisation (hotplug)"),
	POLICY(AD_POL_BAS_READBACK, "Impdef_WatchpointBASReadback",
	       "value read back from a non-contiguous watchpoint BAS (UNKNOWN)",
	       "2.2; ARM D2.9",
	       ("as_written", "lowest_run"),
	       ("reads as written", "reads as its lowest contiguous run"),
	       AD_BASREAD_AS_WRITTEN,
	       "keeps the value software wrote"),
	POLICY(AD_POL_DLK_WITHOUT_OSLK, "Impdef_DoubleLockWithoutOSLock",
	       "OSDLR_EL1.DLK written to 1 while OSLSR_EL1.OSLK == 0",
	       "4.1; 7",
	       ("set", "ignored"),
	       ("DLK is set (debug exceptions then disabled)", "the write is ignored"),
	       AD_DLK_SET,
	       "what the register description says a write does"),
};

const struct ad_policy_desc *ad_policy_desc(enum ad_policy_id id)
{
	return (unsigned)id < AD_POL__COUNT ? &table[id] : NULL;
}

void ad_policies_default(struct ad_policies *p)
{
	for (unsigned i = 0; i < AD_POL__COUNT; i++)
		p->choice[i] = (uint8_t)table[i].dflt;
}

static bool name_matches(const char *full, const char *name)
{
	static const char *const prefixes[] = { "Unpredictable_", "Impdef_" };

	if (strcasecmp(full, name) == 0)
		return true;
	for (unsigned i = 0; i < 2; i++) {
		size_t n = strlen(prefixes[i]);

		if (strncmp(full, prefixes[i], n) == 0 &&
		    strcasecmp(full + n, name) == 0)
			return true;
	}
	return false;
}

int ad_policy_find(const char *name)
{
	for (unsigned i = 0; name && i < AD_POL__COUNT; i++)
		if (name_matches(table[i].name, name))
			return (int)i;
	return -1;
}

int ad_policy_set(struct ad_policies *p, const char *name, const char *choice)
{
	int id = ad_policy_find(name);

	if (id < 0)
		return -1;
	for (unsigned c = 0; choice && c < table[id].nchoices; c++) {
		if (strcasecmp(table[id].choices[c], choice) == 0) {
			p->choice[id] = (uint8_t)c;
			return 0;
		}
	}
	return -2;
}
