// SPDX-License-Identifier: GPL-2.0
/*
 * rawtracepoint:NAME (raw_tp, untyped u64 args) and tp_btf:NAME (the same
 * hook, args typed by BTF). Neither needs kprobes or tracefs. tp_btf's
 * target is fixed at load time by its section "tp_btf/NAME", so codegen
 * emits one program per tp_btf target.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "prog.h"
#include "probe/probe.h"
#include "kernel/ktypes.h"
#include "kernel/tracefs.h"

int bt_rawtp_attach(const struct bt_target *t, struct bpf_program *prog,
		    const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	struct bpf_link *link;

	(void)ctx;
	link = bpf_program__attach_raw_tracepoint(prog, t->target);
	if (!link) {
		if (errno == ENOENT)
			*why = "no such raw tracepoint";
		return -errno;
	}
	return bt_links_push(out, link);
}

int bt_btf_trace_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	struct bpf_link *link;

	/* tp_btf, fentry and fexit: the BTF id chosen at load is the target.
	 * No cookie: libbpf 1.1 cannot pass one to these links (tp_btf takes
	 * one since 6.10, fentry since 5.19); one program per target knows its
	 * index instead. */
	(void)t;
	(void)ctx;
	(void)why;
	link = bpf_program__attach_trace(prog);
	if (!link)
		return -errno;
	return bt_links_push(out, link);
}

bool bt_tpbtf_available(const char **why)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK) == 0)
		return true;
	*why = "this kernel has no BTF (/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF)";
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Raw tracepoints are the "btf_trace_NAME" typedefs of vmlinux BTF; printed sorted. */
static int list_btf(const char *prefix, const char *pattern, FILE *out)
{
	struct btf *btf = btf__load_vmlinux_btf();
	const char **names = NULL;
	size_t nn = 0, k;
	char name[512];
	__u32 i, n;
	int err = 0;

	if (!btf)
		return -errno;
	n = btf__type_cnt(btf);
	names = calloc(n, sizeof(*names));
	if (!names) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *tn;

		if (!btf_is_typedef(t))
			continue;
		tn = btf__name_by_offset(btf, t->name_off);
		if (tn && strncmp(tn, "btf_trace_", 10) == 0)
			names[nn++] = tn + 10;
	}
	qsort(names, nn, sizeof(*names), cmp_str);
	for (k = 0; k < nn; k++) {
		snprintf(name, sizeof(name), "%s:%s", prefix, names[k]);
		if (bt_probe_match(pattern, name))
			fprintf(out, "%s\n", name);
	}
out:
	free(names);
	btf__free(btf);
	return err;
}

int bt_rawtp_list(const char *pattern, bool verbose, FILE *out)
{
	(void)verbose;
	return list_btf("rawtracepoint", pattern, out);
}

int bt_tpbtf_list(const char *pattern, bool verbose, FILE *out)
{
	(void)verbose;
	return list_btf("tp_btf", pattern, out);
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
		x->err(x, "%s: no tracepoint '%s' (bt -l 'rawtracepoint:*' lists them)", x->str,
		       name);
		return -EINVAL;
	}
	if (bt_expand_usable(pv, x, name))
		return -EINVAL;
	return x->add(x, name, 0, false);
}
