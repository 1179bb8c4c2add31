// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a BPF map into struct bt_map_entry's (print.h): keys walked with
 * bpf_map_get_next_key, per-CPU values merged (libbpf_num_possible_cpus()
 * copies, each rounded up to 8 bytes, as the kernel returns them), hist
 * buckets gathered per user key. Also the exit dump, clear() and zero().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "output/hist.h"
#include "front/diag.h"
#include "output/print.h"

struct raw {
	uint8_t *keys; /* n * key_size */
	uint8_t *vals; /* n * vsize */
	size_t n, cap;
	size_t key_size, vsize;
};

static void raw_free(struct raw *r)
{
	free(r->keys);
	free(r->vals);
}

static int ncpus(void)
{
	int n = libbpf_num_possible_cpus();

	return n > 0 ? n : 1;
}

static size_t value_bytes(const struct bt_map *m)
{
	if (m->slot) /* the value, then its u64 set flag */
		return m->value_size + 8;
	if (m->kind == BT_MAP_HASH)
		return m->value_size;
	return (size_t)ncpus() * ((m->value_size + 7) & ~7u);
}

static bool slot_is_set(const struct bt_map *m, const uint8_t *v)
{
	uint64_t set;

	memcpy(&set, v + m->value_size, sizeof(set));
	return set != 0;
}

/* Whether an array's slot holds what a hash would have a key for: a slot
 * map's set flag, a per-CPU count's total above 0. */
static bool slot_used(const struct bt_map *m, const uint8_t *v)
{
	uint64_t x, sum = 0;

	if (m->slot)
		return slot_is_set(m, v);
	for (int c = 0; c < ncpus(); c++) {
		memcpy(&x, v + (size_t)c * ((m->value_size + 7) & ~7u), sizeof(x));
		sum += x;
	}
	return sum != 0;
}

/* The used slots of a map indexed by tid (prog.h): every slot in batches
 * of one syscall, where walking the keys takes two per slot. */
static int read_slots(const struct bt_map *m, struct raw *r)
{
	uint32_t n = m->max_entries, got = 0, batch = 0;
	int err = 0;

	r->keys = malloc((size_t)n * r->key_size + 1);
	r->vals = malloc((size_t)n * r->vsize + 1);
	if (!r->keys || !r->vals)
		return -ENOMEM;
	r->cap = n;
	while (got < n) {
		LIBBPF_OPTS(bpf_map_batch_opts, o);
		uint32_t cnt = n - got;

		err = bpf_map_lookup_batch(m->fd, got ? &batch : NULL, &batch,
					   r->keys + (size_t)got * r->key_size,
					   r->vals + (size_t)got * r->vsize, &cnt, &o);
		got += cnt;
		if (err) {
			err = errno == ENOENT ? 0 : -errno; /* ENOENT: the last batch */
			break;
		}
	}
	for (uint32_t i = 0; i < got; i++) {
		if (!slot_used(m, r->vals + (size_t)i * r->vsize))
			continue;
		memmove(r->keys + r->n * r->key_size, r->keys + (size_t)i * r->key_size,
			r->key_size);
		memmove(r->vals + r->n * r->vsize, r->vals + (size_t)i * r->vsize, r->vsize);
		r->n++;
	}
	return err;
}

/* Every (key, value) of the map; keys the program deletes meanwhile are skipped. */
static int read_raw(const struct bt_map *m, bool with_values, struct raw *r)
{
	uint8_t *prev;
	bool first = true;
	int err = 0;

	r->key_size = m->key_size;
	r->vsize = value_bytes(m);
	if ((m->slot || m->array) && m->key)
		return read_slots(m, r);
	prev = malloc(m->key_size + 1);
	if (!prev)
		return -ENOMEM;
	for (;;) {
		if (r->n == r->cap) { /* keys and values grow to the same capacity */
			size_t kcap = r->cap, vcap = r->cap;

			err = bt_vec_grow(&r->keys, &kcap, r->n + 1, r->key_size);
			if (!err && with_values)
				err = bt_vec_grow(&r->vals, &vcap, r->n + 1, r->vsize);
			if (err)
				break;
			r->cap = kcap;
		}
		uint8_t *key = r->keys + r->n * r->key_size;

		if (bpf_map_get_next_key(m->fd, first ? NULL : prev, key))
			break;
		first = false;
		memcpy(prev, key, r->key_size);
		if (with_values && bpf_map_lookup_elem(m->fd, key, r->vals + r->n * r->vsize)) {
			if (errno == ENOENT)
				continue;
			err = -errno;
			break;
		}
		if (with_values && m->slot && !slot_is_set(m, r->vals + r->n * r->vsize))
			continue; /* never assigned, or deleted */
		r->n++;
	}
	free(prev);
	return err;
}

/* Merges the per-CPU copies of an aggregation into e->agg (see print.h). */
static void merge_agg(const struct bt_map *m, const uint8_t *v, struct bt_map_entry *e)
{
	size_t stride = (m->value_size + 7) & ~7u;
	enum bt_agg agg = m->value->kind == BT_T_AGG ? m->value->agg : BT_AGG_SUM;
	int n = ncpus();

	for (int c = 0; c < n; c++, v += stride) {
		int64_t x[2] = {0, 0};

		memcpy(x, v, m->value_size < 16 ? m->value_size : 16);
		switch (agg) {
		case BT_AGG_MIN:
		case BT_AGG_MAX:
			if (!x[1])
				break;
			if (!e->agg[1] || (agg == BT_AGG_MIN ? x[0] < e->agg[0] : x[0] > e->agg[0]))
				e->agg[0] = x[0];
			e->agg[1] = 1;
			break;
		case BT_AGG_AVG:
		case BT_AGG_STATS:
			e->agg[0] += x[0];
			e->agg[1] += x[1];
			break;
		default:
			e->agg[0] = (int64_t)((uint64_t)e->agg[0] + (uint64_t)x[0]);
			break;
		}
	}
}

static size_t ulen(const struct bt_map *m)
{
	return m->key_size >= 8 ? m->key_size - 8 : 0;
}

static int prefix_cmp(const void *a, const void *b, void *len)
{
	return memcmp(a, b, *(const size_t *)len);
}

/* Hist maps: one entry per user key (the key minus its trailing u64 bucket). */
static int gather_hist(const struct bt_map *m, struct raw *r, struct bt_map_entry **out,
		       size_t *nout)
{
	const struct bt_type *v = m->value;
	size_t nb = v->agg == BT_AGG_LHIST
			    ? bt_lhist_nbuckets(v->lhist_min, v->lhist_max, v->lhist_step)
			    : BT_HIST_NBUCKETS;
	size_t ul = ulen(m), rec = r->key_size + sizeof(uint64_t), n = 0, nr = 0;
	uint8_t *recs = malloc(r->n * rec + 1);
	struct bt_map_entry *e = calloc(r->n + 1, sizeof(*e));

	if (!recs || !e)
		goto err_nomem;
	/* key bytes then the merged count, sorted so equal user keys are adjacent */
	for (size_t i = 0; i < r->n; i++) {
		struct bt_map_entry tmp = {0};
		uint64_t cnt;

		merge_agg(m, r->vals + i * r->vsize, &tmp);
		cnt = (uint64_t)tmp.agg[0];
		if (m->array && !cnt)
			continue; /* an array's unused bucket: a hash has no such key */
		memcpy(recs + nr * rec, r->keys + i * r->key_size, r->key_size);
		memcpy(recs + nr * rec + r->key_size, &cnt, sizeof(cnt));
		nr++;
	}
	qsort_r(recs, nr, rec, prefix_cmp, &ul);
	for (size_t i = 0; i < nr; i++) {
		const uint8_t *k = recs + i * rec;
		uint64_t bucket, cnt;

		if (!n || memcmp(e[n - 1].key, k, ul)) {
			e[n].key = malloc(ul + 1);
			e[n].buckets = calloc(nb, sizeof(uint64_t));
			e[n].nbuckets = nb;
			n++;
			if (!e[n - 1].key || !e[n - 1].buckets)
				goto err_nomem;
			memcpy(e[n - 1].key, k, ul);
		}
		memcpy(&cnt, k + r->key_size, sizeof(cnt));
		bucket = 0; /* u64 after the user key; an array's: its u32 index */
		memcpy(&bucket, k + ul, r->key_size - ul);
		if (bucket < nb)
			e[n - 1].buckets[bucket] += cnt;
	}
	free(recs);
	*out = e;
	*nout = n;
	return 0;
err_nomem:
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].key);
		free(e[i].buckets);
	}
	free(e);
	free(recs);
	return -ENOMEM;
}

static void entries_free(struct bt_map_entry *e, size_t n)
{
	for (size_t i = 0; e && i < n; i++) {
		free(e[i].key);
		free(e[i].val);
		free(e[i].buckets);
	}
	free(e);
}

/* A full map drops the updates of new keys: say so once per map and run
 * (o->run remembers), through the diagnostics. */
static void warn_full(struct bt_out *o, const struct bt_map *m, size_t n)
{
	struct bt_out_run *r = o->run;
	size_t i = o->prog ? (size_t)(m - o->prog->maps) : SIZE_MAX;

	if (!o->d || !m->max_entries || n < m->max_entries || m->array || m->slot)
		return;
	if (r && i < 64 * sizeof(r->full_warned) / sizeof(r->full_warned[0])) {
		uint64_t bit = UINT64_C(1) << (i % 64);
		if (r->full_warned[i / 64] & bit)
			return;
		r->full_warned[i / 64] |= bit;
	}
	bt_diag(o->d, BT_SEV_WARNING, NULL,
		"map %s is full (%u entries): updates of new keys were dropped; "
		"raise BPFTRACE_MAP_KEYS_MAX",
		m->name, m->max_entries);
}

static int read_entries(struct bt_out *o, const struct bt_map *m, struct bt_map_entry **out,
			size_t *nout)
{
	struct raw r = {0};
	struct bt_map_entry *e = NULL;
	size_t klen = m->key ? m->key->size : 0;
	int err = read_raw(m, true, &r);

	if (err)
		goto out;
	warn_full(o, m, r.n);
	if (m->kind == BT_MAP_HIST_HASH) {
		err = gather_hist(m, &r, out, nout);
		goto out;
	}
	e = calloc(r.n + 1, sizeof(*e));
	if (!e) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < r.n; i++) {
		const uint8_t *v = r.vals + i * r.vsize;

		if (klen) { /* a tid slot's u32 index is zero-extended (little-endian) */
			e[i].key = calloc(1, klen);
			if (!e[i].key)
				goto err_nomem;
			memcpy(e[i].key, r.keys + i * r.key_size,
			       klen < r.key_size ? klen : r.key_size);
		}
		if (m->kind == BT_MAP_PERCPU_HASH) {
			merge_agg(m, v, &e[i]);
			continue;
		}
		e[i].val = malloc(r.vsize + 1);
		if (!e[i].val)
			goto err_nomem;
		memcpy(e[i].val, v, r.vsize);
	}
	*out = e;
	*nout = r.n;
	e = NULL;
	goto out;
err_nomem:
	err = -ENOMEM;
	entries_free(e, r.n);
out:
	raw_free(&r);
	return err;
}

int bt_map_read(struct bt_out *o, const struct bt_map *m, struct bt_map_entry **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	return read_entries(o, m, out, n);
}

void bt_map_entries_free(struct bt_map_entry *e, size_t n)
{
	entries_free(e, n);
}

/* print(@m, top, div) or the exit dump's: the visitor first, if the run has one */
static int out_map(struct bt_out *o, const struct bt_map *m, int64_t top, int64_t div, bool at_exit)
{
	struct bt_map_entry *e = NULL;
	size_t n = 0;
	int err = read_entries(o, m, &e, &n);

	if (!err && o->visit) {
		bt_out_sort(m, e, n);
		err = bt_out_visit(o, m, e, n, top, div, at_exit);
		if (err == BT_MAP_PRINT)
			err = bt_out_entries(o, m, e, n, top, div);
		else if (err > 0)
			err = 0;
	} else if (!err) {
		err = bt_out_entries(o, m, e, n, top, div);
	}
	entries_free(e, n);
	return err;
}

int bt_out_map(struct bt_out *o, const struct bt_map *m, int64_t top, int64_t div)
{
	return out_map(o, m, top, div, false);
}

static int name_cmp(const void *a, const void *b)
{
	const struct bt_map *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

int bt_out_all_maps(struct bt_out *o)
{
	const struct bt_prog *p = o->prog;
	const struct bt_map **order;
	size_t n = 0;
	int err = 0;

	/* The "\n\n" bpftrace writes to stdout before the dump is run.c's (it must
	 * go to stdout even with -o FILE), not part of the dump. */
	if (!p || !p->nmaps)
		return 0;
	order = calloc(p->nmaps, sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (size_t i = 0; i < p->nmaps; i++)
		if (p->maps[i].printed_at_exit)
			order[n++] = &p->maps[i];
	/* bpftrace keeps its maps in a std::map keyed by name */
	qsort(order, n, sizeof(*order), name_cmp);
	for (size_t i = 0; i < n && !err; i++)
		err = out_map(o, order[i], 0, 0, true);
	free(order);
	return err;
}

/* clear() (unset: set flags too) or zero() of a slot map's set slots. */
static int zero_slots(const struct bt_map *m, bool unset)
{
	struct raw r = {0};
	int err = read_raw(m, true, &r);

	for (size_t i = 0; !err && i < r.n; i++) {
		uint8_t *v = r.vals + i * r.vsize;

		memset(v, 0, unset ? r.vsize : m->value_size);
		if (bpf_map_update_elem(m->fd, r.keys + i * r.key_size, v, BPF_ANY))
			err = -errno;
	}
	raw_free(&r);
	return err;
}

int bt_map_clear(const struct bt_map *m)
{
	struct raw r = {0};
	int err;

	if (m->array) /* an array's slot cannot be deleted: it reads 0 again */
		return bt_map_zero(m);
	if (m->slot) /* value and set flag zeroed: reads 0, not printed */
		return zero_slots(m, true);
	err = read_raw(m, false, &r);

	/* keys first, then delete: deleting while walking restarts the walk */
	for (size_t i = 0; !err && i < r.n; i++)
		if (bpf_map_delete_elem(m->fd, r.keys + i * r.key_size) && errno != ENOENT)
			err = -errno;
	raw_free(&r);
	return err;
}

int bt_map_zero(const struct bt_map *m)
{
	struct raw r = {0};
	uint8_t *zero = NULL;
	int err;

	if (m->slot) /* the value reads 0; a set slot stays set (printed) */
		return zero_slots(m, false);
	err = read_raw(m, false, &r);

	if (!err) {
		zero = calloc(1, r.vsize + 1);
		if (!zero)
			err = -ENOMEM;
	}
	for (size_t i = 0; !err && i < r.n; i++)
		if (bpf_map_update_elem(m->fd, r.keys + i * r.key_size, zero, BPF_EXIST) &&
		    errno != ENOENT)
			err = -errno;
	free(zero);
	raw_free(&r);
	return err;
}
