// SPDX-License-Identifier: MIT
/*
 * tests/guests/lib/guest.c - exception dispatch, semihosting output,
 * checks and debug-register helpers of the guest tests (see guest.h).
 */
#include <stdarg.h>

#include "guest.h"

/* Semihosting operations (Arm semihosting 2.0). */
enum {
	SYS_WRITE0 = 0x04,
	SYS_EXIT = 0x18,
	ADP_STOPPED_APPLICATIONEXIT = 0x20026,
};

exc_handler_fn exc_handler;
struct frame last;
unsigned nexc;

static unsigned nfail;

extern char run_resume[];
extern uint64_t run_saved[2];

static uint64_t semihost(uint64_t op, uint64_t arg)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = arg;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

void put_str(const char *s)
{
	semihost(SYS_WRITE0, (uint64_t)s);
}

void guest_exit(unsigned code)
{
	static uint64_t block[2];

	block[0] = ADP_STOPPED_APPLICATIONEXIT;
	block[1] = code;
	semihost(SYS_EXIT, (uint64_t)block);
	for (;;)
		__asm__ volatile("wfi");
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

/* ---- formatted output: one SYS_WRITE0 per line --------------------------- */

static char line[256];
static unsigned line_len;

static void out_flush(void)
{
	line[line_len] = '\0';
	if (line_len)
		put_str(line);
	line_len = 0;
}

static void out_c(char c)
{
	if (line_len >= sizeof(line) - 1)
		out_flush();
	line[line_len++] = c;
	if (c == '\n')
		out_flush();
}

static void out_s(const char *s)
{
	while (*s)
		out_c(*s++);
}

static void out_u(uint64_t v, unsigned base)
{
	char buf[24];
	unsigned n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		out_c(buf[--n]);
}

/* %s %c %d %u %x %lu %lx (no widths). */
void gprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		bool lng = false;
		int64_t sv;

		if (*fmt != '%') {
			out_c(*fmt);
			continue;
		}
		if (*++fmt == 'l') {
			lng = true;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			out_s(va_arg(ap, const char *));
			break;
		case 'c':
			out_c((char)va_arg(ap, int));
			break;
		case 'd':
			sv = lng ? va_arg(ap, long) : va_arg(ap, int);
			if (sv < 0) {
				out_c('-');
				sv = -sv;
			}
			out_u((uint64_t)sv, 10);
			break;
		case 'u':
			out_u(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10);
			break;
		case 'x':
			out_u(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16);
			break;
		default:
			out_c('%');
			out_c(*fmt);
			break;
		}
	}
	va_end(ap);
}

/* ---- checks ---------------------------------------------------------------- */

void section(const char *title)
{
	gprintf("== %s\n", title);
}

void expect(const char *label, uint64_t got, uint64_t want)
{
	if (got == want) {
		gprintf("%s = 0x%lx\n", label, got);
		return;
	}
	gprintf("%s = 0x%lx FAIL (want 0x%lx)\n", label, got, want);
	nfail++;
}

void expect_range(const char *label, uint64_t got, uint64_t lo, uint64_t hi)
{
	if (got >= lo && got <= hi) {
		gprintf("%s in [0x%lx, 0x%lx]\n", label, lo, hi);
		return;
	}
	gprintf("%s = 0x%lx FAIL (want in [0x%lx, 0x%lx])\n", label, got, lo, hi);
	nfail++;
}

void expect_frame(const struct frame *f, uint64_t vec, uint64_t esr,
		  uint64_t elr, uint64_t spsr)
{
	expect("vector", f->vec, vec);
	expect("esr", f->esr, esr);
	expect("elr", f->elr, elr);
	expect("spsr", f->spsr & ~PSR_NZCV, spsr);
}

void done(void)
{
	if (!nfail) {
		gprintf("PASS\n");
		guest_exit(0);
	}
	gprintf("FAIL: %u check(s)\n", nfail);
	guest_exit(1);
}

/* ---- exceptions ------------------------------------------------------------ */

void record(const struct frame *f)
{
	last = *f;
	nexc++;
}

static void unexpected(const struct frame *f)
{
	gprintf("unexpected exception at EL%lu: vector 0x%lx esr 0x%lx elr 0x%lx spsr 0x%lx\n",
		f->el, f->vec, f->esr, f->elr, f->spsr);
	guest_exit(3);
}

void exc_dispatch(struct frame *f);

void exc_dispatch(struct frame *f)
{
	unsigned ec = frame_ec(f);
	unsigned imm = (unsigned)f->esr & 0xffff;

	/* IRQ/FIQ/SError vectors leave ESR stale: only a synchronous entry has a syndrome. */
	bool sync = (f->vec & 0x180) == 0;

	if (sync && f->el == 1 && ec == EC_SVC64 && imm == SVC_RETURN) {
		f->elr = (uint64_t)run_resume;
		f->spsr = run_saved[0];
		return;
	}
	if (sync && f->el == 2 && ec == EC_HVC64 && imm == HVC_CALL) {
		uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))f->x[0];

		f->x[0] = fn(f->x[1]);
		return;
	}
	if (exc_handler && exc_handler(f))
		return;
	unexpected(f);
}

uint64_t run_el0(void *pc)
{
	return run_at((uint64_t)pc, PSR_MODE_EL0t, (uint64_t)stack_el0_top);
}

/* ---- debug registers --------------------------------------------------------- */

#define BP_CASE(n) \
	case n: \
		write_sysreg(dbgbcr##n##_el1, 0); \
		write_sysreg(dbgbvr##n##_el1, bvr); \
		write_sysreg(dbgbcr##n##_el1, bcr); \
		break

#define WP_CASE(n) \
	case n: \
		write_sysreg(dbgwcr##n##_el1, 0); \
		write_sysreg(dbgwvr##n##_el1, wvr); \
		write_sysreg(dbgwcr##n##_el1, wcr); \
		break

#define BCR_READ(n) case n: return read_sysreg(dbgbcr##n##_el1)
#define WCR_READ(n) case n: return read_sysreg(dbgwcr##n##_el1)

void set_bp(unsigned n, uint64_t bvr, uint64_t bcr)
{
	switch (n) {
	BP_CASE(0); BP_CASE(1); BP_CASE(2); BP_CASE(3);
	BP_CASE(4); BP_CASE(5); BP_CASE(6); BP_CASE(7);
	BP_CASE(8); BP_CASE(9); BP_CASE(10); BP_CASE(11);
	BP_CASE(12); BP_CASE(13); BP_CASE(14); BP_CASE(15);
	default:
		break;
	}
	isb();
}

void set_wp(unsigned n, uint64_t wvr, uint64_t wcr)
{
	switch (n) {
	WP_CASE(0); WP_CASE(1); WP_CASE(2); WP_CASE(3);
	WP_CASE(4); WP_CASE(5); WP_CASE(6); WP_CASE(7);
	WP_CASE(8); WP_CASE(9); WP_CASE(10); WP_CASE(11);
	WP_CASE(12); WP_CASE(13); WP_CASE(14); WP_CASE(15);
	default:
		break;
	}
	isb();
}

uint64_t get_bcr(unsigned n)
{
	switch (n) {
	BCR_READ(0); BCR_READ(1); BCR_READ(2); BCR_READ(3);
	BCR_READ(4); BCR_READ(5);
	default:
		return 0;
	}
}

uint64_t get_wcr(unsigned n)
{
	switch (n) {
	WCR_READ(0); WCR_READ(1); WCR_READ(2); WCR_READ(3);
	default:
		return 0;
	}
}

void clear_bp(unsigned n)
{
	set_bp(n, 0, 0);
}

void clear_wp(unsigned n)
{
	set_wp(n, 0, 0);
}

void set_mdscr(uint64_t v)
{
	write_sysreg(mdscr_el1, v);
	isb();
}

void debug_clear_regs(void)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned nbp = (unsigned)(dfr0 >> 12 & 0xf) + 1;
	unsigned nwp = (unsigned)(dfr0 >> 20 & 0xf) + 1;

	for (unsigned n = 0; n < nbp; n++)
		clear_bp(n);
	for (unsigned n = 0; n < nwp; n++)
		clear_wp(n);
	write_sysreg(mdscr_el1, 0);
	isb();
}

void debug_reset(void)
{
	debug_clear_regs();
	write_sysreg(oslar_el1, 0);
	isb();
}

/* ---- MMU --------------------------------------------------------------------- */

static uint64_t l1_table[512] __attribute__((aligned(4096)));

/* Level 1 block descriptor fields (VMSAv8-64, 4 KiB granule). */
#define DESC_BLOCK   0x1ull
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_SH_IS   (3ull << 8)
#define DESC_AF      (1ull << 10)
#define DESC_PXN     (1ull << 53)
#define DESC_UXN     (1ull << 54)

void mmu_on(void)
{
	/* AttrIndx 1 = Normal write-back; AP = 0b00: EL1 read/write only. */
	uint64_t normal = DESC_BLOCK | DESC_ATTR(1) | DESC_SH_IS | DESC_AF;

	l1_table[1] = 0x40000000ull | normal;
	l1_table[2] = 0x40000000ull | normal | DESC_PXN | DESC_UXN;
	dsb();
	/* MAIR: Attr0 Device-nGnRnE, Attr1 Normal inner/outer WB RW-allocate. */
	write_sysreg(mair_el1, 0xff00);
	/* T0SZ=25 (39-bit VA, level 1 start), WB WA walks, inner shareable,
	 * 4 KiB granule, EPD1: no TTBR1 walks, IPS 32 bits. */
	write_sysreg(tcr_el1, 25 | 1ull << 8 | 1ull << 10 | 3ull << 12 | 1ull << 23);
	write_sysreg(ttbr0_el1, (uint64_t)l1_table);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | 1 | 1 << 2 | 1 << 12);
	isb();
}

void mmu_off(void)
{
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(uint64_t)(1 | 1 << 2 | 1 << 12));
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}
