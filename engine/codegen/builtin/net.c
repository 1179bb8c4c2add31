// SPDX-License-Identifier: GPL-2.0
/* Emitters of network addresses: ntop, pton, macaddr. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "codegen/builtin/emit.h"

/* INET: u64 family, then 4 or 16 address bytes in network order. */
LLVMValueRef cg_emit_ntop(struct cg *c, struct bt_node *n)
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

/* the 6 bytes, zero-extended to a u64 (little endian: as stored) */
LLVMValueRef cg_emit_macaddr(struct cg *c, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	LLVMValueRef b = cg_alloca(c, 8, "mac");
	cg_memset0(c, b, 8);
	if (cg_is_bytes(x->type))
		cg_memcpy(c, b, cg_expr(c, x), 6);
	else
		cg_probe_read(c, b, 6, cg_expr(c, x), cg_space(x->type));
	return LLVMBuildLoad2(c->b, c->i64, b, ""); /* an 8-byte BT_T_FN value */
}

LLVMValueRef cg_emit_pton(struct cg *c, struct bt_node *n)
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
