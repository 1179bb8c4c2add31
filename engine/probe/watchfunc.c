// SPDX-License-Identifier: GPL-2.0
/*
 * watchpoint:FUNC+argN:LEN:MODE and asyncwatchpoint:FUNC+argN:LEN:MODE, as
 * bpftrace 0.17: FUNC is a function of the -c command's binary (or the -p
 * process's); each time it is called with a new address in argN, a
 * hardware breakpoint is set there. The target is deferred (bt_target.setup):
 * a uprobe program on FUNC reports the address (codegen/cg_watch.c) and the
 * runtime attaches the breakpoint (runtime/watch.c). watchpoint stops the
 * process until then; asyncwatchpoint lets it run (writes right after the
 * call may be missed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/tracefs.h"
#include "probe/probe.h"

/* x86-64 passes arg0..arg5 in registers */
#define MAX_ARG 5

/* Splits "FUNC+argN" into func (a copy) and N. 0, or -EINVAL after reporting it. */
static int func_arg(struct bt_expand *x, char *func, size_t size, int *n)
{
	const char *part = x->parts[1], *plus = strrchr(part, '+');
	char *end;
	long v;

	if (!plus || plus == part || strncmp(plus + 1, "arg", 3) || (size_t)(plus - part) >= size) {
		x->err(x, "%s: expected %s:FUNCTION+argN:LENGTH:MODE", x->str, x->parts[0]);
		return -EINVAL;
	}
	v = strtol(plus + 4, &end, 10);
	if (end == plus + 4 || *end || v < 0 || v > MAX_ARG) {
		x->err(x, "%s: the address must be an argument, arg0 to arg%d, not %s", x->str,
		       MAX_ARG, plus + 1);
		return -EINVAL;
	}
	memcpy(func, part, plus - part);
	func[plus - part] = '\0';
	if (strpbrk(func, "*?[")) {
		x->err(x, "%s: a watchpoint's function may not be a wildcard", x->str);
		return -EINVAL;
	}
	*n = (int)v;
	return 0;
}

/* The binary FUNC is in, as bpftrace names it: the -c command's first word as
 * written, or /proc/PID/exe. */
static int binary(struct bt_expand *x, char *bin, size_t size)
{
	if (x->pid > 0) {
		snprintf(bin, size, "/proc/%d/exe", x->pid);
		return 0;
	}
	if (!x->cmd) {
		x->err(x, "%s: a watchpoint on a function needs -c CMD or -p PID", x->str);
		return -EINVAL;
	}
	size_t skip = strspn(x->cmd, " \t"), len = strcspn(x->cmd + skip, " \t");
	if (!len || len >= size) {
		x->err(x, "%s: no program in the -c command", x->str);
		return -EINVAL;
	}
	memcpy(bin, x->cmd + skip, len);
	bin[len] = '\0';
	return 0;
}

int bt_expand_watchfunc(const struct bt_provider *pv, struct bt_expand *x)
{
	char func[256], bin[256], why[512], tg[640], argn[8] = "";
	char **v = NULL;
	size_t n = 0;
	int arg, err;

	if (x->nparts != 4) {
		x->err(x, "%s: expected %s:FUNCTION+argN:LENGTH:MODE", x->str, pv->name);
		return -EINVAL;
	}
	if (func_arg(x, func, sizeof(func), &arg) ||
	    bt_watchpoint_check(x, x->parts[2], x->parts[3]))
		return -EINVAL;
	if (binary(x, bin, sizeof(bin)) || bt_expand_usable(bt_provider_find("uprobe"), x, func))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_uprobe_expand(bin, func, x->pid, &v, &n, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	if (!n) {
		x->err(x, "%s: no function '%s' in %s", x->str, func, bin);
		return -EINVAL;
	}
	/* bpftrace's name: watchpoint:BIN:FUNC:LEN:MODE, with :N after FUNC for arg1.. */
	if (arg)
		snprintf(argn, sizeof(argn), ":%d", arg);
	snprintf(tg, sizeof(tg), "%s:%s%s:%s:%s", bin, func, argn, x->parts[2], x->parts[3]);
	err = x->add(x, tg, 0, false);
	if (!err)
		err = x->defer(x, v[0], arg, strcmp(pv->name, "watchpoint") != 0);
	bt_strv_free(v, n);
	return err;
}
