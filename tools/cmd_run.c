// SPDX-License-Identifier: MIT
/*
 * tools/cmd_run.c - `armdbg run`: argument parsing for the emulator.
 *
 *   armdbg run [--cpu NAME] [--el2] [--ram MiB] [--log FILE]
 *              [--log-format text|json] [--max-insns N]
 *              [--policy NAME=CHOICE]... IMAGE.elf
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"

#ifdef ARMDBG_HAVE_EMU
#include "emu.h"

static int numeric(const char *opt, const char *v, uint64_t lo, uint64_t hi,
		   uint64_t *out)
{
	const char *why;

	if (!v)
		return usage_error("run: %s needs a value", opt);
	why = parse_u64(v, out);
	if (why)
		return usage_error("run: %s: %s: '%s'", opt, why, v);
	if (*out < lo || *out > hi)
		return usage_error("run: %s must be %llu..%llu", opt,
				   (unsigned long long)lo, (unsigned long long)hi);
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct emu_opts o;
	const char *image = NULL, *v;
	uint64_t n;
	bool m;
	int i, rc;

	emu_opts_default(&o);
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-') {
			if (image)
				return usage_error("run: more than one image ('%s', '%s')",
						   image, a);
			image = a;
			continue;
		}
		if (!strcmp(a, "--el2")) {
			o.el2 = true;
			continue;
		}
		if ((v = opt_value(argc, argv, &i, "--cpu", &m)), m) {
			if (!v || !ad_config_preset(v))
				return usage_error("run: unknown CPU '%s'", v ? v : "");
			o.cpu = v;
		} else if ((v = opt_value(argc, argv, &i, "--ram", &m)), m) {
			rc = numeric("--ram", v, 1, 4096, &n);
			if (rc)
				return rc;
			o.ram_mib = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--max-insns", &m)), m) {
			rc = numeric("--max-insns", v, 1, UINT64_MAX, &n);
			if (rc)
				return rc;
			o.max_insns = n;
		} else if ((v = opt_value(argc, argv, &i, "--log", &m)), m) {
			if (!v || !*v)
				return usage_error("run: --log needs a file name");
			o.log_path = v;
		} else if ((v = opt_value(argc, argv, &i, "--log-format", &m)), m) {
			if (v && !strcmp(v, "text"))
				o.log_format = EV_TEXT;
			else if (v && !strcmp(v, "json"))
				o.log_format = EV_JSON;
			else
				return usage_error("run: --log-format is text or json");
		} else if ((v = opt_value(argc, argv, &i, "--policy", &m)), m) {
			if (!v || !strchr(v, '='))
				return usage_error("run: --policy needs NAME=CHOICE");
			rc = parse_policy_arg(&o.pol, v);
			if (rc)
				return rc;
		} else {
			return usage_error("run: unknown option '%s' (see armdbg --help)", a);
		}
	}
	if (!image)
		return usage_error("run: no IMAGE.elf given");
	return emu_run_image(&o, image);
}
#else
int cmd_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("armdbg: run: this armdbg was built without Unicorn/Capstone "
	      "(install libunicorn-dev and libcapstone-dev, then rebuild)\n", stderr);
	return 125;
}
#endif
