/* SPDX-License-Identifier: MIT */
/*
 * tools/trace_svg.h - draw a replayed trace's timeline as SVG.
 */
#ifndef ARMDBG_TOOLS_TRACE_SVG_H
#define ARMDBG_TOOLS_TRACE_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "trace.h"

/* The symbol of @pc ("func+0x10", or "" if none) into @buf. */
typedef void trace_symbol_fn(void *ctx, uint64_t pc, char *buf, size_t len);

/*
 * The timeline of @act (the events of this run), titled from @cfg; @d is
 * the index of the first event that differs from the trace (< 0: none),
 * flagged.  Returns a malloc'd SVG document (*@lenp bytes), or NULL when
 * out of memory.
 */
char *trace_svg(const struct trace *cfg, const struct trace *act, long d,
		trace_symbol_fn *symbol, void *ctx, size_t *lenp);

#endif
