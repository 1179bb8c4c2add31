/* SPDX-License-Identifier: GPL-2.0 */
/* An allocation pool: types and sema annotations live until the pool is freed. */
#ifndef BT_TPOOL_H
#define BT_TPOOL_H

#include <stddef.h>

#include "sema/types.h"

struct bt_tpool {
	void **v;
	size_t n, cap;
};

/* Zeroed memory owned by the pool, or NULL. */
void *bt_pool_alloc(struct bt_tpool *p, size_t size);
char *bt_pool_strdup(struct bt_tpool *p, const char *s);
void bt_pool_free(struct bt_tpool *p);

/* Type constructors (NULL on out of memory). */
struct bt_type *bt_t_new(struct bt_tpool *p, enum bt_tkind kind, uint32_t size);
struct bt_type *bt_t_int(struct bt_tpool *p, uint32_t bytes, int is_signed);
struct bt_type *bt_t_str(struct bt_tpool *p, uint32_t size);
struct bt_type *bt_t_ptr(struct bt_tpool *p, struct bt_type *elem);
/* A tuple of n elements laid out by the rules in types.h. */
struct bt_type *bt_t_tuple(struct bt_tpool *p, struct bt_type **elems, size_t n);
/* Storage size of a value of t in keys, values and records (ints: 8). */
uint32_t bt_t_storage(const struct bt_type *t);
int bt_t_equal(const struct bt_type *a, const struct bt_type *b);

#endif
