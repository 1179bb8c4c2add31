// SPDX-License-Identifier: GPL-2.0
/* Builtin variables of the probe's context: args, argN, sargN, retval, probe, func, ctx. */
#include "builtin/check.h"
#include "kernel/ktypes.h"

static bool has_args_ctx(enum bt_provider_id p)
{
	return p == BT_P_TRACEPOINT || p == BT_P_TPBTF || p == BT_P_KFUNC || p == BT_P_KRETFUNC ||
	       p == BT_P_RAWTP;
}

int bt_chk_args(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id prov = s->cur->prov;
	(void)a, (void)to;
	if (prov == BT_P_UPROBE)
		return bt_sema_uprobe_args(s, n);
	if (!has_args_ctx(prov) || !s->cur->args) {
		bt_sema_err(s, &n->loc, "'args' is only available in tracepoint, rawtracepoint and kfunc probes");
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_CTX, 8);
	n->type->elem = s->cur->args;
	return 0;
}

int bt_chk_arg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id prov = s->cur->prov;
	(void)to;
	if (prov == BT_P_RAWTP || prov == BT_P_TPBTF) {
		if (a->ival >= s->cur->nargs) {
			bt_sema_err(s, &n->loc, "%s: this tracepoint has %d arguments", n->str,
				    s->cur->nargs);
			return -EINVAL;
		}
		n->type = s->cur->arg_btf ? bt_ktype(s->pool, s->cur->arg_btf[a->ival])
					  : bt_t_int(s->pool, 8, false);
		if (n->type->kind != BT_T_INT && n->type->kind != BT_T_PTR)
			n->type = bt_t_int(s->pool, 8, false);
		return 0;
	}
	if (prov == BT_P_USDT)
		return bt_sema_usdt_arg(s, n);
	if (prov != BT_P_KPROBE && prov != BT_P_UPROBE) {
		bt_sema_err(s, &n->loc, "'%s' is only available in kprobe, uprobe and rawtracepoint probes",
			    n->str);
		return -EINVAL;
	}
	if (a->ival > 5) {
		bt_sema_err(s, &n->loc, "only arg0..arg5 are passed in registers");
		return -EINVAL;
	}
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

int bt_chk_sarg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id prov = s->cur->prov;
	(void)a, (void)to;
	if (prov != BT_P_KPROBE && prov != BT_P_UPROBE) {
		bt_sema_err(s, &n->loc, "'%s' is only available in kprobe and uprobe probes", n->str);
		return -EINVAL;
	}
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

int bt_chk_retval(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id prov = s->cur->prov;
	(void)a, (void)to;
	if (prov != BT_P_KRETPROBE && prov != BT_P_URETPROBE && prov != BT_P_KRETFUNC) {
		bt_sema_err(s, &n->loc, "'retval' is only available in kretprobe, uretprobe and kretfunc probes");
		return -EINVAL;
	}
	n->type = bt_t_int(s->pool, 8, false);
	if (prov == BT_P_KRETFUNC && s->cur->ret_btf > 0) {
		struct bt_type *t = bt_ktype(s->pool, s->cur->ret_btf);
		if (t && (t->kind == BT_T_INT || t->kind == BT_T_PTR))
			n->type = t;
	}
	return 0;
}

int bt_chk_probe(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	n->type = bt_t_new(s->pool, BT_T_PROBE, 8);
	return 0;
}

int bt_chk_func(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id prov = s->cur->prov;
	(void)a, (void)to;
	if (prov != BT_P_KPROBE && prov != BT_P_KRETPROBE && prov != BT_P_KFUNC &&
	    prov != BT_P_KRETFUNC && prov != BT_P_UPROBE && prov != BT_P_URETPROBE) {
		bt_sema_err(s, &n->loc, "'func' is only available in kprobe, kfunc and uprobe probes");
		return -EINVAL;
	}
	if (prov == BT_P_UPROBE || prov == BT_P_URETPROBE) {
		/* a user address: {ip, pid}, resolved in the process (cg_usym) */
		n->type = bt_t_new(s->pool, BT_T_USYM, 16);
		return 0;
	}
	n->type = bt_t_new(s->pool, BT_T_KSYM, 8);
	return 0;
}

/* ctx: the probe's registers, a struct pt_regs * in kernel memory */
int bt_chk_ctx(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	enum bt_provider_id p = s->cur->prov;
	(void)a, (void)to;
	if (p == BT_P_TRACEPOINT) {
		bt_sema_err(s, &n->loc, "use args instead of ctx in tracepoint probes");
		return -EINVAL;
	}
	if (p != BT_P_KPROBE && p != BT_P_KRETPROBE && p != BT_P_UPROBE && p != BT_P_URETPROBE &&
	    p != BT_P_USDT && p != BT_P_PROFILE && p != BT_P_INTERVAL && p != BT_P_SOFTWARE &&
	    p != BT_P_HARDWARE) {
		bt_sema_err(s, &n->loc, "'ctx' is only available in kprobe, uprobe, usdt, profile, "
			    "interval, software and hardware probes");
		return -EINVAL;
	}
	int tid = bt_ktype_find("struct pt_regs");
	struct bt_type *rec = tid > 0 ? bt_ktype(s->pool, tid) : NULL;
	if (rec)
		rec->btf_id = tid;
	n->type = rec ? bt_t_ptr(s->pool, rec) : bt_t_int(s->pool, 8, false);
	return 0;
}
