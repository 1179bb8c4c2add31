// SPDX-License-Identifier: GPL-2.0
#include "sema/tpool.h"

#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

void *bt_pool_alloc(struct bt_tpool *p, size_t size)
{
	if (bt_vec_reserve(p->v, p->cap, p->n + 1))
		return NULL;
	void *m = calloc(1, size ? size : 1);
	if (m)
		p->v[p->n++] = m;
	return m;
}

char *bt_pool_strdup(struct bt_tpool *p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = bt_pool_alloc(p, n);
	if (d)
		memcpy(d, s, n);
	return d;
}

void bt_pool_free(struct bt_tpool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

struct bt_type *bt_t_new(struct bt_tpool *p, enum bt_tkind kind, uint32_t size)
{
	struct bt_type *t = bt_pool_alloc(p, sizeof(*t));
	if (t) {
		t->kind = kind;
		t->size = size;
		t->stack_depth = 127;
	}
	return t;
}

struct bt_type *bt_t_int(struct bt_tpool *p, uint32_t bytes, int is_signed)
{
	struct bt_type *t = bt_t_new(p, BT_T_INT, bytes);
	if (t)
		t->is_signed = is_signed;
	return t;
}

struct bt_type *bt_t_str(struct bt_tpool *p, uint32_t size)
{
	return bt_t_new(p, BT_T_STR, size);
}

struct bt_type *bt_t_ptr(struct bt_tpool *p, struct bt_type *elem)
{
	struct bt_type *t = bt_t_new(p, BT_T_PTR, 8);
	if (t)
		t->elem = elem;
	return t;
}

uint32_t bt_t_storage(const struct bt_type *t)
{
	switch (t->kind) {
	case BT_T_INT:
	case BT_T_PTR:
	case BT_T_KSTACK:
	case BT_T_KSYM:
	case BT_T_PROBE:
	case BT_T_USERNAME:
	case BT_T_CTX:
		return 8;
	case BT_T_USTACK:
	case BT_T_USYM:
		return 16;
	default:
		return t->size;
	}
}

static uint32_t align_of(const struct bt_type *t)
{
	switch (t->kind) {
	case BT_T_STR:
	case BT_T_BUF:
		return 1;
	case BT_T_RECORD:
	case BT_T_ARRAY:
		return 8;
	default:
		return 8;
	}
}

struct bt_type *bt_t_tuple(struct bt_tpool *p, struct bt_type **elems, size_t n)
{
	struct bt_type *t = bt_t_new(p, BT_T_TUPLE, 0);
	if (!t)
		return NULL;
	t->elems = bt_pool_alloc(p, n * sizeof(*t->elems));
	t->offs = bt_pool_alloc(p, n * sizeof(*t->offs));
	if (!t->elems || !t->offs)
		return NULL;
	uint32_t off = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = align_of(elems[i]);
		off = (off + a - 1) / a * a;
		t->elems[i] = elems[i];
		t->offs[i] = off;
		off += bt_t_storage(elems[i]);
	}
	t->count = (uint32_t)n;
	t->size = (off + 7) / 8 * 8;
	return t;
}

int bt_t_equal(const struct bt_type *a, const struct bt_type *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case BT_T_INT:
		return 1; /* all ints are stored as 64-bit */
	case BT_T_STR:
		return 1; /* strings of any size are compatible */
	case BT_T_TUPLE:
		if (a->count != b->count)
			return 0;
		for (uint32_t i = 0; i < a->count; i++)
			if (!bt_t_equal(a->elems[i], b->elems[i]))
				return 0;
		return 1;
	case BT_T_PTR:
		return 1;
	case BT_T_RECORD:
		return a->btf_id == b->btf_id && a->rec == b->rec;
	case BT_T_AGG:
		return a->agg == b->agg;
	case BT_T_FN:
		return a->fn == b->fn;
	default:
		return 1;
	}
}
