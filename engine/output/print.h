/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside engine/output/: maps read into memory (mapread.c), sorted as
 * bpftrace sorts them (sort.c), formatted by text.c or json.c, one value at a
 * time by value.c. Reading needs BPF; everything after it works on made-up
 * entries, which is how tests/unit/test_output.c drives it.
 */
#ifndef BT_OUTPUT_PRINT_H
#define BT_OUTPUT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output/output.h"
#include "util/strbuf.h"

/*
 * One map entry, CPUs already merged.
 *  key:     m->key->size bytes (NULL for keyless maps)
 *  val:     BT_MAP_HASH: m->value_size bytes laid out by m->value
 *  agg:     BT_MAP_PERCPU_HASH: COUNT/SUM agg[0] = sum over CPUs; MIN/MAX
 *           agg[0] = min/max over CPUs whose 'set' is non-zero, agg[1] = set
 *           (any CPU); AVG/STATS agg[0] = total, agg[1] = count
 *  buckets: BT_MAP_HIST_HASH: nbuckets counts, index as in hist.h
 */
struct bt_map_entry {
	uint8_t *key;
	uint8_t *val;
	int64_t agg[2];
	uint64_t *buckets;
	size_t nbuckets;
	int64_t sortv; /* sort.c's scratch */
};

/* Reads m (CPUs merged, hist buckets gathered per user key) into *out, *n
 * entries, unsorted; free with bt_map_entries_free(). 0 or a negative errno. */
int bt_map_read(struct bt_out *o, const struct bt_map *m, struct bt_map_entry **out, size_t *n);
void bt_map_entries_free(struct bt_map_entry *e, size_t n);

/* Sorts e[] as bpftrace 0.17 orders m's entries before printing. */
void bt_out_sort(const struct bt_map *m, struct bt_map_entry *e, size_t n);

/*
 * Sorts and prints n entries of m (print(@m, top, div) or the exit dump) in
 * o->fmt, to o->f, then flushes. top 0: all; div 0: 1. The made-up-entries
 * entry point for tests; bt_out_map() reads the map and calls it.
 */
int bt_out_entries(struct bt_out *o, const struct bt_map *m, struct bt_map_entry *e, size_t n,
		   int64_t top, int64_t div);

/* The formatters behind bt_out_entries: append m's text or JSON to sb. e is sorted. */
int bt_text_map(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		int64_t top, int64_t div, struct bt_strbuf *sb);
int bt_json_map(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		int64_t top, int64_t div, struct bt_strbuf *sb);

/*
 * Appends one value of type t at p, as bpftrace prints it in text (json false)
 * or in JSON (strings and symbols quoted and escaped, tuples as arrays).
 * indent: spaces before each stack frame (bpftrace: 4 in keys, 8 in values).
 */
int bt_out_value(struct bt_out *o, const struct bt_type *t, const uint8_t *p, bool json, int indent,
		 struct bt_strbuf *sb);
/*
 * The frames of the stack value at p (t KSTACK/USTACK) as bt/maps.h gives them:
 * leaf first, names without offsets (malloc'd, as is *out; bt_out_visit() frees
 * them). *nout 0: no stack. 0 or -ENOMEM.
 */
int bt_out_stack_frames(struct bt_out *o, const struct bt_type *t, const uint8_t *p,
			struct bt_frame **out, size_t *nout);
/*
 * Hands n sorted entries of m to o->visit as bt/maps.h's typed values.
 * Returns the visitor's BT_MAP_PRINT or BT_MAP_TAKEN, or a negative errno.
 */
int bt_out_visit(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		 int64_t top, int64_t div, bool at_exit);
/* Appends s JSON-escaped as bpftrace's json_escape() does (no quotes). */
int bt_json_escape(struct bt_strbuf *sb, const char *s, size_t n);

/* "@name[k1, k2]" (text) or "\"k1,k2\"" (JSON) for one entry's key. */
int bt_out_key(struct bt_out *o, const struct bt_map *m, const uint8_t *key, bool json,
	       struct bt_strbuf *sb);

/* Index of the first entry print(@m, top) shows: the last top of n, as bpftrace. */
size_t bt_out_first(size_t n, int64_t top);
/* Appends the value of a non-hist, non-stats entry: aggregations merged, ints divided by div
 * (div >= 1), other types as bt_out_value() (indent 8 for stacks). */
int bt_out_scalar(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
		  int64_t div, bool json, struct bt_strbuf *sb);

/* cgroup_path(): "NAME:PATH,..." of cgroup id in every hierarchy matching filter (cgpath.c). */
int bt_cgroup_path(uint64_t id, const char *filter, struct bt_strbuf *sb);

/* Writes sb to o->f (stdio buffered: the run loop flushes per batch); 0 or -EIO. */
int bt_out_flush(struct bt_out *o, const struct bt_strbuf *sb);

#endif
