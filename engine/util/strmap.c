// SPDX-License-Identifier: GPL-2.0
/* A string -> int hash table: FNV-1a, linear probing, at most half full. */
#include "util/strmap.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)(h ^ (h >> 32));
}

/* The slot holding key, or the free slot where it would go (cap > 0). */
static struct bt_strmap_slot *slot(const struct bt_strmap *m, const char *key)
{
	size_t mask = m->cap - 1, i = hash(key) & mask;

	while (m->slots[i].key && strcmp(m->slots[i].key, key))
		i = (i + 1) & mask;
	return &m->slots[i];
}

int bt_strmap_get(const struct bt_strmap *m, const char *key)
{
	const struct bt_strmap_slot *sl;

	if (!m->n)
		return -1;
	sl = slot(m, key);
	return sl->key ? sl->val : -1;
}

static int grow(struct bt_strmap *m)
{
	struct bt_strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (!m->slots) {
		*m = old;
		return -ENOMEM;
	}
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*slot(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
	return 0;
}

int bt_strmap_put(struct bt_strmap *m, const char *key, int val)
{
	struct bt_strmap_slot *sl;

	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -ENOMEM;
	sl = slot(m, key);
	if (!sl->key) {
		sl->key = key;
		m->n++;
	}
	sl->val = val;
	return 0;
}

void bt_strmap_clear(struct bt_strmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
}

void bt_strmap_free(struct bt_strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
