// SPDX-License-Identifier: MIT
/*
 * tools/cli.c - command-line helpers shared by the armdbg subcommands.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hexdigit.h"
#include "policy.h"

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("armdbg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/*
 * Parse decimal, 0x hex or 0b binary into *out.  Returns NULL, or what is
 * wrong with @s.
 */
const char *parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (*s == '\0')
		return "empty value";
	if (*s == '-')
		return "negative value";
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
	}
	if (*s == '\0')
		return "no digits";
	for (; *s; s++) {
		int d = hex_digit(*s);

		if (d < 0 || (unsigned)d >= base)
			return "malformed number";
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return "does not fit in 64 bits";
		v = v * base + (unsigned)d;
	}
	*out = v;
	return NULL;
}

/* Value of option @opt ("--cpu") at argv[*i], as "--cpu X" or "--cpu=X". */
const char *opt_value(int argc, char **argv, int *i, const char *opt,
			     bool *matched)
{
	size_t l = strlen(opt);
	const char *a = argv[*i];

	*matched = false;
	if (strncmp(a, opt, l) != 0)
		return NULL;
	if (a[l] == '=') {
		*matched = true;
		return a + l + 1;
	}
	if (a[l] != '\0')
		return NULL;
	*matched = true;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int parse_policy_arg(struct ad_policies *p, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[128];
	int rc;

	if (!eq)
		return usage_error("--policy needs NAME=CHOICE, got '%s'", arg);
	if ((size_t)(eq - arg) >= sizeof(name))
		return usage_error("unknown policy '%.*s'", (int)(eq - arg), arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	rc = ad_policy_set(p, name, eq + 1);
	if (rc == -1)
		return usage_error("unknown policy '%s' (see armdbg policies)", name);
	if (rc != 0)
		return usage_error("policy %s has no choice '%s' (see armdbg policies)",
				   name, eq + 1);
	return 0;
}
