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

/* UNIT (s, ms, us, ns, hz) times v: *ns, or the frequency with *hz. */
static int scale(const char *unit, unsigned long long v, unsigned long long *ns, bool *hz)
{
	static const struct {
		const char *unit;
		unsigned long long ns;
	} units[] = {{"s", 1000000000ull}, {"sec", 1000000000ull}, {"ms", 1000000ull},
		     {"us", 1000ull},	   {"ns", 1ull},	   {"hz", 0}};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(unit, units[i].unit))
			continue;
		*hz = !units[i].ns;
		*ns = *hz ? v : v * units[i].ns;
		return 0;
	}
	return -EINVAL;
}

/* interval and profile: "s:5" / "ms:100" / "hz:99" or "5s" */
int bt_expand_period(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *unit = NULL, *num = NULL;
	char buf[64], tg[128];
	unsigned long long v, ns;
	char *end = NULL;
	bool hz;

	if (x->nparts == 3) {
		unit = x->parts[1];
		num = x->parts[2];
		snprintf(tg, sizeof(tg), "%s:%s", x->parts[1], x->parts[2]);
	} else if (x->nparts == 2) {
		snprintf(buf, sizeof(buf), "%s", x->parts[1]);
		for (unit = buf; *unit >= '0' && *unit <= '9'; unit++)
			;
		num = buf;
		snprintf(tg, sizeof(tg), "%s", x->parts[1]);
	}
	v = num ? strtoull(num, &end, 10) : 0;
	if (!num || end == num || (x->nparts == 3 && *end) || v == 0 || *num < '0' || *num > '9' ||
	    v > UINT64_MAX / 1000000000ull) {
		x->err(x, "%s: expected %s:UNIT:N with UNIT one of s, ms, us%s and N > 0", x->str,
		       x->parts[0], !strcmp(pv->name, "interval") ? "" : ", hz");
		return -EINVAL;
	}
	if (scale(unit, v, &ns, &hz)) {
		x->err(x, "%s: unknown unit '%s' (use s, ms, us or hz)", x->str, unit);
		return -EINVAL;
	}
	return x->add(x, tg, ns, hz);
}
