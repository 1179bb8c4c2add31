// SPDX-License-Identifier: GPL-2.0
/*
 * A compiled bt_prog as bytes and back, for the compile cache: the BPF
 * object plus what the loader, runtime and printers read (maps, probes,
 * targets, record formats, probe names, and the types they point to), and
 * the compile's warnings, given again on a hit.
 * Little-endian host layout; the cache key already pins the bt version.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "builtin/builtin.h"
#include "cache/progser.h"
#include "probe/probe.h"
#include "util/strbuf.h"

/* ---- writing ---- */

struct wr {
	struct bt_strbuf sb;
	const struct bt_type **types;
	size_t ntypes, tcap;
	const struct bt_record **recs;
	size_t nrecs, rcap;
	int err;
};

static void put(struct wr *w, const void *p, size_t n)
{
	if (!w->err && n && bt_sb_add(&w->sb, p, n))
		w->err = -ENOMEM;
}

static void put_u64(struct wr *w, uint64_t v)
{
	put(w, &v, sizeof(v));
}

static void put_str(struct wr *w, const char *s)
{
	if (!s) {
		put_u64(w, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u64(w, n);
	put(w, s, n);
}

static int64_t ref(const void **v, size_t n, const void *p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return (int64_t)i;
	return -1;
}

/* Appends p to a pointer table (no duplicates): types and records get numbers. */
static void collect(struct wr *w, const void ***v, size_t *n, size_t *cap, const void *p)
{
	if (!p || ref(*v, *n, p) >= 0)
		return;
	if (bt_vec_reserve(*v, *cap, *n + 1)) {
		w->err = -ENOMEM;
		return;
	}
	(*v)[(*n)++] = p;
}

static void collect_type(struct wr *w, const struct bt_type *t);

static void collect_rec(struct wr *w, const struct bt_record *r)
{
	if (!r || ref((const void **)w->recs, w->nrecs, r) >= 0)
		return;
	collect(w, (const void ***)&w->recs, &w->nrecs, &w->rcap, r);
	for (size_t i = 0; i < r->nfields; i++)
		collect_type(w, r->fields[i].type);
}

static void collect_type(struct wr *w, const struct bt_type *t)
{
	if (!t || ref((const void **)w->types, w->ntypes, t) >= 0)
		return;
	collect(w, (const void ***)&w->types, &w->ntypes, &w->tcap, t);
	collect_type(w, t->elem);
	if (t->kind == BT_T_TUPLE)
		for (uint32_t i = 0; i < t->count; i++)
			collect_type(w, t->elems[i]);
	collect_rec(w, t->rec);
}

static void put_tref(struct wr *w, const struct bt_type *t)
{
	put_u64(w, (uint64_t)ref((const void **)w->types, w->ntypes, t));
}

static void put_type(struct wr *w, const struct bt_type *t)
{
	put_u64(w, t->kind);
	put_u64(w, t->size);
	put_u64(w, (uint64_t)t->is_signed | (uint64_t)t->user << 1);
	put_tref(w, t->elem);
	put_u64(w, t->count);
	if (t->kind == BT_T_TUPLE)
		for (uint32_t i = 0; i < t->count; i++) {
			put_tref(w, t->elems[i]);
			put_u64(w, t->offs[i]);
		}
	put_u64(w, (uint64_t)(int64_t)t->btf_id);
	put_u64(w, (uint64_t)ref((const void **)w->recs, w->nrecs, t->rec));
	put_str(w, t->name);
	put_u64(w, t->stack_mode);
	put_u64(w, (uint64_t)(int64_t)t->stack_depth);
	put_u64(w, t->agg);
	put_u64(w, (uint64_t)t->lhist_min);
	put_u64(w, (uint64_t)t->lhist_max);
	put_u64(w, (uint64_t)t->lhist_step);
	put_u64(w, (uint64_t)(int64_t)t->fn);
}

static void put_rec(struct wr *w, const struct bt_record *r)
{
	put_str(w, r->name);
	put_u64(w, r->size);
	put_u64(w, r->nfields);
	for (size_t i = 0; i < r->nfields; i++) {
		put_str(w, r->fields[i].name);
		put_tref(w, r->fields[i].type);
		put_u64(w, r->fields[i].off);
		put_u64(w, r->fields[i].data_loc);
	}
}

static int64_t probe_index(const struct bt_node *root, const struct bt_node *probe)
{
	int64_t k = 0;
	for (size_t i = 0; root && i < root->list.n; i++) {
		if (root->list.v[i]->kind != BT_N_PROBE)
			continue;
		if (root->list.v[i] == probe)
			return k;
		k++;
	}
	return -1;
}

int bt_prog_save(const struct bt_prog *p, const struct bt_node *root, char **out, size_t *len)
{
	struct wr w = {0};
	size_t i, k;

	for (i = 0; i < p->nmaps; i++) {
		collect_type(&w, p->maps[i].key);
		collect_type(&w, p->maps[i].value);
	}
	for (i = 0; i < p->nfmts; i++)
		collect_type(&w, p->fmts[i].args);
	put_u64(&w, (uint64_t)p->needs_cpid | (uint64_t)p->uses_stackmap << 1 |
			    (uint64_t)p->uses_ringbuf << 2 | (uint64_t)p->uses_consts << 3);
	put_u64(&w, w.nrecs);
	put_u64(&w, w.ntypes);
	for (i = 0; i < w.nrecs; i++)
		put_rec(&w, w.recs[i]);
	for (i = 0; i < w.ntypes; i++)
		put_type(&w, w.types[i]);
	put_u64(&w, p->nmaps);
	for (i = 0; i < p->nmaps; i++) {
		const struct bt_map *m = &p->maps[i];
		put_str(&w, m->name);
		put_str(&w, m->bpf_name);
		put_u64(&w, m->kind);
		put_tref(&w, m->key);
		put_tref(&w, m->value);
		put_u64(&w, m->key_size);
		put_u64(&w, m->value_size);
		put_u64(&w, m->max_entries);
		put_u64(&w, (uint64_t)m->printed_at_exit | (uint64_t)m->array << 1 |
				    (uint64_t)m->slot << 2);
	}
	put_u64(&w, p->nprobes);
	for (i = 0; i < p->nprobes; i++) {
		const struct bt_probe *pr = &p->probes[i];
		put_str(&w, pr->prog_name);
		put_str(&w, pr->section);
		put_u64(&w, (uint64_t)probe_index(root, pr->node));
		put_u64(&w, pr->dispatch);
		put_u64(&w, pr->ntargets);
		for (k = 0; k < pr->ntargets; k++) {
			const struct bt_target *t = &pr->targets[k];
			put_str(&w, t->name);
			put_str(&w, t->provider);
			put_str(&w, t->target);
			put_u64(&w, t->arg);
			put_u64(&w, t->is_hz);
			put_u64(&w, t->cookie);
		}
	}
	put_u64(&w, p->nfmts);
	for (i = 0; i < p->nfmts; i++) {
		put_str(&w, p->fmts[i].fmt);
		put_tref(&w, p->fmts[i].args);
	}
	put_u64(&w, p->nprobe_names);
	for (i = 0; i < p->nprobe_names; i++)
		put_str(&w, p->probe_names[i]);
	put_u64(&w, p->nwarnings);
	for (i = 0; i < p->nwarnings; i++) {
		const struct bt_warning *wa = &p->warnings[i];
		put_u64(&w, (uint64_t)(int64_t)wa->src);
		put_u64(&w, (uint64_t)wa->line);
		put_u64(&w, (uint64_t)wa->col);
		put_u64(&w, (uint64_t)wa->len);
		put_str(&w, wa->msg);
	}
	put_u64(&w, p->obj_len);
	put(&w, p->obj, p->obj_len);
	free(w.types);
	free(w.recs);
	if (w.err) {
		bt_sb_free(&w.sb);
		return w.err;
	}
	*out = w.sb.s;
	*len = w.sb.len;
	return 0;
}

/* ---- reading: every length and index is checked, a bad entry is a miss ---- */

struct rd {
	const uint8_t *p, *end;
	struct bt_tpool *pool;
	struct bt_type **types;
	uint64_t ntypes;
	struct bt_record **recs;
	uint64_t nrecs;
	int err;
};

static uint64_t get_u64(struct rd *r)
{
	uint64_t v = 0;
	if (r->err || (size_t)(r->end - r->p) < sizeof(v)) {
		r->err = -EINVAL;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/* A count of items each taking at least min_bytes: bounded by what is left. */
static uint64_t get_count(struct rd *r, size_t min_bytes)
{
	uint64_t n = get_u64(r);
	if (!r->err && n > (uint64_t)(r->end - r->p) / min_bytes)
		r->err = -EINVAL;
	return r->err ? 0 : n;
}

/* A zeroed array of get_count(r, min_bytes) elements of esz bytes, their
 * count in *n; NULL (and *n 0) on an error, which r->err then holds. */
static void *get_array(struct rd *r, size_t *n, size_t min_bytes, size_t esz)
{
	void *v = NULL;

	*n = get_count(r, min_bytes);
	if (r->err || !(v = calloc(*n + 1, esz))) {
		r->err = r->err ?: -ENOMEM;
		*n = 0;
	}
	return v;
}

static char *get_str(struct rd *r, bool in_pool)
{
	uint64_t n = get_u64(r);
	if (r->err || n == UINT64_MAX)
		return NULL;
	if (n > (uint64_t)(r->end - r->p)) {
		r->err = -EINVAL;
		return NULL;
	}
	char *s = in_pool ? bt_pool_alloc(r->pool, n + 1) : malloc(n + 1);
	if (!s) {
		r->err = -ENOMEM;
		return NULL;
	}
	memcpy(s, r->p, n);
	s[n] = 0;
	r->p += n;
	return s;
}

static struct bt_type *get_tref(struct rd *r)
{
	uint64_t i = get_u64(r);
	if (i == UINT64_MAX)
		return NULL;
	if (i >= r->ntypes) {
		r->err = -EINVAL;
		return NULL;
	}
	return r->types[i];
}

static void get_type(struct rd *r, struct bt_type *t)
{
	t->kind = (enum bt_tkind)get_u64(r);
	t->size = (uint32_t)get_u64(r);
	uint64_t f = get_u64(r);
	t->is_signed = f & 1;
	t->user = f & 2;
	t->elem = get_tref(r);
	t->count = (uint32_t)get_u64(r);
	if (t->kind == BT_T_TUPLE && !r->err) {
		if (t->count > (uint64_t)(r->end - r->p) / 16) {
			r->err = -EINVAL;
			return;
		}
		t->elems = bt_pool_alloc(r->pool, (t->count + 1) * sizeof(*t->elems));
		t->offs = bt_pool_alloc(r->pool, (t->count + 1) * sizeof(*t->offs));
		if (!t->elems || !t->offs) {
			r->err = -ENOMEM;
			return;
		}
		for (uint32_t i = 0; i < t->count; i++) {
			t->elems[i] = get_tref(r);
			t->offs[i] = (uint32_t)get_u64(r);
		}
	}
	t->btf_id = (int)(int64_t)get_u64(r);
	uint64_t rec = get_u64(r);
	if (rec != UINT64_MAX) {
		if (rec >= r->nrecs)
			r->err = -EINVAL;
		else
			t->rec = r->recs[rec];
	}
	t->name = get_str(r, true);
	t->stack_mode = (enum bt_stack_mode)get_u64(r);
	t->stack_depth = (int)(int64_t)get_u64(r);
	t->agg = (enum bt_agg)get_u64(r);
	t->lhist_min = (int64_t)get_u64(r);
	t->lhist_max = (int64_t)get_u64(r);
	t->lhist_step = (int64_t)get_u64(r);
	t->fn = (int)(int64_t)get_u64(r);
	if (t->kind == BT_T_FN &&
	    (t->fn < 0 || t->fn >= BT_BUILTIN_COUNT || !bt_builtins[t->fn].print))
		r->err = -EINVAL;
}

static void get_rec(struct rd *r, struct bt_record *rec)
{
	rec->name = get_str(r, true);
	rec->size = (uint32_t)get_u64(r);
	rec->nfields = get_count(r, 32);
	if (r->err)
		return;
	rec->fields = bt_pool_alloc(r->pool, (rec->nfields + 1) * sizeof(*rec->fields));
	if (!rec->fields) {
		r->err = -ENOMEM;
		return;
	}
	for (size_t i = 0; i < rec->nfields && !r->err; i++) {
		struct bt_record_field *f = &rec->fields[i];
		f->name = get_str(r, true);
		f->type = get_tref(r);
		f->off = (uint32_t)get_u64(r);
		f->data_loc = get_u64(r);
	}
}

/* Records and types refer to each other by index: allocate all, then fill. */
static int read_tables(struct rd *r)
{
	uint64_t i;
	r->nrecs = get_count(r, 24);
	r->ntypes = get_count(r, 8 * 14);
	if (r->err)
		return r->err;
	r->recs = bt_pool_alloc(r->pool, (r->nrecs + 1) * sizeof(*r->recs));
	r->types = bt_pool_alloc(r->pool, (r->ntypes + 1) * sizeof(*r->types));
	if (!r->recs || !r->types)
		return -ENOMEM;
	for (i = 0; i < r->nrecs; i++)
		if (!(r->recs[i] = bt_pool_alloc(r->pool, sizeof(**r->recs))))
			return -ENOMEM;
	for (i = 0; i < r->ntypes; i++)
		if (!(r->types[i] = bt_pool_alloc(r->pool, sizeof(**r->types))))
			return -ENOMEM;
	for (i = 0; i < r->nrecs && !r->err; i++)
		get_rec(r, r->recs[i]);
	for (i = 0; i < r->ntypes && !r->err; i++)
		get_type(r, r->types[i]);
	return r->err;
}

static struct bt_node *nth_probe(const struct bt_node *root, uint64_t n)
{
	uint64_t k = 0;
	for (size_t i = 0; root && i < root->list.n; i++) {
		if (root->list.v[i]->kind != BT_N_PROBE)
			continue;
		if (k++ == n)
			return root->list.v[i];
	}
	return NULL;
}

static void read_maps(struct rd *r, struct bt_prog *p)
{
	p->maps = get_array(r, &p->nmaps, 72, sizeof(*p->maps));
	if (!p->maps)
		return;
	for (size_t i = 0; i < p->nmaps && !r->err; i++) {
		struct bt_map *m = &p->maps[i];
		m->name = get_str(r, false);
		m->bpf_name = get_str(r, false);
		m->kind = (enum bt_map_kind)get_u64(r);
		m->key = get_tref(r);
		m->value = get_tref(r);
		m->key_size = (uint32_t)get_u64(r);
		m->value_size = (uint32_t)get_u64(r);
		m->max_entries = (uint32_t)get_u64(r);
		uint64_t mf = get_u64(r);
		m->printed_at_exit = mf & 1;
		m->array = mf & 2;
		m->slot = mf & 4;
		m->fd = -1;
	}
}

static void read_probes(struct rd *r, struct bt_prog *p, const struct bt_node *root)
{
	p->probes = get_array(r, &p->nprobes, 40, sizeof(*p->probes));
	if (!p->probes)
		return;
	for (size_t i = 0; i < p->nprobes && !r->err; i++) {
		struct bt_probe *pr = &p->probes[i];
		pr->prog_name = get_str(r, false);
		pr->section = get_str(r, false);
		pr->node = nth_probe(root, get_u64(r));
		pr->dispatch = (enum bt_dispatch)get_u64(r);
		pr->targets = get_array(r, &pr->ntargets, 48, sizeof(*pr->targets));
		if (!pr->targets)
			return;
		size_t n = pr->ntargets;
		for (size_t k = 0; k < n && !r->err; k++) {
			struct bt_target *t = &pr->targets[k];
			t->name = get_str(r, false);
			t->provider = get_str(r, false);
			t->target = get_str(r, false);
			t->arg = get_u64(r);
			t->is_hz = get_u64(r);
			t->cookie = get_u64(r);
		}
		if (n && pr->targets[0].provider)
			pr->pv = bt_provider_find(pr->targets[0].provider);
	}
}

static void read_warnings(struct rd *r, struct bt_prog *p)
{
	p->warnings = get_array(r, &p->nwarnings, 40, sizeof(*p->warnings));
	if (!p->warnings)
		return;
	for (size_t i = 0; i < p->nwarnings && !r->err; i++) {
		struct bt_warning *w = &p->warnings[i];
		w->src = (int)(int64_t)get_u64(r);
		w->line = (int)get_u64(r);
		w->col = (int)get_u64(r);
		w->len = (int)get_u64(r);
		w->msg = get_str(r, false);
		if (!r->err && !w->msg)
			r->err = -EINVAL;
	}
}

static void read_rest(struct rd *r, struct bt_prog *p)
{
	size_t i;
	p->fmts = get_array(r, &p->nfmts, 16, sizeof(*p->fmts));
	if (!p->fmts)
		return;
	for (i = 0; i < p->nfmts && !r->err; i++) {
		p->fmts[i].fmt = get_str(r, false);
		p->fmts[i].args = get_tref(r);
	}
	p->probe_names = get_array(r, &p->nprobe_names, 8, sizeof(*p->probe_names));
	if (!p->probe_names)
		return;
	for (i = 0; i < p->nprobe_names && !r->err; i++)
		p->probe_names[i] = get_str(r, false);
	read_warnings(r, p);
	uint64_t n = get_count(r, 1);
	if (r->err || n == 0 || !(p->obj = malloc(n))) {
		r->err = r->err ?: -EINVAL;
		return;
	}
	memcpy(p->obj, r->p, n);
	p->obj_len = n;
	r->p += n;
	if (r->p != r->end)
		r->err = -EINVAL;
}

int bt_prog_load_saved(struct bt_prog *p, const struct bt_node *root, struct bt_tpool *pool,
		       const void *data, size_t len)
{
	struct rd r = {.p = data, .end = (const uint8_t *)data + len, .pool = pool};
	uint64_t f = get_u64(&r);
	p->needs_cpid = f & 1;
	p->uses_stackmap = f & 2;
	p->uses_ringbuf = f & 4;
	p->uses_consts = f & 8;
	if (!read_tables(&r))
		read_maps(&r, p);
	if (!r.err)
		read_probes(&r, p, root);
	if (!r.err)
		read_rest(&r, p);
	return r.err;
}
