/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Folded stacks and flame graphs for the stack tools (--folded, --svg).
 *
 * tool.c hands flame_visit() to bt_run() as the map visitor (bt/maps.h):
 * each map with keys and integer values becomes folded stacks, one per
 * entry: the key's other parts, then its stacks root first (a second stack
 * after a "--" frame), and the value as the count. flame.c folds, merges and
 * prints them; flame_svg.c draws the SVG. No printed text is read back.
 */
#ifndef BT_FLAME_H
#define BT_FLAME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <bt/maps.h>

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
 * leaf-side run of these is dropped when it starts with a bpf_prog_,
 * bpf_trampoline_ or __traceiter_ frame (flame_strip_leaf(); a tracepoint
 * program's stack starts at __traceiter_NAME when other probes share the
 * tracepoint); kernel functions such as bpf_prog_load never match.
 */
bool flame_bpf_frame(const char *name);

/*
 * Number of frames to drop from the leaf end of frames[0..n) (frames[0] is
 * the leaf): the tracer's own run, or 0.
 */
size_t flame_strip_leaf(const struct bt_frame *frames, size_t n);

/* Adds (a copy of) stack, len bytes, with count. Exits on ENOMEM. */
void flame_stacks_add(struct flame_stacks *s, const char *stack, size_t len, int64_t count);

/*
 * Sorts by frames (prefix order: "a;b" < "a;b;c" < "a;b!") and merges equal
 * stacks, summing their counts.
 */
void flame_stacks_merge(struct flame_stacks *s);

void flame_stacks_free(struct flame_stacks *s);

/*
 * The folded stack of one entry (malloc'd, exits on ENOMEM): its non-stack
 * key parts as printed, then each stack's frames root first, the tracer's
 * own BPF frames dropped (flame_strip_leaf()) and "--" between two non-empty
 * stacks, all ';'-separated; "[unknown]" when that is empty.
 */
char *flame_fold_entry(const struct bt_entry *e);

/*
 * Prints s merged (equal stacks summed) and sorted by count, ascending, like
 * the map it came from, as `STACK N` lines; then frees s.
 */
void flame_print_stacks(struct flame_stacks *s, FILE *out);

/* What one run's visitor does (struct flame_run is its ctx). */
struct flame_run {
	bool print;   /* --folded: print folded lines instead of the maps */
	bool collect; /* --svg: keep every stack with a count > 0 in all */
	struct flame_stacks all;
};

/*
 * The map visitor (bt/maps.h): folds a map whose entries all have keys and
 * integer values; with run->print prints it folded and takes it (an empty
 * map too: nothing is printed), else lets bt print it. Other maps: bt prints
 * them.
 */
int flame_visit(const struct bt_map_data *m, void *run);

/*
 * Writes a self-contained interactive flame graph of s (merged) to path.
 * title: the heading; unit: what the counts are ("samples", "ns", "us",
 * ...). Returns 0, or -1 with errno.
 */
int flame_write_svg(const struct flame_stacks *s, const char *path, const char *title,
		    const char *unit);

/* The SVG itself, of merged stacks (flame_svg.c). */
void flame_svg(FILE *out, const struct flame_stacks *s, const char *title, const char *unit);

/*
 * After a --folded or --svg run (tool_run()), with --svg and ret 0: writes
 * the flame graph of run's stacks. Returns the exit status.
 */
int flame_output(const char *tool, const struct tool_env *env, struct flame_run *run, int ret);

/* The SVG's embedded JavaScript (flame_js.c). */
extern const char flame_js[];

/* What a tool's counts are: "samples" (oncpu), "ns"/"us"/"ms", "allocations". */
const char *flame_unit(const char *tool, const char *time_unit);

#endif
