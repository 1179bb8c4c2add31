// SPDX-License-Identifier: GPL-2.0
/*
 * Maps as bpftrace 0.17 prints them in text: "@m[k]: v" lines, then one
 * newline; hist/lhist entries as "@m[k]: " + newline + bucket lines, joined by
 * newlines, then one more; avg/stats lines followed by a blank line. An empty
 * map still prints its trailing newline(s), as bpftrace does.
 */
#include <inttypes.h>

#include "output/hist.h"
#include "output/print.h"

/*
 * Values whose text ends in a newline (stacks) are not separated by one; bpftrace
 * 0.17 applies that to ksym, usym and inet values too, which glues those entries
 * onto one line ("@a[1]: f@a[2]: g"). Kept, for byte-identical output.
 */
static const char *delim(const struct bt_type *v)
{
	switch (v->kind) {
	case BT_T_KSTACK:
	case BT_T_USTACK:
	case BT_T_KSYM:
	case BT_T_USYM:
	case BT_T_INET:
		return "";
	default:
		return "\n";
	}
}

static int hist_entries(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
			size_t n, int64_t top, int64_t div, struct bt_strbuf *sb)
{
	const struct bt_type *v = m->value;
	int err = 0;

	for (size_t i = bt_out_first(n, top); i < n && !err; i++) {
		if (i > bt_out_first(n, top))
			err = bt_sb_puts(sb, "\n");
		err = err ?: bt_out_key(o, m, e[i].key, false, sb);
		err = err ?: bt_sb_puts(sb, ": \n");
		if (v->agg == BT_AGG_HIST)
			err = err ?: bt_hist_text(sb, e[i].buckets, e[i].nbuckets, (uint64_t)div);
		else
			err = err
				      ?: bt_lhist_text(sb, e[i].buckets, e[i].nbuckets,
						       v->lhist_min, v->lhist_max, v->lhist_step);
	}
	return err ?: bt_sb_puts(sb, "\n");
}

static int stats_entries(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
			 size_t n, int64_t top, int64_t div, struct bt_strbuf *sb)
{
	bool stats = m->value->agg == BT_AGG_STATS;
	/* bpftrace honours top for avg() maps only, and never divides stats() */
	size_t first = stats ? 0 : bt_out_first(n, top);
	int err = 0;

	for (size_t i = first; i < n && !err; i++) {
		int64_t total = e[i].agg[0], count = e[i].agg[1];
		int64_t avg = count ? total / count : 0;

		if (i > first)
			err = bt_sb_puts(sb, "\n");
		err = err ?: bt_out_key(o, m, e[i].key, false, sb);
		if (stats)
			err = err
				      ?: bt_sb_printf(sb,
						      ": count %" PRId64 ", average %" PRId64
						      ", total %" PRId64,
						      count, avg, total);
		else
			err = err ?: bt_sb_printf(sb, ": %" PRId64, avg / div);
	}
	return err ?: bt_sb_puts(sb, "\n\n");
}

int bt_text_map(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		int64_t top, int64_t div, struct bt_strbuf *sb)
{
	const struct bt_type *v = m->value;
	size_t first = bt_out_first(n, top);
	int err = 0;

	if (v->kind == BT_T_AGG && (v->agg == BT_AGG_HIST || v->agg == BT_AGG_LHIST))
		return hist_entries(o, m, e, n, top, div, sb);
	if (v->kind == BT_T_AGG && (v->agg == BT_AGG_AVG || v->agg == BT_AGG_STATS))
		return stats_entries(o, m, e, n, top, div, sb);
	for (size_t i = first; i < n && !err; i++) {
		if (i > first)
			err = bt_sb_puts(sb, delim(v));
		err = err ?: bt_out_key(o, m, e[i].key, false, sb);
		err = err ?: bt_sb_puts(sb, ": ");
		err = err ?: bt_out_scalar(o, m, &e[i], div, false, sb);
	}
	return err ?: bt_sb_puts(sb, "\n");
}
