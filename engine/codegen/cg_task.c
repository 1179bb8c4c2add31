// SPDX-License-Identifier: GPL-2.0
/*
 * The current task's comm read in place: bpf_get_current_task_btf() gives a
 * BTF-typed pointer the program may load from directly, so `comm == "x"`
 * costs two loads instead of bpf_get_current_comm()'s copy to the stack.
 * The offsets come from sema (bt_ktask_offsets: vmlinux BTF, the helper,
 * 5.11+, an 8-byte aligned comm); -1 there and callers fall back.
 */
#include "cg.h"

static LLVMValueRef task(struct cg *c)
{
	if (c->task)
		return c->task;
	return LLVMBuildIntToPtr(c->b, cg_helper(c, H_CURRENT_TASK_BTF, NULL, 0), c->ptr, "task");
}

LLVMValueRef cg_task_comm(struct cg *c)
{
	if (c->s->task_comm_off < 0)
		return NULL;
	return cg_gep(c, task(c), (uint64_t)c->s->task_comm_off);
}

LLVMValueRef cg_task_in_compat_syscall(struct cg *c)
{
	/* x86: current_thread_info()->status & TS_COMPAT */
	if (c->s->task_status_off < 0)
		return NULL;
	c->task = task(c); /* the prologue's: it dominates the probe body */
	LLVMValueRef st = LLVMBuildLoad2(c->b, c->i32,
					 cg_gep(c, c->task, (uint64_t)c->s->task_status_off), "");
	LLVMSetAlignment(st, 4);
	return LLVMBuildICmp(c->b, LLVMIntNE,
			     LLVMBuildAnd(c->b, st, LLVMConstInt(c->i32, 2 /* TS_COMPAT */, 0), ""),
			     LLVMConstInt(c->i32, 0, 0), "compat");
}
