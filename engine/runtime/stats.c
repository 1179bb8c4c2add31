// SPDX-License-Identifier: GPL-2.0
/*
 * --stats: per-probe run count and run time from the kernel's BPF stats
 * (bpf_enable_stats(BPF_STATS_RUN_TIME) keeps them on while its fd is
 * open; bpf_prog_info.run_cnt/run_time_ns per program). The table goes to
 * stderr after the maps, so stdout stays exactly what bpftrace prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "front/ast.h"
#include "runtime/runtime.h"
#include "runtime/stats.h"

int bt_stats_enable(struct bt_runtime *rt)
{
	int fd = bpf_enable_stats(BPF_STATS_RUN_TIME);

	if (fd < 0)
		bt_diag(rt->d, BT_SEV_WARNING, NULL, "cannot enable BPF run-time stats: %s",
			strerror(errno));
	return fd < 0 ? -1 : fd;
}

/* The probe as written ("t:syscalls:sys_enter_*, BEGIN"), or its one target. */
static char *probe_label(const struct bt_probe *p)
{
	const struct bt_node *n = p->node;
	size_t i, len = 0;
	char *s;

	if (p->ntargets == 1 || !n || n->kind != BT_N_PROBE || !n->list.n)
		return strdup(p->ntargets ? p->targets[0].name : p->prog_name);
	for (i = 0; i < n->list.n; i++)
		len += (n->list.v[i]->str ? strlen(n->list.v[i]->str) : 0) + 2;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n->list.n; i++) {
		if (i)
			strcat(s, ", ");
		if (n->list.v[i]->str)
			strcat(s, n->list.v[i]->str);
	}
	return s;
}

struct row {
	char *label;
	uint64_t cnt, ns;
	int ok;
};

static int get_row(const struct bt_runtime *rt, size_t i, struct row *r)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);
	int fd = rt->progs[i] ? bpf_program__fd(rt->progs[i]) : -1;

	memset(r, 0, sizeof(*r));
	r->label = probe_label(&rt->prog->probes[i]);
	if (!r->label)
		return -ENOMEM;
	memset(&info, 0, sizeof(info));
	if (fd >= 0 && !bpf_obj_get_info_by_fd(fd, &info, &len)) {
		r->cnt = info.run_cnt;
		r->ns = info.run_time_ns;
		r->ok = 1;
	}
	return 0;
}

void bt_stats_print(const struct bt_runtime *rt, FILE *f)
{
	size_t i, n = rt->prog->nprobes, w = strlen("PROBE");
	struct row *rows = calloc(n ? n : 1, sizeof(*rows));

	if (!rows)
		return;
	for (i = 0; i < n; i++) {
		if (get_row(rt, i, &rows[i]))
			goto out;
		if (strlen(rows[i].label) > w)
			w = strlen(rows[i].label);
	}
	fprintf(f, "%-*s %12s %16s %10s\n", (int)w, "PROBE", "RUNS", "RUN TIME NS", "NS/RUN");
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		if (!r->ok)
			fprintf(f, "%-*s %12s %16s %10s\n", (int)w, r->label, "?", "?", "?");
		else if (!r->cnt)
			fprintf(f, "%-*s %12d %16" PRIu64 " %10s\n", (int)w, r->label, 0, r->ns,
				"-");
		else
			fprintf(f, "%-*s %12" PRIu64 " %16" PRIu64 " %10" PRIu64 "\n", (int)w,
				r->label, r->cnt, r->ns, r->ns / r->cnt);
	}
out:
	for (i = 0; i < n; i++)
		free(rows[i].label);
	free(rows);
	fflush(f);
}
