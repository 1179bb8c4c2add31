// SPDX-License-Identifier: GPL-2.0
/* Codegen for ntop, pton, buf, macaddr, cgroupid, cgroup_path, join, strncmp, strftime,
 * signal and reg. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "codegen/cg.h"

static bool is_bytes(const struct bt_type *t)
{
	return t->kind == BT_T_ARRAY || t->kind == BT_T_STR || t->kind == BT_T_RECORD;
}

/* INET: u64 family, then 4 or 16 address bytes in network order. */
static LLVMValueRef ntop(struct cg *c, struct bt_node *n)
{
	struct bt_node *addr = n->list.v[n->list.n - 1];
	const struct bt_type *t = addr->type;
	LLVMValueRef buf = cg_alloca(c, 24, "inet");
	LLVMValueRef fam;
	cg_memset0(c, buf, 24);
	if (n->list.n == 2)
		fam = cg_expr(c, n->list.v[0]);
	else
		fam = cg_const(c, t->kind != BT_T_INT && t->size == 16 ? AF_INET6 : AF_INET);
	cg_store_i64(c, buf, 0, fam);
	if (t->kind == BT_T_INT) {
		LLVMValueRef v = LLVMBuildTrunc(c->b, cg_expr(c, addr), c->i32, "");
		LLVMValueRef st = LLVMBuildStore(c->b, v, cg_gep(c, buf, 8));
		LLVMSetAlignment(st, 1);
	} else {
		cg_memcpy(c, cg_gep(c, buf, 8), cg_expr(c, addr), t->size);
	}
	return buf;
}

/* BUF: u32 length, then the bytes. */
static LLVMValueRef buf(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	struct bt_node *x = n->list.v[0];
	uint32_t len = n->type->size - 4;
	LLVMValueRef b = cg_alloca(c, 4 + len, "buf");
	LLVMValueRef l, st;
	cg_memset0(c, b, (4 + len + 7) / 8 * 8);
	if (is_bytes(x->type)) {
		cg_memcpy(c, cg_gep(c, b, 4), cg_expr(c, x), len);
		st = LLVMBuildStore(c->b, LLVMConstInt(c->i32, len, 0), b);
		LLVMSetAlignment(st, 1);
		return b;
	}
	LLVMValueRef addr = cg_expr(c, x);
	if (a->ival >= 0) {
		l = cg_const(c, len);
	} else {
		LLVMValueRef v = cg_expr(c, n->list.v[1]);
		LLVMValueRef big = LLVMBuildICmp(c->b, LLVMIntUGT, v, cg_const(c, len), "");
		l = LLVMBuildSelect(c->b, big, cg_const(c, len), v, "");
	}
	LLVMValueRef l32 = LLVMBuildTrunc(c->b, l, c->i32, "");
	st = LLVMBuildStore(c->b, l32, b);
	LLVMSetAlignment(st, 1);
	int space = cg_space(x->type);
	int h = space == 1 ? H_PROBE_READ_KERNEL : space == 2 ? H_PROBE_READ_USER : H_PROBE_READ;
	LLVMValueRef args[3] = { cg_gep(c, b, 4), l32, addr };
	cg_helper(c, h, args, 3);
	return b;
}

static LLVMValueRef macaddr(struct cg *c, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	LLVMValueRef b = cg_alloca(c, 8, "mac");
	cg_memset0(c, b, 8);
	if (is_bytes(x->type))
		cg_memcpy(c, b, cg_expr(c, x), 6);
	else
		cg_probe_read(c, b, 6, cg_expr(c, x), cg_space(x->type));
	return b;
}

/*
 * join(argv, sep): up to 16 strings read from the pointer array, sent in a
 * reserved ring buffer record (16 KiB does not fit on the BPF stack). A
 * string that cannot be read is zeroed by the helper and ends the list.
 */
static void join(struct cg *c, struct bt_node *n)
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
}

/* 0 when the first len bytes match up to a NUL, else 1 (bpftrace's strncmp). */
static LLVMValueRef strncmp_(struct cg *c, struct bt_node *n)
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

static LLVMValueRef pton(struct cg *c, struct bt_node *n)
{
	unsigned char b[16] = { 0 };
	uint32_t len = n->type->size;
	LLVMValueRef buf = cg_alloca(c, 16, "pton");
	inet_pton(len == 4 ? AF_INET : AF_INET6, n->list.v[0]->str, b);
	cg_memset0(c, buf, 16);
	for (uint32_t i = 0; i < len; i++) {
		LLVMValueRef st = LLVMBuildStore(c->b, LLVMConstInt(c->i8, b[i], 0), cg_gep(c, buf, i));
		LLVMSetAlignment(st, 1);
	}
	return buf;
}

LLVMValueRef cg_func_more(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	LLVMValueRef v;
	switch ((enum bt_func_id)a->id) {
	case BT_F_NTOP:
		return ntop(c, n);
	case BT_F_BUF:
		return buf(c, n);
	case BT_F_MACADDR:
		return macaddr(c, n);
	case BT_F_CGROUPID:
		return cg_const(c, (uint64_t)a->ival);
	case BT_F_JOIN:
		join(c, n);
		break;
	case BT_F_STRNCMP:
		return strncmp_(c, n);
	case BT_F_STRFTIME:
		return cg_expr(c, n->list.v[1]);
	case BT_F_CGROUP_PATH:
		return cg_expr(c, n->list.v[0]);
	case BT_F_PTON:
		return pton(c, n);
	case BT_F_SIGNAL: {
		v = a->ival >= 0 ? cg_const(c, (uint64_t)a->ival) : cg_expr(c, n->list.v[0]);
		LLVMValueRef s32 = LLVMBuildTrunc(c->b, v, c->i32, "");
		cg_helper(c, H_SEND_SIGNAL, &s32, 1);
		break;
	}
	case BT_F_REG:
		return cg_load_u64(c, c->ctxarg, (uint64_t)a->ival);
	default:
		break;
	}
	return cg_const(c, 0);
}
