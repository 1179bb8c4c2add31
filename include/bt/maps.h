/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A script's maps as data, for tools that post-process results instead of
 * reading printed text (--folded and --svg in tools/tool.c).
 *
 * Set bt_run_opts.map_visit: each time bt_run() is about to print a map,
 * through print(@m) in a probe (per interval) or in the dump after END, it
 * first calls the visitor with the map's entries as typed values, in the
 * order and with the top/div that print would use. The visitor returns
 * BT_MAP_PRINT to let bt print the map as usual, BT_MAP_TAKEN when it
 * handled the map itself (bt prints nothing for it), or a negative errno (an
 * output error: the map is not printed). Metrics mode prints no maps and
 * calls no visitor.
 *
 * Everything the visitor is given (names, strings, frames) lives until it
 * returns: copy what it keeps. It runs on the thread that prints, between
 * the records printed before and after the map, so its own output to stdout
 * lands where the map's would have.
 *
 *	static int visit(const struct bt_map_data *m, void *ctx)
 *	{
 *		for (size_t i = 0; i < m->nentries; i++) {
 *			const struct bt_entry *e = &m->entries[i];
 *
 *			if (e->nkeys == 1 && e->keys[0].kind == BT_VAL_STR &&
 *			    e->value.kind == BT_VAL_UINT)
 *				printf("%s=%llu\n", e->keys[0].str,
 *				       (unsigned long long)e->value.u);
 *		}
 *		return BT_MAP_TAKEN;
 *	}
 */
#ifndef BT_MAPS_H
#define BT_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum bt_value_kind {
	BT_VAL_INT,   /* .i: signed integers; min(), max(), avg(), sum() of signed values */
	BT_VAL_UINT,  /* .u: unsigned integers; count(), sum() of unsigned values */
	BT_VAL_STR,   /* .str (NUL-terminated), .len: a string */
	BT_VAL_STACK, /* .frames, .nframes: kstack/ustack, leaf first; 0 frames: none */
	/* .str, .len: any other value as bt prints it in text: ksym, inet, tuples,
	 * stats() ("count N, average N, total N"), hist()/lhist() bucket lines */
	BT_VAL_TEXT,
};

/* One stack frame. */
struct bt_frame {
	uint64_t addr;
	const char *name; /* the symbol, without "+offset"; "0x..." when unknown */
	uint64_t off;	  /* addr - the symbol's start, as "name+off" prints; 0: unknown */
};

struct bt_value {
	enum bt_value_kind kind;
	int64_t i;
	uint64_t u;
	const char *str;
	size_t len;
	const struct bt_frame *frames;
	size_t nframes;
};

/* One entry: @m[keys[0], keys[1], ...] = value. A keyless map has nkeys 0. */
struct bt_entry {
	const struct bt_value *keys;
	size_t nkeys;
	struct bt_value value;
};

struct bt_map_data {
	const char *name; /* "@" or "@name", as printed */
	const struct bt_entry *entries;
	size_t nentries;
	bool at_exit; /* the dump after END; false: print(@m) */
};

#define BT_MAP_PRINT 0 /* bt prints the map as usual */
#define BT_MAP_TAKEN 1 /* the visitor handled it: bt prints nothing for it */

/* Returns BT_MAP_PRINT, BT_MAP_TAKEN or a negative errno. */
typedef int (*bt_map_visit_fn)(const struct bt_map_data *m, void *ctx);

#endif
