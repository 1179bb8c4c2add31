// SPDX-License-Identifier: GPL-2.0
/* Printing a map's entries once they are in memory: sort, pick the format, flush. */
#include <inttypes.h>
#include <string.h>

#include "output/print.h"

size_t bt_out_first(size_t n, int64_t top)
{
	if (top > 0 && n > (uint64_t)top)
		return n - (size_t)top;
	return 0;
}

static int int_div(const struct bt_type *t, const uint8_t *p, int64_t div, struct bt_strbuf *sb)
{
	uint32_t sz = t->size && t->size < 8 ? t->size : 8;
	uint64_t u = 0;

	memcpy(&u, p, sz);
	if (!t->is_signed)
		return bt_sb_printf(sb, "%" PRIu64, u / (uint64_t)div);
	return bt_sb_printf(sb, "%" PRId64, ((int64_t)(u << (64 - 8 * sz)) >> (64 - 8 * sz)) / div);
}

int bt_out_scalar(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
		  int64_t div, bool json, struct bt_strbuf *sb)
{
	const struct bt_type *v = m->value;

	if (div < 1)
		div = 1;
	if (v->kind == BT_T_AGG) {
		switch (v->agg) {
		case BT_AGG_COUNT:
			return bt_sb_printf(sb, "%" PRIu64, (uint64_t)e->agg[0] / (uint64_t)div);
		case BT_AGG_SUM:
			if (!v->is_signed)
				return bt_sb_printf(sb, "%" PRIu64,
						    (uint64_t)e->agg[0] / (uint64_t)div);
			return bt_sb_printf(sb, "%" PRId64, e->agg[0] / div);
		case BT_AGG_AVG:
			return bt_sb_printf(sb, "%" PRId64,
					    (e->agg[1] ? e->agg[0] / e->agg[1] : 0) / div);
		default:
			return bt_sb_printf(sb, "%" PRId64, e->agg[0] / div);
		}
	}
	if (!e->val)
		return 0;
	if (v->kind == BT_T_INT)
		return int_div(v, e->val, div, sb);
	return bt_out_value(o, v, e->val, json, 8, sb);
}

int bt_out_entries(struct bt_out *o, const struct bt_map *m, struct bt_map_entry *e, size_t n,
		   int64_t top, int64_t div)
{
	struct bt_strbuf sb = {0};
	int err;

	if (div < 1)
		div = 1;
	bt_out_sort(m, e, n);
	if (o->fmt == BT_FMT_JSON)
		err = bt_json_map(o, m, e, n, top, div, &sb);
	else
		err = bt_text_map(o, m, e, n, top, div, &sb);
	err = err ?: bt_out_flush(o, &sb);
	bt_sb_free(&sb);
	return err;
}
