// SPDX-License-Identifier: MIT
/*
 * tests/emu/main.c - run the emu unit-test suites in one SRunner.
 *
 * The fork status is Check's default (CK_FORK_GETENV), so a crash in one
 * test is reported as an error of that test.  The suites run in a fixed
 * order; the randomised tests use fixed seeds.
 */
#include <stdlib.h>

#include "emu_tests.h"

int main(void)
{
	SRunner *sr = srunner_create(elf_suite());
	int failed;

	srunner_add_suite(sr, semihost_suite());
	srunner_add_suite(sr, a64mem_suite());
	srunner_add_suite(sr, mmu_suite());
	srunner_add_suite(sr, gic_suite());
	srunner_add_suite(sr, timer_suite());
	srunner_set_fork_status(sr, CK_FORK_GETENV);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
