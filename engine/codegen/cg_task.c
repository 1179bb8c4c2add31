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

/* task_struct's comm offset, or -1 when the fast form is not available. */
static int comm_offset(void)
{
	static int off = -2;
	uint32_t o, bo, bs;
	int id, tid;

	if (off != -2)
		return off;
	off = -1;
	if (getenv("BT_NO_TASK_BTF") || !bt_kbtf())
		return off;
	id = bt_ktype_find("task_struct");
	if (id < 0 || bt_kfield(id, "comm", &o, &tid, &bo, &bs) || bs || o % 8 ||
	    bt_ktype_size(tid) != 16)
		return off;
	if (libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_get_current_task_btf, NULL) != 1)
		return off;
	off = (int)o;
	return off;
}

LLVMValueRef cg_task_comm(struct cg *c)
{
	int off = comm_offset();
	if (off < 0)
		return NULL;
	LLVMValueRef t = cg_helper(c, H_CURRENT_TASK_BTF, NULL, 0);
	return cg_gep(c, LLVMBuildIntToPtr(c->b, t, c->ptr, ""), (uint64_t)off);
}
