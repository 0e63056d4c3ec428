// SPDX-License-Identifier: MIT
/*
 * traces/kernel/printk.c - the console (Arm semihosting: HLT #0xF000,
 * SYS_WRITE0 one line at a time, SYS_EXIT with ADP_Stopped_ApplicationExit),
 * panic, and the checks of a scenario's transcript.
 */
#include <stdarg.h>

#include "kernel.h"

enum {
	SYS_WRITE0 = 0x04,
	SYS_EXIT_OP = 0x18,
	ADP_STOPPED_APPLICATIONEXIT = 0x20026,
};

static u64 semihost(u64 op, u64 arg)
{
	register u64 x0 __asm__("x0") = op;
	register u64 x1 __asm__("x1") = arg;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

void kernel_exit(unsigned code)
{
	static u64 block[2];

	block[0] = ADP_STOPPED_APPLICATIONEXIT;
	block[1] = code;
	semihost(SYS_EXIT_OP, (u64)block);
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

	if (!(((uintptr_t)p | (uintptr_t)q) & 7)) {
		for (; n >= 8; n -= 8, p += 8, q += 8)
			*(u64 *)p = *(const u64 *)q;
	}
	while (n--)
		*p++ = *q++;
	return d;
}

/* ---- formatted output, one SYS_WRITE0 per line --------------------------- */

static char line[256];
static unsigned line_len;

static void out_flush(void)
{
	line[line_len] = '\0';
	if (line_len)
		semihost(SYS_WRITE0, (u64)line);
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

static void out_u(u64 v, unsigned base)
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

void printk(const char *fmt, ...)
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
			out_u((u64)sv, 10);
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

void panic(const struct pt_regs *regs, const char *msg)
{
	local_daif_save();
	printk("Kernel panic - not syncing: %s\n", msg);
	if (regs)
		printk("  EL%lu vector 0x%lx esr 0x%lx pc 0x%lx pstate 0x%lx far 0x%lx\n",
		       regs->el, regs->vec, regs->esr, regs->pc, regs->pstate,
		       regs->far);
	kernel_exit(3);
}

/* ---- checks ---------------------------------------------------------------- */

static unsigned nfail;

void section(const char *title)
{
	printk("== %s\n", title);
}

void expect(const char *label, u64 got, u64 want)
{
	if (got == want) {
		printk("%s = 0x%lx\n", label, got);
		return;
	}
	printk("%s = 0x%lx FAIL (want 0x%lx)\n", label, got, want);
	nfail++;
}

void expect_range(const char *label, u64 got, u64 lo, u64 hi)
{
	if (got >= lo && got <= hi) {
		printk("%s in [0x%lx, 0x%lx]\n", label, lo, hi);
		return;
	}
	printk("%s = 0x%lx FAIL (want in [0x%lx, 0x%lx])\n", label, got, lo, hi);
	nfail++;
}

void expect_tuple(const char *label, unsigned n, const char *const *names,
		  const u64 *got, const u64 *want)
{
	bool ok = true;

	printk("%s:", label);
	for (unsigned i = 0; i < n; i++) {
		printk(" %s=0x%lx", names[i], got[i]);
		ok &= got[i] == want[i];
	}
	if (ok) {
		printk("\n");
		return;
	}
	printk(" FAIL (want");
	for (unsigned i = 0; i < n; i++)
		printk(" %s=0x%lx", names[i], want[i]);
	printk(")\n");
	nfail++;
}

void note(const char *label, u64 value)
{
	printk("%s = 0x%lx (UNKNOWN: not checked)\n", label, value);
}

unsigned check_failures(void)
{
	return nfail;
}

int finish(void)
{
	if (!nfail) {
		printk("PASS\n");
		return 0;
	}
	printk("FAIL: %u check(s)\n", nfail);
	return 1;
}
