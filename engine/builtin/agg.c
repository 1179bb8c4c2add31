// SPDX-License-Identifier: GPL-2.0
/* Aggregations: count, sum, min, max, avg, stats, hist, lhist (map values). */
#include "builtin/check.h"

int bt_chk_agg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_builtin_id id = (enum bt_builtin_id)a->id;
	if (!to) {
		bt_sema_err(s, &n->loc, "%s() must be assigned to a map: @x = %s(...)", n->str,
			    n->str);
		return -EINVAL;
	}
	struct bt_type *t = bt_t_new(s->pool, BT_T_AGG, 8);
	static const enum bt_agg kinds[BT_BUILTIN_COUNT] = {
		[BT_F_COUNT] = BT_AGG_COUNT, [BT_F_SUM] = BT_AGG_SUM,
		[BT_F_MIN] = BT_AGG_MIN,     [BT_F_MAX] = BT_AGG_MAX,
		[BT_F_AVG] = BT_AGG_AVG,     [BT_F_STATS] = BT_AGG_STATS,
		[BT_F_HIST] = BT_AGG_HIST,   [BT_F_LHIST] = BT_AGG_LHIST,
	};
	t->agg = kinds[id];
	t->is_signed = true;
	if (n->list.n) {
		struct bt_node *x = n->list.v[0];
		if (bt_sema_expr(s, x))
			return -EINVAL;
		if (!bt_is_addr(x->type)) {
			bt_sema_err(s, &x->loc, "%s() needs an integer", n->str);
			return -EINVAL;
		}
		if (id == BT_F_SUM || id == BT_F_MIN || id == BT_F_MAX)
			t->is_signed = x->type->is_signed;
	}
	if (id == BT_F_LHIST) {
		int64_t mn, mx, st;
		if (bt_sema_const_int(s, n->list.v[1], &mn) ||
		    bt_sema_const_int(s, n->list.v[2], &mx) ||
		    bt_sema_const_int(s, n->list.v[3], &st))
			return -EINVAL;
		if (mn < 0 || mx <= mn || st <= 0 || (mx - mn) / st > 1000) {
			bt_sema_err(s, &n->loc,
				    "lhist(value, min, max, step): needs 0 <= min < max, step > 0 "
				    "and at most 1000 buckets");
			return -EINVAL;
		}
		t->lhist_min = mn;
		t->lhist_max = mx;
		t->lhist_step = st;
	}
	n->type = t;
	return bt_sema_map_value(s, to, t);
}
