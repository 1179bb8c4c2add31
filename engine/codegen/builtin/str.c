// SPDX-License-Identifier: GPL-2.0
/* Emitters of strings and bytes: str, strncmp, strcontains, buf, join. */
#include "codegen/builtin/emit.h"

LLVMValueRef cg_emit_str(struct cg *c, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	uint32_t size = n->type->size;
	if (x->type->kind == BT_T_STR) {
		LLVMValueRef v = cg_expr(c, x);
		if (size >= x->type->size)
			return v;
		LLVMValueRef buf = cg_alloca(c, size, "strn");
		cg_memset0(c, buf, (size + 7) / 8 * 8);
		cg_memcpy(c, buf, v, size - 1);
		return buf;
	}
	LLVMValueRef buf = cg_alloca(c, size, "str");
	cg_memset0(c, buf, (size + 7) / 8 * 8);
	LLVMValueRef addr = x->type->kind == BT_T_ARRAY ? cg_addr(c, x) : cg_expr(c, x);
	/* str(x, n): a cut at n was asked for, not counted */
	cg_probe_read_strx(c, buf, size, addr, cg_space(x->type), n->list.n < 2);
	return buf;
}

/* 0 when the first len bytes match up to a NUL, else 1 (bpftrace's strncmp). */
LLVMValueRef cg_emit_strncmp(struct cg *c, struct bt_node *n)
{
	struct bt_node *l = n->list.v[0], *r = n->list.v[1];
	uint64_t len = (uint64_t)((struct bt_ann *)n->sema)->ival;
	uint32_t xs = l->type->size, ys = r->type->size, lim = xs > ys ? xs : ys;
	LLVMValueRef x = cg_expr(c, l), y = cg_expr(c, r);
	LLVMValueRef zero = LLVMConstInt(c->i8, 0, 0);
	LLVMValueRef ne = LLVMConstInt(c->i1, 0, 0), ended = LLVMConstInt(c->i1, 0, 0);
	if (len < lim)
		lim = (uint32_t)len;
	for (uint32_t i = 0; i < lim; i++) {
		LLVMValueRef xv = i < xs ? LLVMBuildLoad2(c->b, c->i8, cg_gep(c, x, i), "") : zero;
		LLVMValueRef yv = i < ys ? LLVMBuildLoad2(c->b, c->i8, cg_gep(c, y, i), "") : zero;
		LLVMValueRef diff = LLVMBuildICmp(c->b, LLVMIntNE, xv, yv, "");
		ne = LLVMBuildOr(c->b, ne, LLVMBuildAnd(c->b, diff, LLVMBuildNot(c->b, ended, ""), ""),
				 "");
		ended = LLVMBuildOr(c->b, ended, LLVMBuildICmp(c->b, LLVMIntEQ, xv, zero, ""), "");
	}
	return LLVMBuildZExt(c->b, ne, c->i64, "");
}

/* a value's first l of len bytes at dst, the rest zero (buf(array, $n)) */
static void copy_upto(struct cg *c, LLVMValueRef dst, LLVMValueRef src, uint32_t len,
		      LLVMValueRef l)
{
	LLVMValueRef zero = LLVMConstInt(c->i8, 0, 0);
	for (uint32_t i = 0; i < len; i++) {
		LLVMValueRef in = LLVMBuildICmp(c->b, LLVMIntULT, cg_const(c, i), l, "");
		LLVMValueRef v = LLVMBuildLoad2(c->b, c->i8, cg_gep(c, src, i), "");
		LLVMValueRef st = LLVMBuildStore(c->b, LLVMBuildSelect(c->b, in, v, zero, ""),
						 cg_gep(c, dst, i));
		LLVMSetAlignment(st, 1);
	}
}

/* BUF: u32 length, then the bytes: of a value (array, string, struct) or read from an
 * address; the length is the type's (a->ival >= 0) or computed, at most len */
LLVMValueRef cg_emit_buf(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	struct bt_node *x = n->list.v[0];
	uint32_t len = n->type->size - 4;
	LLVMValueRef b = cg_alloca(c, 4 + len, "buf");
	LLVMValueRef l = cg_const(c, len);
	cg_memset0(c, b, (4 + len + 7) / 8 * 8);
	LLVMValueRef src = cg_expr(c, x);
	if (a->ival < 0) {
		LLVMValueRef v = cg_expr(c, n->list.v[1]);
		LLVMValueRef big = LLVMBuildICmp(c->b, LLVMIntUGT, v, l, "");
		l = LLVMBuildSelect(c->b, big, l, v, "");
	}
	LLVMValueRef l32 = LLVMBuildTrunc(c->b, l, c->i32, "");
	LLVMSetAlignment(LLVMBuildStore(c->b, l32, b), 1);
	if (cg_is_bytes(x->type) && a->ival >= 0) {
		cg_memcpy(c, cg_gep(c, b, 4), src, len);
	} else if (cg_is_bytes(x->type)) {
		copy_upto(c, cg_gep(c, b, 4), src, len, l);
	} else {
		int space = cg_space(x->type);
		int h = space == 1 ? H_PROBE_READ_KERNEL : space == 2 ? H_PROBE_READ_USER
								    : H_PROBE_READ;
		LLVMValueRef args[3] = { cg_gep(c, b, 4), l32, src };
		cg_helper(c, h, args, 3);
	}
	return b;
}

/*
 * join(argv, sep): up to 16 strings read from the pointer array, sent in a
 * reserved ring buffer record (16 KiB does not fit on the BPF stack). A
 * string that cannot be read is zeroed by the helper and ends the list.
 */
LLVMValueRef cg_emit_join(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	struct bt_node *x = n->list.v[0];
	const struct bt_type *t = c->prog->fmts[a->fmt].args;
	uint32_t each = t->elem->size, size = 8 + t->size;
	int space = cg_space(x->type);
	LLVMValueRef base = cg_expr(c, x);
	LLVMValueRef tmp = cg_alloca(c, 8, "argp");
	LLVMBasicBlockRef done;
	LLVMValueRef p = cg_ringbuf_reserve(c, size, &done);
	cg_store_i64(c, p, 0, cg_const(c, (uint64_t)BT_REC_JOIN | ((uint64_t)a->fmt << 32)));
	for (uint32_t i = 0; i < t->count; i++) {
		LLVMValueRef ap = LLVMBuildAdd(c->b, base, cg_const(c, (uint64_t)i * 8), "");
		cg_probe_read(c, tmp, 8, ap, space);
		LLVMValueRef sp = LLVMBuildLoad2(c->b, c->i64, tmp, "");
		cg_probe_read_str(c, cg_gep(c, p, 8 + (uint64_t)i * each), each, sp, space);
	}
	cg_ringbuf_submit(c, p, done);
	return cg_const(c, 0);
}

/* byte i of a string value (i < its size, checked by the caller) */
static LLVMValueRef byte_at(struct cg *c, LLVMValueRef p, LLVMValueRef i)
{
	return LLVMBuildLoad2(c->b, c->i8, cg_gepv(c, p, i), "");
}

/*
 * strcontains(h, n) as two bounded loops (unrolled, strings of 64 bytes make more than
 * BPF's jump range): for each start i before h's NUL, compare n[j] with h[i + j] until
 * n's NUL (a match) or a difference.
 */
LLVMValueRef cg_emit_strcontains(struct cg *c, struct bt_node *n)
{
	struct bt_node *hn = n->list.v[0], *nn = n->list.v[1];
	uint32_t hs = hn->type->size, ns = nn->type->size;
	LLVMValueRef h = cg_expr(c, hn), nd = cg_expr(c, nn);
	LLVMValueRef zero = LLVMConstInt(c->i8, 0, 0), one = cg_const(c, 1);
	LLVMBasicBlockRef entry = LLVMGetInsertBlock(c->b);
	LLVMBasicBlockRef outer = cg_block(c, "sc_outer"), inner = cg_block(c, "sc_inner");
	LLVMBasicBlockRef same = cg_block(c, "sc_same"), cmp = cg_block(c, "sc_cmp");
	LLVMBasicBlockRef next = cg_block(c, "sc_next"), yes = cg_block(c, "sc_yes");
	LLVMBasicBlockRef no = cg_block(c, "sc_no"), done = cg_block(c, "sc_done");
	LLVMBuildBr(c->b, outer);

	LLVMPositionBuilderAtEnd(c->b, outer); /* i: a start in h */
	LLVMValueRef i = LLVMBuildPhi(c->b, c->i64, "i");
	LLVMBuildBr(c->b, inner);

	LLVMPositionBuilderAtEnd(c->b, inner); /* j: a byte of n */
	LLVMValueRef j = LLVMBuildPhi(c->b, c->i64, "j");
	LLVMValueRef nb = byte_at(c, nd, j);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, nb, zero, ""), yes, cmp);

	LLVMPositionBuilderAtEnd(c->b, cmp);
	LLVMValueRef k = LLVMBuildAdd(c->b, i, j, "");
	LLVMBasicBlockRef load = cg_block(c, "sc_load");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, k, cg_const(c, hs), ""), load, next);
	LLVMPositionBuilderAtEnd(c->b, load);
	LLVMValueRef hb = byte_at(c, h, k);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, hb, nb, ""), same, next);

	LLVMPositionBuilderAtEnd(c->b, same);
	LLVMValueRef j1 = LLVMBuildAdd(c->b, j, one, "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, j1, cg_const(c, ns), ""), inner, yes);
	LLVMValueRef jv[2] = { cg_const(c, 0), j1 };
	LLVMBasicBlockRef jb[2] = { outer, same };
	LLVMAddIncoming(j, jv, jb, 2);

	LLVMPositionBuilderAtEnd(c->b, next); /* no match at i: on to i + 1, unless h ends */
	LLVMValueRef i1 = LLVMBuildAdd(c->b, i, one, "");
	LLVMBasicBlockRef adv = cg_block(c, "sc_adv");
	LLVMValueRef ends = LLVMBuildICmp(c->b, LLVMIntEQ, byte_at(c, h, i), zero, "");
	LLVMBuildCondBr(c->b, ends, no, adv);
	LLVMPositionBuilderAtEnd(c->b, adv);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, i1, cg_const(c, hs), ""), outer, no);
	LLVMValueRef iv[2] = { cg_const(c, 0), i1 };
	LLVMBasicBlockRef ib[2] = { entry, adv };
	LLVMAddIncoming(i, iv, ib, 2);

	LLVMPositionBuilderAtEnd(c->b, yes);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, no);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	LLVMValueRef r = LLVMBuildPhi(c->b, c->i64, "");
	LLVMValueRef vals[2] = { one, cg_const(c, 0) };
	LLVMBasicBlockRef from[2] = { yes, no };
	LLVMAddIncoming(r, vals, from, 2);
	return r;
}
