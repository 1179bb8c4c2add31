/* SPDX-License-Identifier: GPL-2.0 */
/* What the checks of the builtin families (engine/builtin/) share. */
#ifndef BT_BUILTIN_CHECK_H
#define BT_BUILTIN_CHECK_H

#include <errno.h>

#include "sema/sema.h"

static inline bool bt_is_addr(const struct bt_type *t)
{
	return t->kind == BT_T_INT || t->kind == BT_T_PTR;
}

/* Bytes held by value: arrays, strings, structs. */
static inline bool bt_is_bytes(const struct bt_type *t)
{
	return t->kind == BT_T_ARRAY || t->kind == BT_T_STR || t->kind == BT_T_RECORD;
}

/* m is a map (a whole one unless keys_ok): annotates n with its index (maps.c). */
int bt_chk_want_map(struct bt_sema *s, struct bt_node *n, struct bt_node *m, bool keys_ok);

#endif
