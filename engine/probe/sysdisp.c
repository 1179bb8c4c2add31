// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall dispatch's attach method (see enum bt_dispatch in prog.h):
 * when it pays, and how its tp_btf program loads without vmlinux BTF.
 *
 * When: the dispatch runs a BPF program on every syscall of every process,
 * traced or not (~+150 ns each here); ordinary perf-event tracepoints run
 * one only on the traced syscalls. The dispatch's gain is detaching: one
 * link, where each perf-event tracepoint waits for an RCU grace period (in
 * parallel, attach.c, but hundreds still take seconds). So a probe takes
 * the dispatch for BT_SYSDISP_MIN syscalls of a kind or more.
 *
 * How: libbpf resolves a "tp_btf/NAME" section by loading all of vmlinux
 * BTF (1,364 read() calls), which a start from the compile cache should not
 * do. Sema looks the id of the typedef btf_trace_NAME up once, while it has
 * BTF, and writes it in the section, "bt_tpbtf/NAME/ID"; the compile cache
 * is keyed by the kernel's build id, so the id holds for every cached run.
 * libbpf takes such a section as a raw_tp program (no vmlinux BTF needed)
 * and the handler below makes it a tp_btf one with that id at load.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kernel/ktypes.h"
#include "probe/probe.h"

#define SEC_PREFIX "bt_tpbtf/"

char *bt_sysdisp_section(const char *tp)
{
	struct btf *b = bt_kbtf();
	char name[128], *sec;
	int id;

	if (!b)
		return NULL;
	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	id = btf__find_by_name_kind(b, name, BTF_KIND_TYPEDEF);
	if (id <= 0)
		return NULL;
	if (asprintf(&sec, SEC_PREFIX "%s/%d", tp, id) < 0)
		return NULL;
	return sec;
}

bool bt_sysdisp_btf_sec(const char *section)
{
	return !strncmp(section, SEC_PREFIX, strlen(SEC_PREFIX));
}

/* Load as a tp_btf program (TRACING, BTF_TRACE_RAW_TP) with the section's id. */
static int prepare_load(struct bpf_program *prog, struct bpf_prog_load_opts *opts, long cookie)
{
	const char *id = strrchr(bpf_program__section_name(prog), '/');
	char *end;
	unsigned long v;

	(void)cookie;
	if (!id)
		return -EINVAL;
	v = strtoul(id + 1, &end, 10);
	if (*end || !v)
		return -EINVAL;
	/* the object is not loaded yet: libbpf allows these, and reads the type
	 * and the attach type after this callback */
	if (bpf_program__set_type(prog, BPF_PROG_TYPE_TRACING) ||
	    bpf_program__set_expected_attach_type(prog, BPF_TRACE_RAW_TP))
		return -EINVAL;
	opts->expected_attach_type = BPF_TRACE_RAW_TP;
	opts->attach_btf_id = (__u32)v;
	opts->attach_btf_obj_fd = 0;
	return 0;
}

static int handler_err;

static void register_handler(void)
{
	LIBBPF_OPTS(libbpf_prog_handler_opts, ho, .prog_prepare_load_fn = prepare_load);
	int h = libbpf_register_prog_handler(SEC_PREFIX, BPF_PROG_TYPE_RAW_TRACEPOINT, 0, &ho);

	handler_err = h < 0 ? h : 0;
}

int bt_sysdisp_register(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, register_handler);
	return handler_err;
}
