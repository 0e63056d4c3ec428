/* SPDX-License-Identifier: MIT */
/*
 * tools/sha256.h - SHA-256 (FIPS 180-4, section 6.2), for trace files:
 * the digest of a scenario's image and of its final architectural state.
 * Pure C, no allocation, no I/O.
 */
#ifndef ARMDBG_TOOLS_SHA256_H
#define ARMDBG_TOOLS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 64 /* lower-case hex, without the NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;  /* message length so far */
	uint8_t buf[64];  /* the partial block */
	unsigned nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_DIGEST_LEN]);

/* The digest of @len bytes at @data, in one call. */
void sha256(const void *data, size_t len, uint8_t out[SHA256_DIGEST_LEN]);

/* @d as 64 lower-case hex digits and a NUL. */
void sha256_hex(const uint8_t d[SHA256_DIGEST_LEN], char hex[SHA256_HEX_LEN + 1]);

/* Parse exactly 64 hex digits (either case); returns 0, or -1 if malformed. */
int sha256_parse_hex(const char *s, size_t len, uint8_t d[SHA256_DIGEST_LEN]);

#endif
