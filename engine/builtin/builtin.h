/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Builtins as rows: the ids, the row (name, argument counts, sema check,
 * printer) and the lookups. The rows are in builtins.def; sema calls a row's
 * check, codegen the emitter of the same id (codegen/builtin/table.c), and the
 * printer renders values of type BT_T_FN. Nothing else names a builtin.
 */
#ifndef BT_BUILTIN_H
#define BT_BUILTIN_H

#include <stdbool.h>
#include <stdint.h>

struct bt_sema;
struct bt_node;
struct bt_ann;
struct bt_strbuf;

/* BT_B_* (variables) and BT_F_* (functions): struct bt_ann.id. */
enum bt_builtin_id {
#define BT_VAR(ID, NAME, CHK, EMIT) BT_B_##ID,
#define BT_VARN(ID, NAME, CHK, EMIT) BT_B_##ID,
#define BT_FUNC(ID, NAME, MIN, MAX, CHK, EMIT) BT_F_##ID,
#define BT_FUNCP(ID, NAME, MIN, MAX, CHK, EMIT, PRINT) BT_F_##ID,
#include "builtin/builtins.def"
#undef BT_VAR
#undef BT_VARN
#undef BT_FUNC
#undef BT_FUNCP
	BT_BUILTIN_COUNT
};

enum bt_builtin_kind { BT_BK_VAR, BT_BK_VARN, BT_BK_FUNC };

/* Types n (and annotates a): 0, or reports and returns -EINVAL. to: the map an
 * aggregation is assigned to, else NULL. */
typedef int bt_builtin_check(struct bt_sema *s, struct bt_node *n, struct bt_ann *a,
			     struct bt_node *to);
/* Renders a BT_T_FN value's bytes p. */
typedef int bt_builtin_print(const uint8_t *p, struct bt_strbuf *sb);

struct bt_builtin {
	const char *name;
	enum bt_builtin_kind kind;
	int min, max; /* argument counts (functions) */
	bt_builtin_check *check;
	bt_builtin_print *print;
};

extern const struct bt_builtin bt_builtins[BT_BUILTIN_COUNT];

/* The row named name (a VARN row: name is its prefix and digits, *num set), or NULL. */
const struct bt_builtin *bt_builtin_find(const char *name, bool call, long *num);

#define BT_VAR(ID, NAME, CHK, EMIT) bt_builtin_check CHK;
#define BT_VARN(ID, NAME, CHK, EMIT) bt_builtin_check CHK;
#define BT_FUNC(ID, NAME, MIN, MAX, CHK, EMIT) bt_builtin_check CHK;
#define BT_FUNCP(ID, NAME, MIN, MAX, CHK, EMIT, PRINT)                                             \
	bt_builtin_check CHK;                                                                      \
	bt_builtin_print PRINT;
#include "builtin/builtins.def"
#undef BT_VAR
#undef BT_VARN
#undef BT_FUNC
#undef BT_FUNCP

#endif
