// SPDX-License-Identifier: GPL-2.0
/* Emitters of time: nsecs, elapsed, time(), strftime(). */
#include "codegen/builtin/emit.h"

LLVMValueRef cg_emit_nsecs(struct cg *c, struct bt_node *n)
{
	(void)n;
	return cg_helper(c, H_KTIME_GET_NS, NULL, 0);
}

LLVMValueRef cg_emit_elapsed(struct cg *c, struct bt_node *n)
{
	(void)n;
	return LLVMBuildSub(c->b, cg_helper(c, H_KTIME_GET_NS, NULL, 0),
			    cg_rt_const(c, BT_RC_START_NS), "");
}

LLVMValueRef cg_emit_time(struct cg *c, struct bt_node *n)
{
	cg_send(c, BT_REC_TIME, (uint32_t)((const struct bt_ann *)n->sema)->fmt, NULL, 0);
	return cg_const(c, 0);
}

/* the nanoseconds; the printer formats them */
LLVMValueRef cg_emit_strftime(struct cg *c, struct bt_node *n)
{
	return cg_expr(c, n->list.v[1]);
}
