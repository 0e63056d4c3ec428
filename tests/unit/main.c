// SPDX-License-Identifier: MIT
/*
 * tests/unit/main.c - run every model unit-test suite in one SRunner.
 *
 * The fork status is left at Check's default (CK_FORK_GETENV: fork
 * unless the environment says CK_FORK=no), so a crash in one test is
 * reported as an error of that test.  Suites and test cases run in the
 * fixed order they are added here; nothing depends on time or
 * randomness.
 */
#include <stdlib.h>

#include "ut.h"

int main(void)
{
	SRunner *sr = srunner_create(config_suite());
	int failed;

	srunner_add_suite(sr, policy_suite());
	srunner_add_suite(sr, regs_suite());
	srunner_add_suite(sr, state_match_suite());
	srunner_add_suite(sr, dbgbcr_suite());
	srunner_add_suite(sr, dbgwcr_suite());
	srunner_add_suite(sr, linking_suite());
	srunner_add_suite(sr, enable_suite());
	srunner_add_suite(sr, step_suite());
	srunner_add_suite(sr, syndrome_suite());
	srunner_add_suite(sr, sysreg_suite());

	srunner_set_fork_status(sr, CK_FORK_GETENV);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
