// SPDX-License-Identifier: GPL-2.0
/*
 * Sema for builtins: finds the row (engine/builtin/builtins.def), checks the
 * argument count and runs the row's check; compile-time integer arguments.
 */
#include "sema/sema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front/consts.h"
#include "kernel/ktypes.h"
#include "settings.h"

uint32_t bt_strlen_default(void)
{
	return bt_settings()->strlen;
}

bool bt_sema_is_const_int(const struct bt_node *x)
{
	const struct bt_ann *a = x->sema;
	if (x->kind == BT_N_INT)
		return true;
	if (x->kind == BT_N_UNOP && x->op == BT_OP_NEG && x->a->kind == BT_N_INT)
		return true;
	return a && a->id == BT_B_CONST && x->kind != BT_N_CALL;
}

int bt_sema_const_int(struct bt_sema *s, struct bt_node *x, int64_t *v)
{
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->kind == BT_N_INT) {
		*v = (int64_t)x->num;
		return 0;
	}
	if (x->kind == BT_N_UNOP && x->op == BT_OP_NEG && x->a->kind == BT_N_INT) {
		*v = -(int64_t)x->a->num;
		return 0;
	}
	struct bt_ann *a = x->sema;
	if (a && a->id == BT_B_CONST &&
	    (x->kind == BT_N_BUILTIN || x->kind == BT_N_POSITIONAL || x->kind == BT_N_SIZEOF)) {
		*v = a->ival;
		return 0;
	}
	bt_sema_err(s, &x->loc, "expected an integer constant");
	return -EINVAL;
}

bool bt_sema_str_literal(struct bt_sema *s, struct bt_node *x)
{
	struct bt_node *p = x->list.n == 1 ? x->list.v[0] : NULL;
	if (x->kind == BT_N_CALL && p && p->kind == BT_N_POSITIONAL && !p->flag &&
	    bt_builtin_find(x->str, true, NULL) == &bt_builtins[BT_F_STR]) {
		int k = (int)p->num;
		char *v = strdup(k >= 1 && k <= s->nargs ? s->args[k - 1] : "");
		if (!v)
			return false;
		bt_node_free(p);
		free(x->list.v);
		x->list.v = NULL;
		x->list.n = x->list.cap = 0;
		free(x->str);
		x->str = v;
		x->str_len = strlen(v);
		x->kind = BT_N_STR;
	}
	return x->kind == BT_N_STR;
}

int bt_sema_builtin(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	long num = 0;
	const struct bt_builtin *b = bt_builtin_find(n->str, false, &num);
	if (!b) {
		int64_t v;
		if (bt_sema_enum_value(s, n->str, &v) || bt_const_lookup(n->str, &v) ||
		    bt_kenum_value(n->str, &v)) {
			a->id = BT_B_CONST;
			a->ival = v;
			n->type = bt_sema_int64(s, true);
			return 0;
		}
		bt_sema_err(s, &n->loc, "unknown identifier '%s'", n->str);
		return -EINVAL;
	}
	a->id = (int)(b - bt_builtins);
	a->ival = num;
	return b->check(s, n, a, NULL);
}

int bt_sema_call(struct bt_sema *s, struct bt_node *n, struct bt_node *assign_to)
{
	const struct bt_builtin *b = bt_builtin_find(n->str, true, NULL);
	if (!b) {
		bt_sema_err(s, &n->loc, "unknown function '%s'", n->str);
		return -EINVAL;
	}
	if ((int)n->list.n < b->min || (int)n->list.n > b->max) {
		if (b->min == b->max)
			bt_sema_err(s, &n->loc, "%s() takes %d argument%s, %zu given", n->str,
				    b->min, b->min == 1 ? "" : "s", n->list.n);
		else
			bt_sema_err(s, &n->loc, "%s() takes %d to %d arguments, %zu given", n->str,
				    b->min, b->max, n->list.n);
		return -EINVAL;
	}
	struct bt_ann *a = bt_sema_ann(s, n);
	a->id = (int)(b - bt_builtins);
	n->type = bt_t_new(s->pool, BT_T_NONE, 0);
	return b->check(s, n, a, assign_to);
}
