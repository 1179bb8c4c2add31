// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:FUNC[+OFF] / kretprobe:FUNC through libbpf's perf-event kprobes,
 * cookie = probe index. Kernels without CONFIG_KPROBE_EVENTS load kprobe
 * programs fine and fail only at attach: available() says so up front.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "../prog.h"
#include "../tracefs.h"
#include "probe.h"

static const char no_kprobes[] = "this kernel has no kprobes (CONFIG_KPROBES)";

static int attach(const struct bt_target *t, struct bpf_program *prog, bool retprobe,
		  struct bt_links *out, const char **why)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .bpf_cookie = t->cookie, .retprobe = retprobe);
	const char *plus = strchr(t->target, '+');
	struct bpf_link *link;
	char *func;
	int err;

	func = plus ? strndup(t->target, plus - t->target) : strdup(t->target);
	if (!func)
		return -ENOMEM;
	if (plus)
		opts.offset = strtoull(plus + 1, NULL, 0);
	link = bpf_program__attach_kprobe_opts(prog, func, &opts);
	err = link ? 0 : -errno;
	free(func);
	if (err) {
		if (!bt_kprobe_available(why) && err == -ENOENT)
			return err;
		if (err == -ENOENT)
			*why = "no such kernel function (or it cannot be probed)";
		return err;
	}
	return bt_links_push(out, link);
}

int bt_kprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	(void)ctx;
	return attach(t, prog, false, out, why);
}

int bt_kretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	(void)ctx;
	return attach(t, prog, true, out, why);
}

bool bt_kprobe_available(const char **why)
{
	const char *root;
	char path[PATH_MAX];

	/* libbpf uses the kprobe PMU when the kernel has it, kprobe_events otherwise */
	if (access("/sys/bus/event_source/devices/kprobe/type", R_OK) == 0)
		return true;
	root = bt_tracefs_root();
	if (root) {
		snprintf(path, sizeof(path), "%s/kprobe_events", root);
		if (access(path, F_OK) == 0)
			return true;
	}
	*why = no_kprobes;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* available_filter_functions: "name [module]" lines, sorted and deduplicated */
int bt_kprobe_list(const char *pattern, bool verbose, FILE *out)
{
	const char *root = bt_tracefs_root(), *why;
	char path[PATH_MAX], line[512], name[600];
	char **v = NULL;
	size_t n = 0, cap = 0, i;
	FILE *f;
	int err = 0;

	(void)verbose;
	if (!root || !bt_kprobe_available(&why))
		return 0;
	snprintf(path, sizeof(path), "%s/available_filter_functions", root);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \t\n")] = '\0';
		if (n == cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 4096) * sizeof(*v));

			if (!nv) {
				err = -ENOMEM;
				break;
			}
			v = nv;
		}
		v[n] = strdup(line);
		if (!v[n]) {
			err = -ENOMEM;
			break;
		}
		n++;
	}
	fclose(f);
	if (!err) {
		qsort(v, n, sizeof(*v), cmp_str);
		for (i = 0; i < n; i++) {
			if (i && !strcmp(v[i], v[i - 1]))
				continue;
			snprintf(name, sizeof(name), "kprobe:%s", v[i]);
			if (bt_probe_match(pattern, name))
				fprintf(out, "%s\n", name);
		}
	}
	bt_strv_free(v, n);
	return err;
}
