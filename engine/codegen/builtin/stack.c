// SPDX-License-Identifier: GPL-2.0
/* Emitters of stacks and symbols: kstack, ustack, usym() (ksym(): table.c's arg0). */
#include "codegen/builtin/emit.h"

LLVMValueRef cg_emit_stack(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	bool user = a->id == BT_B_USTACK || a->id == BT_F_USTACK;
	return cg_stack(c, user, n->type ? n->type->stack_depth : 0);
}

LLVMValueRef cg_emit_usym(struct cg *c, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	if (x->type->kind == BT_T_USYM)
		return cg_expr(c, x);
	return cg_usym(c, cg_expr(c, x), NULL);
}
