/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by test_output.c, test_hist.c and test_printf.c: made-up
 * types, maps and entries for engine/output/, output captured in memory,
 * golden files read from tests/golden/. Everything allocated is freed by
 * ou_free_all() (the tests run under LeakSanitizer).
 */
#ifndef BT_TESTS_OUTPUT_UTIL_H
#define BT_TESTS_OUTPUT_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/hist.h"
#include "output/print.h"

static void *ou_ptrs[4096];
static size_t ou_nptrs;

static inline void *ou_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p || ou_nptrs == sizeof(ou_ptrs) / sizeof(ou_ptrs[0]))
		abort();
	ou_ptrs[ou_nptrs++] = p;
	return p;
}

static inline void ou_free_all(void)
{
	while (ou_nptrs)
		free(ou_ptrs[--ou_nptrs]);
}

static inline struct bt_type *ou_int(int is_signed)
{
	struct bt_type *t = ou_alloc(sizeof(*t));

	t->kind = BT_T_INT;
	t->size = 8;
	t->is_signed = is_signed;
	return t;
}

static inline struct bt_type *ou_str(uint32_t size)
{
	struct bt_type *t = ou_alloc(sizeof(*t));

	t->kind = BT_T_STR;
	t->size = size;
	return t;
}

static inline struct bt_type *ou_kind(enum bt_tkind k, uint32_t size)
{
	struct bt_type *t = ou_alloc(sizeof(*t));

	t->kind = k;
	t->size = size;
	return t;
}

static inline struct bt_type *ou_agg(enum bt_agg a, int is_signed)
{
	struct bt_type *t = ou_alloc(sizeof(*t));

	t->kind = BT_T_AGG;
	t->agg = a;
	t->is_signed = is_signed;
	t->size = 8;
	return t;
}

static inline struct bt_type *ou_lhist(int64_t min, int64_t max, int64_t step)
{
	struct bt_type *t = ou_agg(BT_AGG_LHIST, 0);

	t->lhist_min = min;
	t->lhist_max = max;
	t->lhist_step = step;
	return t;
}

/* A tuple of n element types, laid out as types.h says (8-byte aligned ints). */
static inline struct bt_type *ou_tuple(int n, ...)
{
	struct bt_type *t = ou_alloc(sizeof(*t));
	uint32_t off = 0;
	va_list ap;

	t->kind = BT_T_TUPLE;
	t->count = (uint32_t)n;
	t->elems = ou_alloc(sizeof(*t->elems) * (size_t)n);
	t->offs = ou_alloc(sizeof(*t->offs) * (size_t)n);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		struct bt_type *e = va_arg(ap, struct bt_type *);

		if (e->kind == BT_T_INT || e->kind == BT_T_TUPLE)
			off = (off + 7) & ~7u;
		t->elems[i] = e;
		t->offs[i] = off;
		off += e->size;
	}
	va_end(ap);
	t->size = (off + 7) & ~7u;
	return t;
}

static inline struct bt_map *ou_map(const char *name, enum bt_map_kind kind,
				    struct bt_type *key, struct bt_type *val)
{
	struct bt_map *m = ou_alloc(sizeof(*m));

	m->name = (char *)name;
	m->kind = kind;
	m->key = key;
	m->value = val;
	m->value_size = val->size;
	m->key_size = key ? key->size : 8;
	m->printed_at_exit = 1;
	m->fd = -1;
	return m;
}

struct ou_ents {
	struct bt_map_entry e[64];
	size_t n;
};

/* A new entry of m; hist maps get their buckets. */
static inline struct bt_map_entry *ou_add(struct ou_ents *es, const struct bt_map *m)
{
	struct bt_map_entry *e = &es->e[es->n++];
	const struct bt_type *v = m->value;

	memset(e, 0, sizeof(*e));
	if (m->key)
		e->key = ou_alloc(m->key->size);
	if (m->kind == BT_MAP_HASH)
		e->val = ou_alloc(m->value_size);
	if (m->kind == BT_MAP_HIST_HASH) {
		e->nbuckets = BT_HIST_NBUCKETS;
		if (v->agg == BT_AGG_LHIST)
			e->nbuckets = bt_lhist_nbuckets(v->lhist_min, v->lhist_max, v->lhist_step);
		e->buckets = ou_alloc(e->nbuckets * sizeof(uint64_t));
	}
	return e;
}

static inline void ou_kint(const struct bt_map *m, struct bt_map_entry *e, int i, int64_t v)
{
	memcpy(e->key + m->key->offs[i], &v, sizeof(v));
}

static inline void ou_kstr(const struct bt_map *m, struct bt_map_entry *e, int i, const char *s)
{
	memcpy(e->key + m->key->offs[i], s, strlen(s));
}

/* Finds or adds the entry of m whose first key element is the int k (keyless: the one entry). */
static inline struct bt_map_entry *ou_find_int(struct ou_ents *es, const struct bt_map *m,
					       int64_t k)
{
	for (size_t i = 0; i < es->n; i++)
		if (!m->key || memcmp(es->e[i].key, &k, sizeof(k)) == 0)
			return &es->e[i];
	struct bt_map_entry *e = ou_add(es, m);

	if (m->key)
		ou_kint(m, e, 0, k);
	return e;
}

struct ou_cap {
	char *buf;
	size_t len;
	struct bt_out o;
};

static inline void ou_open(struct ou_cap *c, enum bt_format fmt, const struct bt_prog *prog)
{
	c->buf = NULL;
	c->len = 0;
	c->o.fmt = fmt;
	c->o.f = open_memstream(&c->buf, &c->len);
	c->o.prog = prog;
	memset(c->o.stack_fds, 0, sizeof(c->o.stack_fds)); /* no stack maps */
	if (!c->o.f)
		abort();
}

/* Closes the capture; the text is owned by the caller's arena. */
static inline char *ou_close(struct ou_cap *c)
{
	fclose(c->o.f);
	ou_ptrs[ou_nptrs++] = c->buf;
	return c->buf;
}

/* The exit dump's prologue: bpftrace writes "\n\n" before the maps. */
static inline void ou_exit_gap(struct ou_cap *c)
{
	fputs("\n\n", c->o.f);
}

static inline char *ou_golden(const char *name)
{
	char path[256];
	FILE *f;
	long n;
	char *s;

	snprintf(path, sizeof(path), "tests/golden/%s", name);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s (run from the repo root)\n", path);
		return (char *)"";
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = ou_alloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	fclose(f);
	return s;
}

#endif
