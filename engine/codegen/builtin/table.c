// SPDX-License-Identifier: GPL-2.0
/* The builtin emitters by id (builtins.def) and the ones several rows share. */
#include "codegen/builtin/emit.h"

static cg_builtin_emit *const emitters[BT_BUILTIN_COUNT] = {
#define BT_VAR(ID, NAME, CHK, EMIT) [BT_B_##ID] = EMIT,
#define BT_VARN(ID, NAME, CHK, EMIT) [BT_B_##ID] = EMIT,
#define BT_FUNC(ID, NAME, MIN, MAX, CHK, EMIT) [BT_F_##ID] = EMIT,
#define BT_FUNCP(ID, NAME, MIN, MAX, CHK, EMIT, PRINT) [BT_F_##ID] = EMIT,
#include "builtin/builtins.def"
#undef BT_VAR
#undef BT_VARN
#undef BT_FUNC
#undef BT_FUNCP
};

LLVMValueRef cg_call(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	return emitters[a->id](c, n);
}

/* a statement, or a value the assignment builds (aggregations) */
LLVMValueRef cg_emit_none(struct cg *c, struct bt_node *n)
{
	(void)n;
	return cg_const(c, 0);
}

/* a constant sema computed: kaddr, cgroupid, enum constants */
LLVMValueRef cg_emit_ival(struct cg *c, struct bt_node *n)
{
	return cg_const(c, (uint64_t)((const struct bt_ann *)n->sema)->ival);
}

/* the first argument as is: ksym, uptr, kptr, cgroup_path (typed by sema) */
LLVMValueRef cg_emit_arg0(struct cg *c, struct bt_node *n)
{
	return cg_expr(c, n->list.v[0]);
}
