/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Settings from the environment: every BT_* and BPFTRACE_* switch, read in
 * one place (settings.c) and nowhere else. bt_run() reads and checks them
 * once (bt_settings_load); the rest of the engine reads the snapshot.
 * The environment is the process's, so the snapshot is a process-wide
 * cache: it is filled once and never written again.
 */
#ifndef BT_ENGINE_SETTINGS_H
#define BT_ENGINE_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

struct bt_diag;
struct bt_strbuf;

struct bt_settings {
	/* bpftrace 0.17's, same names and defaults */
	uint32_t strlen;	/* BPFTRACE_STRLEN (BT_STRLEN): str() bytes, 64, <= 200 */
	uint32_t map_keys_max;	/* BPFTRACE_MAP_KEYS_MAX (BT_MAP_KEYS_MAX): 4096 */
	uint32_t max_probes;	/* BPFTRACE_MAX_PROBES: attach targets, 512 */
	uint32_t max_bpf_progs; /* BPFTRACE_MAX_BPF_PROGS: BPF programs, 512 */
	uint64_t cat_bytes_max; /* BPFTRACE_CAT_BYTES_MAX: bytes cat() prints, 10240 */
	uint64_t log_size;	/* BPFTRACE_LOG_SIZE: verifier log bytes, 1000000 */
	uint32_t perf_rb_pages; /* BPFTRACE_PERF_RB_PAGES: per CPU, 0 = bt's own size */
	uint64_t max_type_res;	/* BPFTRACE_MAX_TYPE_RES_ITERATIONS: checked, unused */
	bool no_cpp_demangle;	/* BPFTRACE_NO_CPP_DEMANGLE=1 */
	/* bt's own */
	bool no_cache;		/* BT_NO_CACHE: as --no-cache */
	bool sysdisp_off;	/* BT_SYSDISP=0 */
	bool sysdisp_force;	/* BT_SYSDISP=1: the dispatch for any number of syscalls */
	bool no_task_btf;	/* BT_NO_TASK_BTF */
	bool no_task_cache;	/* BT_NO_TASK_CACHE (other than 0) */
	bool no_kprobe_multi;	/* BT_NO_KPROBE_MULTI */
	bool dump_ir;		/* BT_DUMP_IR */
	const char *codegen;	/* BT_CODEGEN: bt-codegen.so's path, or NULL */
	const char *datadir;	/* BT_DATADIR, or NULL */
	const char *system_map; /* BT_SYSTEM_MAP, or NULL */
};

/* Reads and checks the environment once (later calls return the first
 * result); a bad value is an error on d ("PROG: error: ..."). 0 or -EINVAL. */
int bt_settings_load(struct bt_diag *d);

/* The snapshot (read without checks if bt_settings_load was not called:
 * bad values keep their defaults). Never NULL. */
const struct bt_settings *bt_settings(void);

/* Appends what a compiled program depends on (compile cache key). */
void bt_settings_key(struct bt_strbuf *k);

#endif
