// SPDX-License-Identifier: MIT
/*
 * tools/trace.c - the trace file model: parser and writer (see trace.h
 * and docs/traces.md).
 *
 * The parser works on a buffer and a length: it never needs a NUL at the
 * end, never reads past @len, and copies what it keeps.  Every rejection
 * names the file and the line.
 */
#include "trace.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hexdigit.h"
#include "policy.h"

static const char *const key_names[TK__COUNT] = {
	[TK_NAME] = "name",
	[TK_IMAGE] = "image",
	[TK_IMAGE_SHA256] = "image-sha256",
	[TK_CPU] = "cpu",
	[TK_EL2] = "el2",
	[TK_RAM_MIB] = "ram-mib",
	[TK_MAX_INSNS] = "max-insns",
	[TK_CYCLES_PER_TICK] = "cycles-per-tick",
	[TK_EXC_ENTRY_CYCLES] = "exc-entry-cycles",
	[TK_EXC_RETURN_CYCLES] = "exc-return-cycles",
	[TK_STATUS] = "status",
	[TK_CYCLES] = "cycles",
	[TK_INSNS] = "insns",
	[TK_FINAL_SHA256] = "final-sha256",
	[TK_END] = "end",
};

/* ---- building ------------------------------------------------------------ */

void trace_init(struct trace *t)
{
	memset(t, 0, sizeof(*t));
	ad_policies_default(&t->pol);
}

void trace_free(struct trace *t)
{
	unsigned i;

	free(t->name);
	for (i = 0; i < t->ndesc; i++)
		free(t->desc[i]);
	free(t->desc);
	free(t->image);
	free(t->cpu);
	free(t->inputs);
	for (i = 0; i < t->noutput; i++)
		free(t->output[i].data);
	free(t->output);
	for (i = 0; i < t->nevents; i++)
		free(t->events[i].text);
	free(t->events);
	free(t->regs);
	trace_init(t);
}

/*
 * The array @arr of @size-byte elements, with room for element @n: its
 * capacity is the next power of two, so only the count needs keeping.
 * NULL if out of memory or @n reaches @max (@arr is then unchanged).
 */
static void *grow(void *arr, unsigned n, size_t size, unsigned max)
{
	if (n >= max)
		return NULL;
	if (n && (n & (n - 1)))
		return arr; /* n is not a power of two: there is room */
	return realloc(arr, (n ? (size_t)n * 2 : 1) * size);
}

/* Room for one more element in each of the lists; 0 or -1. */
static int room_desc(struct trace *t)
{
	char **p = grow(t->desc, t->ndesc, sizeof(*p), UINT32_MAX);

	if (p)
		t->desc = p;
	return p ? 0 : -1;
}

static int room_input(struct trace *t)
{
	struct trace_input *p = grow(t->inputs, t->ninputs, sizeof(*p), TRACE_MAX_INPUTS);

	if (p)
		t->inputs = p;
	return p ? 0 : -1;
}

static int room_output(struct trace *t)
{
	struct trace_chunk *p = grow(t->output, t->noutput, sizeof(*p), UINT32_MAX);

	if (p)
		t->output = p;
	return p ? 0 : -1;
}

static int room_event(struct trace *t)
{
	struct trace_event *p = grow(t->events, t->nevents, sizeof(*p), UINT32_MAX);

	if (p)
		t->events = p;
	return p ? 0 : -1;
}

static int room_reg(struct trace *t)
{
	struct trace_reg *p = grow(t->regs, t->nregs, sizeof(*p), TRACE_MAX_REGS);

	if (p)
		t->regs = p;
	return p ? 0 : -1;
}

static char *dup_mem(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

int trace_set_str(char **dst, const char *s)
{
	char *d = dup_mem(s, strlen(s));

	if (!d)
		return -1;
	free(*dst);
	*dst = d;
	return 0;
}

int trace_add_desc(struct trace *t, const char *line)
{
	char *d;

	if (room_desc(t))
		return -1;
	d = dup_mem(line, strlen(line));
	if (!d)
		return -1;
	t->desc[t->ndesc++] = d;
	return 0;
}

int trace_add_input(struct trace *t, const struct trace_input *in)
{
	if (room_input(t))
		return -1;
	t->inputs[t->ninputs++] = *in;
	return 0;
}

static int add_chunk(struct trace *t, const char *data, size_t len, unsigned line)
{
	struct trace_chunk *c;

	if (room_output(t))
		return -1;
	c = &t->output[t->noutput];
	c->data = dup_mem(data, len);
	if (!c->data)
		return -1;
	c->len = len;
	c->line = line;
	t->noutput++;
	return 0;
}

int trace_add_output(struct trace *t, const char *data, size_t len)
{
	struct trace_chunk *last;
	const char *nl;
	size_t n;
	char *d;

	while (len) {
		nl = memchr(data, '\n', len);
		n = nl ? (size_t)(nl - data) + 1 : len;
		last = t->noutput ? &t->output[t->noutput - 1] : NULL;
		if (last && last->data[last->len - 1] != '\n') {
			/* continue the unfinished last line */
			d = realloc(last->data, last->len + n + 1);
			if (!d)
				return -1;
			memcpy(d + last->len, data, n);
			last->len += n;
			d[last->len] = '\0';
			last->data = d;
		} else if (add_chunk(t, data, n, 0)) {
			return -1;
		}
		data += n;
		len -= n;
	}
	return 0;
}

int trace_add_event(struct trace *t, const char *text, size_t len)
{
	char *d;

	if (room_event(t))
		return -1;
	d = dup_mem(text, len);
	if (!d)
		return -1;
	t->events[t->nevents].text = d;
	t->events[t->nevents].line = 0;
	t->nevents++;
	return 0;
}

int trace_add_reg(struct trace *t, const char *name, uint64_t value)
{
	struct trace_reg *r;

	if (strlen(name) >= TRACE_REG_NAME_MAX)
		return -1;
	if (room_reg(t))
		return -1;
	r = &t->regs[t->nregs++];
	memset(r, 0, sizeof(*r));
	memcpy(r->name, name, strlen(name));
	r->value = value;
	return 0;
}

void trace_regs_digest(const struct trace *t, uint8_t out[SHA256_DIGEST_LEN])
{
	struct sha256 s;
	char line[TRACE_REG_NAME_MAX + 24];
	unsigned i;
	int n;

	sha256_init(&s);
	for (i = 0; i < t->nregs; i++) {
		n = snprintf(line, sizeof(line), "%s=0x%" PRIx64 "\n",
			     t->regs[i].name, t->regs[i].value);
		sha256_update(&s, line, (size_t)n);
	}
	sha256_final(&s, out);
}

/* ---- small syntax helpers ------------------------------------------------ */

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
	       c == '+';
}

static bool word_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len > TRACE_MAX_WORD)
		return false;
	for (i = 0; i < len; i++)
		if (!word_char(s[i]))
			return false;
	return true;
}

bool trace_name_ok(const char *s)
{
	return word_ok(s, strlen(s));
}

bool trace_file_name_ok(const char *s)
{
	return trace_name_ok(s) && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static bool reg_name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len >= TRACE_REG_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!word_char(s[i]) || s[i] == '-' || s[i] == '+')
			return false;
	return true;
}

bool trace_reg_name_ok(const char *s)
{
	return reg_name_ok(s, strlen(s));
}

/* Decimal digits only; NULL or what is wrong. */
static const char *parse_dec(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (!len)
		return "missing number";
	for (i = 0; i < len; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return "not a decimal number";
		d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return "number does not fit in 64 bits";
		v = v * 10 + d;
	}
	*out = v;
	return NULL;
}

/* "0x" and 1..16 hex digits; NULL or what is wrong. */
static const char *parse_hex(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return "not a 0x hex number";
	for (i = 2; i < len; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return "not a 0x hex number";
		if (v >> 60)
			return "number does not fit in 64 bits";
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return NULL;
}

/* A value quoted in a message: at most 60 characters of it. */
static int clip(size_t n)
{
	return n > 60 ? 60 : (int)n;
}

static bool span_is(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* ---- quoted strings ------------------------------------------------------ */

void trace_escape(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\' || c == '"')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

/*
 * Unescape the quoted string @s (@len bytes, quotes included) into a new
 * buffer *@out of *@outlen bytes (NUL-terminated too).  NULL or what is
 * wrong.
 */
static const char *unquote(const char *s, size_t len, char **out, size_t *outlen)
{
	size_t i, o = 0;
	char *d;

	*out = NULL;
	*outlen = 0;
	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		return "expected a \"quoted string\"";
	d = malloc(len);
	if (!d)
		return "out of memory";
	for (i = 1; i < len - 1; i++) {
		char c = s[i];

		if (c == '"') {
			free(d);
			return "unescaped '\"' inside a quoted string (write \\\")";
		}
		if (c != '\\') {
			d[o++] = c;
			continue;
		}
		if (++i >= len - 1) {
			free(d);
			return "'\\' at the end of a quoted string";
		}
		switch (s[i]) {
		case '\\': d[o++] = '\\'; break;
		case '"':  d[o++] = '"'; break;
		case 'n':  d[o++] = '\n'; break;
		case 't':  d[o++] = '\t'; break;
		case 'r':  d[o++] = '\r'; break;
		case 'x':
			if (i + 2 >= len - 1 || hex_digit(s[i + 1]) < 0 ||
			    hex_digit(s[i + 2]) < 0) {
				free(d);
				return "\\x needs two hex digits";
			}
			d[o++] = (char)(hex_digit(s[i + 1]) << 4 | hex_digit(s[i + 2]));
			i += 2;
			break;
		default:
			free(d);
			return "unknown escape in a quoted string (known: \\\\ \\\" \\n \\t \\r \\xHH)";
		}
	}
	d[o] = '\0';
	*out = d;
	*outlen = o;
	return NULL;
}

/* ---- event lines ----------------------------------------------------------- */

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

int trace_fields(const char *s, size_t len, struct trace_field *f,
		 unsigned max, const char **why)
{
	size_t i = 0, k;
	unsigned n = 0;

	if (!len) {
		*why = "empty event";
		return -1;
	}
	while (i < len) {
		if (n == max) {
			*why = "too many fields";
			return -1;
		}
		for (k = i; k < len && key_char(s[k]); k++)
			;
		if (k == i || k >= len || s[k] != '=') {
			*why = "expected KEY=VALUE (KEY: lower-case letters, digits, '_')";
			return -1;
		}
		f[n].key = s + i;
		f[n].keylen = k - i;
		i = k + 1;
		f[n].val = s + i;
		if (i < len && s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++) {
				if (s[i] != '\\')
					continue;
				if (i + 1 < len && (s[i + 1] == '"' || s[i + 1] == '\\')) {
					i++;
				} else if (i + 5 < len && s[i + 1] == 'u' &&
					   hex_digit(s[i + 2]) >= 0 && hex_digit(s[i + 3]) >= 0 &&
					   hex_digit(s[i + 4]) >= 0 && hex_digit(s[i + 5]) >= 0) {
					i += 5;
				} else {
					*why = "bad escape in a quoted value (known: \\\" \\\\ \\uXXXX)";
					return -1;
				}
			}
			if (i >= len) {
				*why = "unterminated quoted value";
				return -1;
			}
			i++;
		} else {
			while (i < len && s[i] != ' ' && s[i] != '"')
				i++;
			if (i < len && s[i] == '"') {
				*why = "'\"' inside an unquoted value";
				return -1;
			}
		}
		f[n].vallen = (size_t)(s + i - f[n].val);
		n++;
		if (i == len)
			break;
		if (s[i] != ' ' || i + 1 == len || s[i + 1] == ' ') {
			*why = "fields are separated by one space";
			return -1;
		}
		i++;
	}
	*why = NULL;
	return (int)n;
}

const struct trace_field *trace_field_get(const struct trace_field *f,
					  unsigned n, const char *key)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (span_is(f[i].key, f[i].keylen, key))
			return &f[i];
	return NULL;
}

static const char *field_num(const struct trace_field *f, uint64_t *out)
{
	if (f->vallen > 1 && f->val[0] == '0' && (f->val[1] == 'x' || f->val[1] == 'X'))
		return parse_hex(f->val, f->vallen, out);
	return parse_dec(f->val, f->vallen, out);
}

bool trace_event_num(const char *s, const char *key, uint64_t *out)
{
	struct trace_field f[TRACE_MAX_FIELDS];
	const struct trace_field *v;
	const char *why;
	int n = trace_fields(s, strlen(s), f, TRACE_MAX_FIELDS, &why);

	if (n < 0)
		return false;
	v = trace_field_get(f, (unsigned)n, key);
	return v && !field_num(v, out);
}

bool trace_event_str(const char *s, const char *key, char *buf, size_t len)
{
	struct trace_field f[TRACE_MAX_FIELDS];
	const struct trace_field *v;
	const char *why;
	size_t i, o = 0, end;
	int n = trace_fields(s, strlen(s), f, TRACE_MAX_FIELDS, &why);

	if (n < 0 || !len)
		return false;
	v = trace_field_get(f, (unsigned)n, key);
	if (!v)
		return false;
	i = 0;
	end = v->vallen;
	if (end >= 2 && v->val[0] == '"') {
		i = 1;
		end--;
	}
	for (; i < end && o + 1 < len; i++) {
		char c = v->val[i];

		if (c == '\\' && i + 1 < end && v->val[i + 1] == 'u' && i + 5 < end) {
			unsigned u = (unsigned)(hex_digit(v->val[i + 2]) << 12 |
						hex_digit(v->val[i + 3]) << 8 |
						hex_digit(v->val[i + 4]) << 4 |
						hex_digit(v->val[i + 5]));

			c = u < 0x80 ? (char)u : '?';
			i += 5;
		} else if (c == '\\' && i + 1 < end) {
			c = v->val[++i];
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
	return true;
}

/* ---- inputs ------------------------------------------------------------------ */

void trace_input_format(const struct trace_input *in, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 ":%s:%u:%s", in->cycle,
		 in->ppi ? "ppi" : "spi", in->intid,
		 in->level ? "assert" : "deassert");
}

const char *trace_input_parse(const char *s, size_t len, struct trace_input *in)
{
	const char *part[4], *why;
	size_t plen[4], i, start = 0;
	unsigned n = 0;
	uint64_t v;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != ':')
			continue;
		if (n == 4)
			return "expected CYCLE:spi|ppi:INTID:assert|deassert (too many ':')";
		part[n] = s + start;
		plen[n++] = i - start;
		start = i + 1;
	}
	if (n != 4)
		return "expected CYCLE:spi|ppi:INTID:assert|deassert";
	memset(in, 0, sizeof(*in));
	why = parse_dec(part[0], plen[0], &in->cycle);
	if (why)
		return "CYCLE is not a decimal number";
	if (span_is(part[1], plen[1], "ppi"))
		in->ppi = true;
	else if (!span_is(part[1], plen[1], "spi"))
		return "the line is spi or ppi";
	why = parse_dec(part[2], plen[2], &v);
	if (why)
		return "INTID is not a decimal number";
	/* GICv3: PPIs are INTIDs 16..31, SPIs 32..1019. */
	if (in->ppi && (v < 16 || v > 31))
		return "a PPI is INTID 16..31";
	if (!in->ppi && (v < 32 || v > 1019))
		return "an SPI is INTID 32..1019";
	in->intid = (unsigned)v;
	if (span_is(part[3], plen[3], "assert"))
		in->level = true;
	else if (!span_is(part[3], plen[3], "deassert"))
		return "the level is assert or deassert";
	return NULL;
}

/* ---- the parser ---------------------------------------------------------------- */

struct parser {
	const char *fname;
	unsigned line;
	char *err;
	size_t errlen;
	struct trace *t;
	bool ended;
};

__attribute__((format(printf, 2, 3)))
static int perr(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->errlen)
		return -1;
	n = snprintf(p->err, p->errlen, "%s:%u: ", p->fname, p->line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A value for @key that is a decimal number in [lo, hi]. */
static int num_value(struct parser *p, const char *key, const char *v,
		     size_t n, uint64_t lo, uint64_t hi, uint64_t *out)
{
	const char *why = parse_dec(v, n, out);

	if (why)
		return perr(p, "%s: %s: '%.*s'", key, why, clip(n), v);
	if (*out < lo || *out > hi)
		return perr(p, "%s must be %" PRIu64 "..%" PRIu64 ", not %" PRIu64,
			    key, lo, hi, *out);
	return 0;
}

static int word_value(struct parser *p, const char *key, const char *v,
		      size_t n, char **dst)
{
	if (!word_ok(v, n))
		return perr(p, "%s: '%.*s' is not a name (letters, digits, . _ + -; at most %u)",
			    key, clip(n), v, TRACE_MAX_WORD);
	*dst = dup_mem(v, n);
	return *dst ? 0 : perr(p, "out of memory");
}

static int sha_value(struct parser *p, const char *key, const char *v,
		     size_t n, uint8_t *d)
{
	if (sha256_parse_hex(v, n, d))
		return perr(p, "%s: expected 64 hex digits, got '%.*s'", key, clip(n), v);
	return 0;
}

static int string_value(struct parser *p, const char *key, const char *v,
			size_t n, char **out, size_t *outlen)
{
	const char *why = unquote(v, n, out, outlen);

	if (why)
		return perr(p, "%s: %s", key, why);
	return 0;
}

static int do_single(struct parser *p, enum trace_key k, const char *v, size_t n)
{
	struct trace *t = p->t;
	const char *key = key_names[k];
	uint64_t x;
	int rc = 0;

	switch (k) {
	case TK_NAME:
		return word_value(p, key, v, n, &t->name);
	case TK_IMAGE:
		rc = word_value(p, key, v, n, &t->image);
		if (!rc && (!strcmp(t->image, ".") || !strcmp(t->image, "..")))
			return perr(p, "image: '%s' is not a file name", t->image);
		return rc;
	case TK_IMAGE_SHA256:
		return sha_value(p, key, v, n, t->image_sha256);
	case TK_CPU:
		rc = word_value(p, key, v, n, &t->cpu);
		if (!rc && !ad_config_preset(t->cpu)) {
			char known[256];
			const struct ad_config *c;
			size_t o = 0;
			unsigned i;

			known[0] = '\0';
			for (i = 0; (c = ad_config_preset_at(i)) && o < sizeof(known); i++)
				o += (size_t)snprintf(known + o, sizeof(known) - o, "%s%s",
						      i ? ", " : "", c->name);
			return perr(p, "unknown CPU '%s' (known: %s)", t->cpu, known);
		}
		return rc;
	case TK_EL2:
		if (span_is(v, n, "0") || span_is(v, n, "1")) {
			t->el2 = v[0] == '1';
			return 0;
		}
		return perr(p, "el2 is 0 or 1, not '%.*s'", clip(n), v);
	case TK_RAM_MIB:
		rc = num_value(p, key, v, n, 1, 4096, &x);
		t->ram_mib = (unsigned)x;
		return rc;
	case TK_MAX_INSNS:
		return num_value(p, key, v, n, 1, UINT64_MAX, &t->max_insns);
	case TK_CYCLES_PER_TICK:
		rc = num_value(p, key, v, n, 1, 1000000, &x);
		t->cycles_per_tick = (unsigned)x;
		return rc;
	case TK_EXC_ENTRY_CYCLES:
		rc = num_value(p, key, v, n, 0, 1000000, &x);
		t->exc_entry_cycles = (unsigned)x;
		return rc;
	case TK_EXC_RETURN_CYCLES:
		rc = num_value(p, key, v, n, 0, 1000000, &x);
		t->exc_return_cycles = (unsigned)x;
		return rc;
	case TK_STATUS:
		rc = num_value(p, key, v, n, 0, 255, &x);
		t->status = (int)x;
		return rc;
	case TK_CYCLES:
		return num_value(p, key, v, n, 0, UINT64_MAX, &t->cycles);
	case TK_INSNS:
		return num_value(p, key, v, n, 0, UINT64_MAX, &t->insns);
	case TK_FINAL_SHA256:
		return sha_value(p, key, v, n, t->final_sha256);
	case TK_END:
		if (n)
			return perr(p, "'end' takes no value");
		p->ended = true;
		return 0;
	case TK__COUNT:
		break;
	}
	return perr(p, "internal error: key %d", (int)k);
}

static int do_description(struct parser *p, const char *v, size_t n)
{
	size_t len = 0;
	char *s;
	int rc;

	if (string_value(p, "description", v, n, &s, &len))
		return -1;
	if (memchr(s, '\n', len) || memchr(s, '\0', len))
		rc = perr(p, "description: one line per 'description' (no \\n or \\x00)");
	else if (room_desc(p->t))
		rc = perr(p, "out of memory");
	else {
		p->t->desc[p->t->ndesc++] = s;
		return 0;
	}
	free(s);
	return rc;
}

static int do_policy(struct parser *p, const char *v, size_t n)
{
	const struct ad_policy_desc *d;
	const char *eq = memchr(v, '=', n);
	char name[128], choice[128], known[512];
	size_t nl, cl, o = 0;
	unsigned c;
	int id;

	if (!eq)
		return perr(p, "policy: expected NAME=CHOICE, got '%.*s'", clip(n), v);
	nl = (size_t)(eq - v);
	cl = n - nl - 1;
	if (!word_ok(v, nl) || nl >= sizeof(name))
		return perr(p, "policy: unknown policy '%.*s' (see armdbg policies)",
			    clip(nl), v);
	memcpy(name, v, nl);
	name[nl] = '\0';
	id = ad_policy_find(name);
	if (id < 0)
		return perr(p, "policy: unknown policy '%s' (see armdbg policies)", name);
	d = ad_policy_desc((enum ad_policy_id)id);
	if (p->t->policy_line[id])
		return perr(p, "policy %s given twice (first at line %u)", d->name,
			    p->t->policy_line[id]);
	if (cl < sizeof(choice) && word_ok(eq + 1, cl)) {
		memcpy(choice, eq + 1, cl);
		choice[cl] = '\0';
		if (ad_policy_set(&p->t->pol, name, choice) == 0) {
			p->t->policy_line[id] = p->line;
			return 0;
		}
	}
	known[0] = '\0';
	for (c = 0; c < d->nchoices && o < sizeof(known); c++)
		o += (size_t)snprintf(known + o, sizeof(known) - o, "%s%s",
				      c ? ", " : "", d->choices[c]);
	return perr(p, "policy %s has no choice '%.*s' (choices: %s)", d->name,
		    clip(cl), eq + 1, known);
}

static int do_input(struct parser *p, const char *v, size_t n)
{
	struct trace *t = p->t;
	struct trace_input in;
	const char *why = trace_input_parse(v, n, &in);

	if (why)
		return perr(p, "input '%.*s': %s", clip(n), v, why);
	if (t->ninputs && in.cycle < t->inputs[t->ninputs - 1].cycle)
		return perr(p, "input at cycle %" PRIu64 " comes after one at cycle %"
			    PRIu64 " (line %u): inputs are in cycle order", in.cycle,
			    t->inputs[t->ninputs - 1].cycle, t->inputs[t->ninputs - 1].line);
	in.line = p->line;
	if (trace_add_input(t, &in))
		return perr(p, "more than %u inputs", TRACE_MAX_INPUTS);
	return 0;
}

static int do_output(struct parser *p, const char *v, size_t n)
{
	struct trace *t = p->t;
	const struct trace_chunk *last = t->noutput ? &t->output[t->noutput - 1] : NULL;
	const char *nl;
	size_t len = 0;
	char *s;
	int rc;

	if (string_value(p, "output", v, n, &s, &len))
		return -1;
	nl = memchr(s, '\n', len);
	if (!len)
		rc = perr(p, "output: empty line (each 'output' is one line of output, with its \\n)");
	else if (nl && nl != s + len - 1)
		rc = perr(p, "output: \\n before the end (one line of output per 'output')");
	else if (last && last->data[last->len - 1] != '\n')
		rc = perr(p, "output: the line before (line %u) does not end in \\n; only the last can",
			  last->line);
	else if (room_output(t))
		rc = perr(p, "out of memory");
	else {
		t->output[t->noutput].data = s;
		t->output[t->noutput].len = len;
		t->output[t->noutput].line = p->line;
		t->noutput++;
		return 0;
	}
	free(s);
	return rc;
}

/* The fields every event line starts with, as emu/evlog.c writes them. */
static int check_event(struct parser *p, const char *v, size_t n)
{
	static const char *const first[] = { "cycle", "pe", "event", "el", "pc" };
	struct trace_field f[TRACE_MAX_FIELDS];
	const char *why;
	uint64_t x;
	unsigned i, j;
	int nf;

	if (n > TRACE_MAX_EVENT)
		return perr(p, "event: longer than %u bytes", TRACE_MAX_EVENT);
	nf = trace_fields(v, n, f, TRACE_MAX_FIELDS, &why);
	if (nf < 0)
		return perr(p, "event: %s", why);
	for (i = 0; i < (unsigned)nf; i++)
		for (j = 0; j < i; j++)
			if (f[i].keylen == f[j].keylen &&
			    !memcmp(f[i].key, f[j].key, f[i].keylen))
				return perr(p, "event: field '%.*s' given twice",
					    clip(f[i].keylen), f[i].key);
	for (i = 0; i < 5; i++)
		if (i >= (unsigned)nf || !span_is(f[i].key, f[i].keylen, first[i]))
			return perr(p, "event: field %u must be '%s=' (events start with cycle= pe= event= el= pc=)",
				    i + 1, first[i]);
	if (parse_dec(f[0].val, f[0].vallen, &x))
		return perr(p, "event: cycle is not a decimal number: '%.*s'",
			    clip(f[0].vallen), f[0].val);
	if (parse_dec(f[1].val, f[1].vallen, &x))
		return perr(p, "event: pe is not a decimal number: '%.*s'",
			    clip(f[1].vallen), f[1].val);
	for (i = 0; i < f[2].vallen; i++)
		if (!((f[2].val[i] >= 'a' && f[2].val[i] <= 'z') || f[2].val[i] == '-'))
			break;
	if (!f[2].vallen || i < f[2].vallen)
		return perr(p, "event: bad event kind '%.*s'", clip(f[2].vallen), f[2].val);
	if (parse_dec(f[3].val, f[3].vallen, &x) || x > 3)
		return perr(p, "event: el is 0..3, not '%.*s'", clip(f[3].vallen), f[3].val);
	if (parse_hex(f[4].val, f[4].vallen, &x))
		return perr(p, "event: pc is not a 0x hex number: '%.*s'",
			    clip(f[4].vallen), f[4].val);
	return 0;
}

static int do_event(struct parser *p, const char *v, size_t n)
{
	if (check_event(p, v, n))
		return -1;
	if (trace_add_event(p->t, v, n))
		return perr(p, "out of memory");
	p->t->events[p->t->nevents - 1].line = p->line;
	return 0;
}

static int do_final(struct parser *p, const char *v, size_t n)
{
	struct trace *t = p->t;
	const char *eq = memchr(v, '=', n);
	const char *why;
	size_t nl;
	uint64_t x;
	unsigned i;

	if (!eq)
		return perr(p, "final: expected NAME=0xVALUE, got '%.*s'", clip(n), v);
	nl = (size_t)(eq - v);
	if (!reg_name_ok(v, nl))
		return perr(p, "final: bad register name '%.*s' (letters, digits, '.', '_'; at most %u)",
			    clip(nl), v, TRACE_REG_NAME_MAX - 1);
	why = parse_hex(eq + 1, n - nl - 1, &x);
	if (why)
		return perr(p, "final: %.*s: %s: '%.*s'", clip(nl), v, why,
			    clip(n - nl - 1), eq + 1);
	for (i = 0; i < t->nregs; i++)
		if (strlen(t->regs[i].name) == nl && !memcmp(t->regs[i].name, v, nl))
			return perr(p, "final: register %s given twice (first at line %u)",
				    t->regs[i].name, t->regs[i].line);
	if (room_reg(t))
		return perr(p, "final: more than %u registers", TRACE_MAX_REGS);
	memset(&t->regs[t->nregs], 0, sizeof(t->regs[0]));
	memcpy(t->regs[t->nregs].name, v, nl);
	t->regs[t->nregs].value = x;
	t->regs[t->nregs].line = p->line;
	t->nregs++;
	return 0;
}

static int do_line(struct parser *p, const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len);
	size_t kl = sp ? (size_t)(sp - s) : len;
	const char *v = sp ? sp + 1 : s + len;
	size_t n = sp ? len - kl - 1 : 0;
	unsigned k;

	if (p->ended)
		return perr(p, "text after 'end'");
	if (s[0] == ' ')
		return perr(p, "line starts with a space");
	if (sp && (!n || v[0] == ' '))
		return perr(p, "%.*s: expected one space and a value", clip(kl), s);
	if (s[len - 1] == ' ')
		return perr(p, "trailing space");
	if (span_is(s, kl, "description"))
		return do_description(p, v, n);
	if (span_is(s, kl, "policy"))
		return do_policy(p, v, n);
	if (span_is(s, kl, "input"))
		return do_input(p, v, n);
	if (span_is(s, kl, "output"))
		return do_output(p, v, n);
	if (span_is(s, kl, "event"))
		return do_event(p, v, n);
	if (span_is(s, kl, "final"))
		return do_final(p, v, n);
	for (k = 0; k < TK__COUNT; k++) {
		if (!span_is(s, kl, key_names[k]))
			continue;
		if (p->t->line[k])
			return perr(p, "'%s' given twice (first at line %u)",
				    key_names[k], p->t->line[k]);
		if (k != TK_END && !n)
			return perr(p, "%s: missing value", key_names[k]);
		p->t->line[k] = p->line;
		return do_single(p, (enum trace_key)k, v, n);
	}
	return perr(p, "unknown key '%.*s'", clip(kl), s);
}

/* Printable ASCII only: a trace is diff-friendly text. */
static int check_chars(struct parser *p, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f)
			continue;
		if (c == '\r')
			return perr(p, "carriage return at column %zu (CRLF line endings?)", i + 1);
		if (c == '\t')
			return perr(p, "tab at column %zu (fields are separated by one space)", i + 1);
		return perr(p, "byte 0x%02x at column %zu: a trace is printable ASCII (escape it in quoted strings)",
			    c, i + 1);
	}
	return 0;
}

static int check_header(struct parser *p, const char *s, size_t len)
{
	size_t ml = strlen(TRACE_MAGIC);
	uint64_t v;

	if (len < ml + 2 || memcmp(s, TRACE_MAGIC, ml) != 0 || s[ml] != ' ')
		return perr(p, "not an armdbg trace (the first line must be '%s %d')",
			    TRACE_MAGIC, TRACE_VERSION);
	if (parse_dec(s + ml + 1, len - ml - 1, &v))
		return perr(p, "bad trace version '%.*s'", clip(len - ml - 1), s + ml + 1);
	if (v != TRACE_VERSION)
		return perr(p, "unsupported trace version %" PRIu64 " (this armdbg reads version %d)",
			    v, TRACE_VERSION);
	return 0;
}

static int check_complete(struct parser *p)
{
	struct trace *t = p->t;
	uint8_t d[SHA256_DIGEST_LEN];
	char a[SHA256_HEX_LEN + 1], b[SHA256_HEX_LEN + 1];
	unsigned k;

	if (!t->line[TK_END])
		return perr(p, "no 'end' line (the trace is truncated?)");
	for (k = 0; k < TK__COUNT; k++)
		if (!t->line[k])
			return perr(p, "missing '%s'", key_names[k]);
	if (t->nregs) {
		trace_regs_digest(t, d);
		if (memcmp(d, t->final_sha256, sizeof(d))) {
			sha256_hex(t->final_sha256, a);
			sha256_hex(d, b);
			p->line = t->line[TK_FINAL_SHA256];
			return perr(p, "final-sha256 %s does not match the final lines (they hash to %s)",
				    a, b);
		}
	}
	return 0;
}

int trace_parse(const char *buf, size_t len, const char *fname,
		struct trace *t, char *err, size_t errlen)
{
	struct parser p = { fname, 0, err, errlen, t, false };
	size_t pos = 0, n;
	const char *nl;
	int rc = 0;

	trace_init(t);
	if (errlen)
		err[0] = '\0';
	if (!len) {
		p.line = 1;
		rc = perr(&p, "empty file (the first line must be '%s %d')",
			  TRACE_MAGIC, TRACE_VERSION);
	}
	while (!rc && pos < len) {
		p.line++;
		nl = memchr(buf + pos, '\n', len - pos);
		n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		rc = check_chars(&p, buf + pos, n);
		if (rc)
			break;
		if (p.line == 1)
			rc = check_header(&p, buf + pos, n);
		else if (n && buf[pos] != '#')
			rc = do_line(&p, buf + pos, n);
		pos += n + (nl ? 1 : 0);
	}
	t->nlines = p.line;
	if (!rc)
		rc = check_complete(&p);
	if (rc)
		trace_free(t);
	return rc;
}

/* ---- the writer -------------------------------------------------------------- */

static void put_string(FILE *f, const char *key, const char *s, size_t len)
{
	fprintf(f, "%s \"", key);
	trace_escape(f, s, len);
	fputs("\"\n", f);
}

int trace_write(FILE *f, const struct trace *t)
{
	char buf[96], hex[SHA256_HEX_LEN + 1];
	unsigned i;

	fprintf(f, "%s %d\n", TRACE_MAGIC, TRACE_VERSION);
	fputs("# armdbg trace (docs/traces.md); check it with: armdbg replay FILE\n", f);
	fprintf(f, "name %s\n", t->name ? t->name : "");
	for (i = 0; i < t->ndesc; i++)
		put_string(f, "description", t->desc[i], strlen(t->desc[i]));
	fputs("# the scenario\n", f);
	fprintf(f, "image %s\n", t->image ? t->image : "");
	sha256_hex(t->image_sha256, hex);
	fprintf(f, "image-sha256 %s\n", hex);
	fprintf(f, "cpu %s\n", t->cpu ? t->cpu : "");
	fprintf(f, "el2 %d\n", t->el2);
	fprintf(f, "ram-mib %u\n", t->ram_mib);
	fprintf(f, "max-insns %" PRIu64 "\n", t->max_insns);
	fprintf(f, "cycles-per-tick %u\n", t->cycles_per_tick);
	fprintf(f, "exc-entry-cycles %u\n", t->exc_entry_cycles);
	fprintf(f, "exc-return-cycles %u\n", t->exc_return_cycles);
	for (i = 0; i < AD_POL__COUNT; i++) {
		const struct ad_policy_desc *d = ad_policy_desc((enum ad_policy_id)i);

		fprintf(f, "policy %s=%s\n", d->name, d->choices[t->pol.choice[i]]);
	}
	for (i = 0; i < t->ninputs; i++) {
		trace_input_format(&t->inputs[i], buf, sizeof(buf));
		fprintf(f, "input %s\n", buf);
	}
	fputs("# the expected outcome\n", f);
	fprintf(f, "status %d\n", t->status);
	for (i = 0; i < t->noutput; i++)
		put_string(f, "output", t->output[i].data, t->output[i].len);
	for (i = 0; i < t->nevents; i++)
		fprintf(f, "event %s\n", t->events[i].text);
	fprintf(f, "cycles %" PRIu64 "\n", t->cycles);
	fprintf(f, "insns %" PRIu64 "\n", t->insns);
	for (i = 0; i < t->nregs; i++)
		fprintf(f, "final %s=0x%" PRIx64 "\n", t->regs[i].name, t->regs[i].value);
	sha256_hex(t->final_sha256, hex);
	fprintf(f, "final-sha256 %s\n", hex);
	fputs("end\n", f);
	return ferror(f) ? -1 : 0;
}
