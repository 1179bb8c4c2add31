// SPDX-License-Identifier: GPL-2.0
/* argN of a usdt probe: a constant, a register, or user memory at register + displacement
 * (sema_usdt.c sets the annotation). */
#include "codegen/cg.h"

LLVMValueRef cg_usdt_arg(struct cg *c, const struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	uint32_t size = a->bit_size / 8;
	bool is_signed = n->type->is_signed;
	LLVMValueRef v;

	if (a->acc == BT_ACC_VALUE)
		return cg_const(c, (uint64_t)a->ival);
	v = cg_load_u64(c, c->ctxarg, a->off);
	if (a->acc == BT_ACC_MEM) {
		LLVMValueRef tmp = cg_alloca(c, 8, "usdt_arg");
		cg_store_i64(c, tmp, 0, cg_const(c, 0));
		cg_probe_read(c, tmp, size, LLVMBuildAdd(c->b, v, cg_const(c, (uint64_t)a->ival), ""),
			      2);
		v = cg_load_u64(c, tmp, 0);
	}
	return cg_fit(c, v, size, is_signed);
}
