// SPDX-License-Identifier: GPL-2.0
/* Histogram bucket math and rendering, once for text and JSON (see hist.h). */
#include "output/hist.h"

#include <inttypes.h>
#include <string.h>

#define BAR_WIDTH 52

uint64_t bt_hist_index(int64_t v)
{
	uint64_t u = (uint64_t)v;
	uint64_t idx = 2;

	if (v < 0)
		return 0;
	if (v == 0)
		return 1;
	while (u >>= 1)
		idx++;
	return idx;
}

uint64_t bt_lhist_index(int64_t v, int64_t min, int64_t max, int64_t step)
{
	if (v < min)
		return 0;
	if (v > max)
		return (uint64_t)((max - min) / step) + 1;
	return (uint64_t)((v - min) / step) + 1;
}

size_t bt_lhist_nbuckets(int64_t min, int64_t max, int64_t step)
{
	if (step <= 0 || max < min)
		return 2;
	return (size_t)((max - min) / step) + 2;
}

/* "4", "1K", "2M": bpftrace's hist_index_label() for 2^power. */
static int pow_label(struct bt_strbuf *sb, int power)
{
	static const char suffix[] = {0, 'K', 'M', 'G', 'T', 'P', 'E'};
	int s = power / 10;

	if (s > 6)
		s = 6;
	power -= s * 10;
	if (suffix[s])
		return bt_sb_printf(sb, "%" PRIu64 "%c", (uint64_t)1 << power, suffix[s]);
	return bt_sb_printf(sb, "%" PRIu64, (uint64_t)1 << power);
}

/* bpftrace's lhist_index_label(): 0, then exact multiples of 1M and 1K get suffixes. */
static int lin_label(struct bt_strbuf *sb, int64_t n)
{
	if (n != 0 && n % 1048576 == 0)
		return bt_sb_printf(sb, "%" PRId64 "M", n / 1048576);
	if (n != 0 && n % 1024 == 0)
		return bt_sb_printf(sb, "%" PRId64 "K", n / 1024);
	return bt_sb_printf(sb, "%" PRId64, n);
}

/* One line: header left in 16 columns, count right in 8, bar of '@' scaled to the max.
 * The bar width is computed in float exactly as bpftrace does, so rounding matches. */
static int line(struct bt_strbuf *sb, const char *hdr, uint64_t v, uint64_t shown, uint64_t max)
{
	char bar[BAR_WIDTH + 1];
	int w = max ? (int)((float)v / (float)max * BAR_WIDTH) : 0;

	if (w > BAR_WIDTH)
		w = BAR_WIDTH;
	if (w < 0)
		w = 0;
	memset(bar, '@', (size_t)w);
	bar[w] = '\0';
	return bt_sb_printf(sb, "%-16s%8" PRIu64 " |%-52s|\n", hdr, shown, bar);
}

/* First and last non-empty buckets and the largest count; false when all are empty. */
static int span(const uint64_t *b, size_t n, size_t *lo, size_t *hi, uint64_t *max)
{
	int found = 0;

	*max = 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] > *max)
			*max = b[i];
		if (b[i]) {
			if (!found)
				*lo = i;
			*hi = i;
			found = 1;
		}
	}
	return found;
}

int bt_hist_text(struct bt_strbuf *sb, const uint64_t *b, size_t n, uint64_t div)
{
	size_t lo = 0, hi = 0;
	uint64_t max;

	if (!div)
		div = 1;
	if (!span(b, n, &lo, &hi, &max))
		return 0;
	for (size_t i = lo; i <= hi; i++) {
		struct bt_strbuf h = {0};
		int err;

		if (i == 0) {
			err = bt_sb_puts(&h, "(..., 0)");
		} else if (i == 1) {
			err = bt_sb_puts(&h, "[0]");
		} else if (i == 2) {
			err = bt_sb_puts(&h, "[1]");
		} else {
			err = bt_sb_puts(&h, "[");
			err = err ?: pow_label(&h, (int)i - 2);
			err = err ?: bt_sb_puts(&h, ", ");
			err = err ?: pow_label(&h, (int)i - 1);
			err = err ?: bt_sb_puts(&h, ")");
		}
		err = err ?: line(sb, bt_sb_str(&h), b[i], b[i] / div, max);
		bt_sb_free(&h);
		if (err)
			return err;
	}
	return 0;
}

int bt_lhist_text(struct bt_strbuf *sb, const uint64_t *b, size_t n, int64_t min, int64_t max,
		  int64_t step)
{
	size_t lo = 0, hi = 0, last = n - 1;
	uint64_t vmax;

	if (!n || !span(b, n, &lo, &hi, &vmax))
		return 0;
	for (size_t i = lo; i <= hi; i++) {
		struct bt_strbuf h = {0};
		int err;

		if (i == 0) {
			err = bt_sb_puts(&h, "(..., ");
			err = err ?: lin_label(&h, min);
			err = err ?: bt_sb_puts(&h, ")");
		} else if (i == last) {
			err = bt_sb_puts(&h, "[");
			err = err ?: lin_label(&h, max);
			err = err ?: bt_sb_puts(&h, ", ...)");
		} else {
			err = bt_sb_puts(&h, "[");
			err = err ?: lin_label(&h, (int64_t)(i - 1) * step + min);
			err = err ?: bt_sb_puts(&h, ", ");
			err = err ?: lin_label(&h, (int64_t)i * step + min);
			err = err ?: bt_sb_puts(&h, ")");
		}
		err = err ?: line(sb, bt_sb_str(&h), b[i], b[i], vmax);
		bt_sb_free(&h);
		if (err)
			return err;
	}
	return 0;
}

int bt_hist_json(struct bt_strbuf *sb, const uint64_t *b, size_t n, uint64_t div)
{
	size_t lo = 0, hi = 0;
	uint64_t max;
	int err;

	if (!div)
		div = 1;
	if (!span(b, n, &lo, &hi, &max))
		return bt_sb_puts(sb, "[]");
	err = bt_sb_puts(sb, "[");
	for (size_t i = lo; i <= hi && !err; i++) {
		if (i > lo)
			err = bt_sb_puts(sb, ", ");
		if (i == 0)
			err = err ?: bt_sb_puts(sb, "{\"max\": -1, ");
		else if (i == 1)
			err = err ?: bt_sb_puts(sb, "{\"min\": 0, \"max\": 0, ");
		else
			err = err
				      ?: bt_sb_printf(sb,
						      "{\"min\": %" PRIu64 ", \"max\": %" PRIu64
						      ", ",
						      (uint64_t)1 << (i - 2),
						      ((uint64_t)1 << (i - 1)) - 1);
		err = err ?: bt_sb_printf(sb, "\"count\": %" PRIu64 "}", b[i] / div);
	}
	return err ?: bt_sb_puts(sb, "]");
}

int bt_lhist_json(struct bt_strbuf *sb, const uint64_t *b, size_t n, int64_t min, int64_t max,
		  int64_t step)
{
	size_t lo = 0, hi = 0, last = n - 1;
	uint64_t vmax;
	int err;

	if (!n || !span(b, n, &lo, &hi, &vmax))
		return bt_sb_puts(sb, "[]");
	err = bt_sb_puts(sb, "[");
	for (size_t i = lo; i <= hi && !err; i++) {
		if (i > lo)
			err = bt_sb_puts(sb, ", ");
		if (i == 0)
			err = err ?: bt_sb_printf(sb, "{\"max\": %" PRId64 ", ", min - 1);
		else if (i == last)
			err = err ?: bt_sb_printf(sb, "{\"min\": %" PRId64 ", ", max);
		else
			err = err
				      ?: bt_sb_printf(sb,
						      "{\"min\": %" PRId64 ", \"max\": %" PRId64
						      ", ",
						      (int64_t)(i - 1) * step + min,
						      (int64_t)i * step + min - 1);
		err = err ?: bt_sb_printf(sb, "\"count\": %" PRIu64 "}", b[i]);
	}
	return err ?: bt_sb_puts(sb, "]");
}
