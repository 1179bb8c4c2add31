// SPDX-License-Identifier: GPL-2.0
/* Emitters of the map functions: clear, zero (done by the printer), delete. */
#include "codegen/builtin/emit.h"

LLVMValueRef cg_emit_clear(struct cg *c, struct bt_node *n)
{
	cg_send(c, BT_REC_CLEAR, (uint32_t)((const struct bt_ann *)n->sema)->map, NULL, 0);
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_zero(struct cg *c, struct bt_node *n)
{
	cg_send(c, BT_REC_ZERO, (uint32_t)((const struct bt_ann *)n->sema)->map, NULL, 0);
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_delete(struct cg *c, struct bt_node *n)
{
	cg_map_delete(c, n->list.v[0]);
	return cg_const(c, 0);
}
