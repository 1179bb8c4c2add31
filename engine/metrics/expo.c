// SPDX-License-Identifier: GPL-2.0
/*
 * The exposition text of the maps: each map read fresh (CPUs merged) by
 * engine/output/mapread.c, keys rendered as the printers render them (one
 * label per key element, stacks folded root first), values as counter,
 * gauge, histogram (cumulative `le` buckets) or summary (_count, _sum).
 *
 * Buckets: bt's hist() counts integers in log2 ranges [2^k, 2^(k+1)), so a
 * bucket's `le` is its largest integer, 2^(k+1) - 1 (0 for the [0] bucket,
 * -1 for negatives); lhist() likewise with min + i * step - 1, its overflow
 * bucket only in +Inf. Log2 buckets are written up to the highest non-empty
 * one of the map. hist() keeps no sum: _sum adds each bucket's lower bound.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"
#include "output/hist.h"
#include "output/print.h"

/* "a;b;c" root first from the printers' "\nleaf+off\n...\nroot+off\n" */
static int fold_stack(const char *text, struct bt_strbuf *out)
{
	const char *lines[128];
	size_t n = 0;
	int err = 0;

	for (const char *p = text; *p && n < 128;) {
		size_t len = strcspn(p, "\n");

		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		if (len)
			lines[n++] = p;
		p += len;
		p += *p == '\n';
	}
	for (size_t i = n; i-- > 0 && !err;) {
		size_t len = strcspn(lines[i], "+\n");

		if (i + 1 < n)
			err = bt_sb_puts(out, ";");
		err = err ?: bt_mesc_label(out, lines[i], len);
	}
	return err;
}

/* {k0="v",k1="v"[,le="x"]} or nothing */
static int put_labels(struct bt_strbuf *sb, const struct bt_mmap *mm, struct bt_out *o,
		      const uint8_t *key, const char *le)
{
	const struct bt_type *kt = mm->map->key;
	struct bt_strbuf v = {0};
	int err = 0;

	if (!mm->nlabels && !le)
		return 0;
	err = bt_sb_puts(sb, "{");
	for (size_t i = 0; i < mm->nlabels && key && !err; i++) {
		const struct bt_type *t = kt->elems[i];

		v.len = 0;
		err = bt_out_value(o, t, key + kt->offs[i], false, 0, &v);
		err = err ?: bt_sb_printf(sb, "%s%s=\"", i ? "," : "", mm->labels[i]);
		if (!err && (t->kind == BT_T_KSTACK || t->kind == BT_T_USTACK))
			err = fold_stack(bt_sb_str(&v), sb);
		else if (!err)
			err = bt_mesc_label(sb, bt_sb_str(&v), v.len);
		err = err ?: bt_sb_puts(sb, "\"");
	}
	if (le && !err)
		err = bt_sb_printf(sb, "%sle=\"%s\"", mm->nlabels ? "," : "", le);
	bt_sb_free(&v);
	return err ?: bt_sb_puts(sb, "}");
}

/* A number: exact integers when unscaled, else a float. */
static int put_num(struct bt_strbuf *sb, const struct bt_mmap *mm, int64_t v, bool is_unsigned)
{
	if (mm->scale == 1 || mm->scale == 0)
		return is_unsigned ? bt_sb_printf(sb, " %" PRIu64 "\n", (uint64_t)v)
				   : bt_sb_printf(sb, " %" PRId64 "\n", v);
	return bt_sb_printf(sb, " %.15g\n",
			    (is_unsigned ? (double)(uint64_t)v : (double)v) * mm->scale);
}

static int put_sample(struct bt_strbuf *sb, const struct bt_mmap *mm, struct bt_out *o,
		      const char *suffix, const uint8_t *key, const char *le)
{
	return bt_sb_printf(sb, "%s%s", mm->name, suffix) ?: put_labels(sb, mm, o, key, le);
}

/* Bucket i's largest integer (the `le`) and lower bound. */
static void bucket_bounds(const struct bt_type *v, size_t i, int64_t *le, int64_t *lo)
{
	if (v->agg == BT_AGG_LHIST) {
		*le = i ? v->lhist_min + (int64_t)i * v->lhist_step - 1 : v->lhist_min - 1;
		*lo = i ? v->lhist_min + (int64_t)(i - 1) * v->lhist_step : v->lhist_min - 1;
		return;
	}
	if (i == 0) {
		*le = *lo = -1;
	} else if (i == 1) {
		*le = *lo = 0;
	} else {
		*lo = (int64_t)1 << (i - 2);
		*le = (int64_t)(((uint64_t)1 << (i - 1)) - 1);
	}
}

static int put_hist(struct bt_strbuf *sb, const struct bt_mmap *mm, struct bt_out *o,
		    const struct bt_map_entry *e, size_t first, size_t last)
{
	const struct bt_type *v = mm->map->value;
	uint64_t cum = 0, total = 0;
	double sum = 0;
	char le[48];
	int err = 0;

	for (size_t i = 0; i < e->nbuckets; i++) {
		int64_t hi, lo;

		bucket_bounds(v, i, &hi, &lo);
		total += e->buckets[i];
		sum += (double)lo * (double)e->buckets[i];
	}
	for (size_t i = 0; i <= last && i < e->nbuckets && !err; i++) {
		int64_t hi, lo;

		cum += e->buckets[i];
		if (i < first)
			continue;
		bucket_bounds(v, i, &hi, &lo);
		if (mm->scale == 1)
			snprintf(le, sizeof(le), "%" PRId64, hi);
		else
			snprintf(le, sizeof(le), "%.12g", (double)hi * mm->scale);
		err = put_sample(sb, mm, o, "_bucket", e->key, le);
		err = err ?: bt_sb_printf(sb, " %" PRIu64 "\n", cum);
	}
	err = err ?: put_sample(sb, mm, o, "_bucket", e->key, "+Inf");
	err = err ?: bt_sb_printf(sb, " %" PRIu64 "\n", total);
	err = err ?: put_sample(sb, mm, o, "_count", e->key, NULL);
	err = err ?: bt_sb_printf(sb, " %" PRIu64 "\n", total);
	err = err ?: put_sample(sb, mm, o, "_sum", e->key, NULL);
	return err ?: bt_sb_printf(sb, " %.15g\n", sum * (mm->scale ? mm->scale : 1));
}

/* The bucket range written for every entry of a hist map. */
static void hist_range(const struct bt_mmap *mm, const struct bt_map_entry *e, size_t n,
		       size_t *first, size_t *last)
{
	const struct bt_type *v = mm->map->value;
	size_t nb = n ? e[0].nbuckets : 0;
	bool neg = false;

	*first = 1;
	*last = v->agg == BT_AGG_LHIST && nb >= 2 ? nb - 2 : 1;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < e[k].nbuckets; i++) {
			if (!e[k].buckets[i])
				continue;
			neg |= i == 0;
			if (v->agg == BT_AGG_HIST && i > *last)
				*last = i;
		}
	if (neg)
		*first = 0;
}

static bool is_unsigned(const struct bt_type *v)
{
	if (v->kind == BT_T_AGG)
		return v->agg == BT_AGG_COUNT || (v->agg == BT_AGG_SUM && !v->is_signed);
	return !v->is_signed;
}

/* Counter and gauge samples; nothing when the entry has no value (min/max unset). */
static int put_scalar(struct bt_strbuf *sb, const struct bt_mmap *mm, struct bt_out *o,
		      const struct bt_map_entry *e)
{
	const struct bt_type *v = mm->map->value;
	int64_t x = e->agg[0];
	int err;

	if (v->kind == BT_T_INT) {
		uint64_t u = 0;
		uint32_t sz = v->size && v->size < 8 ? v->size : 8;

		memcpy(&u, e->val, sz);
		if (v->is_signed && sz < 8)
			u = (uint64_t)((int64_t)(u << (64 - 8 * sz)) >> (64 - 8 * sz));
		x = (int64_t)u;
	} else if ((v->agg == BT_AGG_MIN || v->agg == BT_AGG_MAX) && !e->agg[1]) {
		return 0;
	} else if (v->agg == BT_AGG_AVG) {
		if (!e->agg[1])
			return 0;
		err = put_sample(sb, mm, o, "", e->key, NULL);
		return err
			       ?: bt_sb_printf(sb, " %.15g\n",
					       (double)e->agg[0] / (double)e->agg[1] *
						       (mm->scale ? mm->scale : 1));
	}
	err = put_sample(sb, mm, o, mm->kind == BT_MK_COUNTER ? "_total" : "", e->key, NULL);
	return err ?: put_num(sb, mm, x, is_unsigned(v));
}

static int put_family(struct bt_strbuf *sb, const struct bt_mmap *mm, bool om)
{
	static const char *const types[] = {
		[BT_MK_COUNTER] = "counter",
		[BT_MK_GAUGE] = "gauge",
		[BT_MK_HIST] = "histogram",
		[BT_MK_SUMMARY] = "summary",
	};
	/* OpenMetrics names the counter family without "_total"; 0.0.4 with it */
	const char *suffix = mm->kind == BT_MK_COUNTER && !om ? "_total" : "";
	int err;

	err = bt_sb_printf(sb, "# HELP %s%s ", mm->name, suffix);
	err = err ?: bt_mesc_help(sb, mm->help);
	err = err ?: bt_sb_printf(sb, "\n# TYPE %s%s %s\n", mm->name, suffix, types[mm->kind]);
	if (om && mm->unit && !err)
		err = bt_sb_printf(sb, "# UNIT %s %s\n", mm->name, mm->unit);
	return err;
}

static int expo_map(struct bt_mmap *mm, struct bt_out *o, struct bt_mscrape *s, size_t max_series)
{
	struct bt_map_entry *e = NULL;
	size_t n = 0, from = 0, first = 0, last = 0;
	int err = bt_map_read(o, mm->map, &e, &n);

	if (err)
		goto out;
	/* over the cap: keep the largest values, as print(@m, N) would */
	if (n > max_series) {
		bt_out_sort(mm->map, e, n);
		from = n - max_series;
		mm->dropped += from;
	}
	err = put_family(s->sb, mm, s->openmetrics);
	if (mm->kind == BT_MK_HIST)
		hist_range(mm, e + from, n - from, &first, &last);
	for (size_t i = from; i < n && !err; i++) {
		switch (mm->kind) {
		case BT_MK_HIST:
			err = put_hist(s->sb, mm, o, &e[i], first, last);
			break;
		case BT_MK_SUMMARY:
			err = put_sample(s->sb, mm, o, "_count", e[i].key, NULL);
			err = err
				      ?: put_num(s->sb, &(struct bt_mmap){.scale = 1}, e[i].agg[1],
						 true);
			err = err ?: put_sample(s->sb, mm, o, "_sum", e[i].key, NULL);
			err = err ?: put_num(s->sb, mm, e[i].agg[0], false);
			break;
		default:
			err = put_scalar(s->sb, mm, o, &e[i]);
			break;
		}
	}
out:
	bt_map_entries_free(e, n);
	return err;
}

int bt_expo_maps(struct bt_mmeta *meta, struct bt_out *o, struct bt_mscrape *s)
{
	int err = 0;

	for (size_t i = 0; i < meta->nmaps && !err; i++)
		if (meta->maps[i].kind != BT_MK_SKIP && meta->maps[i].map->fd >= 0)
			err = expo_map(&meta->maps[i], o, s, meta->max_series);
	return err;
}
