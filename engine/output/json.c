// SPDX-License-Identifier: GPL-2.0
/*
 * Maps as bpftrace 0.17 prints them with -f json: one line per map,
 * {"type": "map"|"hist"|"stats", "data": {"@m": {"k": v, ...}}} (keyless maps
 * without the inner object); empty maps print nothing.
 */
#include <inttypes.h>
#include <string.h>

#include "output/hist.h"
#include "output/print.h"

static const char *msg_type(const struct bt_type *v)
{
	if (v->kind != BT_T_AGG)
		return "map";
	switch (v->agg) {
	case BT_AGG_HIST:
	case BT_AGG_LHIST:
		return "hist";
	case BT_AGG_AVG:
	case BT_AGG_STATS:
		return "stats";
	default:
		return "map";
	}
}

static int entry_value(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
		       int64_t div, struct bt_strbuf *sb)
{
	const struct bt_type *v = m->value;
	int64_t total = e->agg[0], count = e->agg[1];

	if (v->kind != BT_T_AGG)
		return bt_out_scalar(o, m, e, div, true, sb);
	switch (v->agg) {
	case BT_AGG_HIST:
		return bt_hist_json(sb, e->buckets, e->nbuckets, (uint64_t)div);
	case BT_AGG_LHIST:
		return bt_lhist_json(sb, e->buckets, e->nbuckets, v->lhist_min, v->lhist_max,
				     v->lhist_step);
	case BT_AGG_STATS:
		return bt_sb_printf(sb,
				    "{\"count\": %" PRId64 ", \"average\": %" PRId64
				    ", \"total\": %" PRId64 "}",
				    count, count ? total / count : 0, total);
	default:
		return bt_out_scalar(o, m, e, div, true, sb);
	}
}

int bt_json_map(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		int64_t top, int64_t div, struct bt_strbuf *sb)
{
	bool keyed = m->key && m->key->count;
	bool stats = m->value->kind == BT_T_AGG && m->value->agg == BT_AGG_STATS;
	size_t first = stats ? 0 : bt_out_first(n, top);
	int err;

	if (!n)
		return 0;
	err = bt_sb_printf(sb, "{\"type\": \"%s\", \"data\": {\"", msg_type(m->value));
	err = err ?: bt_json_escape(sb, m->name, strlen(m->name));
	err = err ?: bt_sb_puts(sb, keyed ? "\": {" : "\": ");
	for (size_t i = first; i < n && !err; i++) {
		if (i > first)
			err = bt_sb_puts(sb, ", ");
		if (keyed) {
			err = err ?: bt_out_key(o, m, e[i].key, true, sb);
			err = err ?: bt_sb_puts(sb, ": ");
		}
		err = err ?: entry_value(o, m, &e[i], div, sb);
	}
	if (keyed)
		err = err ?: bt_sb_puts(sb, "}");
	return err ?: bt_sb_puts(sb, "}}\n");
}
