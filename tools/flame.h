/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folded stacks and flame graphs for the stack tools (--folded, --svg).
 *
 * Input is the text tool.c folds a run's output into: lines
 * `comm;root_frame;...;leaf_frame N` (N an integer count, the last field
 * after a space), mixed with other lines (timestamps, histograms) that are
 * not stacks. flame.c parses and merges it; flame_svg.c draws the SVG.
 */
#ifndef BT_FLAME_H
#define BT_FLAME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct tool_env;

/* one folded stack: "a;b;c" and its count */
struct flame_stack {
	char *stack; /* NUL-terminated, frames separated by ';' */
	int64_t count;
};

struct flame_stacks {
	struct flame_stack *v;
	size_t n, cap;
};

/*
 * True for the tracer's own frames at the leaf of a stack taken in a BPF
 * program: bpf_prog_<tag>[_name], bpf_trampoline_<id> and the glue that
 * calls them (bpf_trace_run<N>, __bpf_trace_*, __traceiter_*). A stack's
 * leaf-side run of these is dropped when it starts with a bpf_prog_ or
 * bpf_trampoline_ frame (flame_strip_leaf()); kernel functions such as
 * bpf_prog_load never match.
 */
bool flame_bpf_frame(const char *name);

/*
 * Number of frames to drop from the leaf end of frames[0..n) (frames[0] is
 * the leaf): the tracer's own run, or 0.
 */
size_t flame_strip_leaf(char *const *frames, size_t n);

/*
 * If line is `STACK N` (N a decimal integer, STACK non-empty), returns the
 * length of STACK and sets *count; else returns 0.
 */
size_t flame_parse_line(const char *line, size_t len, int64_t *count);

/* Adds (a copy of) stack, len bytes, with count. Exits on ENOMEM. */
void flame_stacks_add(struct flame_stacks *s, const char *stack, size_t len, int64_t count);

/*
 * Sorts by frames (prefix order: "a;b" < "a;b;c" < "a;b!") and merges equal
 * stacks, summing their counts.
 */
void flame_stacks_merge(struct flame_stacks *s);

void flame_stacks_free(struct flame_stacks *s);

/*
 * Copies folded text to out with each run of consecutive stack lines merged
 * (equal stacks summed) and sorted by count, ascending, like the maps they
 * came from. Empty lines are dropped; other lines are copied.
 */
void flame_print_folded(const char *text, FILE *out);

/* All stack lines of text, merged. */
void flame_collect(const char *text, struct flame_stacks *s);

/*
 * Writes a self-contained interactive flame graph of the stacks in text
 * (every stack line, merged) to path. title: the heading; unit: what the
 * counts are ("samples", "ns", "us", ...). Returns 0, or -1 with errno.
 */
int flame_write_svg(const char *text, const char *path, const char *title, const char *unit);

/* The SVG itself, of merged stacks (flame_svg.c). */
void flame_svg(FILE *out, const struct flame_stacks *s, const char *title, const char *unit);

/*
 * After a --folded or --svg run (tool_run()): prints the folded text merged
 * (--folded) or the run's own output raw (read from raw) to stdout, and with
 * --svg, if ret is 0, writes the flame graph. Returns the exit status.
 */
int flame_output(const char *tool, const struct tool_env *env, FILE *raw, const char *folded,
		 int ret);

/* The SVG's embedded JavaScript (flame_js.c). */
extern const char flame_js[];

/* What a tool's counts are: "samples" (oncpu), "ns"/"us"/"ms", "allocations". */
const char *flame_unit(const char *tool, const char *time_unit);

#endif
