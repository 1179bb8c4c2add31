// SPDX-License-Identifier: GPL-2.0
/*
 * arg0..argN of a usdt probe: how each is passed comes from the SDT notes
 * (probe/usdt.c), per site; each site is a target of the probe's one
 * program. The annotation's usdt_sites holds each target's reading, in the
 * order of the program's targets: codegen (cg_usdt_arg) compiles one
 * reading where they are alike, else chooses by the attach cookie. acc,
 * off, bit_size and ival describe the first site (BT_ACC_VALUE: a
 * constant, BT_ACC_CTX: a register, BT_ACC_MEM: user memory). The value is
 * a 64-bit integer, signed when a note says so (bpftrace 0.17 types them
 * int64/uint64 too).
 */
#include <errno.h>
#include <string.h>

#include "probe/probe.h"
#include "sema/sema.h"

int bt_sema_usdt_arg(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	const struct bt_probe *pr = &s->prog->probes[s->cur->first_probe];
	struct bt_usdt_arg *v = bt_pool_alloc(s->pool, (pr->ntargets + 1) * sizeof(*v));
	bool is_signed = false;
	char why[256];

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < pr->ntargets; i++) {
		const struct bt_target *t = &pr->targets[i];

		if (bt_usdt_arg(t->target, t->arg, (int)a->ival, &v[i], why, sizeof(why))) {
			bt_sema_err(s, &n->loc, "%s: %s: %s", n->str, t->name, why);
			return -EINVAL;
		}
		is_signed |= v[i].is_signed;
	}
	a->usdt_sites = v;
	a->acc = v[0].kind == BT_USDT_ARG_CONST ? BT_ACC_VALUE
		 : v[0].kind == BT_USDT_ARG_REG ? BT_ACC_CTX
						: BT_ACC_MEM;
	a->off = v[0].reg_off;
	a->bit_size = (uint32_t)v[0].size * 8;
	a->ival = v[0].val;
	n->type = bt_sema_int64(s, is_signed);
	return 0;
}
