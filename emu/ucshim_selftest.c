/* SPDX-License-Identifier: MIT */
/*
 * emu/ucshim_selftest.c - run ucs_selftest(): exit 0 if the installed
 * Unicorn behaves as ucshim expects, 1 (with the reason) if not.
 */
#include <stdio.h>

#include "ucshim.h"

int main(void)
{
	char err[512];
	int n = ucs_selftest(err, sizeof(err));

	if (n < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("ucshim self-test: %d checks passed\n", n);
	return 0;
}
