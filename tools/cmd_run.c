// SPDX-License-Identifier: MIT
/*
 * tools/cmd_run.c - `armdbg run`: argument parsing for the emulator.
 *
 *   armdbg run [--cpu NAME] [--el2] [--ram MiB] [--log FILE]
 *              [--log-format text|json] [--max-insns N]
 *              [--policy NAME=CHOICE]... [--input CYCLE:spi|ppi:INTID:assert|deassert]...
 *              [--cycles-per-tick N] [--exc-entry-cycles N]
 *              [--exc-return-cycles N] IMAGE.elf
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

/* Stable insertion sort by cycle: inputs at the same cycle keep their order. */
static void sort_inputs(struct emu_input *in, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {
		struct emu_input x = in[i];
		unsigned j = i;

		for (; j > 0 && in[j - 1].cycle > x.cycle; j--)
			in[j] = in[j - 1];
		in[j] = x;
	}
}

int cmd_run(int argc, char **argv)
{
	static struct emu_input inputs[EMU_MAX_INPUTS];
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
		} else if ((v = opt_value(argc, argv, &i, "--input", &m)), m) {
			const char *why;

			if (o.ninputs == EMU_MAX_INPUTS)
				return usage_error("run: more than %u --input", EMU_MAX_INPUTS);
			why = emu_input_parse(v, &inputs[o.ninputs]);
			if (why)
				return usage_error("run: --input '%s': %s", v ? v : "", why);
			o.ninputs++;
		} else if ((v = opt_value(argc, argv, &i, "--cycles-per-tick", &m)), m) {
			rc = numeric("--cycles-per-tick", v, 1, 1u << 20, &n);
			if (rc)
				return rc;
			o.cycles_per_tick = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--exc-entry-cycles", &m)), m) {
			rc = numeric("--exc-entry-cycles", v, 0, 1u << 20, &n);
			if (rc)
				return rc;
			o.exc_entry_cycles = (unsigned)n;
		} else if ((v = opt_value(argc, argv, &i, "--exc-return-cycles", &m)), m) {
			rc = numeric("--exc-return-cycles", v, 0, 1u << 20, &n);
			if (rc)
				return rc;
			o.exc_return_cycles = (unsigned)n;
		} else {
			return usage_error("run: unknown option '%s' (see armdbg --help)", a);
		}
	}
	if (!image)
		return usage_error("run: no IMAGE.elf given");
	sort_inputs(inputs, o.ninputs);
	o.inputs = inputs;
	return emu_run_image(&o, image);
}

void run_describe(FILE *f)
{
	emu_describe(f);
}
#else
void run_describe(FILE *f)
{
	fputs("emulator: not built (no Unicorn/Capstone)\n", f);
}

int cmd_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("armdbg: run: this armdbg was built without Unicorn/Capstone "
	      "(install libunicorn-dev and libcapstone-dev, then rebuild)\n", stderr);
	return 125;
}
#endif
