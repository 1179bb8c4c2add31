/* SPDX-License-Identifier: GPL-2.0 */
/* The compile cache (engine/cache/cache.c): key -> serialized bt_prog. */
#ifndef BT_CACHE_H
#define BT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* What, besides the preprocessed script, decides the compiled object. */
struct bt_cache_inputs {
	const char *codegen_path; /* the code generator's shared object (a rebuild: new key) */
	bool have_cpid;
	bool unsafe;
	char *const *args;
	int nargs;
};

struct bt_cache {
	char *dir;  /* $XDG_CACHE_HOME/bt or ~/.cache/bt */
	char *path; /* dir/HASH */
	char *key;
	size_t key_len;
};

/* Builds the key. Returns 0, or -ENOENT when there is no cache directory
 * (no HOME), -ENOMEM. */
int bt_cache_init(struct bt_cache *c, const char *pp_text, const struct bt_cache_inputs *in);
void bt_cache_fini(struct bt_cache *c);
/* 0 and a malloc'd copy of the entry's data on a hit; -ENOENT on a miss,
 * including a corrupt or foreign entry. */
int bt_cache_get(const struct bt_cache *c, void **data, size_t *len);
/* Stores data (best effort, atomic). */
void bt_cache_put(const struct bt_cache *c, const void *data, size_t len);

#endif
