// SPDX-License-Identifier: MIT
/*
 * tools/trace_svg.c - the timeline of a replayed trace as a standalone SVG
 * (`armdbg replay --svg`, docs/traces.md): lanes for the EL, the software
 * step state and PSTATE.{D,A,I,F}, a marker per event with its log line
 * as <title>, and a labelled line through the lanes at every step
 * exception and interrupt.  Pure C, deterministic: the same trace gives
 * the same bytes.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "trace_svg.h"

/*
 * The x-axis is virtual time, compressed between events: each event sits
 * (4 + 3 * bit length of the cycles since the previous event) pixels
 * after the previous one, 10 more unless it is a register write, so that
 * events a few cycles apart stay apart and long quiet stretches do not
 * dominate.  The tick labels give the real cycle.  Integer arithmetic
 * only: the output is byte-identical from run to run.
 */
enum {
	SVG_LEFT = 130,
	SVG_ROW_MISC = 112,  /* inputs, register writes */
	SVG_ROW_DEBUG = 132, /* breakpoint, watchpoint, step, brk */
	SVG_ROW_EXC = 152,   /* exceptions, IRQs, ERET, halt */
	SVG_EL_TOP = 166,    /* EL2, EL1, EL0 rows of 18 */
	SVG_STEP_TOP = 226,
	SVG_MASK_TOP = 250,  /* D, A, I, F rows of 14 */
	SVG_LANES_END = 306,
	SVG_AXIS = 314,
	SVG_LEGEND = 352,
	SVG_HEIGHT = 400,
};

enum mark { MK_EXC, MK_IRQ, MK_ERET, MK_DEBUG, MK_INPUT, MK_REG, MK_HALT, MK_OTHER };

static enum mark mark_of(const char *kind)
{
	if (!strcmp(kind, "exception"))
		return MK_EXC;
	if (!strcmp(kind, "irq"))
		return MK_IRQ;
	if (!strcmp(kind, "eret"))
		return MK_ERET;
	if (!strcmp(kind, "breakpoint") || !strcmp(kind, "watchpoint") ||
	    !strcmp(kind, "step") || !strcmp(kind, "brk"))
		return MK_DEBUG;
	if (!strcmp(kind, "input"))
		return MK_INPUT;
	if (!strcmp(kind, "dbgreg") || !strcmp(kind, "sysreg"))
		return MK_REG;
	if (!strcmp(kind, "halt"))
		return MK_HALT;
	return MK_OTHER;
}

static unsigned bit_length(uint64_t v)
{
	unsigned n = 0;

	for (; v; v >>= 1)
		n++;
	return n;
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
				fputc(*s, f);
			else if (*s == '\n')
				fputs("&#10;", f);
			else
				fputc('?', f);
		}
	}
}

/* One lane: the value shown since @x0 / cycle @c0. */
struct lane {
	const char *what;    /* "EL", "software step", "PSTATE.D" ... */
	char val[32];
	long x0;
	uint64_t c0;
	bool known;          /* the log reports this state */
};

static const char *step_colour(const char *v)
{
	if (!strcmp(v, "inactive"))
		return "#e6e6e6";
	if (!strcmp(v, "active-not-pending"))
		return "#f9c80e";
	if (!strcmp(v, "active-pending"))
		return "#e4572e";
	return "#ffffff";
}

static const char *el_colour(unsigned el)
{
	static const char *const c[] = { "#9ecae1", "#4292c6", "#08519c", "#08306b" };

	return c[el & 3];
}

/* Draw lane @k's current segment up to @x / cycle @c. */
static void lane_close(FILE *f, const struct lane *l, unsigned k, long x, uint64_t c)
{
	long w = x - l->x0;
	unsigned el;
	int y, h;
	const char *fill;

	if (w <= 0)
		return;
	if (k == 0) {
		el = (unsigned)(l->val[0] - '0') & 3;
		y = SVG_EL_TOP + 18 * (int)(2 - (el > 2 ? 2 : el));
		h = 16;
		fill = el_colour(el);
	} else if (k == 1) {
		y = SVG_STEP_TOP;
		h = 16;
		fill = l->known ? step_colour(l->val) : "#ffffff";
	} else {
		y = SVG_MASK_TOP + 14 * (int)(k - 2);
		h = 12;
		fill = !l->known ? "#ffffff" : l->val[0] == 'm' ? "#505050" : "#ffffff";
	}
	fprintf(f, "<rect x=\"%ld\" y=\"%d\" width=\"%ld\" height=\"%d\" fill=\"%s\" stroke=\"#bbbbbb\" stroke-width=\"0.5\">",
		l->x0, y, w, h, fill);
	fprintf(f, "<title>%s %s, cycles %" PRIu64 " to %" PRIu64 "%s</title></rect>\n",
		l->what, l->val, l->c0, c, l->known ? "" : " (not in the event log)");
	if (k == 1 && l->known && w > 8 * (long)strlen(l->val))
		fprintf(f, "<text x=\"%ld\" y=\"%d\" class=\"in\">%s</text>\n", l->x0 + 3, y + 12,
			l->val);
}

static void lane_set(FILE *f, struct lane *l, unsigned k, const char *v, long x, uint64_t c)
{
	if (!strcmp(l->val, v))
		return;
	lane_close(f, l, k, x, c);
	snprintf(l->val, sizeof(l->val), "%s", v);
	l->x0 = x;
	l->c0 = c;
}

/* The label rows above the markers: the first one free at @x. */
static int label_row(long *row_end, unsigned nrows, long x, long w)
{
	unsigned i, best = 0;

	for (i = 0; i < nrows; i++) {
		if (row_end[i] <= x) {
			row_end[i] = x + w;
			return (int)i;
		}
		if (row_end[i] < row_end[best])
			best = i;
	}
	row_end[best] = x + w;
	return (int)best;
}

static void svg_marker(FILE *f, enum mark mk, const char *ev, long x, const char *sym)
{
	char exc[32] = "", taken[8] = "", kind[32] = "";
	const char *col = "#333333";
	bool hollow;

	trace_event_str(ev, "exc", exc, sizeof(exc));
	trace_event_str(ev, "taken", taken, sizeof(taken));
	trace_event_str(ev, "event", kind, sizeof(kind));
	hollow = !strcmp(taken, "0");
	if (!strcmp(exc, "step") || !strcmp(kind, "step"))
		col = "#d62728";
	else if (!strcmp(exc, "breakpoint") || !strcmp(exc, "watchpoint") ||
		 !strcmp(exc, "brk") || mk == MK_DEBUG)
		col = "#9467bd";
	else if (!strcmp(exc, "svc") || !strcmp(exc, "hvc") || !strcmp(exc, "smc"))
		col = "#1f77b4";
	fputs("<g><title>", f);
	xml_text(f, ev);
	if (sym[0]) {
		fputs("&#10;pc: ", f);
		xml_text(f, sym);
	}
	fputs("</title>", f);
	switch (mk) {
	case MK_EXC:
		fprintf(f, "<circle cx=\"%ld\" cy=\"%d\" r=\"5\" fill=\"%s\"/>", x, SVG_ROW_EXC, col);
		break;
	case MK_IRQ:
		fprintf(f, "<polygon points=\"%ld,%d %ld,%d %ld,%d\" fill=\"#ff7f0e\"/>", x,
			SVG_ROW_EXC - 6, x - 6, SVG_ROW_EXC + 5, x + 6, SVG_ROW_EXC + 5);
		break;
	case MK_ERET:
		fprintf(f, "<rect x=\"%ld\" y=\"%d\" width=\"3\" height=\"12\" fill=\"#777777\"/>",
			x - 1, SVG_ROW_EXC - 6);
		break;
	case MK_DEBUG:
		fprintf(f, "<polygon points=\"%ld,%d %ld,%d %ld,%d %ld,%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>",
			x, SVG_ROW_DEBUG - 6, x + 6, SVG_ROW_DEBUG, x, SVG_ROW_DEBUG + 6,
			x - 6, SVG_ROW_DEBUG, hollow ? "#ffffff" : col, col);
		break;
	case MK_INPUT:
		fprintf(f, "<polygon points=\"%ld,%d %ld,%d %ld,%d\" fill=\"#2ca02c\"/>", x,
			SVG_ROW_MISC + 6, x - 6, SVG_ROW_MISC - 5, x + 6, SVG_ROW_MISC - 5);
		break;
	case MK_REG:
		fprintf(f, "<rect x=\"%ld\" y=\"%d\" width=\"3\" height=\"10\" fill=\"%s\"/>",
			x - 1, SVG_ROW_MISC - 5, !strcmp(kind, "sysreg") ? "#8c564b" : "#aaaaaa");
		break;
	case MK_HALT:
		fprintf(f, "<rect x=\"%ld\" y=\"%d\" width=\"9\" height=\"9\" fill=\"#000000\"/>",
			x - 4, SVG_ROW_EXC - 4);
		break;
	case MK_OTHER:
		fprintf(f, "<circle cx=\"%ld\" cy=\"%d\" r=\"3\" fill=\"#aaaaaa\"/>", x, SVG_ROW_MISC);
		break;
	}
	fputs("</g>\n", f);
}

/* A vertical line through the lanes with a label above. */
static void svg_flag(FILE *f, long x, const char *colour, const char *dash, long *rows,
		     const char *label, const char *title)
{
	long w = 6 * (long)strlen(label) + 8;
	int r = label_row(rows, 4, x, w);
	int y = 58 + 12 * r;

	fprintf(f, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"%s%s%s/>\n",
		x, y + 2, x, SVG_LANES_END, colour, dash ? " stroke-dasharray=\"" : "",
		dash ? dash : "", dash ? "\"" : "");
	fprintf(f, "<g><title>");
	xml_text(f, title);
	fprintf(f, "</title><text x=\"%ld\" y=\"%d\" class=\"flag\" fill=\"%s\">", x + 3, y,
		colour);
	xml_text(f, label);
	fputs("</text></g>\n", f);
}

static void svg_legend(FILE *f)
{
	static const struct { const char *shape, *fill, *text; } items[] = {
		{ "rect", "#9ecae1", "EL0" },
		{ "rect", "#4292c6", "EL1" },
		{ "rect", "#08519c", "EL2" },
		{ "rect", "#e6e6e6", "step inactive" },
		{ "rect", "#f9c80e", "step active-not-pending" },
		{ "rect", "#e4572e", "step active-pending" },
		{ "rect", "#505050", "masked" },
		{ "circle", "#1f77b4", "SVC/HVC/SMC" },
		{ "circle", "#d62728", "step exception" },
		{ "circle", "#9467bd", "bp/wp/BRK exception" },
		{ "circle", "#333333", "other exception" },
		{ "tri", "#ff7f0e", "IRQ/FIQ" },
		{ "tri", "#2ca02c", "input" },
		{ "diamond", "#9467bd", "debug event (hollow: not taken)" },
	};
	long x = 10;
	int y = SVG_LEGEND;
	unsigned i;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		long w = 6 * (long)strlen(items[i].text) + 30;

		if (x + w > 1000) {
			x = 10;
			y += 18;
		}
		if (!strcmp(items[i].shape, "rect"))
			fprintf(f, "<rect x=\"%ld\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\" stroke=\"#bbbbbb\"/>",
				x, y - 9, items[i].fill);
		else if (!strcmp(items[i].shape, "circle"))
			fprintf(f, "<circle cx=\"%ld\" cy=\"%d\" r=\"5\" fill=\"%s\"/>", x + 7, y - 4,
				items[i].fill);
		else if (!strcmp(items[i].shape, "tri"))
			fprintf(f, "<polygon points=\"%ld,%d %ld,%d %ld,%d\" fill=\"%s\"/>", x + 7,
				y - 10, x + 1, y + 1, x + 13, y + 1, items[i].fill);
		else
			fprintf(f, "<polygon points=\"%ld,%d %ld,%d %ld,%d %ld,%d\" fill=\"%s\"/>",
				x + 7, y - 10, x + 13, y - 4, x + 7, y + 2, x + 1, y - 4,
				items[i].fill);
		fprintf(f, "<text x=\"%ld\" y=\"%d\" class=\"lbl\">%s</text>\n", x + 18, y,
			items[i].text);
		x += w;
	}
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">x: virtual cycles (gaps between events compressed; hover for every event's log line)</text>\n",
		y + 20);
}

/* The markers that get a flag (a line through the lanes and a label). */
static void svg_flags(FILE *f, const struct trace *act, const long *xs, long *rows,
		      trace_symbol_fn *symbol, void *ctx)
{
	char exc[32], kind[32], sym[160], label[200], title[1400], intid[16];
	uint64_t pc = 0, el = 0, tel = 0;
	unsigned i;

	for (i = 0; i < act->nevents; i++) {
		const char *ev = act->events[i].text;

		exc[0] = kind[0] = intid[0] = '\0';
		trace_event_str(ev, "event", kind, sizeof(kind));
		trace_event_str(ev, "exc", exc, sizeof(exc));
		trace_event_num(ev, "pc", &pc);
		trace_event_num(ev, "el", &el);
		trace_event_num(ev, "target_el", &tel);
		symbol(ctx, pc, sym, sizeof(sym));
		if (!strcmp(kind, "exception") && !strcmp(exc, "step")) {
			snprintf(label, sizeof(label), "STEP EL%" PRIu64 "->EL%" PRIu64 " @ %s%s0x%" PRIx64,
				 el, tel, sym, sym[0] ? " " : "", pc);
			snprintf(title, sizeof(title), "software step exception taken at EL%" PRIu64
				 " pc 0x%" PRIx64 "%s%s (the instruction it lands on):\n%s",
				 el, pc, sym[0] ? " " : "", sym, ev);
			svg_flag(f, xs[i], "#d62728", NULL, rows, label, title);
		} else if (!strcmp(kind, "irq")) {
			trace_event_str(ev, "intid", intid, sizeof(intid));
			snprintf(label, sizeof(label), "%s %s EL%" PRIu64 "->EL%" PRIu64,
				 exc[0] ? exc : "irq", intid, el, tel);
			for (char *p = label; *p && p < label + 3; p++)
				*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
			snprintf(title, sizeof(title), "interrupt taken at EL%" PRIu64 " pc 0x%" PRIx64
				 "%s%s:\n%s", el, pc, sym[0] ? " " : "", sym, ev);
			svg_flag(f, xs[i], "#ff7f0e", "4 2", rows, label, title);
		}
	}
}

char *trace_svg(const struct trace *cfg, const struct trace *act, long d,
		trace_symbol_fn *symbol, void *ctx, size_t *lenp)
{
	static const char *const lane_names[] = {
		"EL", "software step", "PSTATE.D", "PSTATE.A", "PSTATE.I", "PSTATE.F",
	};
	struct lane lanes[6];
	char *buf = NULL, kind[32], v[32], sym[160], title[1400];
	long *xs, x = SVG_LEFT, last_label = 0, rows[4] = { 0, 0, 0, 0 }, width;
	uint64_t c, prev = 0, tel;
	bool has_step = false, has_daif = false;
	size_t len = 0;
	unsigned i, k;
	FILE *f;
	int rc;

	xs = calloc(act->nevents + 1, sizeof(*xs));
	f = open_memstream(&buf, &len);
	if (!xs || !f) {
		free(xs);
		if (f)
			fclose(f);
		free(buf);
		return NULL;
	}
	/* Where each event goes. */
	for (i = 0; i < act->nevents; i++) {
		const char *ev = act->events[i].text;
		enum mark mk;

		c = prev;
		trace_event_num(ev, "cycle", &c);
		kind[0] = '\0';
		trace_event_str(ev, "event", kind, sizeof(kind));
		mk = mark_of(kind);
		x += (mk == MK_REG || mk == MK_OTHER ? 4 : 14) + 3 * (long)bit_length(c > prev ? c - prev : 0);
		xs[i] = x;
		prev = c > prev ? c : prev;
		has_step |= trace_event_str(ev, "step", v, sizeof(v));
		has_daif |= trace_event_str(ev, "daif", v, sizeof(v));
	}
	c = act->cycles > prev ? act->cycles : prev;
	xs[act->nevents] = x + 14 + 3 * (long)bit_length(c - prev);
	width = xs[act->nevents] + 40;
	if (width < 1040)
		width = 1040;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%ld\" height=\"%d\" viewBox=\"0 0 %ld %d\">\n",
		width, SVG_HEIGHT, width, SVG_HEIGHT);
	fputs("<title>armdbg timeline: ", f);
	xml_text(f, cfg->name);
	fputs("</title>\n<style>text{font-family:monospace;font-size:10px}"
	      ".hdr{font-size:13px;font-weight:bold}.lbl{fill:#222222}.in{font-size:9px}"
	      ".flag{font-weight:bold}.tick{font-size:9px;fill:#444444}</style>\n", f);
	fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%ld\" height=\"%d\" fill=\"#ffffff\"/>\n", width,
		SVG_HEIGHT);
	fputs("<text x=\"10\" y=\"18\" class=\"hdr\">", f);
	xml_text(f, cfg->name);
	snprintf(title, sizeof(title), ": image %s, cpu %s%s, exit status %d, %u events, %" PRIu64
		 " cycles", cfg->image, cfg->cpu, cfg->el2 ? ", EL2" : "", act->status,
		 act->nevents, act->cycles);
	xml_text(f, title);
	fputs("</text>\n", f);
	if (cfg->ndesc) {
		fputs("<text x=\"10\" y=\"34\" class=\"lbl\">", f);
		xml_text(f, cfg->desc[0]);
		fputs("</text>\n", f);
	}
	/* Lane labels. */
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">inputs, dbg regs</text>\n", SVG_ROW_MISC + 4);
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">debug events</text>\n", SVG_ROW_DEBUG + 4);
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">exceptions</text>\n", SVG_ROW_EXC + 4);
	for (k = 0; k < 3; k++)
		fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">EL%u</text>\n",
			SVG_EL_TOP + 12 + 18 * (int)k, 2 - k);
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">step state</text>\n", SVG_STEP_TOP + 12);
	for (k = 0; k < 4; k++)
		fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">%s masked</text>\n",
			SVG_MASK_TOP + 10 + 14 * (int)k, lane_names[2 + k]);

	/* The lanes: the state after each event, from the reset state. */
	memset(lanes, 0, sizeof(lanes));
	for (k = 0; k < 6; k++) {
		lanes[k].what = lane_names[k];
		lanes[k].x0 = SVG_LEFT;
		lanes[k].known = k == 0 || (k == 1 ? has_step : has_daif);
	}
	snprintf(lanes[0].val, sizeof(lanes[0].val), "%d", cfg->el2 ? 2 : 1);
	snprintf(lanes[1].val, sizeof(lanes[1].val), "%s", has_step ? "inactive" : "unknown");
	for (k = 2; k < 6; k++)
		snprintf(lanes[k].val, sizeof(lanes[k].val), "%s", has_daif ? "masked" : "unknown");
	prev = 0;
	for (i = 0; i < act->nevents; i++) {
		const char *ev = act->events[i].text;
		char elv[4];

		c = prev;
		trace_event_num(ev, "cycle", &c);
		kind[0] = '\0';
		trace_event_str(ev, "event", kind, sizeof(kind));
		if (trace_event_num(ev, "el", &tel)) {
			snprintf(elv, sizeof(elv), "%u", (unsigned)(tel & 3));
			lane_set(f, &lanes[0], 0, elv, xs[i], c);
		}
		if ((!strcmp(kind, "exception") || !strcmp(kind, "irq") || !strcmp(kind, "eret")) &&
		    trace_event_num(ev, "target_el", &tel)) {
			snprintf(elv, sizeof(elv), "%u", (unsigned)(tel & 3));
			lane_set(f, &lanes[0], 0, elv, xs[i], c);
		}
		if (trace_event_str(ev, "step", v, sizeof(v)))
			lane_set(f, &lanes[1], 1, v, xs[i], c);
		if (trace_event_str(ev, "daif", v, sizeof(v)) && strlen(v) == 4)
			for (k = 0; k < 4; k++)
				lane_set(f, &lanes[2 + k], 2 + k, v[k] == '-' ? "unmasked" : "masked",
					 xs[i], c);
		prev = c > prev ? c : prev;
	}
	c = act->cycles > prev ? act->cycles : prev;
	for (k = 0; k < 6; k++)
		lane_close(f, &lanes[k], k, xs[act->nevents], c);

	/* Guides, flags, markers, the axis. */
	for (i = 0; i < act->nevents; i++) {
		kind[0] = '\0';
		trace_event_str(act->events[i].text, "event", kind, sizeof(kind));
		if (mark_of(kind) == MK_EXC || mark_of(kind) == MK_DEBUG)
			fprintf(f, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#999999\" stroke-width=\"0.5\" stroke-dasharray=\"2 2\"/>\n",
				xs[i], SVG_ROW_DEBUG, xs[i], SVG_LANES_END);
	}
	svg_flags(f, act, xs, rows, symbol, ctx);
	if (d >= 0) {
		snprintf(title, sizeof(title), "the run first differs from the trace at event %ld:\nexpected: %s\nactual: %s",
			 d + 1, d < (long)cfg->nevents ? cfg->events[d].text : "(end of log)",
			 d < (long)act->nevents ? act->events[d].text : "(end of log)");
		snprintf(sym, sizeof(sym), "DIVERGENCE (event %ld)", d + 1);
		svg_flag(f, xs[d < (long)act->nevents ? d : (long)act->nevents], "#e377c2", "6 3",
			 rows, sym, title);
	}
	for (i = 0; i < act->nevents; i++) {
		const char *ev = act->events[i].text;
		uint64_t pc = 0;

		kind[0] = '\0';
		trace_event_str(ev, "event", kind, sizeof(kind));
		trace_event_num(ev, "pc", &pc);
		symbol(ctx, pc, sym, sizeof(sym));
		svg_marker(f, mark_of(kind), ev, xs[i], sym);
	}
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#444444\"/>\n",
		SVG_LEFT, SVG_AXIS, xs[act->nevents], SVG_AXIS);
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">0</text>\n",
		SVG_LEFT, SVG_AXIS + 14);
	last_label = SVG_LEFT + 3;
	for (i = 0; i <= act->nevents; i++) {
		char num[24];
		long w;

		c = act->cycles;
		if (i < act->nevents) {
			kind[0] = '\0';
			trace_event_str(act->events[i].text, "event", kind, sizeof(kind));
			if (mark_of(kind) == MK_REG || mark_of(kind) == MK_OTHER)
				continue;
			trace_event_num(act->events[i].text, "cycle", &c);
		}
		fprintf(f, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#444444\"/>\n",
			xs[i], SVG_AXIS, xs[i], SVG_AXIS + 4);
		w = snprintf(num, sizeof(num), "%" PRIu64, c) * 6L;
		if (xs[i] - w / 2 < last_label + 6)
			continue;
		fprintf(f, "<text x=\"%ld\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>\n",
			xs[i], SVG_AXIS + 14, num);
		last_label = xs[i] + w / 2;
	}
	fprintf(f, "<text x=\"10\" y=\"%d\" class=\"lbl\">cycle</text>\n", SVG_AXIS + 14);
	svg_legend(f);
	fputs("</svg>\n", f);
	rc = fclose(f);
	free(xs);
	if (rc) {
		free(buf);
		return NULL;
	}
	*lenp = len;
	return buf;
}

