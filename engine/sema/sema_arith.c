// SPDX-License-Identifier: GPL-2.0
/*
 * Pointer arithmetic and integer widths, as bpftrace 0.17 types them.
 *
 * A pointer plus or minus an integer moves by whole pointees (C's rule):
 * (int32 *)32 + 2 is 40. Pointers compare with pointers (a warning when the
 * pointees differ, as in C) and integers. Other operators on pointers
 * (pointer - pointer, *, &, ...) are refused, as bpftrace refuses them; a
 * cast to an integer gives the byte arithmetic.
 */
#include "sema/sema_arith.h"

#include <errno.h>
#include <string.h>

uint32_t bt_ptr_scale(const struct bt_type *p)
{
	const struct bt_type *e = p->elem;

	if (!e)
		return 1; /* void * */
	if (e->kind == BT_T_PTR)
		return 8;
	return e->size ? e->size : 1;
}

static bool is_ptr(const struct bt_type *t)
{
	return t->kind == BT_T_PTR;
}

/* Two pointers compared: a warning, as in C and bpftrace 0.17, when their
 * pointees differ (by name: the warning never names one type twice); void *
 * compares with any pointer. */
static void check_ptr_compare(struct bt_sema *s, const struct bt_node *n)
{
	const struct bt_type *l = n->a->type->elem, *r = n->b->type->elem;
	char b1[128], b2[128];

	if (n->op == BT_OP_LAND || n->op == BT_OP_LOR || !is_ptr(n->a->type) ||
	    !is_ptr(n->b->type) || !l || !r)
		return;
	if (strcmp(bt_type_str(l, b1, sizeof(b1)), bt_type_str(r, b2, sizeof(b2))))
		bt_sema_warn(s, &n->loc, "comparison of distinct pointer types ('%s', '%s')", b1,
			     b2);
}

int bt_sema_ptr_binop(struct bt_sema *s, struct bt_node *n)
{
	struct bt_type *l = n->a->type, *r = n->b->type;
	char b1[64], b2[64];

	if (bt_op_is_bool(n->op)) {
		/* && and || take a pointer as a truth value (bpftrace 0.17 refuses it) */
		check_ptr_compare(s, n);
		n->type = bt_sema_int64(s, false);
		return 0;
	}
	switch (n->op) {
	case BT_OP_ADD:
		if (is_ptr(l) != is_ptr(r)) {
			n->type = is_ptr(l) ? l : r;
			return 0;
		}
		break;
	case BT_OP_SUB:
		if (is_ptr(l) && !is_ptr(r)) {
			n->type = l;
			return 0;
		}
		break;
	default:
		break;
	}
	bt_sema_err(s, &n->loc,
		    "the '%s' operator cannot be used on %s and %s (cast pointers to an integer "
		    "type for byte arithmetic)",
		    bt_op_str(n->op), bt_type_str(l, b1, sizeof(b1)),
		    bt_type_str(r, b2, sizeof(b2)));
	return -EINVAL;
}

int bt_sema_ptr_compound(struct bt_sema *s, struct bt_node *n, const struct bt_type *t)
{
	char b1[64], b2[64];

	if ((n->op == BT_OP_ADD || n->op == BT_OP_SUB) && n->b->type->kind == BT_T_INT)
		return 0;
	bt_sema_err(s, &n->loc, "the '%s=' operator cannot be used on %s and %s", bt_op_str(n->op),
		    bt_type_str(t, b1, sizeof(b1)), bt_type_str(n->b->type, b2, sizeof(b2)));
	return -EINVAL;
}

struct bt_type *bt_sema_int_merge(struct bt_sema *s, struct bt_type *a, struct bt_type *b)
{
	const struct bt_type *sg, *us;
	uint32_t size;

	if (a->is_signed == b->is_signed)
		return b->size > a->size ? b : a;
	sg = a->is_signed ? a : b;
	us = a->is_signed ? b : a;
	if (sg->size > us->size)
		return (struct bt_type *)sg;
	/* a signed type twice the unsigned one's size holds both; 64 bits stay
	 * signed (uint64 and int64 make int64, as before) */
	size = us->size >= 8 ? 8 : 2 * us->size;
	return bt_t_int(s->pool, size, true);
}
