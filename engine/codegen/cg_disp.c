// SPDX-License-Identifier: GPL-2.0
/*
 * The sys_enter/sys_exit dispatch (see enum bt_dispatch in prog.h): one
 * raw tracepoint program stands in for many syscalls:sys_{enter,exit}_*
 * tracepoints. Its prologue looks the syscall number up in BT_SYSDISP_<i>
 * (0: not traced, return) and lays out on the stack the record the
 * tracepoint would have passed, so the probe body reads args-> as usual:
 *   sys_enter_*: common (8 bytes, common_pid set), int __syscall_nr at 8,
 *                the six arguments as u64 from 16
 *   sys_exit_*:  common, int __syscall_nr at 8, long ret at 16
 * The arguments come from the x86-64 pt_regs (di si dx r10 r8 r9; the number
 * of a returning syscall is orig_ax), as the kernel's syscall tracepoints
 * take them: read directly in a tp_btf program (regs is a BTF pointer), with
 * bpf_probe_read_kernel in a raw_tp one. One target needs no map: the number
 * is compared with a constant.
 */
#include <stdio.h>
#include <string.h>

#include "codegen/cg.h"
#include "probe/probe.h"

enum { MAP_ARRAY = 2 };

/* struct pt_regs (x86-64) offsets */
enum { R_R10 = 56, R_R9 = 64, R_R8 = 72, R_DX = 96, R_SI = 104, R_DI = 112, R_ORIG_AX = 120 };
#define REGS_FROM R_R10 /* one read of r10 .. orig_ax */
#define REGS_LEN (R_ORIG_AX + 8 - REGS_FROM)
#define REC_LEN 64

static void return_if(struct cg *c, LLVMValueRef cond)
{
	LLVMBasicBlockRef out = cg_block(c, "disp_skip"), go = cg_block(c, "disp_go");
	LLVMBuildCondBr(c->b, cond, out, go);
	LLVMPositionBuilderAtEnd(c->b, out);
	LLVMBuildRet(c->b, cg_const(c, 0));
	LLVMPositionBuilderAtEnd(c->b, go);
}

/* c->cookie from BT_SYSDISP_<idx>[nr] - 1; returns early when it is 0. */
static void lookup_cookie(struct cg *c, size_t idx, LLVMValueRef nr)
{
	char name[32];
	snprintf(name, sizeof(name), "BT_SYSDISP_%zu", idx);
	LLVMValueRef map = cg_map_def(c, name, MAP_ARRAY, BT_SYSDISP_MAX, 4, 8);
	return_if(c, LLVMBuildICmp(c->b, LLVMIntUGE, nr, cg_const(c, BT_SYSDISP_MAX), ""));
	LLVMValueRef key = cg_alloca_perm(c, 4, "disp_key");
	LLVMBuildStore(c->b, LLVMBuildTrunc(c->b, nr, c->i32, ""), key);
	LLVMValueRef slot = cg_map_lookup(c, map, key);
	return_if(c, LLVMBuildIsNull(c->b, slot, ""));
	LLVMValueRef cookie1 = cg_load_u64(c, slot, 0);
	return_if(c, LLVMBuildICmp(c->b, LLVMIntEQ, cookie1, cg_const(c, 0), ""));
	c->cookie = LLVMBuildSub(c->b, cookie1, cg_const(c, 1), "cookie");
}

/* Whether the probe reads args->common_pid (a helper call on every event otherwise). */
static bool uses_common_pid(const struct bt_probe *pr)
{
	static const char *const names[] = {"common_pid", NULL};

	return bt_ast_uses(pr->node, BT_AST_KIND(BT_N_FIELD), names);
}

/* The tracepoint's record in c->rec; regs holds pt_regs from offset base. Stores
 * the probe never reads are dropped by LLVM (the record does not escape). */
static void build_record(struct cg *c, const struct bt_probe *pr, bool enter, LLVMValueRef nr,
			 LLVMValueRef arg1, LLVMValueRef regs, uint32_t base)
{
	static const uint32_t arg_regs[6] = {R_DI, R_SI, R_DX, R_R10, R_R8, R_R9};
	c->rec = cg_alloca_perm(c, REC_LEN, "tp_rec");
	cg_memset0(c, c->rec, REC_LEN);
	if (uses_common_pid(pr)) {
		LLVMValueRef tid =
			LLVMBuildTrunc(c->b, cg_helper(c, H_CURRENT_PID_TGID, NULL, 0), c->i32, "");
		LLVMBuildStore(c->b, tid, cg_gep(c, c->rec, 4));
	}
	LLVMBuildStore(c->b, LLVMBuildTrunc(c->b, nr, c->i32, ""), cg_gep(c, c->rec, 8));
	if (!enter) {
		LLVMBuildStore(c->b, arg1, cg_gep(c, c->rec, 16));
		return;
	}
	for (int i = 0; i < 6; i++)
		LLVMBuildStore(c->b, cg_load_u64(c, regs, arg_regs[i] - base),
			       cg_gep(c, c->rec, 16 + 8 * (uint32_t)i));
}

void cg_disp_prologue(struct cg *c, const struct bt_probe *pr, size_t idx)
{
	bool enter = pr->dispatch == BT_DISP_SYS_ENTER;
	bool btf = bt_sysdisp_btf_sec(pr->section);
	/* context: u64 args[] = { struct pt_regs *regs, long id_or_ret } */
	LLVMValueRef regs = cg_load_u64(c, c->ctxarg, 0), arg1 = cg_load_u64(c, c->ctxarg, 8);
	LLVMValueRef rp, nr;
	uint32_t base = 0;
	if (btf) {
		rp = LLVMBuildIntToPtr(c->b, regs, c->ptr, "regs");
		nr = enter ? arg1 : cg_load_u64(c, rp, R_ORIG_AX);
	} else {
		base = REGS_FROM;
		rp = cg_alloca_perm(c, REGS_LEN, "regs");
		cg_memset0(c, rp, REGS_LEN);
		if (enter)
			cg_probe_read(c, rp, REGS_LEN,
				      LLVMBuildAdd(c->b, regs, cg_const(c, base), ""), 1);
		else
			cg_probe_read(c, cg_gep(c, rp, R_ORIG_AX - base), 8,
				      LLVMBuildAdd(c->b, regs, cg_const(c, R_ORIG_AX), ""), 1);
		nr = cg_load_u64(c, rp, R_ORIG_AX - base);
		if (enter)
			nr = arg1;
	}
	if (pr->ntargets == 1) {
		return_if(c,
			  LLVMBuildICmp(c->b, LLVMIntNE, nr, cg_const(c, pr->targets[0].arg), ""));
		c->cookie = cg_const(c, pr->targets[0].cookie);
	} else {
		lookup_cookie(c, idx, nr);
	}
	/* the syscall tracepoints skip ia32 syscalls (their numbers are another
	 * table's): so does the dispatch, where the task's status can be read */
	LLVMValueRef compat = btf ? cg_task_in_compat_syscall(c, regs) : NULL;
	if (compat)
		return_if(c, compat);
	build_record(c, pr, enter, nr, arg1, rp, base);
}
