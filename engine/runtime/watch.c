// SPDX-License-Identifier: GPL-2.0
/*
 * watchpoint:FUNC+argN (probe/watchfunc.c): a setup program reported the
 * address FUNC was called with (BT_REC_WATCH). Sets the hardware breakpoint
 * there, in that process, with the watchpoint's program, once per address,
 * and lets the process go on (the setup program stopped it, unless
 * asyncwatchpoint). Its links are the run's: detached with the others.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "runtime/runtime.h"

/* An address this setup program already reported (attached or not): as
 * bpftrace, FUNC called again with it sets nothing. */
static bool seen(struct bt_runtime *rt, uint32_t idx, uint64_t addr)
{
	for (size_t i = 0; i < rt->nwatched; i++)
		if (rt->watched[i].setup == idx && rt->watched[i].addr == addr)
			return true;
	if (!bt_vec_reserve(rt->watched, rt->watched_cap, rt->nwatched + 1))
		rt->watched[rt->nwatched++] = (struct bt_watched){.setup = idx, .addr = addr};
	return false;
}

#define NO_REGISTERS "Failed to attach watchpoint probe. You are out of watchpoint registers."

/* bpftrace prints it as a lost-events message */
static void out_of_registers(struct bt_runtime *rt)
{
	if (rt->out.fmt == BT_FMT_JSON)
		bt_out_message(&rt->out, "lost_events", NO_REGISTERS, strlen(NO_REGISTERS));
	else
		bt_out_message(&rt->out, "lost_events", NO_REGISTERS "\n",
			       strlen(NO_REGISTERS "\n"));
}

void bt_rt_watch(struct bt_runtime *rt, uint32_t idx, const void *payload, size_t len)
{
	const struct bt_prog *prog = rt->prog;
	const struct bt_probe *pr = idx < prog->nprobes ? &prog->probes[idx] : NULL;
	const struct bt_target *t;
	uint64_t v[2];
	int err;

	if (!pr || !pr->setup_of || len < sizeof(v))
		return;
	memcpy(v, payload, sizeof(v));
	t = &prog->probes[pr->setup_of - 1].targets[pr->setup_target];
	if (!rt->exiting && !seen(rt, idx, v[0])) {
		err = bt_watchpoint_attach_at(t, v[0], rt->progs[pr->setup_of - 1], (pid_t)v[1],
					      &rt->links);
		if (err == -ENOSPC) {
			out_of_registers(rt);
		} else if (err && err != -ESRCH) { /* ESRCH: the process is gone */
			bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot attach %s at 0x%llx: %s",
				t->name, (unsigned long long)v[0], strerror(-err));
			rt->failed = true;
			rt->stop = true;
		}
	}
	if (!t->setup_async)
		kill((pid_t)v[1], SIGCONT);
}

void bt_rt_watch_end(struct bt_runtime *rt)
{
	if (!rt->watch_links.n && !rt->watched)
		return;
	/* closed here, so that no setup program runs once the ring buffer is read */
	bt_links_destroy(&rt->watch_links);
	/* setup programs that ran before: let their processes go */
	rt->exiting = true;
	if (rt->rb)
		ring_buffer__consume(rt->rb);
	free(rt->watched);
	rt->watched = NULL;
	rt->nwatched = rt->watched_cap = 0;
}
