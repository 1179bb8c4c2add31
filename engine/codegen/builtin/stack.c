// SPDX-License-Identifier: GPL-2.0
/* Emitters of stacks and symbols: kstack, ustack, usym() (ksym(): table.c's arg0); the
 * stack map and user symbol values that other code shares (cg_stack, cg_usym). */
#include <stdio.h>

#include "codegen/builtin/emit.h"

LLVMValueRef cg_stack(struct cg *c, bool user, int depth)
{
	if (depth <= 0 || depth > BT_STACK_MAX)
		depth = BT_STACK_MAX;
	if (!c->stackmaps[depth]) {
		char name[32];
		snprintf(name, sizeof(name), "BT_STACKMAP_%d", depth);
		c->stackmaps[depth] = cg_map_def(c, name, 7 /* STACK_TRACE */, 4096, 4,
						 (uint32_t)depth * 8);
	}
	LLVMValueRef args[3] = { c->ctxarg, c->stackmaps[depth], cg_const(c, user ? 256 : 0) };
	LLVMValueRef v = cg_helper(c, H_GET_STACKID, args, 3);
	v = LLVMBuildSExt(c->b, LLVMBuildTrunc(c->b, v, c->i32, ""), c->i64, "");
	if (!user)
		return v;
	LLVMValueRef buf = cg_alloca(c, 16, "ustack");
	cg_store_i64(c, buf, 0, v);
	cg_store_i64(c, buf, 8,
		     LLVMBuildLShr(c->b, cg_helper(c, H_CURRENT_PID_TGID, NULL, 0), cg_const(c, 32),
				   ""));
	return buf;
}

LLVMValueRef cg_usym(struct cg *c, LLVMValueRef addr, LLVMValueRef hi)
{
	LLVMValueRef buf = cg_alloca(c, 16, "usym");
	LLVMValueRef pid = LLVMBuildLShr(c->b, cg_helper(c, H_CURRENT_PID_TGID, NULL, 0),
					 cg_const(c, 32), "");
	if (hi)
		pid = LLVMBuildOr(c->b, pid, LLVMBuildShl(c->b, hi, cg_const(c, 32), ""), "");
	cg_store_i64(c, buf, 0, addr);
	cg_store_i64(c, buf, 8, pid);
	return buf;
}

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
