// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces (struct bt_type.user): a value read from user memory, or
 * a pointer that came from user space, is marked user, and every read
 * through it (->, ., [], *, str(), buf(), ...) uses bpf_probe_read_user.
 * The mark travels with the type: into variables, maps, casts and member
 * chains. Pointers made from integers in uprobe, uretprobe and usdt probes
 * (arg0, retval, usdt arguments) are user pointers, as in bpftrace, unless
 * they hold a kernel address (kaddr(), curtask).
 */
#include <string.h>

#include "sema/sema.h"

bool bt_sema_user_probe(const struct bt_sema *s)
{
	return s->cur && s->cur->pv->user;
}

struct bt_type *bt_sema_in_user(struct bt_sema *s, struct bt_type *t)
{
	if (!t || t->user)
		return t;
	struct bt_type *c = bt_pool_alloc(s->pool, sizeof(*c));
	if (!c)
		return t;
	*c = *t;
	c->user = true;
	return c;
}

bool bt_sema_chain_user(const struct bt_node *n)
{
	while (n->kind == BT_N_FIELD || n->kind == BT_N_INDEX) {
		const struct bt_type *t = n->a->type;
		if (t && (t->kind == BT_T_PTR || t->user))
			return t->user;
		n = n->a;
	}
	return n->type && n->type->user;
}

/* An integer that holds a kernel address: kaddr(), curtask, a kernel
 * pointer turned into a number, or arithmetic on one. */
static bool kernel_origin(const struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	const struct bt_type *t = n->type;
	if (t && t->kind == BT_T_PTR && !t->user)
		return true;
	switch (n->kind) {
	case BT_N_CALL:
		return a && a->id == BT_F_KADDR;
	case BT_N_BUILTIN:
		return a && a->id == BT_B_CURTASK;
	case BT_N_BINOP:
		return kernel_origin(n->a) || kernel_origin(n->b);
	case BT_N_CAST:
		return kernel_origin(n->a);
	default:
		return false;
	}
}

void bt_sema_cast_space(struct bt_sema *s, struct bt_type *to, const struct bt_node *x)
{
	const struct bt_type *from = x->type;
	if (to->kind != BT_T_PTR)
		return;
	if (from->kind == BT_T_PTR || from->kind == BT_T_ARRAY)
		to->user = from->user;
	else
		to->user = from->user || (bt_sema_user_probe(s) && !kernel_origin(x));
	to->kernel = !to->user && from->kernel;
}

bool bt_sema_in_memory(const struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	if (n->kind == BT_N_UNOP)
		return n->op == BT_OP_DEREF;
	if (n->kind != BT_N_FIELD && n->kind != BT_N_INDEX)
		return false;
	return a && (a->acc == BT_ACC_MEM || a->acc == BT_ACC_CTX);
}

bool bt_sema_agg_compare(struct bt_sema *s, struct bt_node *n)
{
	const struct bt_type *l = n->a->type, *r = n->b->type;
	if ((n->op != BT_OP_EQ && n->op != BT_OP_NE) || l->kind != r->kind ||
	    (l->kind != BT_T_ARRAY && l->kind != BT_T_RECORD && l->kind != BT_T_BUF))
		return false;
	if ((l->size != r->size && l->kind != BT_T_BUF) || !bt_t_equal(l, r))
		return false; /* buf()s of different sizes: their lengths differ or the bytes do */
	n->type = bt_sema_int64(s, false);
	return true;
}
