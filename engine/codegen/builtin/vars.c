// SPDX-License-Identifier: GPL-2.0
/* Emitters of the task and CPU variables: pid, tid, uid, gid, cpu, comm, curtask, ... */
#include "codegen/builtin/emit.h"

static LLVMValueRef helper(struct cg *c, int h)
{
	return cg_helper(c, h, NULL, 0);
}

static LLVMValueRef lo32(struct cg *c, LLVMValueRef v)
{
	return LLVMBuildAnd(c->b, v, cg_const(c, 0xffffffff), "");
}

static LLVMValueRef hi32(struct cg *c, LLVMValueRef v)
{
	return LLVMBuildLShr(c->b, v, cg_const(c, 32), "");
}

LLVMValueRef cg_emit_pid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return hi32(c, helper(c, H_CURRENT_PID_TGID));
}

LLVMValueRef cg_emit_tid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return lo32(c, helper(c, H_CURRENT_PID_TGID));
}

/* uid, and username (printed as the name) */
LLVMValueRef cg_emit_uid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return lo32(c, helper(c, H_CURRENT_UID_GID));
}

LLVMValueRef cg_emit_gid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return hi32(c, helper(c, H_CURRENT_UID_GID));
}

LLVMValueRef cg_emit_cpu(struct cg *c, struct bt_node *n)
{
	(void)n;
	return helper(c, H_SMP_PROCESSOR_ID);
}

LLVMValueRef cg_emit_numaid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return helper(c, H_NUMA_NODE_ID);
}

LLVMValueRef cg_emit_rand(struct cg *c, struct bt_node *n)
{
	(void)n;
	return LLVMBuildZExt(c->b, LLVMBuildTrunc(c->b, helper(c, H_PRANDOM_U32), c->i32, ""),
			     c->i64, "");
}

LLVMValueRef cg_emit_cgroup(struct cg *c, struct bt_node *n)
{
	(void)n;
	return helper(c, H_CURRENT_CGROUP_ID);
}

LLVMValueRef cg_emit_cpid(struct cg *c, struct bt_node *n)
{
	(void)n;
	return cg_rt_const(c, BT_RC_CPID);
}

LLVMValueRef cg_emit_curtask(struct cg *c, struct bt_node *n)
{
	(void)n;
	return helper(c, H_CURRENT_TASK);
}

LLVMValueRef cg_emit_comm(struct cg *c, struct bt_node *n)
{
	(void)n;
	LLVMValueRef buf = cg_alloca(c, 16, "comm");
	cg_memset0(c, buf, 16);
	LLVMValueRef args[2] = { buf, LLVMConstInt(c->i32, 16, 0) };
	cg_helper(c, H_CURRENT_COMM, args, 2);
	return buf;
}
