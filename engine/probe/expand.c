// SPDX-License-Identifier: GPL-2.0
/*
 * The providers' expand hooks (struct bt_provider.expand): check one attach
 * point as written and turn it into targets, a wildcard into one target per
 * match, as bpftrace counts them. Sema calls them through the row.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/ktypes.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"

/* The provider is usable on this kernel, else reported (fn: what was asked for). */
static int usable(const struct bt_provider *pv, struct bt_expand *x, const char *fn)
{
	const char *why = NULL;

	if (pv->available && !pv->available(&why))
		return x->unavailable(x, fn, why);
	return 0;
}

/* Adds every name of v (freed), stopping at the first error. */
static int add_all(struct bt_expand *x, char **v, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++)
		err = x->add(x, v[i], 0, false);
	bt_strv_free(v, n);
	return err;
}

int bt_expand_special(const struct bt_provider *pv, struct bt_expand *x)
{
	if (x->nparts != 1) {
		x->err(x, "%s: %s takes no arguments", x->str, pv->name);
		return -EINVAL;
	}
	return x->add(x, NULL, 0, false);
}

int bt_expand_tracepoint(const struct bt_provider *pv, struct bt_expand *x)
{
	char **names;
	size_t n;

	(void)pv;
	if (x->nparts != 3) {
		x->err(x, "%s: expected tracepoint:CATEGORY:EVENT", x->str);
		return -EINVAL;
	}
	if (!bt_tracefs_root()) {
		x->err(x, "%s: tracefs is not available (mount -t tracefs nodev /sys/kernel/tracing)",
		       x->str);
		return -EINVAL;
	}
	if (bt_tp_glob(x->parts[1], x->parts[2], &names, &n) || n == 0) {
		if (strpbrk(x->str, "*?["))
			x->err(x, "%s: no tracepoint matches", x->str);
		else
			x->err(x, "tracepoint not found: %s:%s", x->parts[1], x->parts[2]);
		return -EINVAL;
	}
	return add_all(x, names, n);
}

/* Whether tracefs has an event NAME in some category (a raw tracepoint of a
 * module has no vmlinux BTF, but has its event). Unknown without tracefs: yes. */
static bool tracepoint_exists(const char *name)
{
	char **names;
	size_t n;

	if (!bt_tracefs_root())
		return true;
	if (bt_tp_glob("*", name, &names, &n))
		return true;
	bt_strv_free(names, n);
	return n > 0;
}

/* rawtracepoint:NAME and tp_btf:NAME (BT_ARGS_BTF_TP): one tracepoint, no wildcards. */
int bt_expand_btf_tp(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *name = x->parts[x->nparts - 1];
	int n = 0;

	if (x->nparts < 2 || strpbrk(name, "*?[")) {
		x->err(x, "%s: expected %s:NAME (no wildcards)", x->str, pv->name);
		return -EINVAL;
	}
	bool no_btf = bt_ktp_param(name, 0, NULL, &n) < 0 && n == 0;
	if (no_btf && pv->per_target) { /* tp_btf: the program is typed by BTF */
		x->err(x, "%s: no BTF for tracepoint '%s'", x->str, name);
		return -EINVAL;
	}
	if (no_btf && !tracepoint_exists(name)) {
		x->err(x, "%s: no tracepoint '%s' (bt -l 'rawtracepoint:*' lists them)", x->str, name);
		return -EINVAL;
	}
	if (usable(pv, x, name))
		return -EINVAL;
	return x->add(x, name, 0, false);
}

/*
 * Whether a kretprobe on fn may lock the machine up: the spin-lock functions
 * that are not notrace, which bpftrace 0.17 refuses (its banned_kretprobes).
 */
static bool banned_kretprobe(const struct bt_provider *pv, struct bt_expand *x, const char *fn)
{
	static const char *const banned[] = { "_raw_spin_lock", "_raw_spin_lock_irqsave",
					      "_raw_spin_unlock_irqrestore",
					      "queued_spin_lock_slowpath", NULL };

	if (!pv->is_return)
		return false;
	for (const char *const *b = banned; *b; b++) {
		if (!strcmp(fn, *b)) {
			x->err(x, "%s: a kretprobe on %s can't be used as it might lock up your system",
			       x->str, fn);
			return true;
		}
	}
	return false;
}

/* The last part, FUNCTION of PROVIDER:[MODULE:]FUNCTION, or NULL after an error. */
static const char *function_part(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = x->parts[x->nparts - 1];

	if (x->nparts < 2 || !*fn) {
		x->err(x, "%s: expected %s:FUNCTION", x->str, pv->name);
		return NULL;
	}
	if (pv->expand == bt_expand_kprobe && banned_kretprobe(pv, x, fn))
		return NULL;
	return usable(pv, x, fn) ? NULL : fn;
}

/*
 * kprobe:FUNC, kprobe:MODULE:FUNC, kprobe:PATTERN, kprobe:FUNC+OFF: checked
 * against available_filter_functions before anything is attached; a wildcard
 * becomes one target per function, as bpftrace counts them.
 */
int bt_expand_kprobe(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = function_part(pv, x);
	char base[256], **v;
	size_t n;
	int err;

	if (!fn)
		return -EINVAL;
	snprintf(base, sizeof(base), "%.*s", (int)strcspn(fn, "+"), fn);
	err = bt_kprobe_expand(base, &v, &n);
	for (size_t i = 0; i < n && !err; i++)
		err = banned_kretprobe(pv, x, v[i]) ? -EINVAL : 0;
	if (err == -EINVAL)
		bt_strv_free(v, n);
	if (err == -EINVAL)
		return err;
	if (err == -ENOMEM)
		return err;
	if (err) /* no list to check against: attach says what is wrong */
		return x->add(x, fn, 0, false);
	if (!n) {
		free(v);
		if (strpbrk(base, "*?["))
			x->err(x, "%s: no kernel function matches '%s'", x->str, base);
		else
			x->err(x, "%s: no kernel function '%s' can be probed (not in available_filter_functions: missing, inlined or notrace)",
			       x->str, base);
		/* the run fails, but the probe's body is still checked: one run
		 * shows every error (bio.bt: this and rq_disk) */
		return x->add(x, fn, 0, false);
	}
	if (strchr(fn, '+')) { /* FUNC+OFF: one function */
		bt_strv_free(v, n);
		return x->add(x, fn, 0, false);
	}
	return add_all(x, v, n);
}

int bt_expand_kfunc(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = function_part(pv, x);
	int n = 0, ret = 0;

	if (!fn)
		return -EINVAL;
	if (bt_kfunc_param(fn, 0, NULL, &n, &ret) < 0 && n == 0) {
		x->err(x, "%s: no BTF for function '%s'", x->str, fn);
		return -EINVAL;
	}
	return x->add(x, fn, 0, false);
}

int bt_expand_uprobe(const struct bt_provider *pv, struct bt_expand *x)
{
	char why[256], **v;
	size_t n;

	if (x->nparts != 3) {
		x->err(x, "%s: expected %s:BINARY:FUNCTION", x->str, pv->name);
		return -EINVAL;
	}
	if (usable(pv, x, x->parts[2]))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_uprobe_expand(x->parts[1], x->parts[2], &v, &n, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	return add_all(x, v, n);
}

int bt_expand_usdt(const struct bt_provider *pv, struct bt_expand *x)
{
	char why[256], *path, **names, tg[4600];
	size_t n;
	int err = 0;

	if (x->nparts != 3 && x->nparts != 4) {
		x->err(x, "%s: expected usdt:BINARY:[PROVIDER:]NAME", x->str);
		return -EINVAL;
	}
	if (usable(pv, x, x->parts[2]))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_usdt_expand(x->parts[1], x->nparts == 4 ? x->parts[2] : NULL,
			   x->parts[x->nparts - 1], &path, &names, &n, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	for (size_t k = 0; k < n && !err; k++) {
		snprintf(tg, sizeof(tg), "%s:%s", path, names[k]);
		err = x->add(x, tg, 0, false);
	}
	bt_strv_free(names, n);
	free(path);
	return err;
}

/* UNIT (s, ms, us, ns, hz) times v: *ns, or the frequency with *hz. */
static int scale(const char *unit, unsigned long long v, unsigned long long *ns, bool *hz)
{
	static const struct {
		const char *unit;
		unsigned long long ns;
	} units[] = { { "s", 1000000000ull }, { "sec", 1000000000ull }, { "ms", 1000000ull },
		      { "us", 1000ull },	  { "ns", 1ull },	     { "hz", 0 } };

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
	if (!num || end == num || (x->nparts == 3 && *end) || v == 0 || *num < '0' ||
	    *num > '9' || v > UINT64_MAX / 1000000000ull) {
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

/* software:EVENT[:COUNT] and hardware:EVENT[:COUNT] */
int bt_expand_perf_event(const struct bt_provider *pv, struct bt_expand *x)
{
	unsigned long long count = 0;
	char tg[128];

	if (x->nparts < 2) {
		x->err(x, "%s: expected %s:EVENT[:COUNT]", x->str, pv->name);
		return -EINVAL;
	}
	if (usable(pv, x, x->parts[1]))
		return -EINVAL;
	if (x->nparts >= 3)
		count = strtoull(x->parts[2], NULL, 10);
	snprintf(tg, sizeof(tg), "%s%s%s", x->parts[1], x->nparts >= 3 ? ":" : "",
		 x->nparts >= 3 ? x->parts[2] : "");
	return x->add(x, tg, count, false);
}

/* bpftrace's providers that bt does not have. */
int bt_expand_unsupported(const struct bt_provider *pv, struct bt_expand *x)
{
	(void)pv;
	x->err(x, "%s: bpftrace's %s probes are not supported by bt", x->str, x->parts[0]);
	return -EINVAL;
}
