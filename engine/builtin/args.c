// SPDX-License-Identifier: GPL-2.0
/* Builtin variables of the probe's context: args, argN, sargN, retval, probe, func, ctx. */
#include "builtin/check.h"
#include "kernel/ktypes.h"

int bt_chk_args(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	const struct bt_provider *pv = s->cur->pv;
	(void)a, (void)to;
	if (pv->args == BT_ARGS_DEBUGINFO)
		return bt_sema_uprobe_args(s, n);
	if (pv->args == BT_ARGS_NONE || !s->cur->args) {
		bt_sema_err(
			s, &n->loc,
			"'args' is only available in tracepoint, rawtracepoint and kfunc probes");
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_CTX, 8);
	n->type->elem = s->cur->args;
	return 0;
}

/* argN, sargN, retval of a register-based probe: a uint64 that, in a kernel
 * probe, str()/buf()/a cast read as kernel memory (bpftrace 0.17's kernel
 * address space for kprobe arguments: str(arg1) of a user path reads ""). */
static struct bt_type *kernel_int(struct bt_sema *s)
{
	struct bt_type *t = bt_t_int(s->pool, 8, false);
	if (t && !s->cur->pv->user)
		t->kernel = true;
	return t;
}

int bt_chk_arg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	const struct bt_provider *pv = s->cur->pv;
	(void)to;
	if (pv->argn == BT_ARGN_CTX) {
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
	if (pv->argn == BT_ARGN_USDT)
		return bt_sema_usdt_arg(s, n);
	if (pv->argn != BT_ARGN_REGS) {
		bt_sema_err(s, &n->loc,
			    "'%s' is only available in kprobe, uprobe and rawtracepoint probes",
			    n->str);
		return -EINVAL;
	}
	if (a->ival > 5) {
		bt_sema_err(s, &n->loc, "only arg0..arg5 are passed in registers");
		return -EINVAL;
	}
	n->type = kernel_int(s);
	return 0;
}

int bt_chk_sarg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (!(s->cur->pv->allows & BT_PA_SARG)) {
		bt_sema_err(s, &n->loc, "'%s' is only available in kprobe and uprobe probes",
			    n->str);
		return -EINVAL;
	}
	n->type = kernel_int(s);
	return 0;
}

int bt_chk_retval(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	const struct bt_provider *pv = s->cur->pv;
	(void)a, (void)to;
	if (!pv->is_return) {
		bt_sema_err(
			s, &n->loc,
			"'retval' is only available in kretprobe, uretprobe and kretfunc probes");
		return -EINVAL;
	}
	n->type = kernel_int(s);
	if (pv->args == BT_ARGS_BTF_FUNC && s->cur->ret_btf > 0) {
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
	const struct bt_provider *pv = s->cur->pv;
	(void)a, (void)to;
	if (!(pv->allows & BT_PA_FUNC)) {
		bt_sema_err(s, &n->loc,
			    "'func' is only available in kprobe, kfunc and uprobe probes");
		return -EINVAL;
	}
	if (pv->user) {
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
	const struct bt_provider *pv = s->cur->pv;
	(void)a, (void)to;
	if (pv->args == BT_ARGS_TP_FORMAT) {
		bt_sema_err(s, &n->loc, "use args instead of ctx in tracepoint probes");
		return -EINVAL;
	}
	if (pv->ctx != BT_CTX_PT_REGS && pv->ctx != BT_CTX_PERF) {
		bt_sema_err(s, &n->loc,
			    "'ctx' is only available in kprobe, uprobe, usdt, profile, "
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
