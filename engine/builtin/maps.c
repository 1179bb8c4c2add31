// SPDX-License-Identifier: GPL-2.0
/* Map functions: clear, zero, delete. */
#include "builtin/check.h"

int bt_chk_want_map(struct bt_sema *s, struct bt_node *n, struct bt_node *m, bool keys_ok)
{
	if (m->kind != BT_N_MAP) {
		bt_sema_err(s, &m->loc, "%s() takes a map", n->str);
		return -EINVAL;
	}
	if (!keys_ok && m->list.n) {
		bt_sema_err(s, &m->loc, "%s() takes a whole map, not an element", n->str);
		return -EINVAL;
	}
	if (keys_ok) {
		if (bt_sema_map_ref(s, m, false))
			return -EINVAL;
	} else {
		/* a whole map: resolve without unifying keys */
		struct bt_nodelist saved = m->list;
		if (bt_sema_map_whole(s, m))
			return -EINVAL;
		m->list = saved;
	}
	bt_sema_ann(s, n)->map = ((struct bt_ann *)m->sema)->map;
	return 0;
}

int bt_chk_whole_map(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return bt_chk_want_map(s, n, n->list.v[0], false);
}

int bt_chk_delete(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)a, (void)to;
	if (x->kind != BT_N_MAP) {
		bt_sema_err(s, &x->loc, "delete() takes a map element: delete(@m[key])");
		return -EINVAL;
	}
	return bt_chk_want_map(s, n, x, true);
}
