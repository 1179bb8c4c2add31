/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hist() and lhist() buckets: the index rules codegen computes in BPF and the
 * printers read back (engine/output/hist.c), as bpftrace 0.17 numbers them.
 *
 * The BPF map key is the user key bytes followed by a u64 bucket index; the
 * per-CPU value is a u64 count.
 *
 * hist(v), log2 buckets, BT_HIST_NBUCKETS indexes:
 *   v < 0              -> 0     printed "(..., 0)"
 *   v == 0             -> 1     printed "[0]"
 *   v >= 1             -> 2 + floor(log2(v))   (v = 1 -> 2 "[1]", 2..3 -> 3 "[2, 4)",
 *                                               1024..2047 -> 12 "[1K, 2K)")
 *   v is treated as signed 64-bit, so the largest index is 2 + 62 = 64.
 *   (bpftrace 0.17 stops at floor(log2) = 31, putting every v >= 2^31 in
 *   "[2G, 4G)"; bt keeps counting, so values below 2^32 print identically.)
 *
 * lhist(v, min, max, step), (max - min) / step + 2 indexes:
 *   v < min            -> 0                           "(..., min)"
 *   v > max            -> (max - min) / step + 1      "[max, ...)"
 *   otherwise          -> (v - min) / step + 1        "[lo, lo + step)"
 *   Note "v > max", not ">=": with a step that does not divide max - min,
 *   values just below max land in the last bucket too, as in bpftrace.
 */
#ifndef BT_OUTPUT_HIST_H
#define BT_OUTPUT_HIST_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define BT_HIST_NBUCKETS 65

/* Bucket index of v for hist() (the rule above; also used by tests). */
uint64_t bt_hist_index(int64_t v);
/* Bucket index of v for lhist(v, min, max, step); step > 0. */
uint64_t bt_lhist_index(int64_t v, int64_t min, int64_t max, int64_t step);
/* Number of buckets of an lhist (max - min) / step + 2. */
size_t bt_lhist_nbuckets(int64_t min, int64_t max, int64_t step);

/* Text: the bucket lines of one histogram (no header, no trailing blank line),
 * counts divided by div (hist only; lhist ignores div as bpftrace does). */
int bt_hist_text(struct bt_strbuf *sb, const uint64_t *b, size_t n, uint64_t div);
int bt_lhist_text(struct bt_strbuf *sb, const uint64_t *b, size_t n, int64_t min, int64_t max,
		  int64_t step);
/* JSON: the "[{...}, ...]" array of one histogram. */
int bt_hist_json(struct bt_strbuf *sb, const uint64_t *b, size_t n, uint64_t div);
int bt_lhist_json(struct bt_strbuf *sb, const uint64_t *b, size_t n, int64_t min, int64_t max,
		  int64_t step);

#endif
