// SPDX-License-Identifier: GPL-2.0
/*
 * BEGIN and END: raw_tp programs that are never attached. The runtime runs
 * each once (engine/runtime/run.c): BEGIN before the -c child is released and before
 * any event can fire, END after the last event, before the maps are printed.
 */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "probe/probe.h"

int bt_special_run(struct bpf_program *prog)
{
	/* a raw_tp program takes its u64 args from ctx_in; BEGIN/END have none,
	 * but a zeroed array keeps a stray arg0 read harmless */
	unsigned long long args[12];
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof(args));
	int fd = bpf_program__fd(prog);

	memset(args, 0, sizeof(args));
	if (fd < 0)
		return -EBADF;
	if (bpf_prog_test_run_opts(fd, &opts))
		return -errno;
	return 0;
}
