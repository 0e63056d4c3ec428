// SPDX-License-Identifier: MIT
/*
 * emu/evlog.c - event log formatting (see evlog.h).
 */
#include "evlog.h"

#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

static const char *const kind_names[] = {
	[EV_EXC_ENTRY] = "exception",
	[EV_EXC_RETURN] = "eret",
	[EV_BREAKPOINT] = "breakpoint",
	[EV_WATCHPOINT] = "watchpoint",
	[EV_STEP] = "step",
	[EV_BRK] = "brk",
	[EV_DBGREG] = "dbgreg",
	[EV_SYSREG_TRAP] = "sysreg",
	[EV_IRQ] = "irq",
	[EV_INPUT] = "input",
	[EV_HALT] = "halt",
};

const char *ev_kind_name(enum ev_kind k)
{
	return (unsigned)k <= EV_HALT ? kind_names[k] : "?";
}

struct out {
	char *buf;
	size_t len, pos;
	enum ev_format fmt;
	bool first;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->pos >= o->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->pos, o->len - o->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n < o->len - o->pos ? (size_t)n : o->len - o->pos - 1;
}

static void sep(struct out *o, const char *key)
{
	if (o->fmt == EV_JSON)
		put(o, "%s\"%s\":", o->first ? "" : ",", key);
	else
		put(o, "%s%s=", o->first ? "" : " ", key);
	o->first = false;
}

static void num(struct out *o, const char *key, uint64_t v)
{
	sep(o, key);
	put(o, "%" PRIu64, v);
}

static void hex(struct out *o, const char *key, uint64_t v)
{
	sep(o, key);
	if (o->fmt == EV_JSON)
		put(o, "\"0x%" PRIx64 "\"", v);
	else
		put(o, "0x%" PRIx64, v);
}

static void str(struct out *o, const char *key, const char *s)
{
	sep(o, key);
	put(o, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			put(o, "\\u%04x", c); /* a log line stays printable ASCII */
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static void word(struct out *o, const char *key, const char *s)
{
	if (o->fmt == EV_JSON) {
		str(o, key, s);
	} else {
		sep(o, key);
		put(o, "%s", s);
	}
}

static void boolean(struct out *o, const char *key, bool v)
{
	sep(o, key);
	if (o->fmt == EV_JSON)
		put(o, "%s", v ? "true" : "false");
	else
		put(o, "%d", v);
}

static bool is_debug(enum ev_kind k)
{
	return k == EV_BREAKPOINT || k == EV_WATCHPOINT || k == EV_STEP || k == EV_BRK;
}

size_t ev_format(const struct ev *e, enum ev_format fmt, char *buf, size_t len)
{
	struct out o = { buf, len, 0, fmt, true };

	if (!len)
		return 0;
	buf[0] = 0;
	if (fmt == EV_JSON)
		put(&o, "{");
	num(&o, "cycle", e->cycle);
	num(&o, "pe", e->pe);
	word(&o, "event", ev_kind_name(e->kind));
	num(&o, "el", e->el);
	hex(&o, "pc", e->pc);
	if (e->exc)
		word(&o, "exc", e->exc);
	if (is_debug(e->kind)) {
		boolean(&o, "taken", e->taken);
		if (!e->taken && e->why)
			str(&o, "why", e->why);
		if (e->kind == EV_BREAKPOINT || e->kind == EV_WATCHPOINT)
			hex(&o, "hits", e->hits);
	}
	if (e->kind == EV_DBGREG) {
		word(&o, "reg", e->reg ? e->reg : "?");
		hex(&o, "value", e->value);
	}
	/* The model's reason is prose: quoted, like every free-text field. */
	if (e->kind == EV_SYSREG_TRAP)
		str(&o, "why", e->reg ? e->reg : "?");
	if (e->kind == EV_EXC_ENTRY || e->kind == EV_IRQ || e->kind == EV_EXC_RETURN ||
	    (is_debug(e->kind) && e->taken) || e->kind == EV_SYSREG_TRAP)
		num(&o, "target_el", e->target_el);
	if (e->esr || e->kind == EV_EXC_ENTRY || (is_debug(e->kind) && e->taken))
		hex(&o, "esr", e->esr);
	if (e->has_far)
		hex(&o, "far", e->far);
	if (e->kind == EV_EXC_ENTRY || e->kind == EV_IRQ || e->kind == EV_EXC_RETURN) {
		hex(&o, "elr", e->elr);
		hex(&o, "spsr", e->spsr);
	}
	if (e->kind == EV_EXC_ENTRY || e->kind == EV_IRQ)
		hex(&o, "vector", e->vector);
	if (e->kind == EV_IRQ)
		num(&o, "intid", e->value);
	if (e->kind == EV_INPUT) {
		word(&o, "line", e->reg ? e->reg : "?");
		num(&o, "intid", e->value);
		num(&o, "level", e->taken);
	}
	if (e->kind == EV_HALT)
		num(&o, "code", e->value);
	if (e->has_daif) {
		char m[5] = {
			e->daif & 8 ? 'D' : '-', e->daif & 4 ? 'A' : '-',
			e->daif & 2 ? 'I' : '-', e->daif & 1 ? 'F' : '-', 0,
		};

		word(&o, "daif", m);
	}
	if (e->step)
		word(&o, "step", e->step);
	if (e->insn)
		str(&o, "insn", e->insn);
	if (fmt == EV_JSON)
		put(&o, "}");
	return o.pos;
}

void ev_write(FILE *f, enum ev_format fmt, const struct ev *e)
{
	char line[1024];

	ev_format(e, fmt, line, sizeof(line));
	fputs(line, f);
	fputc('\n', f);
}
