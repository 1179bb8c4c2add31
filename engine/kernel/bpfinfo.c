// SPDX-License-Identifier: GPL-2.0
/*
 * The parts of bt --info that scripts and harnesses written for bpftrace
 * 0.17 read: its section names and keys, with answers found on this kernel
 * (a helper is probed with a program that calls it, a map type by creating
 * one, the instruction limit and loops by loading programs that need them).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kernel/bpfinfo.h"

void bt_info_row(FILE *out, const char *key, const char *why)
{
	if (!why)
		fprintf(out, "  %s: yes\n", key);
	else if (!*why)
		fprintf(out, "  %s: no\n", key);
	else
		fprintf(out, "  %s: no (%s)\n", key, why);
}

const char *bt_info_try_tracing(struct btf *vmlinux, int eat, const char *name, int kind)
{
	static char why[128];
	static const struct bpf_insn insns[] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	int id = vmlinux ? btf__find_by_name_kind(vmlinux, name, kind) : -1;

	if (id < 0)
		return "no BTF";
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = (enum bpf_attach_type)eat,
		    .attach_btf_id = (__u32)id);
	int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "bt_trial", "GPL", insns, 2, &o);
	if (fd < 0) {
		snprintf(why, sizeof(why), "load refused: %s", strerror(errno));
		return why;
	}
	int link = bpf_link_create(fd, 0, (enum bpf_attach_type)eat, NULL);

	return bt_info_linked(fd, link, errno, why, sizeof(why));
}

const char *bt_info_linked(int fd, int link, int err, char *why, size_t len)
{
	close(fd);
	if (link < 0) {
		snprintf(why, len, "attach refused: %s", strerror(err));
		return why;
	}
	close(link);
	return NULL;
}

/*
 * A program of this type that calls the helper: the verifier refuses an
 * unknown helper, or one the type may not use, before it checks arguments.
 * (libbpf 1.1's probe misses 6.x's "program of this type cannot use helper".)
 */
static const char *helper(enum bpf_prog_type type, enum bpf_func_id id)
{
	struct bpf_insn insns[] = {
		{.code = BPF_JMP | BPF_CALL, .imm = id},
		{.code = BPF_JMP | BPF_EXIT},
	};
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	int fd = bpf_prog_load(type, "bt_trial", "GPL", insns, 2, &o);

	if (fd >= 0) {
		close(fd);
		return NULL;
	}
	if (!*log || strstr(log, "unknown func") || strstr(log, "invalid func") ||
	    strstr(log, "cannot use helper"))
		return "";
	return NULL;
}

/* bpftrace's list; dpath and skboutput are called from kfunc programs only */
void bt_info_helpers(FILE *out, const char *kfunc_why)
{
	static const struct {
		const char *key;
		enum bpf_func_id id;
	} kprobe_helpers[] = {
		{"probe_read", BPF_FUNC_probe_read},
		{"probe_read_str", BPF_FUNC_probe_read_str},
		{"probe_read_user", BPF_FUNC_probe_read_user},
		{"probe_read_user_str", BPF_FUNC_probe_read_user_str},
		{"probe_read_kernel", BPF_FUNC_probe_read_kernel},
		{"probe_read_kernel_str", BPF_FUNC_probe_read_kernel_str},
		{"get_current_cgroup_id", BPF_FUNC_get_current_cgroup_id},
		{"send_signal", BPF_FUNC_send_signal},
		{"override_return", BPF_FUNC_override_return},
		{"get_boot_ns", BPF_FUNC_ktime_get_boot_ns},
	};

	fprintf(out, "\nKernel helpers\n");
	for (size_t i = 0; i < sizeof(kprobe_helpers) / sizeof(kprobe_helpers[0]); i++)
		bt_info_row(out, kprobe_helpers[i].key,
			    helper(BPF_PROG_TYPE_KPROBE, kprobe_helpers[i].id));
	bt_info_row(out, "dpath", kfunc_why ? "needs kfunc" : NULL); /* bpf_d_path: fentry only */
	bt_info_row(out, "skboutput", kfunc_why ? "needs kfunc" : NULL);
}

/* Loads n instructions (mov r0, 0 ... exit): the kernel's program size limit. */
static bool loads(size_t n)
{
	struct bpf_insn *insns = calloc(n, sizeof(*insns));
	int fd;

	if (!insns)
		return false;
	for (size_t i = 0; i + 1 < n; i++)
		insns[i] = (struct bpf_insn){.code = BPF_ALU64 | BPF_MOV | BPF_K,
					     .dst_reg = BPF_REG_0};
	insns[n - 1] = (struct bpf_insn){.code = BPF_JMP | BPF_EXIT};
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "bt_trial", "GPL", insns, n, NULL);
	free(insns);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* A bounded loop: r0 = 4; do r0 -= 1 while (r0 != 0) */
static bool loop_loads(void)
{
	static const struct bpf_insn insns[] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 4},
		{.code = BPF_ALU64 | BPF_SUB | BPF_K, .dst_reg = BPF_REG_0, .imm = 1},
		{.code = BPF_JMP | BPF_JNE | BPF_K, .dst_reg = BPF_REG_0, .off = -2, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "bt_trial", "GPL", insns, 4, NULL);

	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

/* BPF_MAP_LOOKUP_BATCH on an empty hash map: ENOENT where the kernel has it */
static bool map_batch(void)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, "bt_trial", 4, 4, 1, NULL);
	__u32 count = 1, out_batch, key, value;
	int err;

	if (fd < 0)
		return false;
	err = bpf_map_lookup_batch(fd, NULL, &out_batch, &key, &value, &count, NULL);
	err = err ? -errno : 0;
	close(fd);
	return err == 0 || err == -ENOENT;
}

void bt_info_features(FILE *out, struct btf *vmlinux)
{
	fprintf(out, "\nKernel features\n");
	fprintf(out, "  Instruction limit: %d\n", loads(4097) ? 1000000 : 4096);
	bt_info_row(out, "Loop support", loop_loads() ? NULL : "");
	bt_info_row(out, "btf",
		    vmlinux ? NULL : "no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)");
	bt_info_row(out, "map batch", map_batch() ? NULL : "");
	bt_info_row(out, "uprobe refcount (depends on Build:bcc bpf_attach_uprobe refcount)",
		    access("/sys/bus/event_source/devices/uprobe/format/ref_ctr_offset", R_OK)
			    ? ""
			    : NULL);
}

void bt_info_maps(FILE *out)
{
	static const struct {
		const char *key;
		enum bpf_map_type type;
	} maps[] = {
		{"hash", BPF_MAP_TYPE_HASH},
		{"percpu hash", BPF_MAP_TYPE_PERCPU_HASH},
		{"array", BPF_MAP_TYPE_ARRAY},
		{"percpu array", BPF_MAP_TYPE_PERCPU_ARRAY},
		{"stack_trace", BPF_MAP_TYPE_STACK_TRACE},
		{"perf_event_array", BPF_MAP_TYPE_PERF_EVENT_ARRAY},
		{"ringbuf", BPF_MAP_TYPE_RINGBUF},
	};

	fprintf(out, "\nMap types\n");
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		bt_info_row(out, maps[i].key,
			    libbpf_probe_bpf_map_type(maps[i].type, NULL) == 1 ? NULL : "");
}
