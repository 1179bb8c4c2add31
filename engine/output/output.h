/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Printing as bpftrace 0.17 prints: maps (read from their BPF fds, per-CPU
 * values merged, hist buckets gathered), printf records, time, and -f json.
 * Text and JSON share one interface (engine/output/).
 */
#ifndef BT_OUTPUT_H
#define BT_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <bt/bt.h>

#include "prog.h"
#include "util/strbuf.h"

struct bt_diag;

struct bt_out {
	enum bt_format fmt;
	FILE *f;
	const struct bt_prog *prog; /* for probe names */
	struct bt_diag *d;	    /* warnings (a full map) */
	/* BT_STACKMAP_<depth> fds by depth (1..BT_STACK_MAX), 0 when absent */
	int stack_fds[BT_STACK_MAX + 1];
	bt_map_visit_fn visit; /* maps as data before printing (bt/maps.h), or NULL */
	void *visit_ctx;
	struct bt_out_run *run; /* the run's printer state, or NULL (none kept) */
};

/* What the printers keep over one run (struct bt_runtime has it). */
#define BT_OUT_STACK_IDS 4096 /* below the stack maps' entries */
struct bt_out_run {
	struct bt_strbuf line;			  /* printf's buffer, reused record to record */
	uint64_t cut_seen[BT_OUT_STACK_IDS / 64]; /* stack ids counted by bt_out_stack_cut */
	uint64_t ncut;
	uint64_t full_warned[256 / 64]; /* maps (by index) said to be full */
};

/* print(@m, top, div) and the exit dump of one map. top 0: all; div 0/1: none. */
int bt_out_map(struct bt_out *o, const struct bt_map *m, int64_t top, int64_t div);
/* The exit dump: every map with printed_at_exit, sorted by name as bpftrace does. The
 * caller writes bpftrace's "\n\n" to stdout first. */
int bt_out_all_maps(struct bt_out *o);
/* clear(@m) / zero(@m) from userspace. */
int bt_map_clear(const struct bt_map *m);
int bt_map_zero(const struct bt_map *m);

/* A printf record: payload laid out by f->args. */
int bt_out_printf(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len);
/* time(fmt): strftime of now. */
int bt_out_time(struct bt_out *o, const struct bt_fmt *f);
/* print(value): one value of type f->args->elems[0]. */
int bt_out_print_value(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len);
/* "Attaching N probes..." / {"type": "attached_probes", ...} */
void bt_out_attached(struct bt_out *o, size_t nprobes);
/* Lost ring buffer events warning. */
void bt_out_lost(struct bt_out *o, uint64_t lost);
/* -k/-kk: a failed helper call, as bpftrace: a located warning, or a
 * {"type": "helper_error", ...} line with -f json */
void bt_out_helper_error(struct bt_out *o, const struct bt_hsite *s, int64_t ret);
/* A printed stack that filled all BT_STACK_MAX frames (stack id id): counted
 * once per id, for the exit warning (engine/runtime/lossrep.c). */
void bt_out_stack_cut(struct bt_out *o, int32_t id);
/* How many distinct stacks bt_out_stack_cut() saw. */
uint64_t bt_out_stacks_cut(const struct bt_out *o);

struct bt_strbuf;
/* The text of a printf-like record (printf, system, cat), appended to sb. */
int bt_printf_format(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len,
		     struct bt_strbuf *sb);
/* Prints s as is (text) or as {"type": "<type>", "data": "<s escaped>"} (JSON), e.g.
 * type "cat" for cat() output, "syscall" for system() output, "join" for join(). */
int bt_out_message(struct bt_out *o, const char *type, const char *s, size_t n);

#endif
