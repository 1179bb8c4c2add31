// SPDX-License-Identifier: GPL-2.0
/* Codegen for function calls: ring buffer records, str(), stacks, map functions. */
#include <string.h>

#include "codegen/cg.h"

void cg_lost_inc(struct cg *c)
{
	cg_limit_inc(c, BT_LIMIT_LOST);
}

LLVMValueRef cg_ringbuf_reserve(struct cg *c, uint32_t size, LLVMBasicBlockRef *done)
{
	LLVMValueRef args[3] = { c->ringbuf, cg_const(c, size), cg_const(c, 0) };
	LLVMValueRef p = LLVMBuildIntToPtr(c->b, cg_helper(c, H_RINGBUF_RESERVE, args, 3), c->ptr, "");
	LLVMBasicBlockRef ok = cg_block(c, "recok"), full = cg_block(c, "recfull");
	*done = cg_block(c, "recdone");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), ok, full);
	LLVMPositionBuilderAtEnd(c->b, full);
	cg_lost_inc(c);
	LLVMBuildBr(c->b, *done);
	LLVMPositionBuilderAtEnd(c->b, ok);
	return p;
}

void cg_ringbuf_submit(struct cg *c, LLVMValueRef rec, LLVMBasicBlockRef done)
{
	LLVMValueRef sargs[2] = { rec, cg_const(c, 0) };
	cg_helper(c, H_RINGBUF_SUBMIT, sargs, 2);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

static void ringbuf_out(struct cg *c, LLVMValueRef buf, uint32_t size)
{
	LLVMValueRef args[4] = { c->ringbuf, buf, cg_const(c, size), cg_const(c, 0) };
	LLVMValueRef r = cg_helper(c, H_RINGBUF_OUTPUT, args, 4);
	/* the ring buffer was full: count it in BT_LOST, reported at exit */
	LLVMBasicBlockRef lost = cg_block(c, "lost"), done = cg_block(c, "out_done");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, r, cg_const(c, 0), ""), lost, done);
	LLVMPositionBuilderAtEnd(c->b, lost);
	cg_lost_inc(c);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

static LLVMValueRef record(struct cg *c, uint32_t kind, uint32_t id, uint32_t payload)
{
	LLVMValueRef buf = cg_alloca(c, 8 + payload, "rec");
	cg_memset0(c, buf, 8 + (payload + 7) / 8 * 8);
	cg_store_i64(c, buf, 0, cg_const(c, (uint64_t)kind | ((uint64_t)id << 32)));
	return buf;
}

void cg_send(struct cg *c, uint32_t kind, uint32_t id, LLVMValueRef payload, uint32_t size)
{
	LLVMValueRef buf = record(c, kind, id, size);
	if (payload && size)
		cg_memcpy(c, cg_gep(c, buf, 8), payload, size);
	ringbuf_out(c, buf, 8 + size);
}

/*
 * A big record (several strings) is built in reserved ring buffer memory, not
 * on the 512-byte BPF stack. A full ring buffer drops it (counted in BT_LOST).
 */
static void send_args_reserved(struct cg *c, struct bt_node *n, uint32_t kind, size_t first)
{
	struct bt_ann *a = n->sema;
	const struct bt_type *t = c->prog->fmts[a->fmt].args;
	LLVMBasicBlockRef done;
	LLVMValueRef p = cg_ringbuf_reserve(c, 8 + t->size, &done);
	/* no memset (LLVM cannot inline a big one): every element is written whole, and
	 * str() ends at its NUL, where the printers stop reading */
	cg_store_i64(c, p, 0, cg_const(c, (uint64_t)kind | ((uint64_t)a->fmt << 32)));
	for (uint32_t i = 0; i < t->count; i++)
		cg_expr_into(c, n->list.v[first + i], cg_gep(c, p, 8 + t->offs[i]),
			     bt_t_storage(t->elems[i]));
	cg_ringbuf_submit(c, p, done);
}

/* printf-like: the arguments laid out by the format's tuple after the header. */
static void send_args(struct cg *c, struct bt_node *n, uint32_t kind, size_t first)
{
	struct bt_ann *a = n->sema;
	const struct bt_type *t = c->prog->fmts[a->fmt].args;
	uint32_t size = t ? t->size : 0;
	if (size > 128) {
		send_args_reserved(c, n, kind, first);
		return;
	}
	LLVMValueRef buf = record(c, kind, (uint32_t)a->fmt, size);
	for (uint32_t i = 0; t && i < t->count; i++) {
		struct bt_node *e = n->list.v[first + i];
		cg_expr_into(c, e, cg_gep(c, buf, 8 + t->offs[i]), bt_t_storage(t->elems[i]));
	}
	ringbuf_out(c, buf, 8 + size);
}

static LLVMValueRef str(struct cg *c, struct bt_node *n)
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

static LLVMValueRef bswap(struct cg *c, struct bt_node *n)
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

LLVMValueRef cg_call(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	struct bt_node *x = n->list.n ? n->list.v[0] : NULL;
	switch ((enum bt_func_id)a->id) {
	case BT_F_PRINTF:
		send_args(c, n, BT_REC_PRINTF, 1);
		break;
	case BT_F_SYSTEM:
		send_args(c, n, BT_REC_SYSTEM, 1);
		break;
	case BT_F_CAT:
		send_args(c, n, BT_REC_CAT, 1);
		break;
	case BT_F_TIME:
		cg_send(c, BT_REC_TIME, (uint32_t)a->fmt, NULL, 0);
		break;
	case BT_F_EXIT:
		cg_send(c, BT_REC_EXIT, 0, NULL, 0);
		LLVMBuildRet(c->b, cg_const(c, 0));
		cg_dead_block(c);
		break;
	case BT_F_PRINT:
		if (x->kind == BT_N_MAP && a->fmt < 0) {
			LLVMValueRef buf = record(c, BT_REC_PRINT_MAP, (uint32_t)a->map, 16);
			for (size_t i = 1; i < n->list.n && i < 3; i++)
				cg_store_i64(c, buf, 8 * i, cg_expr(c, n->list.v[i]));
			ringbuf_out(c, buf, 24);
		} else {
			send_args(c, n, BT_REC_PRINT_VAL, 0);
		}
		break;
	case BT_F_CLEAR:
		cg_send(c, BT_REC_CLEAR, (uint32_t)a->map, NULL, 0);
		break;
	case BT_F_ZERO:
		cg_send(c, BT_REC_ZERO, (uint32_t)a->map, NULL, 0);
		break;
	case BT_F_DELETE:
		cg_map_delete(c, x);
		break;
	case BT_F_STR:
		return str(c, n);
	case BT_F_KSYM:
	case BT_F_UPTR:
	case BT_F_KPTR:
		return cg_expr(c, x);
	case BT_F_KADDR:
		return cg_const(c, (uint64_t)a->ival);
	case BT_F_USYM:
		if (x->type->kind == BT_T_USYM)
			return cg_expr(c, x);
		return cg_usym(c, cg_expr(c, x), NULL);
	case BT_F_UADDR:
		return cg_uaddr(c, n);
	case BT_F_BSWAP:
		return bswap(c, n);
	case BT_F_KSTACK:
	case BT_F_USTACK:
		return cg_stack(c, a->id == BT_F_USTACK, n->type ? n->type->stack_depth : 0);
	default:
		return cg_func_more(c, n);
	}
	return cg_const(c, 0);
}
