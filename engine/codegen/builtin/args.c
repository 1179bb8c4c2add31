// SPDX-License-Identifier: GPL-2.0
/* Emitters of the probe's context: args, argN, sargN, retval, probe, func, ctx. */
#include "codegen/builtin/emit.h"

/* x86-64 struct pt_regs offsets (kprobe/uprobe context). */
static const uint32_t pt_regs_arg[] = {112, 104, 96, 88, 72, 64}; /* di si dx cx r8 r9 */
#define PT_REGS_AX 80
#define PT_REGS_SP 152

LLVMValueRef cg_emit_args(struct cg *c, struct bt_node *n)
{
	(void)n;
	return LLVMBuildPtrToInt(c->b, cg_rec(c), c->i64, "");
}

/* u64 slot i of a tp_btf/rawtp/kfunc context, fitted to the type */
static LLVMValueRef ctx_slot(struct cg *c, struct bt_node *n, uint32_t i)
{
	LLVMValueRef v = cg_load_u64(c, c->ctxarg, i * 8);
	return n->type->kind == BT_T_INT ? cg_fit(c, v, n->type->size, n->type->is_signed) : v;
}

LLVMValueRef cg_regs_arg(struct cg *c, unsigned i)
{
	return cg_load_u64(c, c->ctxarg, pt_regs_arg[i]);
}

LLVMValueRef cg_emit_arg(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	if (c->probe->pv->argn == BT_ARGN_USDT)
		return cg_usdt_arg(c, n);
	if (c->probe->pv->argn == BT_ARGN_CTX)
		return ctx_slot(c, n, (uint32_t)a->ival);
	return cg_regs_arg(c, (unsigned)a->ival);
}

LLVMValueRef cg_emit_sarg(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	/* x86-64 at function entry: [sp] is the return address, stack args follow */
	LLVMValueRef sp = cg_load_u64(c, c->ctxarg, PT_REGS_SP);
	LLVMValueRef addr = LLVMBuildAdd(c->b, sp, cg_const(c, 8 * ((uint64_t)a->ival + 1)), "");
	return cg_read_mem(c, n->type, addr, c->probe->pv->user ? 2 : 1, 0, 0);
}

LLVMValueRef cg_emit_retval(struct cg *c, struct bt_node *n)
{
	if (c->probe->pv->args == BT_ARGS_BTF_FUNC) /* kretfunc: after the arguments */
		return ctx_slot(c, n, (uint32_t)c->sp->nargs);
	return cg_load_u64(c, c->ctxarg, PT_REGS_AX);
}

static LLVMValueRef cookie(struct cg *c)
{
	if (c->probe->ntargets == 1)
		return cg_const(c, c->probe->targets[0].cookie);
	return cg_helper(c, H_GET_ATTACH_COOKIE, &c->ctxarg, 1);
}

LLVMValueRef cg_emit_probe(struct cg *c, struct bt_node *n)
{
	(void)n;
	return c->cookie ? c->cookie : cookie(c);
}

LLVMValueRef cg_emit_func(struct cg *c, struct bt_node *n)
{
	LLVMValueRef v = cg_helper(c, H_GET_FUNC_IP, &c->ctxarg, 1);
	if (n->type->kind != BT_T_USYM)
		return v;
	/* the probe cookie + 1 beside the pid: names the function after the process exits */
	return cg_usym(c, v, LLVMBuildAdd(c->b, cookie(c), cg_const(c, 1), ""));
}

/* The struct pt_regs address: the context itself, but a perf event's context is a
 * struct bpf_perf_event_data_kern, whose first member points to the registers. */
LLVMValueRef cg_emit_ctx(struct cg *c, struct bt_node *n)
{
	LLVMValueRef v = LLVMBuildPtrToInt(c->b, c->ctxarg, c->i64, "");
	(void)n;
	if (c->probe->pv->ctx != BT_CTX_PERF)
		return v;
	LLVMValueRef tmp = cg_alloca(c, 8, "regs");
	cg_store_i64(c, tmp, 0, cg_const(c, 0));
	cg_probe_read(c, tmp, 8, v, 1);
	return LLVMBuildLoad2(c->b, c->i64, tmp, "");
}
