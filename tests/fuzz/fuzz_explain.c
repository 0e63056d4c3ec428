// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/fuzz_explain.c - harness 3b: the command-line parsers of
 * `armdbg` (tools/armdbg.c, tools/cli.c).
 *
 * The input is an argument list, NUL-separated: it becomes argv[1..] of
 * armdbg, whose main() this harness links renamed to armdbg_main (the
 * build compiles tools/armdbg.c with -Dmain=armdbg_main; tools/cmd_run.c
 * is built without the emulator, so `run` only reports that).  The seeds
 * start with "explain", so the fuzzer spends its time in explain's option,
 * REG=VALUE, register-name, number and --policy parsing, and in the
 * report it prints for every accepted register value.  armdbg's stdout
 * and stderr go to /dev/null; the harness's own reports and the
 * sanitizers' go to a duplicate of the original stderr.  Checks:
 *  - armdbg never crashes, reads out of bounds or leaks (ASan/UBSan/LSan),
 *    and exits 0, 1, 2 (usage error) or 125 (`run` without the emulator);
 *  - parse_u64() accepts exactly the strings an independent reference
 *    parser accepts (decimal, 0x hex, 0b binary, no sign, <= 2^64 - 1)
 *    and returns the same value;
 *  - opt_value() matches only "--opt" and "--opt=VALUE", moves the index
 *    by at most one and returns a pointer into the argument it consumed.
 * A violation prints a report and aborts.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int armdbg_main(int argc, char **argv);

/* Where sanitizer reports go (present when built with a sanitizer). */
void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

#define MAX_ARGS 64
#define MAX_INPUT 4096

static int report_fd = 2; /* the original stderr */
static int null_fd = -1;  /* /dev/null, put on fd 2 while armdbg runs */

__attribute__((noreturn))
static void fail(const char *what, const char *arg)
{
	dprintf(report_fd, "fuzz_explain: invariant violated: %s: '%s'\n",
		what, arg);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* armdbg prints its reports on stdout: discard them. */
	if (!freopen("/dev/null", "w", stdout)) {
		perror("fuzz_explain: /dev/null");
		abort();
	}
	/*
	 * Its usage errors go to stderr: fd 2 points to /dev/null only while
	 * armdbg_main() runs, so libFuzzer's own output is kept; sanitizer
	 * reports always go to a duplicate of the original stderr.
	 */
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	report_fd = dup(2);
	if (null_fd < 0 || report_fd < 0) {
		perror("fuzz_explain: /dev/null");
		abort();
	}
	if (__sanitizer_set_report_fd)
		__sanitizer_set_report_fd((void *)(intptr_t)report_fd);
	return 0;
}

static int run_armdbg(int argc, char **argv)
{
	int rc;

	fflush(stderr);
	if (null_fd >= 0 && dup2(null_fd, 2) < 0)
		abort();
	rc = armdbg_main(argc, argv);
	fflush(stderr);
	if (null_fd >= 0 && dup2(report_fd, 2) < 0)
		abort();
	return rc;
}

static int digit(char c, unsigned base)
{
	int d = -1;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	return d >= 0 && (unsigned)d < base ? d : -1;
}

/* The reference: what parse_u64() must accept, by the cli.h contract. */
static bool ref_parse(const char *s, uint64_t *out)
{
	unsigned base = 10;
	unsigned __int128 v = 0;

	if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) && s[2]) {
		base = 16;
		s += 2;
	} else if ((s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) && s[2]) {
		base = 2;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X' ||
				   s[1] == 'b' || s[1] == 'B')) {
		return false;	/* a prefix and no digits */
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = digit(*s, base);

		if (d < 0)
			return false;
		v = v * base + (unsigned)d;
		if (v > UINT64_MAX)
			return false;
	}
	*out = (uint64_t)v;
	return true;
}

static void check_parse_u64(const char *s)
{
	uint64_t got = 0x5a5a5a5a5a5a5a5aull, want = 0;
	const char *why = parse_u64(s, &got);
	bool ok = ref_parse(s, &want);

	if (!why != ok)
		fail(ok ? "parse_u64 rejects a valid number" :
			  "parse_u64 accepts an invalid number", s);
	if (why && !*why)
		fail("parse_u64 gave an empty reason", s);
	if (ok && got != want)
		fail("parse_u64 value differs from the reference", s);
	if (!ok && got != 0x5a5a5a5a5a5a5a5aull)
		fail("parse_u64 wrote *out on a rejection", s);
}

static void check_opt_value(int argc, char **argv, const char *opt)
{
	size_t l = strlen(opt);

	for (int i = 0; i < argc; i++) {
		int j = i;
		bool m = true;
		const char *v = opt_value(argc, argv, &j, opt, &m);
		bool eq = strncmp(argv[i], opt, l) == 0 && argv[i][l] == '=';
		bool bare = strcmp(argv[i], opt) == 0;

		if (m != (eq || bare))
			fail("opt_value matched wrongly", argv[i]);
		if (!m && (v || j != i))
			fail("opt_value consumed an unmatched argument", argv[i]);
		if (eq && (v != argv[i] + l + 1 || j != i))
			fail("opt_value --opt=VALUE", argv[i]);
		if (bare && i + 1 < argc && (v != argv[i + 1] || j != i + 1))
			fail("opt_value --opt VALUE", argv[i]);
		if (bare && i + 1 >= argc && (v || j != i))
			fail("opt_value --opt at the end", argv[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2];
	char *buf;
	int argc = 1, rc;
	size_t i, start = 0;

	if (size > MAX_INPUT)
		return 0;
	/* One NUL-terminated copy: every argument ends inside it. */
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)"armdbg";
	for (i = 0; i <= size && argc <= MAX_ARGS; i++) {
		if (buf[i] != '\0')
			continue;
		if (i > start || i < size)	/* "" arguments count too */
			argv[argc++] = buf + start;
		start = i + 1;
	}
	argv[argc] = NULL;

	for (int a = 1; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');

		check_parse_u64(argv[a]);
		if (eq)
			check_parse_u64(eq + 1);
	}
	check_opt_value(argc - 1, argv + 1, "--cpu");
	check_opt_value(argc - 1, argv + 1, "--policy");

	rc = run_armdbg(argc, argv);
	if (rc != 0 && rc != 1 && rc != EXIT_USAGE && rc != 125)
		fail("armdbg exit status not 0, 1, 2 or 125", argc > 1 ? argv[1] : "");
	free(buf);
	return 0;
}
