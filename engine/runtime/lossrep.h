/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Limits reported, never silent: the slots of BT_LOST, a per-CPU array the
 * BPF side counts in (codegen) and the runtime sums (engine/runtime/lossrep.c).
 */
#ifndef BT_LOSSREP_H
#define BT_LOSSREP_H

#include <stdint.h>

enum bt_limit_slot {
	BT_LIMIT_LOST,	 /* ring buffer records that did not fit ("Lost N events") */
	BT_LIMIT_STRCUT, /* strings longer than BPFTRACE_STRLEN, cut */
	BT_LIMIT_NSLOTS,
};

struct bt_runtime;

/* The sum over CPUs of one BT_LOST slot; 0 when there is no such map. */
uint64_t bt_limit_sum(struct bt_runtime *rt, enum bt_limit_slot slot);

/* At exit, after the map dump: one stderr warning per limit hit (strings cut,
 * stacks cut), none when nothing was cut. */
void bt_limits_report(struct bt_runtime *rt);

#endif
