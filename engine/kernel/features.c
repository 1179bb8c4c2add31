// SPDX-License-Identifier: GPL-2.0
/*
 * bt --info: what this kernel lets bt do, found by trying it (load and
 * attach a minimal program, open a perf event) rather than from version
 * numbers, plus the kernel's build configuration where it is published
 * (/proc/config.gz, read with zlib, or /boot/config-RELEASE). bpftrace
 * 0.17's --info says "kprobe: yes" on a kernel without kprobes (it only
 * loads a program); here each probe type is attached for real.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <zlib.h>

#include <bt/bt.h>

#include "cg_load.h"
#include "kernel/bpfinfo.h"
#include "kernel/ktypes.h"
#include "probe/probe.h"
#include "sym/ksym.h"
#include "kernel/tracefs.h"

static const char *const config_names[] = {
	"CONFIG_BPF_SYSCALL",
	"CONFIG_DEBUG_INFO_BTF",
	"CONFIG_KPROBES",
	"CONFIG_KPROBE_EVENTS",
	"CONFIG_FPROBE",
	"CONFIG_FUNCTION_TRACER",
	"CONFIG_UPROBE_EVENTS",
	"CONFIG_BPF_EVENTS",
	"CONFIG_BPF_KPROBE_OVERRIDE",
	"CONFIG_KALLSYMS_ALL",
	"CONFIG_HZ",
};

/* Prints the interesting CONFIG_ lines of a gzip or plain config file. */
static bool print_config(FILE *out, const char *path)
{
	char line[512];
	bool seen[sizeof(config_names) / sizeof(config_names[0])] = {0};
	gzFile f = gzopen(path, "rb"); /* reads plain files too */
	if (!f)
		return false;
	fprintf(out, "\nKernel config (%s)\n", path);
	while (gzgets(f, line, sizeof(line))) {
		line[strcspn(line, "\n")] = 0;
		for (size_t i = 0; i < sizeof(config_names) / sizeof(config_names[0]); i++) {
			size_t n = strlen(config_names[i]);
			if (!strncmp(line, config_names[i], n) && line[n] == '=') {
				fprintf(out, "  %s: %s\n", config_names[i], line + n + 1);
				seen[i] = true;
			}
		}
	}
	gzclose(f);
	for (size_t i = 0; i < sizeof(config_names) / sizeof(config_names[0]); i++)
		if (!seen[i])
			fprintf(out, "  %s: not set\n", config_names[i]);
	return true;
}

static void config(FILE *out)
{
	struct utsname u;
	char path[300];
	if (print_config(out, "/proc/config.gz"))
		return;
	if (uname(&u) == 0) {
		snprintf(path, sizeof(path), "/boot/config-%s", u.release);
		if (print_config(out, path))
			return;
	}
	fprintf(out,
		"\nKernel config\n  not published (no /proc/config.gz or /boot/config-RELEASE)\n");
}

static const char *try_rawtp(void)
{
	static char why[128];
	int fd = bt_trial_prog(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0);
	if (fd < 0) {
		snprintf(why, sizeof(why), "load refused: %s", strerror(errno));
		return why;
	}
	int link = bpf_raw_tracepoint_open("sched_switch", fd);

	return bt_info_linked(fd, link, errno, why, sizeof(why));
}

static const char *try_perf(unsigned int type, unsigned long long config)
{
	static char why[128];
	struct perf_event_attr a = {
		.type = type, .size = sizeof(a), .config = config, .disabled = 1};
	int fd = (int)syscall(__NR_perf_event_open, &a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0) {
		snprintf(why, sizeof(why), "perf_event_open: %s", strerror(errno));
		return why;
	}
	close(fd);
	return NULL;
}

/* A kernel function present in kallsyms: the multi-attach link types. */
static const char *have_sym(const char *sym)
{
	uint64_t addr;
	struct bt_ksyms *ks = bt_ksyms_get();
	if (ks && bt_ksym_addr(ks, sym, true, &addr))
		return NULL;
	return "not in this kernel";
}

/* bpftrace 0.17's keys first (kprobe says no where the kernel has none),
 * then the ones bt adds */
static void probe_types(FILE *out, struct btf *vmlinux, const char *root, const char *kfunc_why)
{
	const char *why = NULL;

	fprintf(out, "\nProbe types\n");
	bt_info_row(out, "kprobe", bt_kprobe_available(&why) ? NULL : why);
	bt_info_row(out, "tracepoint",
		    root ? NULL : "tracefs is not mounted and cannot be mounted");
	bt_info_row(out, "perf_event", try_perf(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK));
	bt_info_row(out, "kfunc", kfunc_why);
	/* the kernel may allow iterators; bt has no iter provider to run them */
	why = bt_info_try_tracing(vmlinux, BPF_TRACE_ITER, "bpf_iter_task", BTF_KIND_FUNC);
	bt_info_row(out, "iter:task", why ? why : "bt has no iter probes");
	why = bt_info_try_tracing(vmlinux, BPF_TRACE_ITER, "bpf_iter_task_file", BTF_KIND_FUNC);
	bt_info_row(out, "iter:task_file", why ? why : "bt has no iter probes");
	why = NULL;
	bt_kprobe_available(&why);
	bt_info_row(out, "kprobe_multi",
		    why ? why
		    : bt_kprobe_multi_available()
			    ? NULL
			    : "the kernel refuses kprobe_multi links (CONFIG_FPROBE)");
	bt_info_row(out, "raw_tp_special", try_rawtp());
	bt_info_row(out, "rawtracepoint", try_rawtp());
	bt_info_row(out, "tp_btf",
		    bt_info_try_tracing(vmlinux, BPF_TRACE_RAW_TP, "btf_trace_sched_switch",
					BTF_KIND_TYPEDEF));
	why = NULL;
	bt_info_row(out, "uprobe", bt_uprobe_available(&why) ? NULL : why);
	bt_info_row(out, "uprobe_multi", why ? why : have_sym("bpf_get_func_ip_uprobe_multi"));
	bt_info_row(out, "profile, interval, software",
		    try_perf(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK));
	bt_info_row(out, "hardware", try_perf(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES));
}

int bt_info(FILE *out)
{
	struct utsname u;
	const char *root = bt_tracefs_root();
	struct btf *vmlinux = btf__load_vmlinux_btf();
	const char *cg = bt_codegen_path();
	/* copied: the next try reuses the static buffer */
	const char *kf = bt_info_try_tracing(vmlinux, BPF_TRACE_FENTRY, "vfs_read", BTF_KIND_FUNC);
	char kfunc_why[128];

	if (kf)
		snprintf(kfunc_why, sizeof(kfunc_why), "%s", kf);
	if (uname(&u) == 0)
		fprintf(out, "System\n  OS: %s %s %s\n  Arch: %s\n", u.sysname, u.release,
			u.version, u.machine);
	fprintf(out, "\nBuild\n  version: bt %s\n  code generator: %s\n", BT_VERSION,
		cg ? cg : "not found (compiling needs bt-codegen.so)");
	fprintf(out, "  libdw (DWARF support): yes\n"); /* bt's own reader: engine/sym/dwarf.c */
	config(out);
	bt_info_helpers(out, kf ? kfunc_why : NULL);
	bt_info_features(out, vmlinux);
	bt_info_row(out, "ringbuf",
		    libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) == 1
			    ? NULL
			    : "BPF_MAP_TYPE_RINGBUF is refused");
	if (root)
		fprintf(out, "  tracefs: yes (%s)\n", root);
	else
		bt_info_row(out, "tracefs", "not mounted and cannot be mounted");
	struct bt_ksyms *ks = bt_ksyms_get();
	bt_info_row(out, "kallsyms data symbols",
		    ks && bt_ksym_has_data(ks)
			    ? NULL
			    : "kaddr() falls back to System.map (BT_SYSTEM_MAP)");
	struct bt_ktask t;
	bt_ktask(&t);
	bt_info_row(out, "task fields read in place (comm ==)",
		    t.comm_off >= 0 ? NULL : "needs task BTF and bpf_get_current_task_btf (5.11+)");
	bt_info_row(out, "task cache of the syscall dispatch", t.no_cache);
	bt_info_maps(out);
	probe_types(out, vmlinux, root, kf ? kfunc_why : NULL);
	btf__free(vmlinux);
	return 0;
}
