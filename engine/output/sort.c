// SPDX-License-Identifier: GPL-2.0
/*
 * bpftrace 0.17's print order. Aggregations and integer values sort ascending
 * by value with std::sort, which is not stable: equal values come out in
 * whatever order libstdc++'s introsort leaves them. To print ties in the same
 * order, the sort below is libstdc++'s algorithm step by step (introsort with
 * median-of-three, heapsort fallback, final insertion sort; 16 elements or
 * fewer is a plain insertion sort, hence stable). Hist, lhist, avg and stats
 * maps are first put in key-byte order (bpftrace gathers them in a std::map),
 * other maps keep the order the kernel iterates them in. Maps whose values
 * do not sort are ordered by key with std::stable_sort, last key element
 * first: integers as unsigned, strings with strncmp, other elements not at all.
 */
#include <stdlib.h>
#include <string.h>

#include "output/print.h"

#define THRESHOLD 16

struct sorter {
	bool is_unsigned;
};

static bool less(const struct sorter *s, const struct bt_map_entry *a, const struct bt_map_entry *b)
{
	if (s->is_unsigned)
		return (uint64_t)a->sortv < (uint64_t)b->sortv;
	return a->sortv < b->sortv;
}

static void swap(struct bt_map_entry *a, struct bt_map_entry *b)
{
	struct bt_map_entry t = *a;

	*a = *b;
	*b = t;
}

static void push_heap(const struct sorter *s, struct bt_map_entry *f, long hole, long top,
		      struct bt_map_entry v)
{
	long parent = (hole - 1) / 2;

	while (hole > top && less(s, &f[parent], &v)) {
		f[hole] = f[parent];
		hole = parent;
		parent = (hole - 1) / 2;
	}
	f[hole] = v;
}

static void adjust_heap(const struct sorter *s, struct bt_map_entry *f, long hole, long len,
			struct bt_map_entry v)
{
	long top = hole, child = hole;

	while (child < (len - 1) / 2) {
		child = 2 * (child + 1);
		if (less(s, &f[child], &f[child - 1]))
			child--;
		f[hole] = f[child];
		hole = child;
	}
	if ((len & 1) == 0 && child == (len - 2) / 2) {
		child = 2 * (child + 1);
		f[hole] = f[child - 1];
		hole = child - 1;
	}
	push_heap(s, f, hole, top, v);
}

static void heap_sort(const struct sorter *s, struct bt_map_entry *f, long len)
{
	for (long parent = (len - 2) / 2; len >= 2; parent--) {
		adjust_heap(s, f, parent, len, f[parent]);
		if (parent == 0)
			break;
	}
	while (len > 1) {
		struct bt_map_entry v = f[--len];

		f[len] = f[0];
		adjust_heap(s, f, 0, len, v);
	}
}

static void median_to_first(const struct sorter *s, struct bt_map_entry *r, struct bt_map_entry *a,
			    struct bt_map_entry *b, struct bt_map_entry *c)
{
	if (less(s, a, b)) {
		if (less(s, b, c))
			swap(r, b);
		else if (less(s, a, c))
			swap(r, c);
		else
			swap(r, a);
	} else if (less(s, a, c)) {
		swap(r, a);
	} else if (less(s, b, c)) {
		swap(r, c);
	} else {
		swap(r, b);
	}
}

static struct bt_map_entry *partition(const struct sorter *s, struct bt_map_entry *first,
				      struct bt_map_entry *last, struct bt_map_entry *pivot)
{
	for (;;) {
		while (less(s, first, pivot))
			first++;
		last--;
		while (less(s, pivot, last))
			last--;
		if (!(first < last))
			return first;
		swap(first, last);
		first++;
	}
}

static void introsort(const struct sorter *s, struct bt_map_entry *first, struct bt_map_entry *last,
		      int depth)
{
	while (last - first > THRESHOLD) {
		struct bt_map_entry *mid, *cut;

		if (depth == 0) {
			heap_sort(s, first, last - first);
			return;
		}
		depth--;
		mid = first + (last - first) / 2;
		median_to_first(s, first, first + 1, mid, last - 1);
		cut = partition(s, first + 1, last, first);
		introsort(s, cut, last, depth);
		last = cut;
	}
}

static void linear_insert(const struct sorter *s, struct bt_map_entry *last)
{
	struct bt_map_entry v = *last;
	struct bt_map_entry *next = last - 1;

	while (less(s, &v, next)) {
		*last = *next;
		last = next--;
	}
	*last = v;
}

static void insertion_sort(const struct sorter *s, struct bt_map_entry *first,
			   struct bt_map_entry *last)
{
	if (first == last)
		return;
	for (struct bt_map_entry *i = first + 1; i != last; i++) {
		if (less(s, i, first)) {
			struct bt_map_entry v = *i;

			memmove(first + 1, first, (size_t)(i - first) * sizeof(*i));
			*first = v;
		} else {
			linear_insert(s, i);
		}
	}
}

/* std::sort(first, last, less) as libstdc++ does it. */
static void std_sort(const struct sorter *s, struct bt_map_entry *e, size_t n)
{
	int lg = 0;

	if (n < 2)
		return;
	for (size_t m = n; m > 1; m >>= 1)
		lg++;
	introsort(s, e, e + n, lg * 2);
	if (n > THRESHOLD) {
		insertion_sort(s, e, e + THRESHOLD);
		for (struct bt_map_entry *i = e + THRESHOLD; i != e + n; i++)
			linear_insert(s, i);
	} else {
		insertion_sort(s, e, e + n);
	}
}

/* Stable merge sort by one key element (std::stable_sort gives the same order). */
static int key_cmp(const struct bt_type *t, uint32_t off, const struct bt_map_entry *a,
		   const struct bt_map_entry *b)
{
	if (t->kind == BT_T_INT) {
		uint64_t x = 0, y = 0;

		memcpy(&x, a->key + off, t->size < 8 ? t->size : 8);
		memcpy(&y, b->key + off, t->size < 8 ? t->size : 8);
		return x < y ? -1 : x > y;
	}
	return strncmp((const char *)a->key + off, (const char *)b->key + off, t->size);
}

static void merge_sort(const struct bt_type *t, uint32_t off, struct bt_map_entry *e,
		       struct bt_map_entry *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	merge_sort(t, off, e, tmp, h);
	merge_sort(t, off, e + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = key_cmp(t, off, &e[j], &e[i]) < 0 ? e[j++] : e[i++];
	while (i < h)
		tmp[k++] = e[i++];
	while (j < n)
		tmp[k++] = e[j++];
	memcpy(e, tmp, n * sizeof(*e));
}

static void sort_by_key(const struct bt_map *m, struct bt_map_entry *e, size_t n)
{
	const struct bt_type *k = m->key;
	struct bt_map_entry *tmp;

	if (!k || n < 2)
		return;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return; /* out of memory: print unsorted rather than nothing */
	for (uint32_t i = k->count; i-- > 0;) {
		enum bt_tkind kind = k->elems[i]->kind;

		if (kind == BT_T_INT || kind == BT_T_STR)
			merge_sort(k->elems[i], k->offs[i], e, tmp, n);
	}
	free(tmp);
}

static int key_bytes_cmp(const void *pa, const void *pb, void *arg)
{
	const struct bt_map_entry *a = pa, *b = pb;
	size_t len = *(const size_t *)arg;

	if (!len)
		return 0;
	return memcmp(a->key, b->key, len);
}

void bt_out_sort(const struct bt_map *m, struct bt_map_entry *e, size_t n)
{
	const struct bt_type *v = m->value;
	struct sorter s = {.is_unsigned = false};
	size_t klen = m->key ? m->key->size : 0;

	if (!v || n < 2)
		return;
	if (v->kind == BT_T_AGG) {
		switch (v->agg) {
		case BT_AGG_HIST:
		case BT_AGG_LHIST:
			/* keys are unique, so any sort gives std::map's order */
			qsort_r(e, n, sizeof(*e), key_bytes_cmp, &klen);
			for (size_t i = 0; i < n; i++) {
				uint64_t sum = 0;

				for (size_t j = 0; j < e[i].nbuckets; j++)
					sum += e[i].buckets[j];
				e[i].sortv = (int64_t)sum;
			}
			s.is_unsigned = true;
			break;
		case BT_AGG_AVG:
		case BT_AGG_STATS:
			qsort_r(e, n, sizeof(*e), key_bytes_cmp, &klen);
			for (size_t i = 0; i < n; i++)
				e[i].sortv = e[i].agg[1] ? e[i].agg[0] / e[i].agg[1] : 0;
			break;
		case BT_AGG_COUNT:
			s.is_unsigned = true;
			for (size_t i = 0; i < n; i++)
				e[i].sortv = e[i].agg[0];
			break;
		default:
			s.is_unsigned = v->agg == BT_AGG_SUM && !v->is_signed;
			for (size_t i = 0; i < n; i++)
				e[i].sortv = e[i].agg[0];
			break;
		}
		std_sort(&s, e, n);
		return;
	}
	if (v->kind == BT_T_INT && m->kind == BT_MAP_HASH) {
		s.is_unsigned = !v->is_signed;
		for (size_t i = 0; i < n; i++) {
			int64_t x = 0;
			uint32_t sz = v->size < 8 ? v->size : 8;

			memcpy(&x, e[i].val, sz);
			if (sz < 8 && v->is_signed)
				x = (int64_t)((uint64_t)x << (64 - 8 * sz)) >> (64 - 8 * sz);
			e[i].sortv = x;
		}
		std_sort(&s, e, n);
		return;
	}
	sort_by_key(m, e, n);
}
