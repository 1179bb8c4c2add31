// SPDX-License-Identifier: GPL-2.0
/* Builtin variables of the current task and CPU: pid, tid, uid, comm, curtask, ... */
#include "builtin/check.h"
#include "kernel/ktypes.h"

int bt_chk_none(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)s, (void)n, (void)a, (void)to;
	return 0;
}

int bt_chk_u64(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

int bt_chk_comm(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	n->type = bt_t_str(s->pool, 16);
	return 0;
}

int bt_chk_username(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	n->type = bt_t_new(s->pool, BT_T_USERNAME, 8);
	return 0;
}

int bt_chk_cpid(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (!s->have_cpid && !s->have_cmd) {
		bt_sema_err(s, &n->loc, "cpid needs a child command: run with -c CMD");
		return -EINVAL;
	}
	if (!s->have_cpid && s->pass == 2 && !s->prog->needs_cpid)
		s->prog->needs_cpid = true;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

int bt_chk_curtask(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	int tid = bt_ktype_find("struct task_struct");
	struct bt_type *rec = NULL;
	if (bt_sema_find_record(s, "struct task_struct")) { /* the script's wins */
		struct bt_typename tn = {.name = (char *)"struct task_struct", .array = -1};
		rec = bt_sema_typename(s, &tn, &n->loc);
	} else if (tid > 0) {
		rec = bt_ktype(s->pool, tid);
		rec->btf_id = tid;
	}
	n->type = rec ? bt_t_ptr(s->pool, rec) : bt_t_int(s->pool, 8, false);
	return 0;
}
