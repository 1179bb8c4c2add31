/* SPDX-License-Identifier: GPL-2.0 */
/* The builtin emitters (engine/codegen/builtin/FAMILY.c), named by builtins.def's rows. */
#ifndef BT_CG_BUILTIN_EMIT_H
#define BT_CG_BUILTIN_EMIT_H

#include "codegen/cg.h"

/* Builds n (a BUILTIN or CALL node of the row's id): its value, or 0 for a statement. */
typedef LLVMValueRef cg_builtin_emit(struct cg *c, struct bt_node *n);

#define BT_VAR(ID, NAME, CHK, EMIT) cg_builtin_emit EMIT;
#define BT_VARN(ID, NAME, CHK, EMIT) cg_builtin_emit EMIT;
#define BT_FUNC(ID, NAME, MIN, MAX, CHK, EMIT) cg_builtin_emit EMIT;
#define BT_FUNCP(ID, NAME, MIN, MAX, CHK, EMIT, PRINT) cg_builtin_emit EMIT;
#include "builtin/builtins.def"
#undef BT_VAR
#undef BT_VARN
#undef BT_FUNC
#undef BT_FUNCP

/* Bytes held by value: arrays, strings, structs. */
static inline bool cg_is_bytes(const struct bt_type *t)
{
	return t->kind == BT_T_ARRAY || t->kind == BT_T_STR || t->kind == BT_T_RECORD;
}

#endif
