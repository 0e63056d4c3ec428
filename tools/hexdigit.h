/* SPDX-License-Identifier: MIT */
/*
 * tools/hexdigit.h - the value of one hexadecimal digit, shared by the
 * number, SHA-256 and trace parsers.
 */
#ifndef ARMDBG_TOOLS_HEXDIGIT_H
#define ARMDBG_TOOLS_HEXDIGIT_H

/* 0..15 for [0-9a-fA-F], else -1. */
static inline int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
