// SPDX-License-Identifier: GPL-2.0
/* Time: nsecs, elapsed (vars.c's u64 check), time() and strftime(). */
#include "builtin/check.h"

int bt_chk_time(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.n ? n->list.v[0] : NULL;
	const char *f = "%H:%M:%S\n";
	(void)to;
	if (x) {
		if (!bt_sema_str_literal(s, x)) {
			bt_sema_err(s, &x->loc, "time: the format must be a string literal");
			return -EINVAL;
		}
		f = x->str;
	}
	a->fmt = bt_sema_add_fmt(s, f, NULL, n);
	return 0;
}

int bt_chk_strftime(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *f = n->list.v[0], *x = n->list.v[1];
	(void)a, (void)to;
	if (!bt_sema_str_literal(s, f)) {
		bt_sema_err(s, &f->loc, "strftime: the format must be a string literal");
		return -EINVAL;
	}
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		bt_sema_err(s, &x->loc, "strftime() takes nanoseconds since boot (nsecs)");
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_TIMESTAMP, 8);
	n->type->name = bt_pool_strdup(s->pool, f->str);
	return 0;
}
