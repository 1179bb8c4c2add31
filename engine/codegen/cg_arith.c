// SPDX-License-Identifier: GPL-2.0
/* Codegen of pointer arithmetic and integer widths (types: sema_arith.c). */
#include "codegen/cg_arith.h"

#include "sema/sema_arith.h"

LLVMValueRef cg_ptr_step(struct cg *c, const struct bt_type *p, LLVMValueRef n)
{
	uint32_t scale = bt_ptr_scale(p);

	return scale == 1 ? n : LLVMBuildMul(c->b, n, cg_const(c, scale), "");
}

LLVMValueRef cg_int_wrap(struct cg *c, const struct bt_type *t, LLVMValueRef v)
{
	if (t->kind != BT_T_INT)
		return v;
	return cg_fit(c, v, t->size, t->is_signed);
}

LLVMValueRef cg_ptr_addsub(struct cg *c, const struct bt_type *tx, LLVMValueRef x,
			   const struct bt_type *ty, LLVMValueRef y, bool sub)
{
	if (tx->kind == BT_T_PTR && ty->kind != BT_T_PTR)
		y = cg_ptr_step(c, tx, y);
	else if (ty->kind == BT_T_PTR && tx->kind != BT_T_PTR)
		x = cg_ptr_step(c, ty, x);
	return sub ? LLVMBuildSub(c->b, x, y, "") : LLVMBuildAdd(c->b, x, y, "");
}
