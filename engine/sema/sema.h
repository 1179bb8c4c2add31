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

#include "builtin/builtin.h"
#include "front/ast.h"
#include "front/diag.h"
#include "kernel/ktypes.h"
#include "prog.h"
#include "probe/probe.h"
#include "util/strmap.h"
#include "sema/tpool.h"

/* How a FIELD/INDEX node reaches its bytes. */
enum bt_access {
	BT_ACC_CTX,	/* tracepoint record: ctx + off (direct loads) */
	BT_ACC_CTX_ARG, /* tp_btf/kfunc/rawtp: u64 ctx[off] */
	BT_ACC_MEM,	/* kernel/user memory: base address + off (probe_read) */
	BT_ACC_VALUE,	/* part of a value held on the BPF stack (tuple element, struct copy) */
	BT_ACC_DATALOC, /* __data_loc field: ctx + (u32 at ctx+off & 0xffff) */
};

struct bt_var {
	char *name;
	struct bt_type *type;
	const struct bt_node *first; /* first assignment */
	bool assigned;
	bool poisoned; /* its first assignment failed: stay quiet */
	void *cg;      /* codegen's storage */
};

struct bt_ann {
	int id;	      /* enum bt_builtin_id */
	int64_t ival; /* constant value; arg index for ARG */
	int map;      /* map index for MAP nodes and map-taking calls, -1 none */
	struct bt_var *var;
	enum bt_access acc; /* FIELD/INDEX */
	uint32_t off, bit_off, bit_size;
	int fmt; /* fmts index for printf/time/print/system/cat, -1 none */
	/* args->field of a probe whose tracepoints place it differently (opensnoop's
	 * sys_enter_open, sys_enter_openat): the offset by key, __syscall_nr (int at 8)
	 * for syscalls, else the attach cookie; variants[0] is the default */
	struct bt_field_variant {
		int64_t key;
		uint32_t off;
	} * variants;
	uint32_t nvariants;
	bool variant_by_nr;
	/* argN of a usdt probe whose sites pass it differently: one per target
	 * of the probe's program (sema_usdt.c), else NULL */
	struct bt_usdt_arg *usdt_sites;
};

/* Per probe (PROBE node's sema). */
struct bt_sprobe {
	/* what the body is checked against: the provider of its attach points,
	 * or, when they have several (BEGIN,END), what all of them offer.
	 * Codegen reads each program's own (bt_probe.pv). */
	const struct bt_provider *pv;
	struct bt_var **vars;
	size_t nvars;
	int first_probe;      /* index of its first bt_prog.probes entry */
	int nprobes;	      /* programs made for it (tp_btf: one per target) */
	bool failed;	      /* attach points did not resolve: body not checked */
	struct bt_type *args; /* record type of 'args' (tracepoint) or NULL */
	int nargs;	      /* number of arguments (tp_btf/kfunc/rawtp) */
	int *arg_btf;	      /* BTF type ids of the arguments */
	const char **arg_names;
	int ret_btf; /* kretfunc return type */
	bool single_target;
};

struct bt_sema {
	struct bt_diag *d;
	struct bt_node *root;
	struct bt_prog *prog;
	struct bt_tpool *pool;
	uint64_t cpid; /* -c child pid, 0 when none */
	bool have_cpid;
	bool have_cmd; /* cpid allowed: -c given (no child yet), or --dry-run */
	int pid;       /* -p PID: usdt/uprobe files are that process's, 0: none */
	/* the -c command as written, or NULL */
	const char *cmd;
	bool unsafe;
	char *const *args; /* positional parameters */
	int nargs;
	const char *emit_llvm; /* --emit-llvm FILE, or NULL (codegen writes it) */
	int helper_errors;     /* -k 1, -kk 2: codegen reports failed helpers */
	/* out, for codegen: bt_ktask() when a probe reads comm or is a tp_btf
	 * syscall dispatcher (it skips ia32 syscalls), else offsets -1 */
	struct bt_ktask task;
	/* internal */
	int pass; /* 1: infer map types; 2: check and report */
	struct bt_sprobe *cur;
	struct bt_node *cur_probe;
	int in_loop;
	struct bt_smap *smaps;
	size_t nsmaps;
	struct bt_strmap map_index; /* smaps by name: index */
	struct bt_strmap var_index; /* var_index_of's vars by name: index */
	const struct bt_sprobe *var_index_of;
	bool unavailable_reported; /* one "kernel lacks X" error is enough */
	struct bt_record **recs;   /* script structs */
	size_t nrecs;
	struct bt_cdef_name *typedefs, *enums; /* script typedefs, enum members */
	size_t ntypedefs, nenums;
};

/* Runs sema over s->root. Returns 0, or -EINVAL after reporting errors. */
int bt_sema_run(struct bt_sema *s);
void bt_sema_fini(struct bt_sema *s);

/* Internal to sema*.c */
struct bt_smap {
	char *name;	     /* "@x" */
	struct bt_type *key; /* TUPLE or NULL */
	bool keyed_known;
	struct bt_type *value;
	const struct bt_node *first;
	bool clears;   /* clear/zero/delete seen */
	bool poisoned; /* assigned in a probe that failed: reads stay quiet */
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
/* Script C definitions (sema_cdefs.c): lays out every struct/union, records
 * typedefs and enum members; lookups by name ("struct X"; "x_t"; "RED"). */
int bt_sema_cdefs(struct bt_sema *s);
void bt_sema_cdefs_free(struct bt_sema *s);
const struct bt_record *bt_sema_find_record(struct bt_sema *s, const char *name);
struct bt_type *bt_sema_find_typedef(struct bt_sema *s, const char *name);
bool bt_sema_enum_value(struct bt_sema *s, const char *name, int64_t *v);
bool bt_sema_c_int(const char *name, uint32_t *size, bool *sign);
/* Address spaces (sema_space.c): whether the probe's integers are user
 * addresses (uprobe, uretprobe, usdt); t marked as user memory (a copy);
 * whether a FIELD/INDEX chain reads user memory; a cast's pointer space. */
bool bt_sema_user_probe(const struct bt_sema *s);
struct bt_type *bt_sema_in_user(struct bt_sema *s, struct bt_type *t);
bool bt_sema_chain_user(const struct bt_node *n);
void bt_sema_cast_space(struct bt_sema *s, struct bt_type *to, const struct bt_node *x);
/* $a == $b of two arrays, structs or buf()s of one type: types n, true. */
bool bt_sema_agg_compare(struct bt_sema *s, struct bt_node *n);
/* Whether n's bytes are in memory (*p, p->f, p->a[i]), not a value on the stack. */
bool bt_sema_in_memory(const struct bt_node *n);
/* 'args' of a uprobe, from DWARF (sema_uargs.c) */
int bt_sema_uprobe_args(struct bt_sema *s, struct bt_node *n);
/* sema_dwarf.c: the first max parameters of func in bin's DWARF (their
 * types NULL where bt cannot hold them); returns how many. */
size_t bt_sema_dwarf_params(struct bt_sema *s, const char *bin, const char *func,
			    const char **names, struct bt_type **types, size_t max);
/* "struct X" / "union X" from the DWARF of the current user-space probe's
 * binary, or NULL. */
struct bt_type *bt_sema_dwarf_typename(struct bt_sema *s, const char *name);
/* argN of a usdt probe (sema_usdt.c) */
int bt_sema_usdt_arg(struct bt_sema *s, struct bt_node *n);
int bt_sema_map_ref(struct bt_sema *s, struct bt_node *m, bool for_write);
struct bt_type *bt_sema_typename(struct bt_sema *s, const struct bt_typename *tn,
				 const struct bt_loc *loc);
void bt_sema_err(struct bt_sema *s, const struct bt_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A warning (pass 2 only), also kept in s->prog->warnings: the compile cache
 * stores them and a hit gives them again. */
void bt_sema_warn(struct bt_sema *s, const struct bt_loc *loc, const char *fmt, ...)
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
/* A builtin variable (pid, arg0, ...) or an enum/macro constant (sema_call.c). */
int bt_sema_builtin(struct bt_sema *s, struct bt_node *n);
/* Whether x is a string literal, after folding str($N) into one (the parameter's text),
 * so that $N works where a literal is needed: kaddr(str($1)), printf(str($1), ...). */
bool bt_sema_str_literal(struct bt_sema *s, struct bt_node *x);
/* Whether bt_sema_const_int() can evaluate x (analysed): 5, -5, $1, sizeof(..) */
bool bt_sema_is_const_int(const struct bt_node *x);

#endif
