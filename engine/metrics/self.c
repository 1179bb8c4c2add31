// SPDX-License-Identifier: GPL-2.0
/*
 * The tracer's own cost, on the same dashboard: scrape duration, entries in
 * each BPF map (against its max_entries), series dropped by --max-series,
 * resident memory, and per probe the kernel's BPF statistics (run count and
 * run time, enabled with BPF_ENABLE_STATS while metrics mode runs).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "metrics/metrics.h"
#include "runtime/runtime.h"

void bt_mself_start(struct bt_mself *self)
{
	/* the fd keeps kernel.bpf_stats_enabled on until closed; EPERM/EINVAL:
	 * run counts stay 0 (the sysctl may still be on) */
	self->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (self->stats_fd < 0)
		self->stats_fd = -1;
}

void bt_mself_stop(struct bt_mself *self)
{
	if (self->stats_fd >= 0)
		close(self->stats_fd);
	self->stats_fd = -1;
}

static int family(struct bt_strbuf *sb, const char *name, const char *type, const char *help,
		  bool om)
{
	/* OpenMetrics names a counter family without its "_total" */
	size_t n = strlen(name);

	if (om && !strcmp(type, "counter") && n > 6 && !strcmp(name + n - 6, "_total"))
		n -= 6;
	return bt_sb_printf(sb, "# HELP %.*s %s\n# TYPE %.*s %s\n", (int)n, name, help, (int)n,
			    name, type);
}

static size_t count_keys(int fd, uint32_t key_size)
{
	uint8_t *a = calloc(2, key_size + 8), *b;
	size_t n = 0;

	if (!a)
		return 0;
	b = a + key_size + 8;
	if (!bpf_map_get_next_key(fd, NULL, a)) {
		n = 1;
		while (!bpf_map_get_next_key(fd, a, b)) {
			memcpy(a, b, key_size);
			n++;
		}
	}
	free(a);
	return n;
}

static int map_stats(struct bt_mmeta *meta, struct bt_mscrape *s)
{
	struct bt_strbuf *sb = s->sb;
	int err = family(sb, "bt_self_map_entries", "gauge",
			 "Entries in each BPF map of the script (hist maps: one per bucket)",
			 s->openmetrics);

	for (size_t i = 0; i < meta->nmaps && !err; i++) {
		const struct bt_map *m = meta->maps[i].map;

		if (m->fd < 0)
			continue;
		err = bt_sb_puts(sb, "bt_self_map_entries{map=\"");
		err = err ?: bt_mesc_label(sb, m->name, strlen(m->name));
		err = err ?: bt_sb_printf(sb, "\"} %zu\n", count_keys(m->fd, m->key_size));
	}
	err = err
		      ?: family(sb, "bt_self_map_max_entries", "gauge",
				"The most entries each BPF map of the script can hold",
				s->openmetrics);
	for (size_t i = 0; i < meta->nmaps && !err; i++) {
		const struct bt_map *m = meta->maps[i].map;

		err = bt_sb_puts(sb, "bt_self_map_max_entries{map=\"");
		err = err ?: bt_mesc_label(sb, m->name, strlen(m->name));
		err = err ?: bt_sb_printf(sb, "\"} %" PRIu32 "\n", m->max_entries);
	}
	err = err
		      ?: family(sb, "bt_self_dropped_series_total", "counter",
				"Series left out by --max-series, per map, since the start",
				s->openmetrics);
	for (size_t i = 0; i < meta->nmaps && !err; i++) {
		const struct bt_mmap *mm = &meta->maps[i];

		if (mm->kind == BT_MK_SKIP)
			continue;
		err = bt_sb_puts(sb, "bt_self_dropped_series_total{map=\"");
		err = err ?: bt_mesc_label(sb, mm->map->name, strlen(mm->map->name));
		err = err ?: bt_sb_printf(sb, "\"} %" PRIu64 "\n", mm->dropped);
	}
	return err;
}

/* The probe's label: its one target, or its attach points as written. */
static int probe_label(const struct bt_probe *p, struct bt_strbuf *sb)
{
	struct bt_node *at;
	size_t i;
	int err = 0;

	if (p->ntargets == 1 || !p->node)
		return bt_mesc_label(sb, p->ntargets ? p->targets[0].name : p->prog_name,
				     strlen(p->ntargets ? p->targets[0].name : p->prog_name));
	bt_list_for_each (&p->node->list, i, at) {
		err = err ?: (i ? bt_sb_puts(sb, ",") : 0);
		err = err ?: bt_mesc_label(sb, at->str, strlen(at->str));
	}
	return err;
}

static int probe_stats(struct bt_runtime *rt, struct bt_mscrape *s)
{
	const struct bt_prog *prog = rt->prog;
	struct bt_strbuf *sb = s->sb, runs = {0}, secs = {0};
	int err;

	for (size_t i = 0; i < prog->nprobes; i++) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		int fd = rt->progs && rt->progs[i] ? bpf_program__fd(rt->progs[i]) : -1;

		memset(&info, 0, sizeof(info));
		if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len))
			continue;
		err = bt_sb_puts(&runs, "bt_self_probe_runs_total{probe=\"");
		err = err ?: probe_label(&prog->probes[i], &runs);
		err = err ?: bt_sb_printf(&runs, "\"} %" PRIu64 "\n", (uint64_t)info.run_cnt);
		err = err ?: bt_sb_puts(&secs, "bt_self_probe_run_seconds_total{probe=\"");
		err = err ?: probe_label(&prog->probes[i], &secs);
		err = err ?: bt_sb_printf(&secs, "\"} %.9f\n", (double)info.run_time_ns / 1e9);
		if (err)
			goto out;
	}
	err = family(sb, "bt_self_probe_runs_total", "counter",
		     "Times each BPF program of the script ran (kernel BPF stats)", s->openmetrics);
	err = err ?: bt_sb_add(sb, bt_sb_str(&runs), runs.len);
	err = err
		      ?: family(sb, "bt_self_probe_run_seconds_total", "counter",
				"Time spent in each BPF program of the script (kernel BPF stats)",
				s->openmetrics);
	err = err ?: bt_sb_add(sb, bt_sb_str(&secs), secs.len);
out:
	bt_sb_free(&runs);
	bt_sb_free(&secs);
	return err;
}

static uint64_t rss_bytes(void)
{
	unsigned long size = 0, res = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

int bt_expo_self(struct bt_mself *self, struct bt_mmeta *meta, struct bt_runtime *rt,
		 struct bt_mscrape *s, double scrape_seconds)
{
	struct bt_strbuf *sb = s->sb;
	int err;

	self->scrapes++;
	err = map_stats(meta, s);
	err = err ?: probe_stats(rt, s);
	err = err
		      ?: family(sb, "bt_self_scrapes_total", "counter",
				"Times bt rendered these metrics (scrapes and file writes)",
				s->openmetrics);
	err = err ?: bt_sb_printf(sb, "bt_self_scrapes_total %" PRIu64 "\n", self->scrapes);
	err = err
		      ?: family(sb, "bt_self_lost_events_total", "counter",
				"Records the BPF programs could not write: the ring buffer was "
				"full",
				s->openmetrics);
	err = err ?: bt_sb_printf(sb, "bt_self_lost_events_total %" PRIu64 "\n", rt->lost);
	err = err
		      ?: family(sb, "bt_self_resident_memory_bytes", "gauge",
				"Resident memory of the bt process", s->openmetrics);
	err = err ?: bt_sb_printf(sb, "bt_self_resident_memory_bytes %" PRIu64 "\n", rss_bytes());
	err = err
		      ?: family(sb, "bt_self_scrape_duration_seconds", "gauge",
				"Time bt took to read the maps and render this text",
				s->openmetrics);
	return err ?: bt_sb_printf(sb, "bt_self_scrape_duration_seconds %.6f\n", scrape_seconds);
}
