// SPDX-License-Identifier: GPL-2.0
/*
 * watchpoint:ADDR:LEN:MODE: a hardware breakpoint (a perf event) on ADDR,
 * LEN bytes (1, 2, 4, 8), MODE w, rw or x, in the -c/-p process (else on
 * every CPU), as bpftrace 0.17. The function forms (watchpoint:FUNC+argN,
 * asyncwatchpoint) are watchfunc.c's.
 */
#include <errno.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "probe/probe.h"

/* MODE as perf's bp_type, or -1 after reporting it. */
static int mode_bits(struct bt_expand *x, const char *mode)
{
	int bits = 0;

	for (const char *c = mode; *c; c++) {
		int b = *c == 'r'   ? HW_BREAKPOINT_R
			: *c == 'w' ? HW_BREAKPOINT_W
			: *c == 'x' ? HW_BREAKPOINT_X
				    : 0;
		if (!b)
			break;
		if (bits & b) {
			x->err(x, "%s: watchpoint modes may not be duplicated", x->str);
			return -1;
		}
		bits |= b;
	}
	if (!*mode || strspn(mode, "rwx") != strlen(mode)) {
		x->err(x, "%s: watchpoint mode must be a combination of r, w and x", x->str);
		return -1;
	}
	/* what the hardware watches: writes, reads and writes, or execution */
	if (bits != HW_BREAKPOINT_W && bits != HW_BREAKPOINT_RW && bits != HW_BREAKPOINT_X) {
		x->err(x, "%s: invalid watchpoint mode '%s' (use w, rw or x)", x->str, mode);
		return -1;
	}
	return bits;
}

int bt_watchpoint_check(struct bt_expand *x, const char *len, const char *mode)
{
	char *end;
	unsigned long long n = strtoull(len, &end, 0);

	if (*end || (n != 1 && n != 2 && n != 4 && n != 8)) {
		x->err(x, "%s: watchpoint length must be one of 1, 2, 4 or 8", x->str);
		return -EINVAL;
	}
	return mode_bits(x, mode) < 0 ? -EINVAL : 0;
}

int bt_expand_watchpoint(const struct bt_provider *pv, struct bt_expand *x)
{
	char *end, tg[128];

	if (x->nparts >= 2) {
		strtoull(x->parts[1], &end, 0);
		if (end == x->parts[1] || *end) /* a function: FUNC+argN */
			return bt_expand_watchfunc(pv, x);
	}
	if (strcmp(pv->name, "watchpoint")) { /* asyncwatchpoint */
		x->err(x, "%s: %s needs a function (%s:FUNCTION+argN:LENGTH:MODE)", x->str,
		       pv->name, pv->name);
		return -EINVAL;
	}
	if (x->nparts != 4) {
		x->err(x, "%s: expected watchpoint:ADDRESS:LENGTH:MODE", x->str);
		return -EINVAL;
	}
	if (bt_watchpoint_check(x, x->parts[2], x->parts[3]))
		return -EINVAL;
	/* the target as written: watchpoint:0x1000:8:w */
	snprintf(tg, sizeof(tg), "%s:%s:%s", x->parts[1], x->parts[2], x->parts[3]);
	return x->add(x, tg, 0, false);
}

int bt_watchpoint_attach_at(const struct bt_target *t, unsigned long long addr,
			    struct bpf_program *prog, pid_t pid, struct bt_links *out)
{
	struct perf_event_attr attr = {.type = PERF_TYPE_BREAKPOINT,
				       .size = sizeof(attr),
				       .sample_period = 1,
				       .bp_addr = addr};
	const char *mode = strrchr(t->target, ':'), *len = mode;
	int *cpus, n, err = 0;

	/* the target ends in LEN:MODE */
	while (len > t->target && len[-1] != ':')
		len--;
	if (!mode || len == t->target)
		return -EINVAL;
	attr.bp_len = strtoull(len, NULL, 0);
	for (const char *c = mode + 1; *c; c++)
		attr.bp_type |= *c == 'r'   ? HW_BREAKPOINT_R
				: *c == 'w' ? HW_BREAKPOINT_W
					    : HW_BREAKPOINT_X;
	if (pid > 0) /* the traced process, wherever it runs */
		return bt_perf_attach_attr(prog, &attr, -1, pid, t->cookie, out);
	n = bt_online_cpus(&cpus);
	if (n < 0)
		return n;
	for (int i = 0; i < n && !err; i++)
		err = bt_perf_attach_attr(prog, &attr, cpus[i], -1, t->cookie, out);
	free(cpus);
	return err;
}

int bt_watchpoint_attach(const struct bt_target *t, struct bpf_program *prog,
			 const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	int err = bt_watchpoint_attach_at(t, strtoull(t->target, NULL, 0), prog, ctx->pid, out);

	if (err == -ENOSPC)
		*why = "no hardware debug register left";
	return err;
}
