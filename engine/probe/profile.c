// SPDX-License-Identifier: GPL-2.0
/* profile:hz:N / s / ms / us: a cpu-clock perf event on every online CPU. */
#include <linux/perf_event.h>
#include <stdlib.h>

#include "prog.h"
#include "probe/probe.h"

int bt_profile_attach(const struct bt_target *t, struct bpf_program *prog,
		      const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	unsigned long long period;
	int *cpus, n, i, err;
	bool hz;

	(void)ctx;
	err = bt_perf_period(t, &period, &hz, why);
	if (err)
		return err;
	n = bt_online_cpus(&cpus);
	if (n < 0)
		return n;
	for (i = 0; i < n && !err; i++)
		err = bt_perf_attach(prog, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, period, hz,
				     cpus[i], -1, t->cookie, out);
	free(cpus);
	return err;
}
