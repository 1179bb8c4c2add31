/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A string -> int hash table (open addressing, linear probing) for sema's
 * name lookups: maps and variables by name. Keys are not copied: each must
 * outlive the table (sema's keys live in its pool). Zero-initialised is empty.
 */
#ifndef BT_STRMAP_H
#define BT_STRMAP_H

#include <stddef.h>

struct bt_strmap {
	struct bt_strmap_slot {
		const char *key; /* NULL: free */
		int val;
	} * slots;
	size_t n, cap; /* cap: 0 or a power of two */
};

/* The value stored for key, or -1. */
int bt_strmap_get(const struct bt_strmap *m, const char *key);
/* Sets key's value (adds it or replaces it). Returns 0 or -ENOMEM. */
int bt_strmap_put(struct bt_strmap *m, const char *key, int val);
/* Empties the table, keeping its memory. */
void bt_strmap_clear(struct bt_strmap *m);
void bt_strmap_free(struct bt_strmap *m);

#endif
