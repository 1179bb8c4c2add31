// SPDX-License-Identifier: GPL-2.0
/* Emitters of addresses, registers, bytes: uaddr, reg, bswap (kaddr: table.c's ival). */
#include "codegen/builtin/emit.h"

#define PT_REGS_IP 128 /* x86-64 struct pt_regs */

/* uaddr("sym"), as sema_uaddr.c annotated it */
LLVMValueRef cg_emit_uaddr(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	if (!a->off)
		return cg_const(c, (uint64_t)a->ival);
	/* PIE/library: the probed ip (uprobe at FUNC) minus FUNC plus the symbol */
	return LLVMBuildAdd(c->b, cg_load_u64(c, c->ctxarg, PT_REGS_IP), cg_const(c, (uint64_t)a->ival),
			    "");
}

LLVMValueRef cg_emit_reg(struct cg *c, struct bt_node *n)
{
	return cg_load_u64(c, c->ctxarg, (uint64_t)((const struct bt_ann *)n->sema)->ival);
}

LLVMValueRef cg_emit_bswap(struct cg *c, struct bt_node *n)
{
	LLVMValueRef v = cg_expr(c, n->list.v[0]);
	uint32_t size = n->type->size;
	LLVMTypeRef t = size == 2 ? c->i16 : size == 4 ? c->i32 : c->i64;
	if (size == 1)
		return v;
	unsigned id = LLVMLookupIntrinsicID("llvm.bswap", 10);
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->mod, id, &t, 1);
	LLVMTypeRef ft = LLVMFunctionType(t, &t, 1, 0);
	LLVMValueRef x = t == c->i64 ? v : LLVMBuildTrunc(c->b, v, t, "");
	LLVMValueRef r = LLVMBuildCall2(c->b, ft, fn, &x, 1, "");
	return t == c->i64 ? r : LLVMBuildZExt(c->b, r, c->i64, "");
}
