// SPDX-License-Identifier: GPL-2.0
/*
 * Limits reported, never silent: the BPF side counts in BT_LOST (per CPU,
 * slots in lossrep.h) what it could not keep; the runtime sums the slots.
 * Lost events are reported as bpftrace does (run.c); cut strings and full
 * stacks (likely cut) get one warning each at exit, on stderr.
 */
#include <inttypes.h>
#include <stdlib.h>

#include <bpf/libbpf.h>

#include "front/diag.h"
#include "runtime/lossrep.h"
#include "runtime/runtime.h"
#include "sema/sema.h"

uint64_t bt_limit_sum(struct bt_runtime *rt, enum bt_limit_slot slot)
{
	struct bpf_map *m = rt->obj ? bpf_object__find_map_by_name(rt->obj, "BT_LOST") : NULL;
	int ncpu = libbpf_num_possible_cpus();
	uint32_t key = (uint32_t)slot;
	uint64_t sum = 0;

	if (!m || ncpu <= 0 || key >= bpf_map__max_entries(m))
		return 0;
	uint64_t *v = calloc((size_t)ncpu, sizeof(*v));
	if (!v)
		return 0;
	if (bpf_map__lookup_elem(m, &key, sizeof(key), v, (size_t)ncpu * sizeof(*v), 0) == 0)
		for (int i = 0; i < ncpu; i++)
			sum += v[i];
	free(v);
	return sum;
}

void bt_limits_report(struct bt_runtime *rt)
{
	uint64_t n = bt_limit_sum(rt, BT_LIMIT_STRCUT);
	uint32_t len = bt_strlen_default();

	if (n)
		bt_diag(rt->d, BT_SEV_WARNING, NULL,
			"%" PRIu64 " %s cut to %u characters; raise BPFTRACE_STRLEN "
			"(now %u, at most 200) or read with str(x, N)",
			n, n == 1 ? "string was" : "strings were", len - 1, len);
	n = bt_out_stacks_cut(&rt->out);
	if (n)
		bt_diag(rt->d, BT_SEV_WARNING, NULL,
			"%" PRIu64 " %s %d frames, the most bt records: %s outermost "
			"callers may be missing",
			n, n == 1 ? "stack reached" : "stacks reached", BT_STACK_MAX,
			n == 1 ? "its" : "their");
	fflush(stderr);
}
