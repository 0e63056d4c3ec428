// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_trace.c - fuzz harness 3c: the trace-file parser
 * (tools/trace.c, docs/traces.md).
 *
 * The input is a trace file.  Checks:
 *  - trace_parse() never crashes or reads outside the buffer (ASan: the
 *    libFuzzer build, and the driver hands it an exact-size copy);
 *  - a rejection is one clean message "fuzz.trace:LINE: text" with LINE
 *    between 1 and the number of lines + 1, and leaves the trace freed
 *    (trace_free() on it again is harmless, nothing leaks);
 *  - an accepted trace is written back by trace_write() in the canonical
 *    form, that form parses again, and writing it again gives the same
 *    bytes (the writer is a fixed point of parse + write); the second
 *    parse keeps the values (name, status, time, counts, policies,
 *    digests);
 *  - every event line of an accepted trace splits into fields with
 *    trace_fields(), each key and value inside the line.
 * A failed check prints a report and aborts.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FNAME "fuzz.trace"

static const uint8_t *cur_data;
static size_t cur_size;

static void fail(const char *what, const char *detail)
{
	size_t i;

	fprintf(stderr, "\n==== fuzz_trace: %s ====\n%s\n", what,
		detail ? detail : "");
	fprintf(stderr, "input (%zu bytes):", cur_size);
	for (i = 0; i < cur_size && i < 2048; i++)
		fprintf(stderr, "%s%02x", i % 32 ? "" : "\n  ", cur_data[i]);
	fprintf(stderr, "\n");
	abort();
}

/* The lines of @len bytes at @p: newlines, plus a last line without one. */
static size_t count_lines(const uint8_t *p, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (p[i] == '\n')
			n++;
	return n + (len && p[len - 1] != '\n');
}

/* "fuzz.trace:LINE: message", one line, LINE in 1..nlines + 1. */
static void check_rejection(const char *err, size_t nlines)
{
	const char *p = err + strlen(FNAME ":");
	char *end;
	unsigned long line;

	if (strncmp(err, FNAME ":", strlen(FNAME ":")))
		fail("a rejection does not start with the file name", err);
	line = strtoul(p, &end, 10);
	if (end == p || strncmp(end, ": ", 2) || !end[2])
		fail("a rejection is not FILE:LINE: message", err);
	if (line < 1 || line > nlines + 1)
		fail("a rejection names a line outside the file", err);
	if (strchr(err, '\n'))
		fail("a rejection spans several lines", err);
}

/* Write @t to a new buffer; *len its size. */
static char *write_trace(const struct trace *t, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		fail("harness: open_memstream failed", NULL);
	if (trace_write(f, t))
		fail("trace_write() failed on an accepted trace", NULL);
	if (fclose(f))
		fail("harness: a memory stream failed", NULL);
	return buf;
}

static void check_same(const struct trace *a, const struct trace *b)
{
	if (strcmp(a->name, b->name) || strcmp(a->image, b->image) ||
	    strcmp(a->cpu, b->cpu) || a->el2 != b->el2 ||
	    a->ram_mib != b->ram_mib || a->max_insns != b->max_insns ||
	    a->status != b->status || a->cycles != b->cycles ||
	    a->insns != b->insns || a->ninputs != b->ninputs ||
	    a->noutput != b->noutput || a->nevents != b->nevents ||
	    a->nregs != b->nregs || a->ndesc != b->ndesc ||
	    memcmp(&a->pol, &b->pol, sizeof(a->pol)) ||
	    memcmp(a->image_sha256, b->image_sha256, sizeof(a->image_sha256)) ||
	    memcmp(a->final_sha256, b->final_sha256, sizeof(a->final_sha256)))
		fail("the canonical form parses to a different trace", NULL);
}

static void check_events(const struct trace *t)
{
	struct trace_field f[TRACE_MAX_FIELDS];
	unsigned i;
	int n, k;

	for (i = 0; i < t->nevents; i++) {
		const char *s = t->events[i].text;
		size_t len = strlen(s);
		const char *why = NULL;

		n = trace_fields(s, len, f, TRACE_MAX_FIELDS, &why);
		if (n < 0)
			fail("an accepted event line does not split into fields",
			     why ? why : s);
		for (k = 0; k < n; k++)
			if (f[k].key < s || f[k].key + f[k].keylen > s + len ||
			    f[k].val < s || f[k].val + f[k].vallen > s + len ||
			    !f[k].keylen)
				fail("a field lies outside its event line", s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace t, t2;
	char err[512], *w1, *w2;
	size_t len1, len2;

	cur_data = data;
	cur_size = size;
	err[0] = '\0';
	if (trace_parse((const char *)data, size, FNAME, &t, err, sizeof(err))) {
		check_rejection(err, count_lines(data, size));
		trace_free(&t);
		return 0;
	}
	check_events(&t);
	w1 = write_trace(&t, &len1);
	if (trace_parse(w1, len1, FNAME, &t2, err, sizeof(err))) {
		fprintf(stderr, "canonical form:\n%.*s\n", (int)len1, w1);
		fail("the canonical form of an accepted trace is rejected", err);
	}
	check_same(&t, &t2);
	w2 = write_trace(&t2, &len2);
	if (len1 != len2 || memcmp(w1, w2, len1)) {
		fprintf(stderr, "first:\n%.*s\nsecond:\n%.*s\n", (int)len1, w1,
			(int)len2, w2);
		fail("writing the canonical form again changes it", NULL);
	}
	free(w1);
	free(w2);
	trace_free(&t2);
	trace_free(&t);
	return 0;
}
