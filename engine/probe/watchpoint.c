// SPDX-License-Identifier: GPL-2.0
/*
 * watchpoint:ADDR:LEN:MODE: a hardware breakpoint (a perf event) on ADDR,
 * LEN bytes (1, 2, 4, 8), MODE w, rw or x, in the -c/-p process (else on
 * every CPU), as bpftrace 0.17. Its function forms (watchpoint:FUNC+argN,
 * asyncwatchpoint) are not bt's.
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

int bt_expand_watchpoint(const struct bt_provider *pv, struct bt_expand *x)
{
	char *end, tg[128];
	unsigned long long len;

	if (strcmp(pv->name, "watchpoint")) { /* asyncwatchpoint */
		x->err(x,
		       "%s: %s needs a function (%s:FUNC+argN:LEN:MODE), which bt does not support",
		       x->str, pv->name, pv->name);
		return -EINVAL;
	}
	if (x->nparts != 4) {
		x->err(x, "%s: expected watchpoint:ADDRESS:LENGTH:MODE", x->str);
		return -EINVAL;
	}
	strtoull(x->parts[1], &end, 0);
	if (end == x->parts[1] || *end) {
		x->err(x,
		       "%s: bt's watchpoints take an address (watchpoint:FUNC+argN is not "
		       "supported)",
		       x->str);
		return -EINVAL;
	}
	len = strtoull(x->parts[2], &end, 0);
	if (*end || (len != 1 && len != 2 && len != 4 && len != 8)) {
		x->err(x, "%s: watchpoint length must be one of 1, 2, 4 or 8", x->str);
		return -EINVAL;
	}
	if (mode_bits(x, x->parts[3]) < 0)
		return -EINVAL;
	/* the target as written: watchpoint:0x1000:8:w */
	snprintf(tg, sizeof(tg), "%s:%s:%s", x->parts[1], x->parts[2], x->parts[3]);
	return x->add(x, tg, 0, false);
}

int bt_watchpoint_attach(const struct bt_target *t, struct bpf_program *prog,
			 const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_BREAKPOINT, .size = sizeof(attr), .sample_period = 1};
	char *end;
	int *cpus, n, err = 0;

	attr.bp_addr = strtoull(t->target, &end, 0);
	attr.bp_len = strtoull(end + 1, &end, 0);
	for (const char *c = end + 1; *c; c++)
		attr.bp_type |= *c == 'r'   ? HW_BREAKPOINT_R
				: *c == 'w' ? HW_BREAKPOINT_W
					    : HW_BREAKPOINT_X;
	if (ctx->pid > 0) /* the traced process, wherever it runs */
		err = bt_perf_attach_attr(prog, &attr, -1, ctx->pid, t->cookie, out);
	else {
		n = bt_online_cpus(&cpus);
		if (n < 0)
			return n;
		for (int i = 0; i < n && !err; i++)
			err = bt_perf_attach_attr(prog, &attr, cpus[i], -1, t->cookie, out);
		free(cpus);
	}
	if (err == -ENOSPC)
		*why = "no hardware debug register left";
	return err;
}
