// SPDX-License-Identifier: MIT
/*
 * emu/gic.c - the minimal GICv3 of gic.h.  References are to the GICv3/v4
 * architecture specification (IHI 0069): chapter 4 (interrupt handling and
 * prioritization), 12 (the GICD/GICR registers) and 12.2 (ICC_*_EL1).
 */
#include "gic.h"

#include <string.h>

#define PRIO_MASK 0xf8u  /* 5 bits of priority: ICC_CTLR_EL1.PRIbits = 4 */
#define BPR0_MIN 2u      /* 7 - 5 bits */
#define BPR1_MIN 3u      /* BPR0_MIN + 1 */
#define IDLE_PRIO 0xffu

/* GICD / GICR frames. */
#define SGI_BASE (GIC_REDIST_BASE + 0x10000)

void gic_reset(struct gic *g)
{
	memset(g, 0, sizeof(*g));
	for (unsigned i = 0; i < GIC_NIRQ; i++)
		g->irq[i].edge = i < 16; /* SGIs are edge-triggered; the rest reset to level */
	g->gicr_waker = 0x6;    /* ProcessorSleep = ChildrenAsleep = 1 */
	g->bpr0 = BPR0_MIN;
	g->bpr1 = BPR1_MIN;
}

static bool pending(const struct gic_irq *q)
{
	return q->latch || (!q->edge && q->level);
}

void gic_set_line(struct gic *g, unsigned intid, bool level)
{
	struct gic_irq *q;

	if (intid < 16 || intid >= GIC_NIRQ)
		return;
	q = &g->irq[intid];
	if (q->edge && level && !q->level)
		q->latch = true; /* a rising edge */
	q->level = level;
}

/* ---- prioritization (IHI 0069 4.8) ---------------------------------- */

static unsigned group_prio_mask(const struct gic *g, bool group1)
{
	/* Group 0, or Group 1 with ICC_CTLR_EL1.CBPR: bits [7:BPR0+1]; else [7:BPR1]. */
	unsigned shift = (!group1 || (g->ctlr & 1)) ? g->bpr0 + 1u : g->bpr1;

	return (0xffu << shift) & 0xff;
}

/* The running priority: the highest (lowest value) active group priority. */
static unsigned running_prio(const struct gic *g)
{
	uint32_t ap = g->ap0 | g->ap1;

	if (!ap)
		return IDLE_PRIO;
	return (unsigned)__builtin_ctz(ap) << 3;
}

static bool group_enabled(const struct gic *g, bool group1)
{
	return group1 ? (g->gicd_ctlr & 2) && g->igrpen1 :
			(g->gicd_ctlr & 1) && g->igrpen0;
}

/* The highest-priority pending interrupt that is enabled and not active. */
static int hppi(const struct gic *g, bool need_group_enable)
{
	int best = -1;

	for (unsigned i = 0; i < GIC_NIRQ; i++) {
		const struct gic_irq *q = &g->irq[i];

		if (!q->enabled || q->active || !pending(q))
			continue;
		if (need_group_enable && !group_enabled(g, q->group1))
			continue;
		if (best < 0 || q->prio < g->irq[best].prio)
			best = (int)i;
	}
	return best;
}

/* Can interrupt @i preempt: priority above PMR and above the running priority? */
static bool can_signal(const struct gic *g, unsigned i)
{
	const struct gic_irq *q = &g->irq[i];

	return q->prio < g->pmr &&
	       (q->prio & group_prio_mask(g, q->group1)) < running_prio(g);
}

struct gic_signal gic_signal(const struct gic *g)
{
	struct gic_signal s = { .intid = GIC_SPURIOUS };
	int i = hppi(g, true);

	if (i < 0 || !can_signal(g, (unsigned)i))
		return s;
	s.intid = (unsigned)i;
	if (g->irq[i].group1)
		s.irq = true;
	else
		s.fiq = true;
	return s;
}

/* ICC_IAR0/1_EL1: acknowledge the HPPI of @group1's group. */
static unsigned acknowledge(struct gic *g, bool group1)
{
	int i = hppi(g, true);
	struct gic_irq *q;
	unsigned gp;

	if (i < 0 || g->irq[i].group1 != group1 || !can_signal(g, (unsigned)i))
		return GIC_SPURIOUS;
	q = &g->irq[i];
	q->latch = false;
	q->active = true;
	gp = (q->prio & group_prio_mask(g, group1)) >> 3;
	if (group1)
		g->ap1 |= 1u << gp;
	else
		g->ap0 |= 1u << gp;
	return (unsigned)i;
}

/* ICC_EOIR0/1_EL1: priority drop, and deactivation unless EOImode == 1. */
static void end_of_interrupt(struct gic *g, bool group1, unsigned intid)
{
	uint32_t *ap = group1 ? &g->ap1 : &g->ap0;

	if (intid >= 1020)
		return;
	/* The priority drop clears the highest active priority (4.1.1). */
	if (*ap)
		*ap &= *ap - 1;
	if (!(g->ctlr & 2) && intid < GIC_NIRQ)
		g->irq[intid].active = false;
}

static void send_sgi(struct gic *g, uint64_t v)
{
	unsigned intid = (unsigned)(v >> 24) & 0xf;
	bool irm = v >> 40 & 1;

	/* This PE has affinity 0.0.0.0: targeted by Aff3.Aff2.Aff1 = 0 and TargetList[0]. */
	if (irm)
		return; /* "all but self": there is no other PE */
	if ((v >> 16 & 0xff) || (v >> 32 & 0xff) || (v >> 48 & 0xff) || !(v & 1))
		return;
	g->irq[intid].latch = true;
}

/* ---- the ICC system registers (IHI 0069 12.2) ----------------------- */

static unsigned icc_key(unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
	return op1 << 12 | crn << 8 | crm << 4 | op2;
}

enum {
	ICC_PMR = 0x0460, ICC_IAR0 = 0x0c80, ICC_EOIR0 = 0x0c81,
	ICC_HPPIR0 = 0x0c82, ICC_BPR0 = 0x0c83, ICC_AP0R0 = 0x0c84,
	ICC_AP1R0 = 0x0c90, ICC_DIR = 0x0cb1, ICC_RPR = 0x0cb3,
	ICC_SGI1R = 0x0cb5, ICC_ASGI1R = 0x0cb6, ICC_SGI0R = 0x0cb7,
	ICC_IAR1 = 0x0cc0, ICC_EOIR1 = 0x0cc1, ICC_HPPIR1 = 0x0cc2,
	ICC_BPR1 = 0x0cc3, ICC_CTLR = 0x0cc4, ICC_SRE = 0x0cc5,
	ICC_IGRPEN0 = 0x0cc6, ICC_IGRPEN1 = 0x0cc7, ICC_SRE_EL2 = 0x4c95,
};

static const struct {
	unsigned key;
	const char *name;
	bool rd, wr;
} icc_regs[] = {
	{ ICC_PMR, "ICC_PMR_EL1", true, true },
	{ ICC_IAR0, "ICC_IAR0_EL1", true, false },
	{ ICC_EOIR0, "ICC_EOIR0_EL1", false, true },
	{ ICC_HPPIR0, "ICC_HPPIR0_EL1", true, false },
	{ ICC_BPR0, "ICC_BPR0_EL1", true, true },
	{ ICC_AP0R0, "ICC_AP0R0_EL1", true, true },
	{ ICC_AP1R0, "ICC_AP1R0_EL1", true, true },
	{ ICC_DIR, "ICC_DIR_EL1", false, true },
	{ ICC_RPR, "ICC_RPR_EL1", true, false },
	{ ICC_SGI1R, "ICC_SGI1R_EL1", false, true },
	{ ICC_ASGI1R, "ICC_ASGI1R_EL1", false, true },
	{ ICC_SGI0R, "ICC_SGI0R_EL1", false, true },
	{ ICC_IAR1, "ICC_IAR1_EL1", true, false },
	{ ICC_EOIR1, "ICC_EOIR1_EL1", false, true },
	{ ICC_HPPIR1, "ICC_HPPIR1_EL1", true, false },
	{ ICC_BPR1, "ICC_BPR1_EL1", true, true },
	{ ICC_CTLR, "ICC_CTLR_EL1", true, true },
	{ ICC_SRE, "ICC_SRE_EL1", true, true },
	{ ICC_IGRPEN0, "ICC_IGRPEN0_EL1", true, true },
	{ ICC_IGRPEN1, "ICC_IGRPEN1_EL1", true, true },
	{ ICC_SRE_EL2, "ICC_SRE_EL2", true, true },
};

static int icc_find(unsigned key)
{
	for (unsigned i = 0; i < sizeof(icc_regs) / sizeof(icc_regs[0]); i++)
		if (icc_regs[i].key == key)
			return (int)i;
	return -1;
}

bool gic_is_icc(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
		unsigned op2, bool read)
{
	int i;

	if (op0 != 3)
		return false;
	i = icc_find(icc_key(op1, crn, crm, op2));
	return i >= 0 && (read ? icc_regs[i].rd : icc_regs[i].wr);
}

const char *gic_icc_name(unsigned op1, unsigned crn, unsigned crm, unsigned op2)
{
	int i = icc_find(icc_key(op1, crn, crm, op2));

	return i < 0 ? "?" : icc_regs[i].name;
}

uint64_t gic_icc_read(struct gic *g, unsigned op1, unsigned crn, unsigned crm,
		      unsigned op2)
{
	int i;

	switch (icc_key(op1, crn, crm, op2)) {
	case ICC_PMR: return g->pmr;
	case ICC_IAR0: return acknowledge(g, false);
	case ICC_IAR1: return acknowledge(g, true);
	case ICC_HPPIR0:
	case ICC_HPPIR1:
		i = hppi(g, false);
		return i >= 0 && g->irq[i].group1 == (crm == 12) ? (unsigned)i : GIC_SPURIOUS;
	case ICC_BPR0: return g->bpr0;
	case ICC_BPR1: return (g->ctlr & 1) ? (g->bpr0 + 1 > 7 ? 7 : g->bpr0 + 1) : g->bpr1;
	case ICC_AP0R0: return g->ap0;
	case ICC_AP1R0: return g->ap1;
	case ICC_RPR: return running_prio(g);
	/* A3V [15], IDbits [13:11] = 0 (16 bits), PRIbits [10:8] = 4, EOImode, CBPR. */
	case ICC_CTLR: return 1u << 15 | 4u << 8 | (g->ctlr & 3);
	case ICC_SRE: return 0x7;     /* SRE, DFB, DIB: RAO/WI */
	case ICC_SRE_EL2: return 0xf; /* ... and Enable */
	case ICC_IGRPEN0: return g->igrpen0;
	case ICC_IGRPEN1: return g->igrpen1;
	default: return 0;
	}
}

void gic_icc_write(struct gic *g, unsigned op1, unsigned crn, unsigned crm,
		   unsigned op2, uint64_t v)
{
	switch (icc_key(op1, crn, crm, op2)) {
	case ICC_PMR: g->pmr = (uint8_t)(v & PRIO_MASK); break;
	case ICC_EOIR0: end_of_interrupt(g, false, (unsigned)v & 0xffffff); break;
	case ICC_EOIR1: end_of_interrupt(g, true, (unsigned)v & 0xffffff); break;
	case ICC_DIR:
		if ((v & 0xffffff) < GIC_NIRQ)
			g->irq[v & 0xffffff].active = false;
		break;
	case ICC_BPR0: g->bpr0 = (uint8_t)((v & 7) < BPR0_MIN ? BPR0_MIN : (v & 7)); break;
	case ICC_BPR1:
		if (!(g->ctlr & 1))
			g->bpr1 = (uint8_t)((v & 7) < BPR1_MIN ? BPR1_MIN : (v & 7));
		break;
	case ICC_AP0R0: g->ap0 = (uint32_t)v; break;
	case ICC_AP1R0: g->ap1 = (uint32_t)v; break;
	case ICC_SGI1R:
	case ICC_SGI0R:
	case ICC_ASGI1R: send_sgi(g, v); break;
	case ICC_CTLR: g->ctlr = (uint32_t)v & 3; break;
	case ICC_IGRPEN0: g->igrpen0 = v & 1; break;
	case ICC_IGRPEN1: g->igrpen1 = v & 1; break;
	default: break; /* SRE: RAO/WI */
	}
}

/* ---- the distributor and redistributor (IHI 0069 12.9, 12.11) ------- */

enum bitop { B_GROUP, B_ENABLE, B_PEND, B_ACTIVE };

static uint32_t bits_read(const struct gic *g, unsigned first, enum bitop op)
{
	uint32_t v = 0;

	for (unsigned b = 0; b < 32 && first + b < GIC_NIRQ; b++) {
		const struct gic_irq *q = &g->irq[first + b];
		bool on = op == B_GROUP ? q->group1 : op == B_ENABLE ? q->enabled :
			  op == B_PEND ? pending(q) : q->active;

		v |= (uint32_t)on << b;
	}
	return v;
}

/* GICx_IGROUPR (@set ignored), GICx_IS* (@set) and GICx_IC* (!@set). */
static void bits_write(struct gic *g, unsigned first, enum bitop op, bool set,
		       uint32_t v)
{
	for (unsigned b = 0; b < 32 && first + b < GIC_NIRQ; b++) {
		struct gic_irq *q = &g->irq[first + b];
		bool on = v >> b & 1;

		if (op == B_GROUP) {
			q->group1 = on;
			continue;
		}
		if (!on)
			continue;
		if (op == B_ENABLE)
			q->enabled = set;
		else if (op == B_PEND)
			q->latch = set; /* ICPENDR leaves a level-sensitive line's state */
		else
			q->active = set;
	}
}

static uint32_t cfg_read(const struct gic *g, unsigned first)
{
	uint32_t v = 0;

	for (unsigned k = 0; k < 16 && first + k < GIC_NIRQ; k++)
		v |= (uint32_t)g->irq[first + k].edge << (2 * k + 1);
	return v;
}

static void cfg_write(struct gic *g, unsigned first, uint32_t v)
{
	for (unsigned k = 0; k < 16 && first + k < GIC_NIRQ; k++)
		if (first + k >= 16) /* SGIs are always edge-triggered */
			g->irq[first + k].edge = v >> (2 * k + 1) & 1;
}

/* A register of the GICD_I* arrays (the SGI_base frame has the same layout). */
struct irq_reg {
	enum { IR_NONE, IR_BITS, IR_PRIO, IR_CFG } kind;
	enum bitop op;   /* IR_BITS */
	bool set;        /* IR_BITS: the "set" (IS*) form, else "clear" (IC*) */
	unsigned first;  /* the first INTID it covers */
};

static struct irq_reg irq_reg_decode(unsigned off)
{
	static const struct { unsigned base; enum bitop op; bool set; } bits[] = {
		{ 0x080, B_GROUP, true },   /* IGROUPR */
		{ 0x100, B_ENABLE, true },  /* ISENABLER */
		{ 0x180, B_ENABLE, false }, /* ICENABLER */
		{ 0x200, B_PEND, true },    /* ISPENDR */
		{ 0x280, B_PEND, false },   /* ICPENDR */
		{ 0x300, B_ACTIVE, true },  /* ISACTIVER */
		{ 0x380, B_ACTIVE, false }, /* ICACTIVER */
	};
	struct irq_reg r = { .kind = IR_NONE };

	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (off >= bits[i].base && off < bits[i].base + 0x80) {
			r.kind = IR_BITS;
			r.op = bits[i].op;
			r.set = bits[i].set;
			r.first = (off - bits[i].base) / 4 * 32;
			return r;
		}
	}
	if (off >= 0x400 && off < 0x800) {
		r.kind = IR_PRIO;  /* IPRIORITYR: a byte per INTID */
		r.first = off - 0x400;
	} else if (off >= 0xc00 && off < 0xd00) {
		r.kind = IR_CFG;   /* ICFGR: two bits per INTID */
		r.first = (off - 0xc00) / 4 * 16;
	}
	return r;
}

/* Affinity routing: GICD owns INTIDs >= 32, the redistributor 0..31. */
static bool owns(bool redist, unsigned first)
{
	return redist ? first < 32 : first >= 32;
}

/* Shared by GICD (INTIDs >= 32) and the SGI_base frame (INTIDs 0..31). */
static bool irq_reg_read(const struct gic *g, unsigned off, bool redist,
			 uint32_t *v)
{
	struct irq_reg r = irq_reg_decode(off);

	*v = 0;
	if (r.kind == IR_NONE)
		return false;
	if (!owns(redist, r.first))
		return true; /* RAZ */
	if (r.kind == IR_BITS) {
		*v = bits_read(g, r.first, r.op);
	} else if (r.kind == IR_CFG) {
		*v = cfg_read(g, r.first);
	} else {
		for (unsigned k = 0; k < 4 && r.first + k < GIC_NIRQ; k++)
			*v |= (uint32_t)g->irq[r.first + k].prio << (8 * k);
	}
	return true;
}

static bool irq_reg_write(struct gic *g, unsigned off, bool redist, uint32_t v)
{
	struct irq_reg r = irq_reg_decode(off);

	if (r.kind == IR_NONE)
		return false;
	if (!owns(redist, r.first))
		return true; /* WI */
	if (r.kind == IR_BITS) {
		bits_write(g, r.first, r.op, r.set, v);
	} else if (r.kind == IR_CFG) {
		cfg_write(g, r.first, v);
	} else {
		for (unsigned k = 0; k < 4 && r.first + k < GIC_NIRQ; k++)
			g->irq[r.first + k].prio = (uint8_t)(v >> (8 * k)) & PRIO_MASK;
	}
	return true;
}

static uint32_t dist_read32(struct gic *g, unsigned off)
{
	uint32_t v = 0;

	switch (off) {
	case 0x0000: return g->gicd_ctlr | 1u << 4 | 1u << 6; /* ARE, DS: RAO */
	case 0x0004: return (GIC_NIRQ / 32 - 1) | 9u << 19;   /* ITLinesNumber, IDbits */
	case 0x0008: return 0;                               /* GICD_IIDR */
	case 0xffe8: return 0x30;                            /* GICD_PIDR2.ArchRev = 3 */
	default: break;
	}
	if (off >= 0x6100 && off < 0x6000 + 8 * GIC_NIRQ)
		return (uint32_t)(g->irouter[(off - 0x6000) / 8] >> (off & 4 ? 32 : 0));
	irq_reg_read(g, off, false, &v);
	return v;
}

static void dist_write32(struct gic *g, unsigned off, uint32_t v)
{
	if (off == 0x0000) {
		g->gicd_ctlr = v & 3;
		return;
	}
	if (off >= 0x6100 && off < 0x6000 + 8 * GIC_NIRQ) {
		uint64_t *r = &g->irouter[(off - 0x6000) / 8];
		unsigned sh = off & 4 ? 32 : 0;

		*r = (*r & ~(0xffffffffull << sh)) | (uint64_t)v << sh;
		*r &= 0xff80ffffffull; /* Aff3 [39:32], IRM [31], Aff2.Aff1.Aff0 */
		return;
	}
	irq_reg_write(g, off, false, v);
}

static uint32_t redist_read32(struct gic *g, unsigned off)
{
	uint32_t v = 0;

	if (off < 0x10000) {
		switch (off) {
		case 0x0000: return 0;             /* GICR_CTLR */
		case 0x0004: return 0;             /* GICR_IIDR */
		case 0x0008: return 1u << 4;       /* GICR_TYPER: Last */
		case 0x000c: return 0;             /* GICR_TYPER[63:32]: affinity 0 */
		case 0x0014: return g->gicr_waker;
		case 0xffe8: return 0x30;          /* GICR_PIDR2 */
		default: return 0;
		}
	}
	off -= 0x10000;
	if (off == 0xc00)
		return 0xaaaaaaaau; /* GICR_ICFGR0: SGIs edge */
	irq_reg_read(g, off, true, &v);
	return v;
}

static void redist_write32(struct gic *g, unsigned off, uint32_t v)
{
	if (off < 0x10000) {
		if (off == 0x0014) {
			/* ChildrenAsleep follows ProcessorSleep at once. */
			g->gicr_waker = (v & 2) ? 0x6 : 0;
		}
		return;
	}
	off -= 0x10000;
	if (off == 0xc00)
		return; /* GICR_ICFGR0 is read-only */
	irq_reg_write(g, off, true, v);
}

static bool in_dist(uint64_t a)
{
	return a >= GIC_DIST_BASE && a - GIC_DIST_BASE < GIC_DIST_SIZE;
}

uint64_t gic_mmio_read(struct gic *g, uint64_t addr, unsigned size)
{
	bool dist = in_dist(addr);
	unsigned off = (unsigned)(addr - (dist ? GIC_DIST_BASE : GIC_REDIST_BASE));
	uint64_t v;

	if (size == 8 && !(off & 7))
		return (dist ? dist_read32(g, off) : redist_read32(g, off)) |
		       (uint64_t)(dist ? dist_read32(g, off + 4) : redist_read32(g, off + 4)) << 32;
	/* Byte/halfword access: IPRIORITYR only (IHI 0069 12.1.6); else RAZ. */
	v = dist ? dist_read32(g, off & ~3u) : redist_read32(g, off & ~3u);
	if (size == 4 && !(off & 3))
		return v;
	if (size < 4 && ((dist && off >= 0x400 && off < 0x800) ||
			 (!dist && off >= 0x10400 && off < 0x10420)))
		return v >> (8 * (off & 3)) & (size == 1 ? 0xff : 0xffff);
	return 0;
}

void gic_mmio_write(struct gic *g, uint64_t addr, unsigned size, uint64_t v)
{
	bool dist = in_dist(addr);
	unsigned off = (unsigned)(addr - (dist ? GIC_DIST_BASE : GIC_REDIST_BASE));

	if (size == 8 && !(off & 7)) {
		if (dist) {
			dist_write32(g, off, (uint32_t)v);
			dist_write32(g, off + 4, (uint32_t)(v >> 32));
		} else {
			redist_write32(g, off, (uint32_t)v);
			redist_write32(g, off + 4, (uint32_t)(v >> 32));
		}
		return;
	}
	if (size == 4 && !(off & 3)) {
		if (dist)
			dist_write32(g, off, (uint32_t)v);
		else
			redist_write32(g, off, (uint32_t)v);
		return;
	}
	if (size < 4 && ((dist && off >= 0x400 && off < 0x800) ||
			 (!dist && off >= 0x10400 && off < 0x10420))) {
		unsigned first = dist ? off - 0x400 : off - 0x10400;

		for (unsigned k = 0; k < size && first + k < GIC_NIRQ; k++)
			if (dist ? first + k >= 32 : first + k < 32)
				g->irq[first + k].prio = (uint8_t)(v >> (8 * k)) & PRIO_MASK;
	}
	/* Other sub-word or unaligned accesses: ignored. */
}
