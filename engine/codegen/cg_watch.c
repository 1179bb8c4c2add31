// SPDX-License-Identifier: GPL-2.0
/*
 * The setup program of watchpoint:FUNC+argN (probe/watchfunc.c), a uprobe on
 * FUNC: stops the process (not for asyncwatchpoint) and sends argN and the
 * process id (BT_REC_WATCH); the runtime sets the breakpoint there and lets
 * the process go on (runtime/watch.c). As bpftrace 0.17's.
 */
#include <signal.h>

#include "codegen/cg.h"

void cg_watch_setup(struct cg *c, const struct bt_probe *pr, size_t idx)
{
	const struct bt_target *t = &c->prog->probes[pr->setup_of - 1].targets[pr->setup_target];
	LLVMValueRef sig, buf;

	c->probe = pr;
	c->fn = LLVMAddFunction(c->mod, pr->prog_name, c->fn_ty);
	LLVMSetSection(c->fn, pr->section);
	c->ctxarg = LLVMGetParam(c->fn, 0);
	c->entry = cg_block(c, "entry");
	LLVMPositionBuilderAtEnd(c->b, c->entry);
	c->alloca_pt = LLVMBuildAlloca(c->b, c->i8, "marker");
	if (!t->setup_async) {
		/* stopped when the uprobe returns to user space, until the runtime is done */
		sig = LLVMConstInt(c->i32, SIGSTOP, 0);
		cg_helper(c, H_SEND_SIGNAL, &sig, 1);
	}
	buf = cg_record(c, BT_REC_WATCH, (uint32_t)idx, 16);
	cg_store_i64(c, buf, 8, cg_regs_arg(c, (unsigned)t->arg));
	cg_store_i64(c, buf, 16,
		     LLVMBuildLShr(c->b, cg_helper(c, H_CURRENT_PID_TGID, NULL, 0), cg_const(c, 32),
				   ""));
	cg_ringbuf_out(c, buf, 24);
	LLVMBuildRet(c->b, cg_const(c, 0));
}
