// SPDX-License-Identifier: GPL-2.0
/*
 * arg0..argN of a usdt probe: how each is passed comes from the SDT notes
 * (probe/usdt.c); every site of every target of the probe must pass it
 * alike, since one program serves them all. The annotation tells codegen
 * (cg_usdt_arg): acc BT_ACC_VALUE: the constant ival; BT_ACC_CTX: the
 * register at pt_regs offset off; BT_ACC_MEM: bit_size / 8 bytes of user
 * memory at that register + ival. The value is a 64-bit integer, signed
 * when the note says so (bpftrace 0.17 types them int64/uint64 too).
 */
#include <errno.h>
#include <string.h>

#include "probe/probe.h"
#include "sema/sema.h"

int bt_sema_usdt_arg(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	const struct bt_probe *pr = &s->prog->probes[s->cur->first_probe];
	struct bt_usdt_arg arg, first;
	char why[256];

	for (size_t i = 0; i < pr->ntargets; i++) {
		if (bt_usdt_arg(pr->targets[i].target, (int)a->ival, &arg, why, sizeof(why))) {
			bt_sema_err(s, &n->loc, "%s: %s: %s", n->str, pr->targets[i].name, why);
			return -EINVAL;
		}
		if (i && memcmp(&arg, &first, sizeof(arg))) {
			bt_sema_err(s, &n->loc, "%s: %s and %s pass it differently (not supported yet)",
				    n->str, pr->targets[0].name, pr->targets[i].name);
			return -EINVAL;
		}
		first = arg;
	}
	a->acc = arg.kind == BT_USDT_ARG_CONST ? BT_ACC_VALUE
		 : arg.kind == BT_USDT_ARG_REG ? BT_ACC_CTX
					       : BT_ACC_MEM;
	a->off = arg.reg_off;
	a->bit_size = (uint32_t)arg.size * 8;
	a->ival = arg.val;
	n->type = bt_sema_int64(s, arg.is_signed);
	return 0;
}
