// SPDX-License-Identifier: GPL-2.0
/* Emitters of the process functions: signal (cgroupid, cgroup_path: table.c). */
#include "codegen/builtin/emit.h"

LLVMValueRef cg_emit_signal(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	LLVMValueRef v = a->ival >= 0 ? cg_const(c, (uint64_t)a->ival) : cg_expr(c, n->list.v[0]);
	LLVMValueRef s32 = LLVMBuildTrunc(c->b, v, c->i32, "");
	cg_helper(c, H_SEND_SIGNAL, &s32, 1);
	return cg_const(c, 0);
}
