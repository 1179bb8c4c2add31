// SPDX-License-Identifier: GPL-2.0
/*
 * The current task's fields read in place: bpf_get_current_task_btf() gives a
 * BTF-typed pointer the program may load from directly, so `comm == "x"`
 * costs two loads instead of bpf_get_current_comm()'s copy to the stack.
 * The offsets come from sema (bt_ktask: vmlinux BTF, the helper, 5.11+, an
 * 8-byte aligned comm); -1 there and callers fall back.
 *
 * The syscall dispatch runs on every syscall, and a helper call is dear
 * where every return goes through a mitigation thunk (SRSO safe RET: ~7 ns
 * of a ~9 ns predicate here). Its regs argument is task_pt_regs(current), at
 * a fixed distance above the bottom of the task's kernel stack, so BT_TASK,
 * one per-CPU slot, remembers {task, regs - task->stack} from the last miss,
 * and the remembered task is current exactly when its stack field plus that
 * distance is this event's regs: a live task owns its stack, a task that
 * exited has cleared its stack field (release_task_stack), and a new task on
 * a reused stack is another task_struct. The check ties the task to this
 * event's regs alone, so a slot written halfway by a preempting program is
 * at worst a miss. The task comes through bpf_rdonly_cast (inlined by the
 * verifier; loads become fault-safe PROBE_MEM loads).
 */
#include "kernel/kfuncs.h"
#include "codegen/cg.h"

enum { MAP_PERCPU_ARRAY = 6, SLOT_TASK = 0, SLOT_DELTA = 8, SLOT_SIZE = 16 };

static LLVMValueRef task(struct cg *c)
{
	if (c->task)
		return c->task;
	return LLVMBuildIntToPtr(c->b, cg_helper(c, H_CURRENT_TASK_BTF, NULL, 0), c->ptr, "task");
}

LLVMValueRef cg_task_comm(struct cg *c)
{
	if (c->s->task.comm_off < 0)
		return NULL;
	return cg_gep(c, task(c), (uint64_t)c->s->task.comm_off);
}

/* bpf_rdonly_cast(p, task_struct): the same address, typed for loads. */
static LLVMValueRef as_task(struct cg *c, LLVMValueRef p)
{
	LLVMValueRef args[2] = {p, LLVMConstInt(c->i32, c->s->task.task_id, 0)};
	return cg_helper(c, (int)(BT_KFUNC_TAG | c->s->task.rdonly_cast_id), args, 2);
}

/* The current task as an i64: BT_TASK's when it checks out, else the helper's. */
static LLVMValueRef cached_task(struct cg *c, LLVMValueRef regs)
{
	uint32_t stack = (uint32_t)c->s->task.stack_off;
	if (!c->taskcache)
		c->taskcache = cg_map_def(c, "BT_TASK", MAP_PERCPU_ARRAY, 1, 4, SLOT_SIZE);
	LLVMValueRef key = cg_alloca_perm(c, 4, "task_key");
	LLVMBuildStore(c->b, LLVMConstInt(c->i32, 0, 0), key);
	LLVMValueRef slot = cg_map_lookup(c, c->taskcache, key);
	LLVMBasicBlockRef check = cg_block(c, "task_check"), miss = cg_block(c, "task_miss"),
			  fill = cg_block(c, "task_fill"), done = cg_block(c, "task_done");
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, slot, ""), miss, check);

	LLVMPositionBuilderAtEnd(c->b, check);
	LLVMValueRef t = as_task(c, cg_load_u64(c, slot, SLOT_TASK));
	LLVMValueRef at =
		LLVMBuildAdd(c->b, cg_load_u64(c, LLVMBuildIntToPtr(c->b, t, c->ptr, ""), stack),
			     cg_load_u64(c, slot, SLOT_DELTA), "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, at, regs, ""), done, miss);

	LLVMPositionBuilderAtEnd(c->b, miss);
	LLVMValueRef h = as_task(c, cg_helper(c, H_CURRENT_TASK_BTF, NULL, 0));
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, slot, ""), done, fill);

	LLVMPositionBuilderAtEnd(c->b, fill);
	LLVMValueRef hs = cg_load_u64(c, LLVMBuildIntToPtr(c->b, h, c->ptr, ""), stack);
	cg_store_u64(c, slot, SLOT_TASK, h);
	/* regs - stack, with regs read back from the slot: 6.12's verifier
	 * refuses arithmetic on the regs pointer itself ("math between
	 * trusted_ptr_ pointer and register with unbounded min value"), not on
	 * a number loaded from a map (volatile, so LLVM keeps the round trip) */
	LLVMValueRef st = LLVMBuildStore(c->b, regs, cg_gep(c, slot, SLOT_DELTA));
	LLVMSetAlignment(st, 8);
	LLVMSetVolatile(st, 1);
	LLVMValueRef r = LLVMBuildLoad2(c->b, c->i64, cg_gep(c, slot, SLOT_DELTA), "");
	LLVMSetAlignment(r, 8);
	LLVMSetVolatile(r, 1);
	cg_store_u64(c, slot, SLOT_DELTA, LLVMBuildSub(c->b, r, hs, ""));
	LLVMBuildBr(c->b, done);

	LLVMPositionBuilderAtEnd(c->b, done);
	LLVMValueRef phi = LLVMBuildPhi(c->b, c->i64, "task");
	LLVMValueRef vals[3] = {t, h, h};
	LLVMBasicBlockRef from[3] = {check, miss, fill};
	LLVMAddIncoming(phi, vals, from, 3);
	return phi;
}

LLVMValueRef cg_task_in_compat_syscall(struct cg *c, LLVMValueRef regs)
{
	/* x86: current_thread_info()->status & TS_COMPAT */
	if (c->s->task.status_off < 0)
		return NULL;
	/* the prologue's: it dominates the probe body */
	c->task = c->s->task.stack_off >= 0
			  ? LLVMBuildIntToPtr(c->b, cached_task(c, regs), c->ptr, "task")
			  : task(c);
	LLVMValueRef st = LLVMBuildLoad2(c->b, c->i32,
					 cg_gep(c, c->task, (uint64_t)c->s->task.status_off), "");
	LLVMSetAlignment(st, 4);
	return LLVMBuildICmp(c->b, LLVMIntNE,
			     LLVMBuildAnd(c->b, st, LLVMConstInt(c->i32, 2 /* TS_COMPAT */, 0), ""),
			     LLVMConstInt(c->i32, 0, 0), "compat");
}
