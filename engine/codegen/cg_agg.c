// SPDX-License-Identifier: GPL-2.0
/*
 * Struct and array values (a copy of a struct made by *p, a member array,
 * a map value): their members and elements are read from the copy, at the
 * record's offsets, in the member's own size (not the 8-byte slots of
 * tuples), bitfields shifted and masked as read_mem does in memory.
 */
#include <stdlib.h>

#include "codegen/cg.h"

LLVMValueRef cg_value_member(struct cg *c, const struct bt_type *t, LLVMValueRef p,
			     uint32_t bit_off, uint32_t bit_size)
{
	if (!cg_is_scalar(t))
		return p;
	uint32_t size = t->kind == BT_T_INT ? t->size : 8;
	if (bit_size) {
		uint32_t bytes = (bit_off + bit_size + 7) / 8;
		LLVMValueRef v = cg_load_int(c, p,
					     bytes <= 1	  ? 1
					     : bytes <= 2 ? 2
					     : bytes <= 4 ? 4
							  : 8,
					     false);
		v = LLVMBuildLShr(c->b, v, cg_const(c, bit_off), "");
		return LLVMBuildAnd(
			c->b, v, cg_const(c, bit_size >= 64 ? ~0ull : (1ull << bit_size) - 1), "");
	}
	return cg_load_int(c, p, size, t->kind == BT_T_INT && t->is_signed);
}

LLVMValueRef cg_value_elem(struct cg *c, struct bt_node *n)
{
	const struct bt_type *at = n->a->type, *t = n->type;
	uint32_t es = at->count ? at->size / at->count : 1;
	LLVMValueRef base = cg_expr(c, n->a);
	LLVMValueRef off = LLVMBuildMul(c->b, cg_expr(c, n->b), cg_const(c, es), "");
	return cg_value_member(c, t, cg_gepv(c, base, off), 0, 0);
}

LLVMValueRef cg_value_eq(struct cg *c, struct bt_node *n)
{
	uint32_t size = bt_t_storage(n->a->type), sb = bt_t_storage(n->b->type);
	if (sb < size)
		size = sb; /* buf(): the length word, then the bytes up to it (zero after) */
	LLVMValueRef x = cg_expr(c, n->a), y = cg_expr(c, n->b);
	LLVMValueRef diff = cg_const(c, 0);
	/* whole words, then the bytes left: no loop, no helper */
	for (uint32_t off = 0; off < size;) {
		uint32_t w = size - off >= 8 ? 8 : size - off >= 4 ? 4 : size - off >= 2 ? 2 : 1;
		LLVMValueRef a = cg_load_int(c, cg_gep(c, x, off), w, false);
		LLVMValueRef b = cg_load_int(c, cg_gep(c, y, off), w, false);
		diff = LLVMBuildOr(c->b, diff, LLVMBuildXor(c->b, a, b, ""), "");
		off += w;
	}
	LLVMValueRef ne = LLVMBuildICmp(c->b, LLVMIntNE, diff, cg_const(c, 0), "");
	if (n->op == BT_OP_EQ)
		ne = LLVMBuildNot(c->b, ne, "");
	return LLVMBuildZExt(c->b, ne, c->i64, "");
}

/*
 * A chain of blocks, one per byte, that leaves at the first difference or
 * the first NUL: two bytes live at a time. The same compare written as one
 * expression (an or of 64 terms) made LLVM spill past the 512-byte stack
 * when its result fed a branch (if (str(a) == str(b)) { ... }).
 */
LLVMValueRef cg_str_ne(struct cg *c, LLVMValueRef a, LLVMValueRef b, uint32_t n,
		       LLVMValueRef longer)
{
	LLVMBasicBlockRef done = cg_block(c, "streq_done");
	LLVMValueRef *vals = calloc(2 * (size_t)n + 1, sizeof(*vals));
	LLVMBasicBlockRef *from = calloc(2 * (size_t)n + 1, sizeof(*from));
	LLVMValueRef t = LLVMConstInt(c->i1, 1, 0), f = LLVMConstInt(c->i1, 0, 0);
	unsigned k = 0;
	if (!vals || !from)
		abort();
	for (uint32_t i = 0; i < n; i++) {
		LLVMBasicBlockRef nul = cg_block(c, "streq_nul"), next = cg_block(c, "streq_next");
		LLVMValueRef x = LLVMBuildLoad2(c->b, c->i8, cg_gep(c, a, i), "");
		LLVMValueRef y = LLVMBuildLoad2(c->b, c->i8, cg_gep(c, b, i), "");
		vals[k] = t;
		from[k++] = LLVMGetInsertBlock(c->b);
		LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, x, y, ""), done, nul);
		LLVMPositionBuilderAtEnd(c->b, nul);
		vals[k] = f;
		from[k++] = nul;
		LLVMBuildCondBr(c->b,
				LLVMBuildICmp(c->b, LLVMIntEQ, x, LLVMConstInt(c->i8, 0, 0), ""),
				done, next);
		LLVMPositionBuilderAtEnd(c->b, next);
	}
	/* n equal bytes and no NUL: the longer string must end there */
	vals[k] = longer ? LLVMBuildICmp(c->b, LLVMIntNE,
					 LLVMBuildLoad2(c->b, c->i8, cg_gep(c, longer, n), ""),
					 LLVMConstInt(c->i8, 0, 0), "")
			 : f;
	from[k++] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	LLVMValueRef phi = LLVMBuildPhi(c->b, c->i1, "streq");
	LLVMAddIncoming(phi, vals, from, k);
	free(vals);
	free(from);
	return phi;
}
