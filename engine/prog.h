/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What compiling a script produces, for the loader, runtime and printers:
 * the BPF ELF object plus a description of its maps, probes, and the
 * records its programs send through the ring buffer.
 *
 * Naming contract inside the ELF (codegen writes, load.c reads):
 *  - map i of bt_prog.maps is the ELF map named maps[i].bpf_name
 *  - "BT_RINGBUF" (BPF_MAP_TYPE_RINGBUF) carries records (see struct bt_rec_hdr)
 *  - "BT_STACKMAP_<D>" (BPF_MAP_TYPE_STACK_TRACE, value D * 8 bytes) holds
 *    the stacks of depth D (kstack(D), ustack(D); D = 127 by default)
 *    referenced by KSTACK/USTACK values: one map per depth, as bpftrace,
 *    so kstack(7) keys by the 7 top frames only
 *  - probe i of bt_prog.probes is the ELF program named probes[i].prog_name
 *  - a probe with dispatch set has the ARRAY map "BT_SYSDISP_<i>" (u64 by
 *    syscall number: 1 + the target's cookie, 0 = not traced), which the
 *    runtime fills from the targets' arg (the syscall number)
 */
#ifndef BT_PROG_H
#define BT_PROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "front/ast.h"
#include "sema/types.h"

struct bt_node;

/* Map storage kinds, chosen by codegen from the value type. */
enum bt_map_kind {
	BT_MAP_HASH,	    /* plain values: key -> value bytes */
	BT_MAP_PERCPU_HASH, /* aggregations: merge the per-CPU values */
	BT_MAP_HIST_HASH,   /* hist/lhist: PERCPU_HASH, key = user key + u64 bucket */
};

struct bt_map {
	char *name;	/* "@x" as printed ("@" for the anonymous map) */
	char *bpf_name; /* ELF map name, e.g. "AT_x" */
	enum bt_map_kind kind;
	struct bt_type *key;   /* TUPLE of the key elements, or NULL when keyless */
	struct bt_type *value; /* value type (BT_T_AGG for aggregations) */
	uint32_t key_size;     /* bytes in the BPF map key (keyless: 8, zero key) */
	uint32_t value_size;   /* bytes per value (per CPU for percpu kinds) */
	uint32_t max_entries;
	bool printed_at_exit; /* false for maps the runtime must not dump */
	/* keyless count(): a one-slot PERCPU_ARRAY (u32 key 0), as bpftrace: the
	 * verifier inlines the lookup, and it prints "@: 0" before any event */
	bool array;
	/* a keyless plain integer (@start = nsecs): a one-slot ARRAY whose value
	 * is followed by a u64 "set" flag (unset or deleted: not printed). Reads
	 * and writes go through the inlined lookup, no hash update. With a key
	 * (only ever tid: @start[tid]), max_entries slots indexed by the u32 tid
	 * (sema_tidmap.c); the printed key is the slot's index. */
	bool slot;
	int fd; /* filled by load */
};

/*
 * Many syscalls:sys_enter_* (or sys_exit_*) tracepoints as one raw tracepoint
 * program (closing hundreds of perf events takes an RCU grace period each:
 * seconds to exit): the program looks the syscall number up in its dispatch
 * map and builds the tracepoint's record itself.
 */
enum bt_dispatch {
	BT_DISP_NONE,
	BT_DISP_SYS_ENTER, /* raw_tp/sys_enter: (struct pt_regs *, long id) */
	BT_DISP_SYS_EXIT,  /* raw_tp/sys_exit: (struct pt_regs *, long ret) */
};
#define BT_SYSDISP_MAX 1024
#define BT_STACK_MAX                                                                               \
	127 /* frames: the default and largest stack depth */ /* syscall numbers the dispatch map  \
								 holds */

struct bt_provider;

/* One attach target after wildcard expansion. */
struct bt_target {
	char *name; /* full probe name as bpftrace prints it: "tracepoint:syscalls:sys_enter_openat"
		     */
	char *provider;	 /* canonical provider: "tracepoint", "kprobe", "interval", "BEGIN" ... */
	char *target;	 /* provider-specific: "syscalls:sys_enter_openat", "do_sys_open", "s:5" */
	uint64_t arg;	 /* interval/profile period in ns, or frequency (hz) */
	bool is_hz;	 /* profile:hz:N */
	uint64_t cookie; /* bpf cookie: index into bt_prog.probe_names */
	/* cannot be attached (a function the kernel cannot probe), one of several
	 * attach points of its probe: counted, then skipped with a warning at
	 * attach, as bpftrace 0.17 does ("could not attach probe X, skipping") */
	bool absent;
	/* watchpoint:FUNC+argN: not attached with the others; a uprobe on setup
	 * ("PATH:FUNC", its own program) reports argN (arg) and the runtime
	 * attaches this target at that address. NULL: an ordinary target. */
	char *setup;
	bool setup_async; /* asyncwatchpoint: the process runs on meanwhile */
};

struct bt_probe {
	char *prog_name; /* ELF program name */
	char *section; /* ELF section ("tracepoint/syscalls/sys_enter_openat", "perf_event", ...) */
	const struct bt_node *node;   /* the PROBE node (for messages) */
	const struct bt_provider *pv; /* the provider of every target */
	struct bt_target *targets;
	size_t ntargets;
	enum bt_dispatch dispatch; /* targets' arg: syscall number */
	/* a watchpoint's setup program (the uprobe of a target's setup): 1 +
	 * the index of the program whose target setup_target it reports
	 * (BT_REC_WATCH); 0: an ordinary program */
	size_t setup_of;
	size_t setup_target;
};

/*
 * Values known only when the program is loaded, not when it is compiled (so a
 * cached object serves every run): the global BT_RT_CONSTS in ".rodata", an
 * array of u64 indexed by enum bt_rt_const, filled by load.c.
 */
enum bt_rt_const {
	BT_RC_CPID,	/* the -c child's pid */
	BT_RC_START_NS, /* CLOCK_MONOTONIC at load, for elapsed */
	BT_RC_COUNT,
};

/* Records in the ring buffer: a u64 header then a payload. */
enum bt_rec_kind {
	BT_REC_PRINTF = 1, /* id: fmts index; payload laid out by fmts[id].args */
	BT_REC_TIME,	   /* id: fmts index (fmt is the strftime format) */
	BT_REC_EXIT,	   /* no payload */
	BT_REC_PRINT_MAP,  /* id: maps index; payload: s64 top, s64 div */
	BT_REC_CLEAR,	   /* id: maps index */
	BT_REC_ZERO,	   /* id: maps index */
	BT_REC_PRINT_VAL,  /* id: fmts index; payload: one value of fmts[id].args->elems[0] */
	BT_REC_SYSTEM,	   /* id: fmts index; like PRINTF, run through sh -c */
	BT_REC_CAT,	   /* id: fmts index; like PRINTF, the result is a path to print */
	BT_REC_JOIN,	   /* id: fmts index; payload: array of strings, fmt is the separator */
	BT_REC_HELPER_ERR, /* -k/-kk: id: hsites index; payload: s64 helper return */
	BT_REC_WATCH,	   /* id: probes index of a setup program; payload: u64 address, u64 tgid */
};

struct bt_rec_hdr {
	uint32_t kind; /* enum bt_rec_kind */
	uint32_t id;
};

struct bt_fmt {
	char *fmt; /* printf format / strftime format / join separator */
	struct bt_type
		*args; /* TUPLE of the arguments as laid out after the header (may be NULL) */
	const struct bt_node *node;
	void *compiled; /* the printer's parsed format, made at first use (output/printf.c) */
};

/* -k/-kk: a helper call whose failure the program reports (BT_REC_HELPER_ERR) */
struct bt_hsite {
	int helper;	   /* BPF helper id (BPF_FUNC_*) */
	struct bt_loc loc; /* the expression; file NULL: none */
};

/* A warning the compile gave, kept with the object so that a compile-cache
 * hit gives it again (engine.c). The source is its place in the run's list
 * of sources (struct bt_diag), not its name: `-e` and a file with the same
 * text share an entry. */
struct bt_warning {
	int src; /* index in bt_diag's sources; -1: no location */
	int line, col, len;
	char *msg;
};

struct bt_prog {
	void *obj; /* BPF ELF bytes (malloc'd) */
	size_t obj_len;
	struct bt_map *maps;
	size_t nmaps;
	struct bt_probe *probes;
	size_t nprobes;
	struct bt_fmt *fmts;
	size_t nfmts;
	char **probe_names; /* for the 'probe' builtin (BT_T_PROBE values) */
	size_t nprobe_names;
	bool needs_cpid;  /* script uses cpid */
	bool uses_consts; /* the object has BT_RT_CONSTS (.rodata) */
	bool uses_stackmap;
	bool uses_ringbuf;
	/* built from what the cache key does not cover: user binaries
	 * (uprobe/usdt: functions, DWARF, SDT notes, uaddr), kernel addresses
	 * (kaddr: KASLR moves them at boot), cgroup ids: never stored */
	bool uncacheable;
	/* codegen: also emit BTF line info (.BTF.ext), a statement's line and
	 * column per instruction; only to locate a verifier rejection (load.c) */
	bool line_info;
	struct bt_hsite *hsites; /* -k/-kk only: never cached (engine.c) */
	size_t nhsites;
	struct bt_warning *warnings; /* sema's, in the order given */
	size_t nwarnings;
};

/* Frees what sema or the compile cache filled in (types live in the pool). */
void bt_prog_free(struct bt_prog *p);

#endif
