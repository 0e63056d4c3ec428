// SPDX-License-Identifier: MIT
/*
 * emu/mmu.c - AArch64 stage 1 translation: the table walk and the checks
 * that give an instruction or data abort its fault status code.
 *
 * Follows the Arm ARM (DDI0487) chapter D8 and its pseudocode:
 * AArch64.S1Translate, AArch64.S1DisabledOutput, AArch64.GetS1TTWParams,
 * AArch64.VAIsOutOfRange, AArch64.S1StartLevel, AArch64.S1Walk,
 * AArch64.S1ApplyTablePerms, AArch64.S1DirectBasePermissions and
 * AArch64.S1CheckPermissions, restricted to the VMSAv8-64 format with
 * 48-bit addresses and no hardware descriptor updates (see mmu.h for what
 * is not modelled).  The order of the checks is the pseudocode's, so the
 * fault reported is the one the architecture reports first.
 */
#include <stddef.h>
#include <string.h>

#include "mmu.h"

/* Register fields used here. */
enum {
	SCTLR_M = 0,
	SCTLR_I = 12,
	SCTLR_WXN = 19,
	SCTLR_EE = 25,

	/* TCR_EL1 */
	TCR_EPD0 = 7,
	TCR_EPD1 = 23,
	TCR_TBI0 = 37,
	TCR_TBI1 = 38,
	TCR_HPD0 = 41,
	TCR_HPD1 = 42,
	TCR_TBID0 = 51,
	TCR_TBID1 = 52,

	/* TCR_EL2 with HCR_EL2.E2H = 0 */
	TCR2_TBI = 20,
	TCR2_HPD = 24,
	TCR2_TBID = 29,

	HCR_VM = 0,
	HCR_DC = 12,
	HCR_TGE = 27,
	HCR_E2H = 34,

	/* Stage 1 descriptor bits */
	DESC_VALID = 0,
	DESC_TABLE = 1, /* table (levels 0-2) or page (level 3) */
	DESC_AP1 = 6,
	DESC_AP2 = 7,
	DESC_AF = 10,
	DESC_CONTIG = 52,
	DESC_PXN = 53,
	DESC_XN = 54,        /* UXN in EL1&0, XN in EL2 */
	DESC_PXNTABLE = 59,
	DESC_XNTABLE = 60,   /* UXNTable in EL1&0, XNTable in EL2 */
	DESC_APTABLE0 = 61,
	DESC_APTABLE1 = 62,
};

static inline bool bit(uint64_t v, unsigned n)
{
	return (v >> n) & 1;
}

static inline uint64_t ones(unsigned n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

/* v<hi:lo> */
static inline uint64_t bits(uint64_t v, unsigned hi, unsigned lo)
{
	return (v >> lo) & ones(hi - lo + 1);
}

static uint64_t byte_reverse64(uint64_t v)
{
	uint64_t r = 0;
	unsigned i;

	for (i = 0; i < 8; i++)
		r = (r << 8) | ((v >> (8 * i)) & 0xff);
	return r;
}

/* The walk parameters this module uses (a part of S1TTWParams). */
struct walk_params {
	bool upper;        /* va<55> = 1 in EL1&0: TTBR1 */
	unsigned txsz;
	unsigned gbits;    /* granule size, log2: 12, 14 or 16 */
	unsigned oa_bits;  /* AArch64.PhysicalAddressSize */
	bool tbi, tbid, hpd, epd;
	uint64_t ttbr;
};

/* The hierarchical limits collected from table descriptors. */
struct table_perms {
	unsigned ap_table; /* APTable[1:0] (bit 0 RES0 in EL2) */
	bool xn_table;     /* UXNTable (EL1&0) or XNTable (EL2) */
	bool pxn_table;
};

/* AArch64.S1DecodeTG0 (granule log2; 0 = reserved encoding) */
static unsigned decode_tg0(unsigned tg0)
{
	static const unsigned g[4] = { 12, 16, 14, 0 };

	return g[tg0 & 3];
}

/* AArch64.S1DecodeTG1 */
static unsigned decode_tg1(unsigned tg1)
{
	static const unsigned g[4] = { 0, 14, 12, 16 };

	return g[tg1 & 3];
}

/* AArch64.PhysicalAddressSize, without FEAT_LPA/LPA2/D128 */
static unsigned physical_address_size(unsigned ps, unsigned pa_bits)
{
	static const unsigned size[8] = { 32, 36, 40, 42, 44, 48, 52, 56 };
	unsigned s = size[ps & 7];

	return s < pa_bits ? s : pa_bits;
}

static bool pa_bits_ok(unsigned pa_bits)
{
	switch (pa_bits) {
	case 32: case 36: case 40: case 42: case 44: case 48:
		return true;
	default:
		return false;
	}
}

/* The TBI/TBID fields of the VA range of @va (all a disabled MMU needs). */
static void tbi_params(const struct mmu_regs *r, uint64_t va,
		       struct walk_params *wp)
{
	bool pauth = r->features & MMU_FEAT_PAUTH;

	if (r->regime == MMU_REGIME_EL10) {
		wp->upper = bit(va, 55);
		wp->tbi = bit(r->tcr, wp->upper ? TCR_TBI1 : TCR_TBI0);
		wp->tbid = pauth &&
			   bit(r->tcr, wp->upper ? TCR_TBID1 : TCR_TBID0);
	} else {
		wp->upper = false;
		wp->tbi = bit(r->tcr, TCR2_TBI);
		wp->tbid = pauth && bit(r->tcr, TCR2_TBID);
	}
}

/* AArch64.GetS1TTWParams (the fields used here) */
static int get_s1_ttw_params(const struct mmu_regs *r, uint64_t va,
			     struct walk_params *wp)
{
	static const unsigned tgres[3] = { 12, 14, 16 };
	bool hpds = r->features & MMU_FEAT_HPDS;
	unsigned ps;

	tbi_params(r, va, wp);
	if (r->regime == MMU_REGIME_EL10 && wp->upper) {
		wp->txsz = bits(r->tcr, 21, 16);
		wp->gbits = decode_tg1(bits(r->tcr, 31, 30));
		wp->hpd = hpds && bit(r->tcr, TCR_HPD1);
		wp->epd = bit(r->tcr, TCR_EPD1);
		wp->ttbr = r->ttbr1;
		ps = bits(r->tcr, 34, 32);
	} else if (r->regime == MMU_REGIME_EL10) {
		wp->txsz = bits(r->tcr, 5, 0);
		wp->gbits = decode_tg0(bits(r->tcr, 15, 14));
		wp->hpd = hpds && bit(r->tcr, TCR_HPD0);
		wp->epd = bit(r->tcr, TCR_EPD0);
		wp->ttbr = r->ttbr0;
		ps = bits(r->tcr, 34, 32);
	} else {
		wp->txsz = bits(r->tcr, 5, 0);
		wp->gbits = decode_tg0(bits(r->tcr, 15, 14));
		wp->hpd = hpds && bit(r->tcr, TCR2_HPD);
		wp->epd = false;
		wp->ttbr = r->ttbr0;
		ps = bits(r->tcr, 18, 16);
	}
	if (!wp->gbits) {
		/* Reserved TGx: an IMPLEMENTATION DEFINED granule. */
		if (r->impdef.tg_reserved >= MMU_TGRES_ERROR)
			return MMU_ERR_TG_RESERVED;
		wp->gbits = tgres[r->impdef.tg_reserved];
	}
	wp->oa_bits = physical_address_size(ps, r->pa_bits);
	return MMU_OK;
}

/* AArch64.AddrTop */
static unsigned addr_top(const struct walk_params *wp, enum mmu_acc acc)
{
	if (wp->tbid && acc == MMU_EXEC)
		return 63;
	return wp->tbi ? 55 : 63;
}

/* AArch64.VAIsOutOfRange */
static bool va_is_out_of_range(const struct mmu_regs *r,
			       const struct walk_params *wp, uint64_t va,
			       enum mmu_acc acc)
{
	unsigned top = addr_top(wp, acc);
	unsigned iasize = 64 - wp->txsz;
	uint64_t hi;

	if (top < iasize)
		return false;
	hi = bits(va, top, iasize);
	if (r->regime == MMU_REGIME_EL10 && wp->upper)
		return hi != ones(top - iasize + 1);
	return hi != 0;
}

/* AArch64.S1StartLevel */
static int s1_start_level(const struct walk_params *wp)
{
	unsigned iasize = 64 - wp->txsz;
	unsigned stride = wp->gbits - 3;

	return 3 - (int)((iasize - 1 - wp->gbits) / stride);
}

/* AArch64.OAOutOfRange, for 48-bit descriptors */
static bool oa_out_of_range(uint64_t pa, unsigned oa_bits)
{
	return bits(pa, 63, oa_bits) != 0;
}

/* AArch64.BlockDescSupported, without FEAT_LPA2 / 52-bit PAs */
static bool block_desc_supported(unsigned gbits, int level)
{
	if (gbits == 12)
		return level == 1 || level == 2;
	return level == 2;
}

/* The Contiguous bit's range, log2 entries (TGx.ContiguousSize) */
static unsigned contiguous_size(unsigned gbits, int level)
{
	if (gbits == 14)
		return level == 2 ? 5 : 7;
	return gbits == 12 ? 4 : 5;
}

/* AArch64.S1ApplyTablePerms */
static void s1_apply_table_perms(const struct mmu_regs *r, uint64_t desc,
				 struct table_perms *tp)
{
	tp->ap_table |= bit(desc, DESC_APTABLE1) << 1;
	tp->xn_table |= bit(desc, DESC_XNTABLE);
	if (r->regime == MMU_REGIME_EL10) {
		tp->ap_table |= bit(desc, DESC_APTABLE0);
		tp->pxn_table |= bit(desc, DESC_PXNTABLE);
	}
}

/* Does PAN restrict this access?  (AccessDescriptor.pan) */
static bool acc_pan(enum mmu_acc acc)
{
	return acc == MMU_READ || acc == MMU_WRITE || acc == MMU_RMW;
}

struct s1_perms {
	bool r, w, x;
};

/* AArch64.S1DirectBasePermissions, with the WXN step of
 * AArch64.S1ComputePermissions */
static struct s1_perms s1_direct_base_permissions(const struct mmu_regs *r,
						  uint64_t desc,
						  const struct table_perms *tp,
						  enum mmu_acc acc,
						  unsigned acc_el)
{
	struct s1_perms p;

	if (r->regime == MMU_REGIME_EL10) {
		unsigned ap = bits(desc, DESC_AP2, DESC_AP1);
		bool pr = true, pw = !(ap & 2);
		bool ur = ap & 1, uw = ap == 1;
		bool px, ux;

		if (tp->ap_table & 1) /* no access from EL0 */
			ur = uw = false;
		if (tp->ap_table & 2) /* read-only */
			pw = uw = false;
		/* EL0-writable memory is never privileged-executable. */
		px = !(bit(desc, DESC_PXN) || tp->pxn_table || uw);
		ux = !(bit(desc, DESC_XN) || tp->xn_table);
		if ((r->features & MMU_FEAT_PAN) && acc_pan(acc) && r->pan &&
		    (ur || uw))
			pr = pw = false;
		if (acc_el == 0) {
			p.r = ur;
			p.w = uw;
			p.x = ux;
		} else {
			p.r = pr;
			p.w = pw;
			p.x = px;
		}
	} else {
		/* One privilege level: AP[1] is treated as 1, PXN ignored. */
		p.r = true;
		p.w = !bit(desc, DESC_AP2) && !(tp->ap_table & 2);
		p.x = !(bit(desc, DESC_XN) || tp->xn_table);
	}
	if (bit(r->sctlr, SCTLR_WXN) && p.w && p.x)
		p.x = false;
	return p;
}

static void set_fault(struct mmu_result *res, enum mmu_fault kind,
		      int level)
{
	static const unsigned base[] = {
		[MMU_FAULT_NONE] = 0,
		[MMU_FAULT_ADDRESS_SIZE] = MMU_FSC_ADDRESS_SIZE,
		[MMU_FAULT_TRANSLATION] = MMU_FSC_TRANSLATION,
		[MMU_FAULT_ACCESS_FLAG] = MMU_FSC_ACCESS_FLAG,
		[MMU_FAULT_PERMISSION] = MMU_FSC_PERMISSION,
		[MMU_FAULT_EXT_WALK] = MMU_FSC_EXT_WALK,
	};

	res->fault = true;
	res->kind = kind;
	res->level = level;
	res->fsc = base[kind] + (unsigned)level;
}

/* AArch64.S1CheckPermissions */
static void s1_check_permissions(const struct mmu_regs *r, uint64_t desc,
				 const struct table_perms *tp,
				 enum mmu_acc acc, unsigned acc_el,
				 struct mmu_result *res)
{
	struct s1_perms p = s1_direct_base_permissions(r, desc, tp, acc,
						       acc_el);
	bool fail, wnr = res->wnr;

	switch (acc) {
	case MMU_EXEC:
		/* Unpredictable_INSTRDEVICE, then execute permission */
		fail = (res->device && r->impdef.ifetch_device_fault) || !p.x;
		break;
	case MMU_DC_IVAC:
		fail = !p.w;
		break;
	case MMU_READ:
		fail = !p.r;
		break;
	case MMU_WRITE:
		fail = !p.w;
		break;
	case MMU_RMW:
	default:
		/* The read is checked first: WnR = 0 if it fails. */
		fail = !p.r || !p.w;
		wnr = p.r;
		break;
	}
	if (fail) {
		res->wnr = wnr;
		set_fault(res, MMU_FAULT_PERMISSION, res->level);
	}
}

/* Reads the descriptor at @pa; false is an External abort on the walk. */
static bool fetch_descriptor(const struct mmu_regs *r,
			     const struct mmu_mem *m, uint64_t pa,
			     uint64_t *desc)
{
	uint64_t v;

	if (!m->read_phys64(m->ctx, pa, &v))
		return false;
	*desc = bit(r->sctlr, SCTLR_EE) ? byte_reverse64(v) : v;
	return true;
}

/* The leaf's memory attributes, from MAIR_ELx. */
static void set_attrs(const struct mmu_regs *r, uint64_t desc,
		      struct mmu_result *res)
{
	unsigned idx = bits(desc, 4, 2);

	res->memattr = (uint8_t)bits(r->mair, 8 * idx + 7, 8 * idx);
	res->device = (res->memattr >> 4) == 0;
	res->attrs_valid = true;
}

/*
 * AArch64.S1Walk: from the TTBR to the leaf.  On return without a fault,
 * res->level, pa, desc, block_bits and the attributes are set and *tp
 * holds the hierarchical limits.
 */
static void s1_walk(const struct mmu_regs *r, const struct mmu_mem *m,
		    const struct walk_params *wp, uint64_t va,
		    enum mmu_acc acc, struct table_perms *tp,
		    struct mmu_result *res)
{
	unsigned iasize = 64 - wp->txsz;
	unsigned stride = wp->gbits - 3;
	int level = s1_start_level(wp);
	unsigned lsb = (unsigned)(3 - level) * stride + wp->gbits;
	unsigned tsize = iasize - lsb + 3;
	uint64_t base, descaddr, desc, oa;
	unsigned leafbits;

	if (r->regime == MMU_REGIME_EL10 && wp->epd) {
		set_fault(res, MMU_FAULT_TRANSLATION, 0);
		return;
	}
	/* AArch64.S1TTBaseAddress: TTBR<47:1>, aligned to the table size */
	base = bits(wp->ttbr, 47, 1) << 1;
	base &= ~ones(tsize);
	/* AArch64.S1SLTTEntryAddress */
	descaddr = base | (bits(va, iasize - 1, lsb) << 3);
	if (oa_out_of_range(descaddr, wp->oa_bits)) {
		set_fault(res, MMU_FAULT_ADDRESS_SIZE, 0);
		return;
	}
	for (;;) {
		res->level = level;
		if (!fetch_descriptor(r, m, descaddr, &desc)) {
			res->walk_pa = descaddr;
			set_fault(res, MMU_FAULT_EXT_WALK, level);
			return;
		}
		/* AArch64.DecodeDescriptorType */
		if (!bit(desc, DESC_VALID)) {
			set_fault(res, MMU_FAULT_TRANSLATION, level);
			return;
		}
		if (bit(desc, DESC_TABLE) && level == 3)
			break; /* page */
		if (!bit(desc, DESC_TABLE)) {
			if (!block_desc_supported(wp->gbits, level)) {
				set_fault(res, MMU_FAULT_TRANSLATION, level);
				return;
			}
			break; /* block */
		}
		/* AArch64.S1NextWalkStateTable */
		if (!wp->hpd)
			s1_apply_table_perms(r, desc, tp);
		level++;
		lsb = (unsigned)(3 - level) * stride + wp->gbits;
		/* AArch64.TTEntryAddress */
		descaddr = (bits(desc, 47, wp->gbits) << wp->gbits) |
			   (bits(va, lsb + stride - 1, lsb) << 3);
		/* Reported at the level of the table descriptor. */
		if (oa_out_of_range(descaddr, wp->oa_bits)) {
			set_fault(res, MMU_FAULT_ADDRESS_SIZE, res->level);
			return;
		}
	}

	leafbits = (unsigned)(3 - level) * stride + wp->gbits;
	/* AArch64.LeafBase and StageOA */
	oa = (bits(desc, 47, 0) & ~ones(leafbits)) | (va & ones(leafbits));
	if (bit(desc, DESC_CONTIG) && r->impdef.contig_fault &&
	    leafbits + contiguous_size(wp->gbits, level) > iasize) {
		/* AArch64.ContiguousBitFaults */
		set_fault(res, MMU_FAULT_TRANSLATION, level);
		return;
	}
	if (oa_out_of_range(oa, wp->oa_bits)) {
		set_fault(res, MMU_FAULT_ADDRESS_SIZE, level);
		return;
	}
	if (!bit(desc, DESC_AF) &&
	    !(acc == MMU_DC_IVAC && r->impdef.dc_af_exempt)) {
		set_fault(res, MMU_FAULT_ACCESS_FLAG, level);
		return;
	}
	res->pa = oa;
	res->desc = desc;
	res->block_bits = leafbits;
	set_attrs(r, desc, res);
}

/* AArch64.S1DisabledOutput */
static void s1_disabled_output(const struct mmu_regs *r, uint64_t va,
			       enum mmu_acc acc, struct mmu_result *res)
{
	struct walk_params wp;
	unsigned top;

	tbi_params(r, va, &wp);
	top = addr_top(&wp, acc);
	res->level = 0;
	if (bits(va, top, r->pa_bits) != 0) {
		set_fault(res, MMU_FAULT_ADDRESS_SIZE, 0);
		return;
	}
	res->pa = va & ones(r->pa_bits);
	res->block_bits = 12;
	if (acc == MMU_EXEC)
		res->memattr = bit(r->sctlr, SCTLR_I) ? 0xaa : 0x44;
	else
		res->memattr = 0x00;
	res->device = (res->memattr >> 4) == 0;
	res->attrs_valid = true;
}

/* Argument and regime checks; the EL an access is checked as. */
static int check_args(const struct mmu_regs *r, const struct mmu_mem *m,
		      enum mmu_acc acc, unsigned el)
{
	if (!r || !m || !m->read_phys64)
		return MMU_ERR_ARG;
	if (acc != MMU_READ && acc != MMU_WRITE && acc != MMU_RMW &&
	    acc != MMU_EXEC && acc != MMU_DC_IVAC)
		return MMU_ERR_ARG;
	if (!pa_bits_ok(r->pa_bits))
		return MMU_ERR_PA_BITS;
	if (el == 2) {
		if (r->regime != MMU_REGIME_EL2)
			return MMU_ERR_ARG;
		if (bit(r->hcr, HCR_E2H))
			return MMU_ERR_VHE;
		return MMU_OK;
	}
	if (el > 1 || r->regime != MMU_REGIME_EL10)
		return MMU_ERR_ARG;
	if (el == 0 && bit(r->hcr, HCR_E2H) && bit(r->hcr, HCR_TGE))
		return MMU_ERR_VHE;
	if (bit(r->hcr, HCR_VM) || bit(r->hcr, HCR_DC))
		return MMU_ERR_STAGE2;
	return MMU_OK;
}

/* AArch64.S1Enabled */
static bool s1_enabled(const struct mmu_regs *r)
{
	if (r->regime == MMU_REGIME_EL10 && bit(r->hcr, HCR_TGE))
		return false;
	return bit(r->sctlr, SCTLR_M);
}

/* AArch64.S1Translate (the stage 1 part of AArch64.TranslateAddress) */
int mmu_translate(const struct mmu_regs *r, const struct mmu_mem *m,
		  uint64_t va, enum mmu_acc acc, unsigned el, bool unpriv,
		  struct mmu_result *res)
{
	struct table_perms tp = { 0, false, false };
	struct walk_params wp;
	unsigned acc_el;
	int err;

	if (!res)
		return MMU_ERR_ARG;
	memset(res, 0, sizeof(*res));
	err = check_args(r, m, acc, el);
	if (err)
		return err;
	acc_el = (el == 0 || (unpriv && r->regime == MMU_REGIME_EL10)) ?
		 0 : el;
	/* NoFault(accdesc).write = !read && write; CM faults report 1. */
	res->wnr = acc == MMU_WRITE || acc == MMU_DC_IVAC;

	if (!s1_enabled(r)) {
		s1_disabled_output(r, va, acc, res);
		return MMU_OK;
	}
	err = get_s1_ttw_params(r, va, &wp);
	if (err) {
		memset(res, 0, sizeof(*res));
		return err;
	}
	/* AArch64.S1TxSZFaults, else the value is clamped into range. */
	if (wp.txsz < 16 || wp.txsz > 39) {
		if (r->impdef.txsz_fault) {
			set_fault(res, MMU_FAULT_TRANSLATION, 0);
			return MMU_OK;
		}
		wp.txsz = wp.txsz < 16 ? 16 : 39;
	}
	if (va_is_out_of_range(r, &wp, va, acc)) {
		set_fault(res, MMU_FAULT_TRANSLATION, 0);
		return MMU_OK;
	}
	s1_walk(r, m, &wp, va, acc, &tp, res);
	if (res->fault)
		return MMU_OK;
	s1_check_permissions(r, res->desc, &tp, acc, acc_el, res);
	return MMU_OK;
}

int mmu_translate_range(const struct mmu_regs *r, const struct mmu_mem *m,
			uint64_t va, uint64_t size, enum mmu_acc acc,
			unsigned el, bool unpriv, struct mmu_result *res,
			uint64_t *far)
{
	struct mmu_result first = { 0 }, cur;
	uint64_t addr = va, left = size, unit, step;
	bool have_first = false;
	int err;

	if (!res || !far)
		return MMU_ERR_ARG;
	memset(res, 0, sizeof(*res));
	*far = va;
	if (size == 0 || size > MMU_RANGE_MAX)
		return MMU_ERR_ARG;
	for (;;) {
		err = mmu_translate(r, m, addr, acc, el, unpriv, &cur);
		if (err)
			return err;
		if (cur.fault) {
			*res = cur;
			*far = addr;
			return MMU_OK;
		}
		if (!have_first) {
			first = cur;
			have_first = true;
		}
		unit = 1ull << cur.block_bits;
		step = unit - (addr & (unit - 1));
		if (step >= left)
			break;
		left -= step;
		addr += step;
	}
	*res = first;
	return MMU_OK;
}

const char *mmu_strerror(int err)
{
	switch (err) {
	case MMU_OK:
		return "no error";
	case MMU_ERR_ARG:
		return "bad argument (NULL pointer, missing callback, bad "
		       "size, unknown access type, or EL not in the regime)";
	case MMU_ERR_PA_BITS:
		return "pa_bits must be 32, 36, 40, 42, 44 or 48";
	case MMU_ERR_VHE:
		return "the EL2&0 (VHE, HCR_EL2.E2H = 1) regime is not "
		       "supported";
	case MMU_ERR_STAGE2:
		return "stage 2 translation (HCR_EL2.VM or DC = 1) is not "
		       "supported";
	case MMU_ERR_TG_RESERVED:
		return "reserved TCR.TGx granule encoding";
	default:
		return "unknown mmu error";
	}
}
