/* SPDX-License-Identifier: MIT */
/*
 * tests/emu/emu_tests.h - the suites of emu_unit_tests: the pure-C parts
 * of the emulator (ELF validation, semihosting, the A64 memory-access
 * decoder), tested without Unicorn.
 *
 * Expected values come from the ELF gABI / AArch64 ELF ABI, the Arm
 * semihosting specification (abi-aa, 2020Q4) and the values QEMU 7.2
 * returns where the specification leaves them open, worked out by hand
 * in each test; none is produced by running the code under test.
 */
#ifndef ARMDBG_TESTS_EMU_TESTS_H
#define ARMDBG_TESTS_EMU_TESTS_H

#include <check.h>

Suite *elf_suite(void);
Suite *semihost_suite(void);
Suite *a64mem_suite(void);
Suite *mmu_suite(void);
Suite *gic_suite(void);
Suite *timer_suite(void);

#endif
