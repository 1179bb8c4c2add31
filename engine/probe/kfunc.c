// SPDX-License-Identifier: GPL-2.0
/*
 * kfunc:FUNC / kretfunc:FUNC: fentry/fexit programs, one per target (section
 * "fentry/FUNC", the BTF id is resolved at load). Some kernels refuse them
 * (EPERM at load, e.g. under a lockdown or LSM policy): available() loads a
 * tiny fentry program once to find out.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "prog.h"
#include "probe/probe.h"
#include "kernel/ktypes.h"

/* 1: works, 0: refused (reason in *why), computed once per process */
static int probe_fentry(const char **why)
{
	static const char *const funcs[] = {"do_nanosleep", "schedule", "vfs_read", NULL};
	struct btf *btf = bt_kbtf();
	const char *const *fn;
	int id = -ENOENT, fd;

	if (!btf) {
		*why = "this kernel has no BTF (CONFIG_DEBUG_INFO_BTF)";
		return 0;
	}
	for (fn = funcs; *fn && id < 0; fn++)
		id = btf__find_by_name_kind(btf, *fn, BTF_KIND_FUNC);
	if (id < 0) {
		*why = "no kernel function found in BTF to test fentry with";
		return 0;
	}
	fd = bt_trial_prog(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, id);
	if (fd >= 0) {
		close(fd);
		return 1;
	}
	if (errno == EPERM || errno == EACCES)
		*why = "this kernel refuses fentry/fexit programs (EPERM)";
	else
		*why = "this kernel has no fentry/fexit (CONFIG_FUNCTION_TRACER, BPF trampolines)";
	return 0;
}

bool bt_kfunc_available(const char **why)
{
	/* a fact of the running kernel: probed once per process */
	static int state = -1;
	static const char *reason;

	if (state < 0)
		state = probe_fentry(&reason);
	if (!state)
		*why = reason;
	return state;
}

struct decl {
	char s[512];
	size_t len;
};

static void decl_printf(void *ctx, const char *fmt, va_list ap)
{
	struct decl *d = ctx;
	int n;

	if (d->len >= sizeof(d->s))
		return;
	n = vsnprintf(d->s + d->len, sizeof(d->s) - d->len, fmt, ap);
	if (n > 0)
		d->len += (size_t)n;
}

/* "    TYPE NAME" per parameter, then "    TYPE retval" (bpftrace 0.17's -lv) */
static void list_params(const struct btf *btf, struct btf_dump *dump, struct decl *d,
			const struct btf_type *fn, FILE *out)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = "");
	const struct btf_type *proto = btf__type_by_id(btf, fn->type);
	const struct btf_param *p;

	if (!proto || !btf_is_func_proto(proto))
		return;
	p = btf_params(proto);
	for (__u16 i = 0; i < btf_vlen(proto); i++) {
		d->len = 0;
		d->s[0] = '\0';
		if (!p[i].type || btf_dump__emit_type_decl(dump, p[i].type, &opts))
			continue; /* "..." */
		fprintf(out, "    %s %s\n", d->s, btf__name_by_offset(btf, p[i].name_off));
	}
	d->len = 0;
	d->s[0] = '\0';
	if (proto->type && !btf_dump__emit_type_decl(dump, proto->type, &opts))
		fprintf(out, "    %s retval\n", d->s);
}

/* pattern as given to -l: "kfunc:FUNC" or "kfunc:MODULE:FUNC" (or a bare
 * word, matched against FUNC); the functions it can name, and in match the
 * pattern for whole names (kfunc:FUNC is any module's, as bpftrace lists). */
static const char *list_pattern(const char *pattern, char *match, size_t len)
{
	const char *colon = pattern ? strchr(pattern, ':') : NULL;

	snprintf(match, len, "%s", pattern ? pattern : "");
	if (!colon)
		return "*";
	if (!strchr(colon + 1, ':'))
		snprintf(match, len, "%.*s:*:%s", (int)(colon - pattern), pattern, colon + 1);
	return colon + 1;
}

static int list(const char *prefix, const char *pattern, bool verbose, FILE *out)
{
	struct btf_dump *dump = NULL;
	struct bt_kfunc_set set;
	struct decl d = {.len = 0};
	const struct btf *dumped = NULL;
	char name[512], match[512];
	const char *why;
	int err;

	if (!bt_kfunc_available(&why))
		return 0;
	err = bt_kfunc_find(list_pattern(pattern, match, sizeof(match)), &set);
	if (err)
		return err;
	for (size_t i = 0; i < set.n; i++) {
		const struct bt_kfunc_name *k = &set.v[i];

		snprintf(name, sizeof(name), "%s:%s", prefix, k->name);
		if (!bt_probe_match(match, name))
			continue;
		fprintf(out, "%s\n", name);
		if (!verbose)
			continue;
		if (dumped != k->btf) { /* a dumper per BTF: a module's types are its own */
			btf_dump__free(dump);
			dump = btf_dump__new(k->btf, decl_printf, &d, NULL);
			dumped = k->btf;
		}
		if (dump)
			list_params(k->btf, dump, &d, btf__type_by_id(k->btf, k->id), out);
	}
	btf_dump__free(dump);
	bt_kfunc_set_free(&set);
	return 0;
}

int bt_kfunc_list(const char *pattern, bool verbose, FILE *out)
{
	return list("kfunc", pattern, verbose, out);
}

int bt_kretfunc_list(const char *pattern, bool verbose, FILE *out)
{
	return list("kretfunc", pattern, verbose, out);
}

/*
 * kfunc:FUNC, kfunc:MODULE:FUNC, and wildcards of either: a target per
 * traceable function, named MODULE:FUNC as bpftrace 0.17 names its probes
 * (kfunc:vfs_read is kfunc:vmlinux:vfs_read). The section takes FUNC alone:
 * libbpf finds it in vmlinux's BTF, else in a module's.
 */
int bt_expand_kfunc(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = bt_expand_function(pv, x);
	struct bt_kfunc_set set;
	char pattern[512];
	int err = 0;

	if (!fn || bt_expand_usable(pv, x, fn))
		return -EINVAL;
	if (x->nparts > 3) {
		x->err(x, "%s: expected %s:[MODULE:]FUNCTION", x->str, pv->name);
		return -EINVAL;
	}
	if (x->nparts == 3)
		snprintf(pattern, sizeof(pattern), "%s:%s", x->parts[1], fn);
	else
		snprintf(pattern, sizeof(pattern), "%s", fn);
	err = bt_kfunc_find(pattern, &set);
	if (err)
		return err == -ENOMEM ? err : x->add(x, fn, 0, false); /* no BTF: load says */
	if (!set.n) {
		if (strchr(pattern, '*'))
			x->err(x, "%s: no kernel function matches '%s'", x->str, pattern);
		else
			x->err(x, "%s: no BTF for function '%s'", x->str, pattern);
		bt_kfunc_set_free(&set);
		return -EINVAL;
	}
	for (size_t i = 0; i < set.n && !err; i++)
		err = x->add(x, set.v[i].name, 0, false);
	bt_kfunc_set_free(&set);
	return err;
}
