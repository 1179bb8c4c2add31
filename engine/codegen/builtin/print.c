// SPDX-License-Identifier: GPL-2.0
/* Emitters of records for the printer: printf, system, cat, print, exit; debugf. */
#include "codegen/builtin/emit.h"

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
	LLVMValueRef buf = cg_record(c, kind, (uint32_t)a->fmt, size);
	for (uint32_t i = 0; t && i < t->count; i++) {
		struct bt_node *e = n->list.v[first + i];
		cg_expr_into(c, e, cg_gep(c, buf, 8 + t->offs[i]), bt_t_storage(t->elems[i]));
	}
	cg_ringbuf_out(c, buf, 8 + size);
}

LLVMValueRef cg_emit_printf(struct cg *c, struct bt_node *n)
{
	send_args(c, n, BT_REC_PRINTF, 1);
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_system(struct cg *c, struct bt_node *n)
{
	send_args(c, n, BT_REC_SYSTEM, 1);
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_cat(struct cg *c, struct bt_node *n)
{
	send_args(c, n, BT_REC_CAT, 1);
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_print(struct cg *c, struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	if (n->list.v[0]->kind == BT_N_MAP && a->fmt < 0) {
		LLVMValueRef buf = cg_record(c, BT_REC_PRINT_MAP, (uint32_t)a->map, 16);
		for (size_t i = 1; i < n->list.n && i < 3; i++)
			cg_store_i64(c, buf, 8 * i, cg_expr(c, n->list.v[i]));
		cg_ringbuf_out(c, buf, 24);
	} else {
		send_args(c, n, BT_REC_PRINT_VAL, 0);
	}
	return cg_const(c, 0);
}

LLVMValueRef cg_emit_exit(struct cg *c, struct bt_node *n)
{
	(void)n;
	LLVMSetVolatile(LLVMBuildStore(c->b, cg_const(c, 1), cg_stop_flag(c)), 1);
	cg_send(c, BT_REC_EXIT, 0, NULL, 0);
	LLVMBuildRet(c->b, cg_const(c, 0));
	cg_dead_block(c);
	return cg_const(c, 0);
}

#define H_TRACE_PRINTK 6

/* bpf_trace_printk(fmt, size, up to 3 integers or string addresses) */
LLVMValueRef cg_emit_debugf(struct cg *c, struct bt_node *n)
{
	struct bt_node *f = n->list.v[0];
	LLVMValueRef args[5];
	args[0] = cg_expr(c, f);
	args[1] = LLVMConstInt(c->i32, f->str_len + 1, 0);
	for (size_t i = 1; i < n->list.n; i++) {
		struct bt_node *x = n->list.v[i];
		LLVMValueRef v = cg_expr(c, x);
		args[i + 1] = cg_is_scalar(x->type) ? v : LLVMBuildPtrToInt(c->b, v, c->i64, "");
	}
	cg_helper(c, H_TRACE_PRINTK, args, (unsigned)n->list.n + 1);
	return cg_const(c, 0);
}
