// SPDX-License-Identifier: GPL-2.0
/* Stacks and symbols: kstack, ustack (variables and functions), ksym(), usym(). */
#include <string.h>

#include "builtin/check.h"

static int stack_var(struct bt_sema *s, struct bt_node *n, enum bt_tkind k, uint32_t size)
{
	s->prog->uses_stackmap = true;
	n->type = bt_t_new(s->pool, k, size);
	return 0;
}

int bt_chk_kstack_var(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return stack_var(s, n, BT_T_KSTACK, 8);
}

int bt_chk_ustack_var(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return stack_var(s, n, BT_T_USTACK, 16);
}

/* kstack([mode][, depth]): mode is bpftrace, perf or raw */
static int stack_args(struct bt_sema *s, struct bt_node *n, struct bt_type *t)
{
	static const char *const modes[] = {
		[BT_STACK_BPFTRACE] = "bpftrace",
		[BT_STACK_PERF] = "perf",
		[BT_STACK_RAW] = "raw",
	};
	s->prog->uses_stackmap = true;
	for (size_t i = 0; i < n->list.n; i++) {
		struct bt_node *x = n->list.v[i];
		bool mode = false;
		for (int m = 0; x->kind == BT_N_BUILTIN && i == 0 && n->list.n <= 2 && m < 3; m++)
			if (!strcmp(x->str, modes[m])) {
				t->stack_mode = (enum bt_stack_mode)m;
				mode = true;
			}
		if (mode)
			continue;
		int64_t d;
		if (bt_sema_const_int(s, x, &d))
			return -EINVAL;
		if (d < 1 || d > 127) {
			bt_sema_err(s, &x->loc, "%s: the depth must be from 1 to 127", n->str);
			return -EINVAL;
		}
		t->stack_depth = (int)d;
	}
	n->type = t;
	return 0;
}

int bt_chk_kstack(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return stack_args(s, n, bt_t_new(s->pool, BT_T_KSTACK, 8));
}

int bt_chk_ustack(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return stack_args(s, n, bt_t_new(s->pool, BT_T_USTACK, 16));
}

int bt_chk_sym(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)to;
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (a->id == BT_F_USYM && x->type->kind == BT_T_USYM) {
		n->type = x->type; /* usym(func) in a uprobe */
		return 0;
	}
	if (!bt_is_addr(x->type) && x->type->kind != BT_T_KSYM) {
		bt_sema_err(s, &x->loc, "%s() needs an address", n->str);
		return -EINVAL;
	}
	if (a->id == BT_F_USYM) {
		/* {address, pid}: resolved in that process's mappings when printed */
		n->type = bt_t_new(s->pool, BT_T_USYM, 16);
		return 0;
	}
	n->type = bt_t_new(s->pool, BT_T_KSYM, 8);
	return 0;
}
