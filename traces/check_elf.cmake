# SPDX-License-Identifier: MIT
# cmake -DREADELF=... -DELF=... -P check_elf.cmake
# Fails if the image holds an STT_FILE symbol that names a temporary object
# (GNU ld makes one up for an object without its own: a .S file lacking a
# .file directive) or an absolute path: either would make the image, and
# the SHA-256 its traces store, depend on the build.
execute_process(COMMAND "${READELF}" -sW "${ELF}"
	OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "${READELF} -s ${ELF} failed")
endif()
string(REGEX MATCHALL "FILE +LOCAL +DEFAULT +ABS [^\n]*" files "${syms}")
foreach(f ${files})
	string(REGEX REPLACE "^FILE +LOCAL +DEFAULT +ABS +" "" name "${f}")
	if(name MATCHES "^/" OR name MATCHES "^cc[A-Za-z0-9]+\\.o$")
		message(FATAL_ERROR "${ELF}: STT_FILE symbol '${name}' is not "
			"reproducible (give the .S file a .file directive)")
	endif()
endforeach()
