// SPDX-License-Identifier: GPL-2.0
/*
 * uaddr("sym"): a symbol's address in the uprobe's binary, typed as bpftrace
 * 0.17 types it (a user pointer to an integer of the symbol's size: 1, 2, 4,
 * else 8 bytes). In a fixed-address executable (ET_EXEC) it is the symbol's
 * value. In a PIE or library the load address is known only in the probed
 * process: a uprobe (not a uretprobe) on one function computes it there as
 * the probed ip minus that function's address plus the symbol's, so it is
 * right in every process; bpftrace 0.17 returns the unrelocated value, which
 * points nowhere. Sema sets ann->ival = the address or that delta and
 * ann->off = 1 for the ip-relative form (codegen: cg_emit_uaddr).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "probe/probe.h"
#include "sema/sema.h"
#include "sym/usym.h"

int bt_sema_uaddr(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	struct bt_node *x = n->list.v[0];
	const struct bt_probe *pr;
	unsigned long long fn_vaddr;
	uint64_t addr, size;
	const char *target;
	struct bt_elf *e;
	char bin[4096];
	bool dyn;

	if (x->kind != BT_N_STR) {
		bt_sema_err(s, &x->loc, "uaddr() takes a symbol name as a string literal");
		return -EINVAL;
	}
	if (!(s->cur->pv->allows & BT_PA_UADDR)) {
		bt_sema_err(s, &n->loc, "uaddr() is only available in uprobe and uretprobe probes");
		return -EINVAL;
	}
	pr = &s->prog->probes[s->cur->first_probe];
	target = pr->targets[0].target;
	snprintf(bin, sizeof(bin), "%.*s", (int)(strrchr(target, ':') - target), target);
	for (size_t i = 1; i < pr->ntargets; i++) {
		if (strncmp(pr->targets[i].target, bin, strlen(bin)) ||
		    pr->targets[i].target[strlen(bin)] != ':') {
			bt_sema_err(s, &n->loc,
				    "uaddr(\"%s\"): this probe attaches to several binaries",
				    x->str);
			return -EINVAL;
		}
	}
	e = bt_elf_get(bin);
	if (!e || !bt_elf_lookup(e, x->str, &addr, &size)) {
		bt_sema_err(s, &n->loc, "uaddr(\"%s\"): no symbol '%s' in %s", x->str, x->str, bin);
		return -EINVAL;
	}
	a->ival = (int64_t)addr;
	a->off = 0;
	if (bt_elf_is_dyn(e)) {
		if (s->cur->pv->is_return || pr->ntargets != 1 ||
		    bt_uprobe_target_vaddr(target, &fn_vaddr, &dyn)) {
			bt_sema_err(
				s, &n->loc,
				"uaddr(\"%s\"): %s is position-independent, so the address is "
				"known "
				"only in a uprobe on one of its functions (not a uretprobe or a "
				"wildcard)",
				x->str, bin);
			return -EINVAL;
		}
		a->ival = (int64_t)(addr - fn_vaddr);
		a->off = 1;
	}
	n->type = bt_t_ptr(
		s->pool,
		bt_t_int(s->pool, size == 1 || size == 2 || size == 4 ? (uint32_t)size : 8, false));
	n->type->user = true;
	return 0;
}
