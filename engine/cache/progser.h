/* SPDX-License-Identifier: GPL-2.0 */
/* A compiled bt_prog as bytes and back (engine/cache/progser.c), for the compile cache. */
#ifndef BT_PROGSER_H
#define BT_PROGSER_H

#include <stddef.h>

#include "front/ast.h"
#include "prog.h"
#include "sema/tpool.h"

/* Serializes p; probe nodes are saved as their index among root's probes.
 * *out is malloc'd. Returns 0 or -ENOMEM. */
int bt_prog_save(const struct bt_prog *p, const struct bt_node *root, char **out, size_t *len);

/* Fills an empty p from bytes made by bt_prog_save: strings and arrays are
 * malloc'd as sema makes them, types in pool; probe nodes point into root.
 * Returns 0, or -EINVAL for malformed bytes (p is then partly filled: free it
 * as usual). */
int bt_prog_load_saved(struct bt_prog *p, const struct bt_node *root, struct bt_tpool *pool,
		       const void *data, size_t len);

#endif
