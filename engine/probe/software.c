// SPDX-License-Identifier: GPL-2.0
/*
 * software:NAME[:PERIOD] and hardware:NAME[:PERIOD]: perf events on every
 * online CPU, by bpftrace's names and default periods. Also the perf-event
 * plumbing that interval and profile share.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "prog.h"
#include "probe/probe.h"

int bt_online_cpus(int **cpus)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "re");
	int *v = NULL, n = 0, a, b;
	char sep;

	*cpus = NULL;
	if (!f)
		return -errno;
	/* "0-3,5,7-8\n" */
	while (fscanf(f, "%d", &a) == 1) {
		b = a;
		if (fscanf(f, "%c", &sep) == 1 && sep == '-') {
			if (fscanf(f, "%d", &b) != 1)
				break;
			if (fscanf(f, "%c", &sep) != 1)
				sep = '\n';
		}
		for (; a <= b; a++) {
			if (bt_vec_push(v, n)) {
				free(v);
				fclose(f);
				return -ENOMEM;
			}
			v[n++] = a;
		}
		if (sep != ',')
			break;
	}
	fclose(f);
	if (!n) {
		free(v);
		return -ENOENT;
	}
	*cpus = v;
	return n;
}

int bt_perf_attach(struct bpf_program *prog, unsigned int type, unsigned long long config,
		   unsigned long long period, bool freq, int cpu, pid_t pid,
		   unsigned long long cookie, struct bt_links *out)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = type;
	attr.config = config;
	if (freq) {
		attr.freq = 1;
		attr.sample_freq = period;
	} else {
		attr.sample_period = period;
	}
	return bt_perf_attach_attr(prog, &attr, cpu, pid, cookie, out);
}

int bt_perf_attach_attr(struct bpf_program *prog, struct perf_event_attr *attr, int cpu, pid_t pid,
			unsigned long long cookie, struct bt_links *out)
{
	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = cookie);
	struct bpf_link *link;
	int fd, err;

	fd = syscall(__NR_perf_event_open, attr, pid > 0 ? pid : -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	link = bpf_program__attach_perf_event_opts(prog, fd, &opts);
	if (!link) {
		err = -errno;
		close(fd);
		return err;
	}
	/* the link owns fd now: bpf_link__destroy closes it */
	return bt_links_push(out, link);
}

struct perf_name {
	const char *name, *alias;
	unsigned long long config, period;
};

/* bpftrace 0.17's SW_PROBE_LIST / HW_PROBE_LIST: names, aliases, default periods */
static const struct perf_name sw_names[] = {
	{"alignment-faults", NULL, PERF_COUNT_SW_ALIGNMENT_FAULTS, 1},
	{"bpf-output", NULL, PERF_COUNT_SW_BPF_OUTPUT, 1},
	{"context-switches", "cs", PERF_COUNT_SW_CONTEXT_SWITCHES, 1000},
	{"cpu-clock", "cpu", PERF_COUNT_SW_CPU_CLOCK, 1000000},
	{"cpu-migrations", NULL, PERF_COUNT_SW_CPU_MIGRATIONS, 1},
	{"dummy", NULL, PERF_COUNT_SW_DUMMY, 1},
	{"emulation-faults", NULL, PERF_COUNT_SW_EMULATION_FAULTS, 1},
	{"major-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MAJ, 1},
	{"minor-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MIN, 100},
	{"page-faults", "faults", PERF_COUNT_SW_PAGE_FAULTS, 100},
	{"task-clock", NULL, PERF_COUNT_SW_TASK_CLOCK, 1000000},
	{NULL, NULL, 0, 0},
};

static const struct perf_name hw_names[] = {
	{"backend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_BACKEND, 1000000},
	{"branch-instructions", "branches", PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 100000},
	{"branch-misses", NULL, PERF_COUNT_HW_BRANCH_MISSES, 100000},
	{"bus-cycles", NULL, PERF_COUNT_HW_BUS_CYCLES, 100000},
	{"cache-misses", NULL, PERF_COUNT_HW_CACHE_MISSES, 1000000},
	{"cache-references", NULL, PERF_COUNT_HW_CACHE_REFERENCES, 1000000},
	{"cpu-cycles", "cycles", PERF_COUNT_HW_CPU_CYCLES, 1000000},
	{"frontend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_FRONTEND, 1000000},
	{"instructions", NULL, PERF_COUNT_HW_INSTRUCTIONS, 1000000},
	{"ref-cycles", NULL, PERF_COUNT_HW_REF_CPU_CYCLES, 1000000},
	{NULL, NULL, 0, 0},
};

static const struct perf_name *find_name(const struct perf_name *tab, const char *name, size_t len)
{
	for (; tab->name; tab++) {
		if ((strlen(tab->name) == len && !strncmp(tab->name, name, len)) ||
		    (tab->alias && strlen(tab->alias) == len && !strncmp(tab->alias, name, len)))
			return tab;
	}
	return NULL;
}

/* target "NAME" or "NAME:PERIOD"; t->arg, when set, is the period */
static int attach_all_cpus(const struct perf_name *tab, unsigned int type,
			   const struct bt_target *t, struct bpf_program *prog,
			   struct bt_links *out, const char **why)
{
	const char *colon = strchr(t->target, ':');
	size_t len = colon ? (size_t)(colon - t->target) : strlen(t->target);
	const struct perf_name *pn = find_name(tab, t->target, len);
	unsigned long long period;
	int *cpus, n, i, err = 0;

	if (!pn) {
		*why = "unknown event name";
		return -EINVAL;
	}
	period = t->arg ? t->arg : colon ? strtoull(colon + 1, NULL, 0) : pn->period;
	if (!period)
		period = pn->period;
	n = bt_online_cpus(&cpus);
	if (n < 0)
		return n;
	for (i = 0; i < n && !err; i++)
		err = bt_perf_attach(prog, type, pn->config, period, false, cpus[i], -1, t->cookie,
				     out);
	free(cpus);
	return err;
}

int bt_software_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	(void)ctx;
	return attach_all_cpus(sw_names, PERF_TYPE_SOFTWARE, t, prog, out, why);
}

int bt_hardware_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	int err;

	(void)ctx;
	err = attach_all_cpus(hw_names, PERF_TYPE_HARDWARE, t, prog, out, why);
	if (err == -ENOENT || err == -EOPNOTSUPP)
		bt_hardware_available(why);
	return err;
}

bool bt_hardware_available(const char **why)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = PERF_COUNT_HW_CPU_CYCLES;
	attr.disabled = 1;
	fd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	*why = "this kernel/CPU has no hardware performance counters (a VM without a PMU?)";
	return false;
}

static int list_names(const struct perf_name *tab, const char *prov, const char *pattern, FILE *out)
{
	char name[128];

	for (; tab->name; tab++) {
		snprintf(name, sizeof(name), "%s:%s:", prov, tab->name);
		if (bt_probe_match(pattern, name))
			fprintf(out, "%s\n", name);
	}
	return 0;
}

int bt_software_list(const char *pattern, bool verbose, FILE *out)
{
	(void)verbose;
	return list_names(sw_names, "software", pattern, out);
}

int bt_hardware_list(const char *pattern, bool verbose, FILE *out)
{
	(void)verbose;
	return list_names(hw_names, "hardware", pattern, out);
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
	if (bt_expand_usable(pv, x, x->parts[1]))
		return -EINVAL;
	if (x->nparts >= 3)
		count = strtoull(x->parts[2], NULL, 10);
	snprintf(tg, sizeof(tg), "%s%s%s", x->parts[1], x->nparts >= 3 ? ":" : "",
		 x->nparts >= 3 ? x->parts[2] : "");
	return x->add(x, tg, count, false);
}
