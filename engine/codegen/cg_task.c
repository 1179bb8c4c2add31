// SPDX-License-Identifier: GPL-2.0
/*
 * The current task's comm read in place: bpf_get_current_task_btf() gives a
 * BTF-typed pointer the program may load from directly, so `comm == "x"`
 * costs two loads instead of bpf_get_current_comm()'s copy to the stack.
 * Needs vmlinux BTF, the helper (5.11+) and an 8-byte aligned comm (the
 * compare loads words); otherwise callers fall back.
 */
#include <stdlib.h>

#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "cg.h"
#include "ktypes.h"

/* Whether bpf_get_current_task_btf() can be called (vmlinux BTF, 5.11+). */
static bool have_task_btf(void)
{
	static int have = -1;

	if (have < 0)
		have = !getenv("BT_NO_TASK_BTF") && bt_kbtf() &&
		       libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT,
					       BPF_FUNC_get_current_task_btf, NULL) == 1;
	return have;
}

/* Offset of member path a.b in struct NAME, or -1. */
static int field_offset(const char *name, const char *a, const char *b, int want_size)
{
	uint32_t o1, o2 = 0, bo, bs;
	int id = bt_ktype_find(name), tid;

	if (id < 0 || bt_kfield(id, a, &o1, &tid, &bo, &bs) || bs)
		return -1;
	if (b && (bt_kfield(tid, b, &o2, &tid, &bo, &bs) || bs))
		return -1;
	return bt_ktype_size(tid) == want_size ? (int)(o1 + o2) : -1;
}

/* task_struct's comm offset, or -1 when the fast form is not available. */
static int comm_offset(void)
{
	static int off = -2;

	if (off == -2) {
		off = have_task_btf() ? field_offset("task_struct", "comm", NULL, 16) : -1;
		if (off % 8)
			off = -1;
	}
	return off;
}

static LLVMValueRef task(struct cg *c)
{
	if (c->task)
		return c->task;
	return LLVMBuildIntToPtr(c->b, cg_helper(c, H_CURRENT_TASK_BTF, NULL, 0), c->ptr, "task");
}

LLVMValueRef cg_task_comm(struct cg *c)
{
	int off = comm_offset();
	if (off < 0)
		return NULL;
	return cg_gep(c, task(c), (uint64_t)off);
}

LLVMValueRef cg_task_in_compat_syscall(struct cg *c)
{
	static int off = -2;

	if (off == -2) /* x86: current_thread_info()->status & TS_COMPAT */
		off = have_task_btf() ? field_offset("task_struct", "thread_info", "status", 4) : -1;
	if (off < 0)
		return NULL;
	c->task = task(c); /* the prologue's: it dominates the probe body */
	LLVMValueRef st = LLVMBuildLoad2(c->b, c->i32, cg_gep(c, c->task, (uint64_t)off), "");
	LLVMSetAlignment(st, 4);
	return LLVMBuildICmp(c->b, LLVMIntNE,
			     LLVMBuildAnd(c->b, st, LLVMConstInt(c->i32, 2 /* TS_COMPAT */, 0), ""),
			     LLVMConstInt(c->i32, 0, 0), "compat");
}
