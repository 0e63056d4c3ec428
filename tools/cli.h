/* SPDX-License-Identifier: MIT */
/*
 * tools/cli.h - command-line helpers shared by the armdbg subcommands:
 * usage errors (exit status 2), strict number parsing, option values.
 */
#ifndef ARMDBG_TOOLS_CLI_H
#define ARMDBG_TOOLS_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

enum { EXIT_USAGE = 2 };

/* Print "armdbg: <message>" on stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 1, 2)))
int usage_error(const char *fmt, ...);

/*
 * Parse decimal, 0x hex or 0b binary into *out.  Returns NULL, or what is
 * wrong with @s ("empty value", "malformed number", ...).
 */
const char *parse_u64(const char *s, uint64_t *out);

/*
 * Value of option @opt ("--cpu") at argv[*i], as "--cpu X" or "--cpu=X";
 * *matched tells whether argv[*i] is that option (the value may then still
 * be missing: NULL).
 */
const char *opt_value(int argc, char **argv, int *i, const char *opt,
		      bool *matched);

struct ad_policies;

/* Apply "NAME=CHOICE" to @p; a usage error (status 2) if it is not valid. */
int parse_policy_arg(struct ad_policies *p, const char *arg);

/* The subcommands. */
int cmd_run(int argc, char **argv);
/* The emulator's engines and fast paths, for --version. */
void run_describe(FILE *f);

#endif
