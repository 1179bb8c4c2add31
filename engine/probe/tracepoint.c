// SPDX-License-Identifier: GPL-2.0
/*
 * tracepoint:CAT:EV - perf-event tracepoints, one link per target, cookie
 * = probe index. Formats and names come from tracefs (engine/kernel/tracefs.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "prog.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"

int bt_tracepoint_attach(const struct bt_target *t, struct bpf_program *prog,
			 const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, opts, .bpf_cookie = t->cookie);
	const char *colon = strchr(t->target, ':');
	struct bpf_link *link;
	char *cat;
	int err;

	(void)ctx;
	if (!colon) {
		*why = "expected tracepoint:CATEGORY:EVENT";
		return -EINVAL;
	}
	cat = strndup(t->target, colon - t->target);
	if (!cat)
		return -ENOMEM;
	link = bpf_program__attach_tracepoint_opts(prog, cat, colon + 1, &opts);
	err = link ? 0 : -errno;
	free(cat);
	if (err == -ENOENT)
		*why = "no such tracepoint";
	if (err)
		return err;
	return bt_links_push(out, link);
}

bool bt_tracepoint_available(const char **why)
{
	if (bt_tracefs_root())
		return true;
	*why = "tracefs is not mounted and cannot be mounted";
	return false;
}

/* -lv: the declaration as the format file writes it, without common_ fields */
static void print_args(FILE *out, const char *cat, const char *ev)
{
	struct bt_tp_format f;
	size_t i;

	if (bt_tp_format_read(cat, ev, &f))
		return;
	for (i = 0; i < f.nfields; i++) {
		const struct bt_tp_field *fl = &f.fields[i];

		if (fl->common)
			continue;
		fprintf(out, "    %s%s %s", fl->data_loc ? "__data_loc " : "", fl->type, fl->name);
		if (fl->array >= 0 && fl->array)
			fprintf(out, "[%d]", fl->array);
		else if (fl->array == 0)
			fputs("[]", out);
		fputc('\n', out);
	}
	bt_tp_format_free(&f);
}

int bt_tracepoint_list(const char *pattern, bool verbose, FILE *out)
{
	char **names, name[512];
	size_t n, i;
	int err;

	err = bt_tp_glob("*", "*", &names, &n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		char *colon;

		snprintf(name, sizeof(name), "tracepoint:%s", names[i]);
		if (!bt_probe_match(pattern, name))
			continue;
		fprintf(out, "%s\n", name);
		if (!verbose)
			continue;
		colon = strchr(names[i], ':');
		*colon = '\0';
		print_args(out, names[i], colon + 1);
	}
	bt_strv_free(names, n);
	return 0;
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
		x->err(x,
		       "%s: tracefs is not available (mount -t tracefs nodev /sys/kernel/tracing)",
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
	return bt_expand_add_all(x, names, n);
}
