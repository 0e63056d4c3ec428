// SPDX-License-Identifier: MIT
/*
 * tests/trace/test_trace.c - unit tests of tools/sha256.c and tools/trace.c.
 *
 * Expected values come from the specifications: the SHA-256 digests from
 * the FIPS 180-2 examples (Appendix B) and NIST's SHA-256 example values;
 * the traces are written by hand from the format in docs/traces.md; the
 * digest of the example's final registers was computed with coreutils'
 * sha256sum (printf 'x0=0x18\npc=0x400800e8\nMDSCR_EL1=0x0\n' | sha256sum).
 */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "sha256.h"
#include "trace.h"

/* ---- SHA-256 ---------------------------------------------------------- */

static void expect_digest(const void *msg, size_t len, const char *hex)
{
	uint8_t d[SHA256_DIGEST_LEN];
	char got[SHA256_HEX_LEN + 1];

	sha256(msg, len, d);
	sha256_hex(d, got);
	ck_assert_msg(!strcmp(got, hex), "SHA-256 of %zu bytes: got %s, expected %s",
		      len, got, hex);
}

START_TEST(sha_abc)
{
	/* FIPS 180-2 B.1: one block. */
	expect_digest("abc", 3,
		      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(sha_empty)
{
	/* NIST example values: the empty message. */
	expect_digest("", 0,
		      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(sha_448)
{
	/* FIPS 180-2 B.2: 448 bits, the padding needs a second block. */
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	expect_digest(m, strlen(m),
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(sha_896)
{
	/* NIST example values: the 896-bit message. */
	static const char m[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
				"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	expect_digest(m, strlen(m),
		      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

START_TEST(sha_million_a)
{
	/* FIPS 180-2 B.3: one million 'a', one call and in uneven pieces. */
	static const char want[] =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	static const size_t pieces[] = { 1, 63, 64, 65, 127, 1000, 4096 };
	char *m = malloc(1000000), got[SHA256_HEX_LEN + 1];
	uint8_t d[SHA256_DIGEST_LEN];
	struct sha256 s;
	size_t off, n;
	unsigned i, k;

	ck_assert(m);
	memset(m, 'a', 1000000);
	expect_digest(m, 1000000, want);
	for (k = 0; k < sizeof(pieces) / sizeof(pieces[0]); k++) {
		sha256_init(&s);
		for (off = 0, i = 0; off < 1000000; off += n, i++) {
			n = pieces[(k + i) % (sizeof(pieces) / sizeof(pieces[0]))];
			if (n > 1000000 - off)
				n = 1000000 - off;
			sha256_update(&s, m + off, n);
		}
		sha256_final(&s, d);
		sha256_hex(d, got);
		ck_assert_msg(!strcmp(got, want), "pieces from %zu: got %s", pieces[k], got);
	}
	free(m);
}
END_TEST

START_TEST(sha_hex)
{
	static const char h[] = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
	uint8_t d[SHA256_DIGEST_LEN], abc[SHA256_DIGEST_LEN];

	sha256("abc", 3, abc);
	ck_assert_int_eq(sha256_parse_hex(h, strlen(h), d), 0);
	ck_assert_msg(!memcmp(d, abc, sizeof(d)), "upper-case hex parses");
	ck_assert_int_eq(sha256_parse_hex(h, 63, d), -1);
	ck_assert_int_eq(sha256_parse_hex("g", 1, d), -1);
	ck_assert_int_eq(sha256_parse_hex(
		"za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 64, d), -1);
}
END_TEST

/* ---- the example trace (docs/traces.md) -------------------------------- */

static const char head[] =
	"armdbg-trace 1\n"
	"# armdbg trace (docs/traces.md); check it with: armdbg replay FILE\n"
	"name svc-example\n"
	"description \"An EL0 task makes a system call.\"\n"
	"description \"Line 2: \\\"quoted\\\", a backslash \\\\ and a tab\\t.\"\n"
	"# the scenario\n"
	"image svc_example.elf\n"
	"image-sha256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
	"cpu cortex-a53\n"
	"el2 1\n"
	"ram-mib 64\n"
	"max-insns 20000\n"
	"cycles-per-tick 16\n"
	"exc-entry-cycles 4\n"
	"exc-return-cycles 2\n";

/* (the policy lines go here) */

static const char tail[] =
	"input 100:ppi:27:assert\n"
	"input 250:spi:40:deassert\n"
	"# the expected outcome\n"
	"status 3\n"
	"output \"hello\\n\"\n"
	"output \"bytes \\x01\\xff and no newline\"\n"
	"event cycle=14 pe=0 event=exception el=0 pc=0x40080038 exc=svc target_el=1 "
	"esr=0x56000001 elr=0x4008003c spsr=0x0 vector=0x40080c00 daif=DAIF "
	"step=inactive insn=\"svc #0x1\"\n"
	"event cycle=74 pe=0 event=halt el=1 pc=0x400800e4 code=3 daif=DAIF "
	"step=inactive insn=\"hlt #0xf000\"\n"
	"cycles 75\n"
	"insns 71\n"
	"final x0=0x18\n"
	"final pc=0x400800e8\n"
	"final MDSCR_EL1=0x0\n"
	"final-sha256 f6178a5ec5eea6af3551c9ec61e2610023ad53b9477936b4ca011fd6ce0d2a4e\n"
	"end\n";

/* The line the policies start at: head has 15 lines. */
enum { POLICY_LINE = 16 };

/* The example: every policy at its default except Impdef_StepVersusInterrupt. */
static char *example(size_t *len)
{
	size_t cap = sizeof(head) + sizeof(tail) + 64 * AD_POL__COUNT, o;
	char *s = malloc(cap);
	unsigned i;

	ck_assert(s);
	o = (size_t)snprintf(s, cap, "%s", head);
	for (i = 0; i < AD_POL__COUNT; i++) {
		const struct ad_policy_desc *d = ad_policy_desc((enum ad_policy_id)i);
		const char *c = d->choices[d->dflt];

		if (i == AD_POL_STEP_VS_IRQ)
			c = "irq_first";
		o += (size_t)snprintf(s + o, cap - o, "policy %s=%s\n", d->name, c);
	}
	o += (size_t)snprintf(s + o, cap - o, "%s", tail);
	*len = o;
	return s;
}

/* Parse exactly @len bytes from a buffer of that size (no NUL after it). */
static int parse_exact(const char *text, size_t len, struct trace *t, char *err,
		       size_t errlen)
{
	char *b = malloc(len ? len : 1);
	int rc;

	ck_assert(b);
	memcpy(b, text, len);
	rc = trace_parse(b, len, "ex.trace", t, err, errlen);
	free(b);
	return rc;
}

static char *write_to_string(const struct trace *t, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	ck_assert(f);
	ck_assert_int_eq(trace_write(f, t), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

START_TEST(parse_example)
{
	struct trace t;
	char err[512];
	size_t len;
	char *s = example(&len);
	uint8_t d[SHA256_DIGEST_LEN];

	ck_assert_msg(parse_exact(s, len, &t, err, sizeof(err)) == 0, "%s", err);
	ck_assert_str_eq(t.name, "svc-example");
	ck_assert_uint_eq(t.ndesc, 2);
	ck_assert_str_eq(t.desc[1], "Line 2: \"quoted\", a backslash \\ and a tab\t.");
	ck_assert_str_eq(t.image, "svc_example.elf");
	ck_assert_uint_eq(t.image_sha256[0], 0x01);
	ck_assert_uint_eq(t.image_sha256[31], 0xef);
	ck_assert_str_eq(t.cpu, "cortex-a53");
	ck_assert(t.el2);
	ck_assert_uint_eq(t.ram_mib, 64);
	ck_assert_uint_eq(t.max_insns, 20000);
	ck_assert_uint_eq(t.cycles_per_tick, 16);
	ck_assert_uint_eq(t.exc_entry_cycles, 4);
	ck_assert_uint_eq(t.exc_return_cycles, 2);
	ck_assert_uint_eq(t.pol.choice[AD_POL_STEP_VS_IRQ], AD_STEPIRQ_IRQ_FIRST);
	ck_assert_uint_eq(t.policy_line[AD_POL_STEP_VS_IRQ], POLICY_LINE + AD_POL_STEP_VS_IRQ);
	ck_assert_uint_eq(t.ninputs, 2);
	ck_assert_uint_eq(t.inputs[0].cycle, 100);
	ck_assert(t.inputs[0].ppi);
	ck_assert_uint_eq(t.inputs[0].intid, 27);
	ck_assert(t.inputs[0].level);
	ck_assert(!t.inputs[1].ppi && t.inputs[1].intid == 40 && !t.inputs[1].level);
	ck_assert_int_eq(t.status, 3);
	ck_assert_uint_eq(t.noutput, 2);
	ck_assert_uint_eq(t.output[0].len, 6);
	ck_assert(!memcmp(t.output[0].data, "hello\n", 6));
	ck_assert_uint_eq(t.output[1].len, 23);
	ck_assert(!memcmp(t.output[1].data, "bytes \x01\xff and no newline", 23));
	ck_assert_uint_eq(t.nevents, 2);
	ck_assert(!strncmp(t.events[0].text, "cycle=14 pe=0 event=exception", 29));
	ck_assert_uint_eq(t.events[1].line, POLICY_LINE + AD_POL__COUNT + 7);
	ck_assert_uint_eq(t.cycles, 75);
	ck_assert_uint_eq(t.insns, 71);
	ck_assert_uint_eq(t.nregs, 3);
	ck_assert_str_eq(t.regs[1].name, "pc");
	ck_assert_uint_eq(t.regs[1].value, 0x400800e8);
	trace_regs_digest(&t, d);
	ck_assert(!memcmp(d, t.final_sha256, sizeof(d)));
	ck_assert_uint_eq(t.line[TK_END], POLICY_LINE + AD_POL__COUNT + 14);
	trace_free(&t);
	free(s);
}
END_TEST

START_TEST(round_trip)
{
	struct trace t;
	char err[512], *w;
	size_t len, wlen;
	char *s = example(&len);

	ck_assert_msg(parse_exact(s, len, &t, err, sizeof(err)) == 0, "%s", err);
	w = write_to_string(&t, &wlen);
	ck_assert_msg(wlen == len && !memcmp(w, s, len),
		      "the canonical example is written back unchanged:\n%s", w);
	trace_free(&t);
	free(w);
	free(s);
}
END_TEST

START_TEST(digest_only)
{
	/* Without final lines only the digest is there; it is not checked. */
	struct trace t;
	char err[512], *s, *p, *q;
	size_t len;

	s = example(&len);
	p = strstr(s, "final x0=");
	q = strstr(s, "final-sha256");
	memmove(p, q, strlen(q) + 1);
	ck_assert_msg(parse_exact(s, strlen(s), &t, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(t.nregs, 0);
	ck_assert_uint_eq(t.final_sha256[0], 0xf6);
	trace_free(&t);
	free(s);
}
END_TEST

/* ---- rejections ----------------------------------------------------------- */

struct bad {
	const char *at;      /* the line starting with this is replaced ... */
	const char *with;    /* ... by this (NULL: deleted; "+..." inserted before) */
	int line;            /* the line the error names (0: the line replaced) */
	const char *message; /* a part of the message */
};

/* Line number (1-based) of the first line of @s starting with @prefix. */
static int line_of(const char *s, const char *prefix)
{
	int n = 1;
	const char *p = s;

	for (;;) {
		if (!strncmp(p, prefix, strlen(prefix)))
			return n;
		p = strchr(p, '\n');
		if (!p || !p[1])
			return -1;
		p++;
		n++;
	}
}

static char *mutate(const char *s, const struct bad *b)
{
	int ln = line_of(s, b->at);
	const char *p = s, *e;
	size_t cap = strlen(s) + (b->with ? strlen(b->with) : 0) + 4;
	char *out = malloc(cap);

	ck_assert_msg(ln > 0, "no line starts with '%s'", b->at);
	for (int i = 1; i < ln; i++)
		p = strchr(p, '\n') + 1;
	e = strchr(p, '\n') + 1;
	memcpy(out, s, (size_t)(p - s));
	out[p - s] = '\0';
	if (b->with && b->with[0] == '+') {
		strcat(out, b->with + 1);
		strcat(out, "\n");
		strncat(out, p, (size_t)(e - p));
	} else if (b->with) {
		strcat(out, b->with);
		strcat(out, "\n");
	}
	strcat(out, e);
	return out;
}

static const struct bad bads[] = {
	{ "armdbg-trace", "armdbg-trace 2", 1, "unsupported trace version 2 (this armdbg reads version 1)" },
	{ "armdbg-trace", "hello", 1, "not an armdbg trace" },
	{ "armdbg-trace", "armdbg-trace one", 1, "bad trace version" },
	{ "name ", "+colour blue", 0, "unknown key 'colour'" },
	{ "name ", "name two words", 0, "is not a name" },
	{ "name ", "+name again", -2, "'name' given twice (first at line 3)" },
	{ "name ", NULL, -1, "missing 'name'" },
	{ "max-insns", "max-insns 12x", 0, "max-insns: not a decimal number: '12x'" },
	{ "max-insns", "max-insns 0", 0, "max-insns must be 1..18446744073709551615, not 0" },
	{ "max-insns", "max-insns 18446744073709551616", 0, "does not fit in 64 bits" },
	{ "max-insns", "max-insns  5", 0, "expected one space and a value" },
	{ "max-insns", "max-insns 5 ", 0, "trailing space" },
	{ "ram-mib", "ram-mib", 0, "ram-mib: missing value" },
	{ "el2", "el2 yes", 0, "el2 is 0 or 1" },
	{ "status", "status 256", 0, "status must be 0..255" },
	{ "cpu", "cpu cortex-z9", 0, "unknown CPU 'cortex-z9' (known: " },
	{ "policy Unpredictable_RESBPTYPE", "policy Unpredictable_NOSUCH=disabled", 0,
	  "unknown policy 'Unpredictable_NOSUCH'" },
	{ "policy Unpredictable_RESBPTYPE", "policy Unpredictable_RESBPTYPE=sometimes", 0,
	  "policy Unpredictable_RESBPTYPE has no choice 'sometimes' (choices: disabled, unknown)" },
	{ "policy Unpredictable_RESBPTYPE", "policy RESBPTYPE", 0, "expected NAME=CHOICE" },
	{ "policy Unpredictable_RESBPWPCTRL", "policy resbptype=unknown", 0,
	  "given twice (first at line 16)" },
	{ "image-sha256", "image-sha256 0123", 0, "image-sha256: expected 64 hex digits" },
	{ "image ", "image ../x.elf", 0, "is not a name" },
	{ "image ", "image ..", 0, "'..' is not a file name" },
	{ "input 250", "input 50:spi:40:deassert", 0,
	  "input at cycle 50 comes after one at cycle 100" },
	{ "input 250", "input 250:ppi:40:assert", 0, "a PPI is INTID 16..31" },
	{ "input 250", "input 250:spi:1020:assert", 0, "an SPI is INTID 32..1019" },
	{ "input 250", "input 250:lpi:40:assert", 0, "the line is spi or ppi" },
	{ "input 250", "input 250:spi:40:up", 0, "the level is assert or deassert" },
	{ "input 250", "input 250:spi:40", 0, "expected CYCLE:spi|ppi:INTID:assert|deassert" },
	{ "output \"hello", "output hello", 0, "expected a \"quoted string\"" },
	{ "output \"hello", "output \"a\"b\"", 0, "unescaped '\"'" },
	{ "output \"hello", "output \"\\q\"", 0, "unknown escape" },
	{ "output \"hello", "output \"\\x4\"", 0, "\\x needs two hex digits" },
	{ "output \"hello", "output \"a\\nb\\n\"", 0, "\\n before the end" },
	{ "output \"hello", "output \"\"", 0, "empty line" },
	{ "output \"bytes", "+output \"no newline\"", -2, "does not end in \\n; only the last can" },
	{ "description", "description \"two\\nlines\"", 0, "one line per 'description'" },
	{ "event cycle=14", "event cycle=14 pe=0 event=exception el=0", 0,
	  "event: field 5 must be 'pc='" },
	{ "event cycle=14", "event cycle=x pe=0 event=exception el=0 pc=0x0", 0,
	  "event: cycle is not a decimal number" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=4 pc=0x0", 0,
	  "event: el is 0..3" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=12", 0,
	  "event: pc is not a 0x hex number" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=0x0 esr=1 esr=2", 0,
	  "event: field 'esr' given twice" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=0x0 insn=\"svc", 0,
	  "unterminated quoted value" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=0x0 insn=\"\\x\"", 0,
	  "bad escape" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=0x0  x=1", 0,
	  "fields are separated by one space" },
	{ "event cycle=14", "event cycle=1 pe=0 event=Exception el=0 pc=0x0", 0,
	  "bad event kind" },
	{ "event cycle=14", "event cycle=1 pe=0 event=exception el=0 pc=0x0 Esr=1", 0,
	  "expected KEY=VALUE" },
	{ "final pc", "final pc=400800e8", 0, "not a 0x hex number" },
	{ "final pc", "final pc=0x1ffffffffffffffff", 0, "does not fit in 64 bits" },
	{ "final pc", "final p-c=0x1", 0, "bad register name" },
	{ "final pc", "final x0=0x18", 0, "register x0 given twice" },
	{ "final pc", "final pc=0x400800ec", -3, "does not match the final lines" },
	{ "end", NULL, -1, "no 'end' line (the trace is truncated?)" },
	{ "end", "end now", 0, "'end' takes no value" },
	{ "end", "+end", -4, "text after 'end'" },
	{ "cycles", "cycles\t75", 0, "tab at column 7" },
	{ "cycles", "cycles 75\r", 0, "carriage return at column 10 (CRLF line endings?)" },
	{ "cycles", "cycles 7\xc3\xa9", 0, "byte 0xc3 at column 9" },
	{ "cycles", " cycles 75", 0, "line starts with a space" },
};

START_TEST(rejections)
{
	struct trace t;
	char err[512], want[64];
	size_t len;
	char *s = example(&len);
	const struct bad *b = &bads[_i];
	char *m = mutate(s, b);
	int line = b->line;

	if (line == 0)
		line = line_of(s, b->at);
	else if (line == -1) /* deleted: the error is at the end of the file */
		line = line_of(s, "end") - 1;
	else if (line == -2) /* inserted before: the line after the insertion */
		line = line_of(s, b->at) + 1;
	else if (line == -3)
		line = line_of(s, "final-sha256");
	else if (line == -4)
		line = line_of(s, "end") + 1;
	snprintf(want, sizeof(want), "ex.trace:%d: ", line);
	ck_assert_msg(parse_exact(m, strlen(m), &t, err, sizeof(err)) == -1,
		      "case %d (%s) is accepted", _i, b->message);
	ck_assert_msg(!strncmp(err, want, strlen(want)) && strstr(err, b->message),
		      "case %d: got '%s', expected '%s...%s'", _i, err, want, b->message);
	ck_assert_ptr_null(t.name);
	ck_assert_uint_eq(t.nevents, 0);
	free(m);
	free(s);
}
END_TEST

START_TEST(empty_file)
{
	struct trace t;
	char err[256];

	ck_assert_int_eq(parse_exact("", 0, &t, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "ex.trace:1: empty file (the first line must be 'armdbg-trace 1')");
	ck_assert_int_eq(parse_exact("armdbg-trace 1\n", 15, &t, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "ex.trace:1: no 'end' line (the trace is truncated?)");
	/* a NUL byte is not text */
	ck_assert_int_eq(parse_exact("armdbg-trace 1\nname a\0b\n", 24, &t, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "ex.trace:2: byte 0x00 at column 7: a trace is printable ASCII (escape it in quoted strings)");
	/* a tiny error buffer is never overrun */
	ck_assert_int_eq(parse_exact("x", 1, &t, err, 5), -1);
	ck_assert_uint_eq(strlen(err), 4);
}
END_TEST

/* Every truncation and many one-byte changes: no crash, no leak (ASan). */
START_TEST(robust)
{
	static const char subst[] = { '\0', ' ', '=', '"', '\\', '\n', 'x', '9', '#', (char)0x80 };
	struct trace t;
	char err[512], *m;
	size_t len, i, k;
	char *s = example(&len);
	unsigned ok = 0;

	m = malloc(len);
	ck_assert(m);
	for (i = 0; i <= len; i++) {
		if (!parse_exact(s, i, &t, err, sizeof(err))) {
			ok++;
			trace_free(&t);
		} else {
			ck_assert_msg(!strncmp(err, "ex.trace:", 9), "prefix %zu: '%s'", i, err);
		}
	}
	/* Only the whole file and the file without its final newline are complete. */
	ck_assert_uint_eq(ok, 2);
	for (i = 0; i < len; i++) {
		for (k = 0; k < sizeof(subst); k++) {
			memcpy(m, s, len);
			m[i] = subst[k];
			if (!parse_exact(m, len, &t, err, sizeof(err)))
				trace_free(&t);
			else
				ck_assert_msg(!strncmp(err, "ex.trace:", 9), "'%s'", err);
		}
	}
	free(m);
	free(s);
}
END_TEST

/* ---- event fields, inputs, output ----------------------------------------- */

START_TEST(fields)
{
	static const char ev[] = "cycle=33 pe=0 event=step el=0 pc=0x40080040 taken=1 "
				 "why=\"a \\\"quoted\\\" \\\\ \\u0007 reason\" step=active-pending";
	struct trace_field f[TRACE_MAX_FIELDS];
	const struct trace_field *x;
	const char *why;
	char buf[64];
	uint64_t v;
	int n = trace_fields(ev, strlen(ev), f, TRACE_MAX_FIELDS, &why);

	ck_assert_int_eq(n, 8);
	x = trace_field_get(f, (unsigned)n, "why");
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_eq(x->vallen, strlen("\"a \\\"quoted\\\" \\\\ \\u0007 reason\""));
	ck_assert(trace_event_str(ev, "why", buf, sizeof(buf)));
	ck_assert_str_eq(buf, "a \"quoted\" \\ \a reason");
	ck_assert(trace_event_num(ev, "pc", &v));
	ck_assert_uint_eq(v, 0x40080040);
	ck_assert(trace_event_num(ev, "cycle", &v));
	ck_assert_uint_eq(v, 33);
	ck_assert(!trace_event_num(ev, "step", &v));
	ck_assert(!trace_event_num(ev, "esr", &v));
	ck_assert(trace_event_str(ev, "step", buf, 8));
	ck_assert_str_eq(buf, "active-");
	ck_assert_int_eq(trace_fields("a=1 b", 5, f, TRACE_MAX_FIELDS, &why), -1);
	ck_assert_int_eq(trace_fields("a=1 ", 4, f, TRACE_MAX_FIELDS, &why), -1);
	ck_assert_int_eq(trace_fields("a=1", 3, f, 0, &why), -1);
	ck_assert_str_eq(why, "too many fields");
	ck_assert_int_eq(trace_fields("a=\"x\\u00g0\"", 11, f, TRACE_MAX_FIELDS, &why), -1);
	ck_assert_int_eq(trace_fields("a=x\"y", 5, f, TRACE_MAX_FIELDS, &why), -1);
	ck_assert_int_eq(trace_fields("a=", 2, f, TRACE_MAX_FIELDS, &why), 1);
}
END_TEST

START_TEST(inputs)
{
	struct trace_input in;
	char buf[64];

	ck_assert_ptr_null(trace_input_parse("1200:ppi:27:assert", 18, &in));
	ck_assert(in.cycle == 1200 && in.ppi && in.intid == 27 && in.level);
	trace_input_format(&in, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1200:ppi:27:assert");
	ck_assert_ptr_null(trace_input_parse("0:spi:32:deassert", 17, &in));
	ck_assert(in.cycle == 0 && !in.ppi && in.intid == 32 && !in.level);
	ck_assert_ptr_nonnull(trace_input_parse("1200:ppi:27:assert:x", 20, &in));
	ck_assert_ptr_nonnull(trace_input_parse(":ppi:27:assert", 14, &in));
	ck_assert_ptr_nonnull(trace_input_parse("1:ppi:15:assert", 15, &in));
	ck_assert_ptr_nonnull(trace_input_parse("1:spi:31:assert", 15, &in));
	/* only @len bytes count */
	ck_assert_ptr_nonnull(trace_input_parse("1:spi:32:assert", 14, &in));
}
END_TEST

START_TEST(output_lines)
{
	struct trace t;

	trace_init(&t);
	ck_assert_int_eq(trace_add_output(&t, "a\nb", 3), 0);
	ck_assert_int_eq(trace_add_output(&t, "c\n\nd", 4), 0);
	ck_assert_uint_eq(t.noutput, 4);
	ck_assert(t.output[0].len == 2 && !memcmp(t.output[0].data, "a\n", 2));
	ck_assert(t.output[1].len == 3 && !memcmp(t.output[1].data, "bc\n", 3));
	ck_assert(t.output[2].len == 1 && t.output[2].data[0] == '\n');
	ck_assert(t.output[3].len == 1 && t.output[3].data[0] == 'd');
	trace_free(&t);
	ck_assert_uint_eq(t.noutput, 0);
}
END_TEST

START_TEST(escape)
{
	static const char in[] = "a\"b\\c\n\t\r\x01\x7f\xff~";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert(f);
	trace_escape(f, in, sizeof(in) - 1);
	fclose(f);
	ck_assert_str_eq(buf, "a\\\"b\\\\c\\n\\t\\r\\x01\\x7f\\xff~");
	free(buf);
}
END_TEST

START_TEST(names)
{
	ck_assert(trace_name_ok("uaccess-wp_kde0.v2+x"));
	ck_assert(!trace_name_ok(""));
	ck_assert(!trace_name_ok("a b"));
	ck_assert(!trace_name_ok("a#b"));
	ck_assert(trace_file_name_ok("x.elf"));
	ck_assert(!trace_file_name_ok("dir/x.elf"));
	ck_assert(!trace_file_name_ok(".."));
	ck_assert(trace_reg_name_ok("DBGBCR15_EL1"));
	ck_assert(!trace_reg_name_ok("x-1"));
	ck_assert(!trace_reg_name_ok("abcdefghijklmnopqrstuvwx")); /* 24 characters */
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *c = tcase_create("sha256");

	tcase_add_test(c, sha_abc);
	tcase_add_test(c, sha_empty);
	tcase_add_test(c, sha_448);
	tcase_add_test(c, sha_896);
	tcase_add_test(c, sha_million_a);
	tcase_add_test(c, sha_hex);
	suite_add_tcase(s, c);
	c = tcase_create("parse");
	tcase_add_test(c, parse_example);
	tcase_add_test(c, round_trip);
	tcase_add_test(c, digest_only);
	tcase_add_loop_test(c, rejections, 0, (int)(sizeof(bads) / sizeof(bads[0])));
	tcase_add_test(c, empty_file);
	tcase_add_test(c, robust);
	tcase_set_timeout(c, 120);
	suite_add_tcase(s, c);
	c = tcase_create("pieces");
	tcase_add_test(c, fields);
	tcase_add_test(c, inputs);
	tcase_add_test(c, output_lines);
	tcase_add_test(c, escape);
	tcase_add_test(c, names);
	suite_add_tcase(s, c);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(trace_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK_GETENV);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
