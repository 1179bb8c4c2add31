/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Semantic analysis: resolves probes (attach points, wildcards), builtins,
 * functions, variables and maps; infers types; reports every error with its
 * location, then fails. Fills struct bt_prog's maps, probes and formats and
 * annotates the AST (node->type, node->sema) for codegen.
 */
#ifndef BT_SEMA_H
#define BT_SEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "front/ast.h"
#include "front/diag.h"
#include "kernel/ktypes.h"
#include "prog.h"
#include "util/strmap.h"
#include "sema/tpool.h"

enum bt_provider_id {
	BT_P_BEGIN, BT_P_END, BT_P_TRACEPOINT, BT_P_RAWTP, BT_P_TPBTF, BT_P_KPROBE,
	BT_P_KRETPROBE, BT_P_KFUNC, BT_P_KRETFUNC, BT_P_UPROBE, BT_P_URETPROBE, BT_P_USDT,
	BT_P_PROFILE, BT_P_INTERVAL, BT_P_SOFTWARE, BT_P_HARDWARE,
};

/* Builtin identifiers and constants (struct bt_ann.id of BT_N_BUILTIN). */
enum bt_builtin_id {
	BT_B_PID, BT_B_TID, BT_B_UID, BT_B_GID, BT_B_CPU, BT_B_COMM, BT_B_NSECS, BT_B_ELAPSED,
	BT_B_CPID, BT_B_CURTASK, BT_B_ARGS, BT_B_ARG, BT_B_SARG, BT_B_RETVAL, BT_B_KSTACK,
	BT_B_USTACK, BT_B_FUNC, BT_B_PROBE, BT_B_RAND, BT_B_CGROUP, BT_B_USERNAME, BT_B_NUMAID,
	BT_B_CONST, /* enum or macro constant: ann->ival */
};

/* Functions (struct bt_ann.id of BT_N_CALL). */
enum bt_func_id {
	BT_F_PRINTF, BT_F_TIME, BT_F_EXIT, BT_F_STR, BT_F_KSYM, BT_F_USYM, BT_F_PRINT,
	BT_F_CLEAR, BT_F_ZERO, BT_F_DELETE, BT_F_COUNT, BT_F_SUM, BT_F_MIN, BT_F_MAX, BT_F_AVG,
	BT_F_STATS, BT_F_HIST, BT_F_LHIST, BT_F_KADDR, BT_F_UPTR, BT_F_KPTR, BT_F_KSTACK,
	BT_F_USTACK, BT_F_CGROUPID, BT_F_BSWAP, BT_F_STRNCMP, BT_F_SIGNAL, BT_F_SYSTEM, BT_F_CAT,
	BT_F_JOIN, BT_F_NTOP, BT_F_BUF, BT_F_REG, BT_F_UADDR, BT_F_MACADDR, BT_F_PATH,
	BT_F_OVERRIDE, BT_F_STRFTIME, BT_F_CGROUP_PATH, BT_F_PTON,
};

/* How a FIELD/INDEX node reaches its bytes. */
enum bt_access {
	BT_ACC_CTX,      /* tracepoint record: ctx + off (direct loads) */
	BT_ACC_CTX_ARG,  /* tp_btf/kfunc/rawtp: u64 ctx[off] */
	BT_ACC_MEM,      /* kernel/user memory: base address + off (probe_read) */
	BT_ACC_VALUE,    /* part of a value held on the BPF stack (tuple element, struct copy) */
	BT_ACC_DATALOC,  /* __data_loc field: ctx + (u32 at ctx+off & 0xffff) */
};

struct bt_var {
	char *name;
	struct bt_type *type;
	const struct bt_node *first; /* first assignment */
	bool assigned;
	bool poisoned;               /* its first assignment failed: stay quiet */
	void *cg;                    /* codegen's storage */
};

struct bt_ann {
	int id;               /* builtin/func id */
	int64_t ival;         /* constant value; arg index for ARG */
	int map;              /* map index for MAP nodes and map-taking calls, -1 none */
	struct bt_var *var;
	enum bt_access acc;   /* FIELD/INDEX */
	uint32_t off, bit_off, bit_size;
	int fmt;              /* fmts index for printf/time/print/system/cat, -1 none */
	/* args->field of a probe whose tracepoints place it differently (opensnoop's
	 * sys_enter_open, sys_enter_openat): the offset by key, __syscall_nr (int at 8)
	 * for syscalls, else the attach cookie; variants[0] is the default */
	struct bt_field_variant {
		int64_t key;
		uint32_t off;
	} *variants;
	uint32_t nvariants;
	bool variant_by_nr;
};

/* Per probe (PROBE node's sema). */
struct bt_sprobe {
	enum bt_provider_id prov;
	struct bt_var **vars;
	size_t nvars;
	int first_probe;     /* index of its first bt_prog.probes entry */
	int nprobes;         /* programs made for it (tp_btf: one per target) */
	bool failed;         /* attach points did not resolve: body not checked */
	struct bt_type *args; /* record type of 'args' (tracepoint) or NULL */
	int nargs;           /* number of arguments (tp_btf/kfunc/rawtp) */
	int *arg_btf;        /* BTF type ids of the arguments */
	const char **arg_names;
	int ret_btf;         /* kretfunc return type */
	bool single_target;
};

struct bt_sema {
	struct bt_diag *d;
	struct bt_node *root;
	struct bt_prog *prog;
	struct bt_tpool *pool;
	uint64_t cpid;        /* -c child pid, 0 when none */
	bool have_cpid;
	bool have_cmd;        /* cpid allowed: -c given (no child yet), or --dry-run */
	bool unsafe;
	char *const *args;    /* positional parameters */
	int nargs;
	/* out, for codegen: bt_ktask() when a probe reads comm or is a tp_btf
	 * syscall dispatcher (it skips ia32 syscalls), else offsets -1 */
	struct bt_ktask task;
	/* internal */
	int pass;             /* 1: infer map types; 2: check and report */
	struct bt_sprobe *cur;
	struct bt_node *cur_probe;
	int in_loop;
	struct bt_smap *smaps;
	size_t nsmaps;
	struct bt_strmap map_index;  /* smaps by name: index */
	struct bt_strmap var_index;  /* var_index_of's vars by name: index */
	const struct bt_sprobe *var_index_of;
	bool unavailable_reported; /* one "kernel lacks X" error is enough */
	struct bt_record **recs;  /* script structs */
	size_t nrecs;
};

/* Runs sema over s->root. Returns 0, or -EINVAL after reporting errors. */
int bt_sema_run(struct bt_sema *s);
void bt_sema_fini(struct bt_sema *s);

/* Internal to sema*.c */
struct bt_smap {
	char *name;            /* "@x" */
	struct bt_type *key;   /* TUPLE or NULL */
	bool keyed_known;
	struct bt_type *value;
	const struct bt_node *first;
	bool clears;           /* clear/zero/delete seen */
	bool poisoned;         /* assigned in a probe that failed: reads stay quiet */
};
struct bt_ann *bt_sema_ann(struct bt_sema *s, struct bt_node *n);
/* Fills s->task (sema_probe.c). */
void bt_sema_task_offsets(struct bt_sema *s);
/* Slots of the ARRAY (percpu: PERCPU_ARRAY) that map (an index of s->smaps)
 * can be, if its every key is tid (sema_tidmap.c); 0 when it must stay a hash. */
uint32_t bt_sema_tidmap_slots(struct bt_sema *s, int map, bool percpu);
/* Whether the script calls zero() or delete() on that map. */
bool bt_sema_map_zeroed(struct bt_sema *s, int map);
int bt_sema_expr(struct bt_sema *s, struct bt_node *n);
int bt_sema_call(struct bt_sema *s, struct bt_node *n, struct bt_node *assign_to);
int bt_sema_probe_targets(struct bt_sema *s, struct bt_node *probe, struct bt_sprobe *sp);
/* uaddr("sym") (sema_uaddr.c) */
int bt_sema_uaddr(struct bt_sema *s, struct bt_node *n);
/* 'args' of a uprobe, from DWARF (sema_uargs.c) */
int bt_sema_uprobe_args(struct bt_sema *s, struct bt_node *n);
/* argN of a usdt probe (sema_usdt.c) */
int bt_sema_usdt_arg(struct bt_sema *s, struct bt_node *n);
int bt_sema_map_ref(struct bt_sema *s, struct bt_node *m, bool for_write);
struct bt_type *bt_sema_typename(struct bt_sema *s, const struct bt_typename *tn,
				 const struct bt_loc *loc);
void bt_sema_err(struct bt_sema *s, const struct bt_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int bt_sema_add_fmt(struct bt_sema *s, const char *fmt, struct bt_type *args,
		    const struct bt_node *n);
struct bt_type *bt_sema_int64(struct bt_sema *s, bool is_signed);
int bt_sema_map_value(struct bt_sema *s, struct bt_node *m, struct bt_type *t);
int bt_sema_map_whole(struct bt_sema *s, struct bt_node *m);
int bt_sema_var_read(struct bt_sema *s, struct bt_node *n);
uint32_t bt_strlen_default(void);
/* x as a compile-time integer (literal, -literal, constant, $N, sizeof): 0 or reports. */
int bt_sema_const_int(struct bt_sema *s, struct bt_node *x, int64_t *v);
/* sema_func.c: ntop buf macaddr cgroupid join strncmp strftime signal reg path override */
int bt_sema_func_more(struct bt_sema *s, struct bt_node *n, struct bt_ann *a);

#endif
