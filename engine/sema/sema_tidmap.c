// SPDX-License-Identifier: GPL-2.0
/*
 * Maps keyed by tid alone (@start[tid] = nsecs): the everyday latency
 * pattern. A hash map costs a helper call, a hash and a bucket lock on each
 * update and delete (~60-100 ns here); an ARRAY indexed by the tid, whose
 * lookup the verifier inlines, costs a load. So a map whose every key is
 * the builtin tid, with a plain 8-byte integer value, is a slot map
 * (prog.h) with pid_max slots: value and "set" flag per tid, unset slots
 * not printed, so it prints what bpftrace's hash prints. Only while pid_max
 * keeps the array small (the compile cache is keyed by it); tids are below
 * pid_max, unless pid_max is raised while the program runs (a write for
 * such a tid is dropped).
 * @[tid] = count() is a PERCPU_ARRAY by tid the same way (a count is never
 * 0 where bpftrace's hash has the key), unless the script zero()es or
 * delete()s in it: a program can clear only its own CPU's copy.
 * Also: whether a map is zero()ed or delete()d (a keyless hist is an array
 * of buckets unless it is: zeroed buckets would read as unused ones).
 */
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "sema/sema.h"

#define TIDMAP_MAX_PID 65536 /* 1 MiB of slots at most */

struct tidkeys {
	int map;
	bool only_tid;
};

static int check_key(struct bt_node *n, void *ctx)
{
	struct tidkeys *t = ctx;
	const struct bt_ann *a = n->sema;

	if (n->kind != BT_N_MAP || !a || a->map != t->map || !n->list.n)
		return 0;
	const struct bt_node *k = n->list.v[0];
	if (n->list.n != 1 || k->kind != BT_N_BUILTIN || !k->str || strcmp(k->str, "tid"))
		t->only_tid = false;
	return 0;
}

uint32_t bt_sema_tidmap_slots(struct bt_sema *s, int map, bool percpu)
{
	struct tidkeys t = {.map = map, .only_tid = true};
	unsigned long pid_max = 0;
	FILE *f;

	bt_ast_walk(s->root, check_key, NULL, &t);
	if (!t.only_tid)
		return 0;
	f = fopen("/proc/sys/kernel/pid_max", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%lu", &pid_max) != 1)
		pid_max = 0;
	fclose(f);
	/* a per-CPU array has a copy per possible CPU: 4 MiB at most */
	int ncpu = percpu ? libbpf_num_possible_cpus() : 1;
	if (ncpu < 1 || (uint64_t)pid_max * (uint64_t)ncpu > (4u << 20) / 8)
		return 0;
	return pid_max && pid_max <= TIDMAP_MAX_PID ? (uint32_t)pid_max : 0;
}

struct zeroed {
	int map;
	bool seen;
};

static int check_zero(struct bt_node *n, void *ctx)
{
	struct zeroed *z = ctx;

	if (n->kind == BT_N_CALL && n->str &&
	    (!strcmp(n->str, "zero") || !strcmp(n->str, "delete")) && n->list.n &&
	    n->list.v[0]->kind == BT_N_MAP && n->list.v[0]->sema &&
	    ((const struct bt_ann *)n->list.v[0]->sema)->map == z->map)
		z->seen = true;
	return 0;
}

bool bt_sema_map_zeroed(struct bt_sema *s, int map)
{
	struct zeroed z = {.map = map};

	bt_ast_walk(s->root, check_zero, NULL, &z);
	return z.seen;
}
