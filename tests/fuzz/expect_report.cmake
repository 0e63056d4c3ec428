# SPDX-License-Identifier: MIT
# cmake -DBIN=replay-binary -DINPUT=file -P expect_report.cmake
#
# The fuzz_model_report test: BIN (fuzz_model_broken_replay, whose oracle
# ignores MDSCR_EL1.KDE on purpose) must abort on INPUT (a seed with
# KDE=0 at EL1) and print a disagreement report that a reader can act on:
# the operation, the two values, the Arm rule and the register state.
if(NOT BIN OR NOT INPUT)
	message(FATAL_ERROR "usage: cmake -DBIN=... -DINPUT=... -P expect_report.cmake")
endif()
execute_process(COMMAND "${BIN}" "${INPUT}"
	RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
	message(FATAL_ERROR "the broken oracle went unnoticed (exit 0):\n${out}${err}")
endif()
set(expected
	"==== fuzz_model: model and oracle disagree ===="
	"operation: enable function from EL1 Non-secure, mask \\(PSTATE\\.D\\) 0"
	"policy sweep: the input's policy vector"
	"GenerateDebugExceptionsFrom \\(mask in bit 0\\): model 0, oracle 0x1"
	"rule: AArch64\\.GenerateDebugExceptionsFrom"
	"PE: EL1 D=0"
	"MDSCR_EL1=0x0000000000008000"
	"input \\([0-9]+ bytes\\):")
foreach(re IN LISTS expected)
	if(NOT err MATCHES "${re}")
		message(FATAL_ERROR "the report lacks /${re}/:\n${err}")
	endif()
endforeach()
message(STATUS "the disagreement report names the rule (exit status: ${rc})")
