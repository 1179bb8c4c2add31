// SPDX-License-Identifier: GPL-2.0
/*
 * interval:s:N / ms / us / hz: one cpu-clock perf event on CPU 0 (one
 * firing per period, not one per CPU).
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "probe/probe.h"

int bt_perf_period(const struct bt_target *t, unsigned long long *period, bool *hz,
		     const char **why)
{
	const char *colon = strchr(t->target, ':');
	unsigned long long n;
	size_t ulen;

	*hz = t->is_hz;
	*period = t->arg;
	if (t->arg)
		return 0;
	if (!colon) {
		*why = "expected UNIT:N (s, ms, us, hz)";
		return -EINVAL;
	}
	ulen = colon - t->target;
	n = strtoull(colon + 1, NULL, 0);
	if (!n) {
		*why = "the period must be a positive number";
		return -EINVAL;
	}
	*hz = false;
	if (ulen == 1 && t->target[0] == 's') {
		*period = n * 1000000000ULL;
	} else if (ulen == 2 && !strncmp(t->target, "ms", 2)) {
		*period = n * 1000000ULL;
	} else if (ulen == 2 && !strncmp(t->target, "us", 2)) {
		*period = n * 1000ULL;
	} else if (ulen == 2 && !strncmp(t->target, "hz", 2)) {
		*period = n;
		*hz = true;
	} else {
		*why = "unknown unit (expected s, ms, us, hz)";
		return -EINVAL;
	}
	return 0;
}

int bt_interval_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	unsigned long long period;
	bool hz;
	int err;

	(void)ctx;
	err = bt_perf_period(t, &period, &hz, why);
	if (err)
		return err;
	/* interval:hz:N fires N times a second: a fixed period, not a frequency,
	 * so the clock does not drift with sampling adjustments */
	if (hz)
		period = 1000000000ULL / period;
	return bt_perf_attach(prog, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, period, false, 0,
			      -1, t->cookie, out);
}
