/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe providers: one row per provider (engine/probe/registry.c), one file
 * each. Sema calls the row's expand hook for each attach point and reads what
 * the body may use (args, argN, retval, func, reg...); codegen reads the row
 * of each program (bt_probe.pv: context, user memory); the runtime calls
 * attach/available/list. No libbpf types here: sema includes this header.
 *
 * ELF contract (codegen writes, the runtime relies on it):
 *   provider        section (prog type)                 programs per probe
 *   BEGIN, END      "raw_tp" (RAW_TRACEPOINT)            one per target
 *   tracepoint      "tracepoint" (TRACEPOINT)            one, all targets
 *   rawtracepoint   "raw_tp" (RAW_TRACEPOINT)            one, all targets
 *   tp_btf          "tp_btf/NAME" (TRACING)              one per target
 *   kprobe          "kprobe" / kretprobe "kretprobe"     one, all targets
 *   kfunc           "fentry/FUNC" / kretfunc "fexit/FUNC" one per target
 *   uprobe          "uprobe" / uretprobe "uretprobe"     one, all targets
 *   usdt            "uprobe" (a uprobe per site)         one, all targets
 *   interval, profile, software, hardware, watchpoint:
 *                   "perf_event" (PERF_EVENT)             one, all targets
 * Each target is attached with bpf cookie = bt_target.cookie where
 * bt_provider.cookie is set (tracepoint, kprobe, uprobe, perf_event kinds);
 * elsewhere (BEGIN/END, rawtracepoint, tp_btf, kfunc) bpf_get_attach_cookie()
 * gives 0: codegen must use the constant probe index, i.e. one program per
 * target when the probe index matters (probe builtin).
 */
#ifndef BT_PROBE_H
#define BT_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct bpf_program;
struct bpf_link;
struct bt_diag;
struct bt_target;

/* What a probe program's context is: how args, retval and argN are read. */
enum bt_ctx_kind {
	BT_CTX_NONE,	   /* BEGIN/END: run once with BPF_PROG_TEST_RUN, no arguments */
	BT_CTX_TRACEPOINT, /* pointer to the record described by the tracefs format */
	BT_CTX_RAW_TP,	   /* u64 args[] of the raw tracepoint (arg0..N) */
	BT_CTX_BTF,	   /* u64 args[] typed by the BTF prototype (tp_btf, fentry, fexit) */
	BT_CTX_PT_REGS,	   /* struct pt_regs * (kprobe, kretprobe, uprobe, uretprobe) */
	BT_CTX_PERF,	   /* struct bpf_perf_event_data * (interval, profile, software...) */
};

/* Links made by attach (profile and software make one per CPU). */
struct bt_links {
	struct bpf_link **v;
	size_t n, cap;
};

/* Appends link (which must not be NULL). Returns 0 or -ENOMEM (link destroyed then). */
int bt_links_push(struct bt_links *l, struct bpf_link *link);
/* Destroys every link, several at a time (closing a perf-event link costs an RCU
 * grace period), and empties l. */
void bt_links_destroy(struct bt_links *l);

struct bt_attach_ctx {
	pid_t pid;	   /* -p PID or the -c child; 0: every process */
	struct bt_diag *d; /* warnings (a partial attach) */
};

/* What a probe's body may use beyond the common builtins (bt_provider.allows). */
enum bt_pallow {
	BT_PA_FUNC = 1 << 0,	 /* func */
	BT_PA_REG = 1 << 1,	 /* reg("NAME"): the context holds the registers */
	BT_PA_SARG = 1 << 2,	 /* sargN: stack arguments at function entry */
	BT_PA_UADDR = 1 << 3,	 /* uaddr(): a symbol of the probe's binary */
	BT_PA_OVERRIDE = 1 << 4, /* override() */
	BT_PA_DPATH = 1 << 5,	 /* path() (bpf_d_path) */
};

/* Where 'args' comes from. */
enum bt_args_src {
	BT_ARGS_NONE,
	BT_ARGS_TP_FORMAT, /* a record at ctx, from the tracefs format of the target */
	BT_ARGS_BTF_TP,	   /* u64 ctx[], named by the tracepoint's BTF prototype */
	BT_ARGS_BTF_FUNC,  /* u64 ctx[], named by the function's BTF; retval follows */
	BT_ARGS_DEBUGINFO, /* a record at ctx from the binary's debug info (uprobe) */
};

/* Where argN comes from. */
enum bt_argn_src {
	BT_ARGN_NONE,
	BT_ARGN_REGS, /* struct pt_regs: arg0..arg5 */
	BT_ARGN_CTX,  /* u64 ctx[N], typed by BTF where known */
	BT_ARGN_USDT, /* the USDT note's argument spec */
};

struct bt_provider;

/*
 * One attach point being expanded into targets by its provider's expand
 * hook: parts as written (positional parameters replaced), parts[0] the
 * provider. The hook reports errors with err() and adds targets with add().
 */
struct bt_expand {
	const char *str; /* the attach point as written, for messages */
	char *const *parts;
	size_t nparts;
	bool uncacheable; /* out: the targets depend on files that may change */
	int pid;	  /* -p PID (0: none): where user-space targets are looked up */
	const char *cmd;  /* the -c command as written, or NULL */
	unsigned site;	  /* for add(): which site of one USDT probe (0: the first) */
	bool several;	  /* the probe has other attach points beside this one */
	void *ctx;	  /* the caller's */
	/* Adds "PROVIDER:target" with its period or count (arg) or hz. 0 or -ENOMEM. */
	int (*add)(struct bt_expand *x, const char *target, unsigned long long arg, bool hz);
	void (*err)(struct bt_expand *x, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/* target cannot be attached (the message says why). As bpftrace 0.17: one
	 * of several attach points is added absent (counted, skipped at attach)
	 * with a warning; a probe's only one is an error (added, so the probe's
	 * body is still checked). 0 or -ENOMEM. */
	int (*absent)(struct bt_expand *x, const char *target, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
	/* A wildcard that matches nothing: a warning when the probe has other
	 * attach points (bpftrace 0.17 drops it), else an error. */
	void (*no_match)(struct bt_expand *x, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
	/* The kernel cannot attach it (why); fn, what was asked for, may have an alternative. */
	int (*unavailable)(struct bt_expand *x, const char *fn, const char *why);
	/* Defers the target add() just added (bt_target.setup): a uprobe on
	 * uprobe_target ("PATH:FUNC") reports argument argn, the runtime attaches
	 * the target there. 0 or -ENOMEM. */
	int (*defer)(struct bt_expand *x, const char *uprobe_target, int argn, bool async);
};

struct bt_provider {
	const char *name;	    /* canonical: "tracepoint" */
	const char *const *aliases; /* NULL-terminated, or NULL: "t" */
	const char *section;	    /* ELF section (prefix when per_target) */
	enum bt_ctx_kind ctx;
	enum bt_args_src args;
	enum bt_argn_src argn;
	unsigned allows;	/* enum bt_pallow bits */
	bool per_target;	/* one program per target: "section/TARGET" */
	bool cookie;		/* bpf_get_attach_cookie() gives bt_target.cookie */
	bool run_once;		/* BEGIN/END: not attached, run by the runtime */
	bool is_return;		/* kretprobe, kretfunc, uretprobe: retval */
	bool user;		/* its pointer arguments are user memory */
	bool few_events;	/* fires a handful of times (BEGIN, END, interval) */
	bool sysdisp;		/* syscall targets may go to a dispatcher (sema_probe.c) */
	const char *have_macro; /* feature macro defined when available(), or NULL */
	/* Section of one program for many targets when multi_available(), or NULL. */
	const char *multi_section;
	bool (*multi_available)(void);
	/* Expands one attach point (struct bt_expand). 0, or -errno after x->err(). */
	int (*expand)(const struct bt_provider *pv, struct bt_expand *x);
	/*
	 * Attaches one target, appending its links to out. Returns 0 or a
	 * negative errno; *why may be set to a static explanation.
	 */
	int (*attach)(const struct bt_target *t, struct bpf_program *prog,
		      const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
	/* Whether this kernel can attach it; *why says what is missing. NULL: always. */
	bool (*available)(const char **why);
	/* Prints "provider:..." lines matching pattern (see bt_probe_match) for -l. */
	int (*list)(const char *pattern, bool verbose, FILE *out);
};

extern const struct bt_provider bt_providers[];
extern const size_t bt_nproviders;

/* What the expand hooks share (engine/probe/expand.c): the provider is
 * available, else reported (fn: what was asked for); adds every name of v
 * (freed); the FUNCTION part of PROVIDER:[MODULE:]FUNCTION, or NULL after an error. */
int bt_expand_usable(const struct bt_provider *pv, struct bt_expand *x, const char *fn);
int bt_expand_add_all(struct bt_expand *x, char **v, size_t n);
const char *bt_expand_function(const struct bt_provider *pv, struct bt_expand *x);
/* The expand hooks, each in its provider's file (BEGIN, END and the
 * unsupported ones in expand.c). */
int bt_expand_special(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_tracepoint(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_btf_tp(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_kprobe(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_kfunc(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_uprobe(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_usdt(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_period(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_perf_event(const struct bt_provider *pv, struct bt_expand *x);
int bt_expand_unsupported(const struct bt_provider *pv, struct bt_expand *x);
/* watchpoint:ADDR:LEN:MODE (engine/probe/watchpoint.c) */
int bt_expand_watchpoint(const struct bt_provider *pv, struct bt_expand *x);
int bt_watchpoint_attach(const struct bt_target *t, struct bpf_program *prog,
			 const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
/* Whether LEN (1, 2, 4, 8) and MODE (w, rw, x) are a watchpoint's: 0, or
 * -EINVAL after reporting it. */
int bt_watchpoint_check(struct bt_expand *x, const char *len, const char *mode);
/* A breakpoint of target t ("...:LEN:MODE") at addr in pid (> 0), or on
 * every CPU; -ENOSPC: no debug register left. */
int bt_watchpoint_attach_at(const struct bt_target *t, unsigned long long addr,
			    struct bpf_program *prog, pid_t pid, struct bt_links *out);
/* watchpoint:FUNC+argN:LEN:MODE and asyncwatchpoint (engine/probe/watchfunc.c):
 * a target deferred to FUNC's uprobe in the -c/-p binary. */
int bt_expand_watchfunc(const struct bt_provider *pv, struct bt_expand *x);

/* Finds a provider by name or alias ("t", "kr"...), or NULL. */
const struct bt_provider *bt_provider_find(const char *name_or_alias);

/* Whether a listed probe name ("tracepoint:sched:sched_switch") matches a
 * -l pattern: fnmatch on the whole name (with the provider alias expanded),
 * or, for a pattern without ':', on the name's last part. NULL matches all. */
bool bt_probe_match(const char *pattern, const char *name);

/* Opens a perf event on cpu (pid -1 = any) and attaches prog with cookie;
 * shared by interval, profile, software, hardware. */
int bt_perf_attach(struct bpf_program *prog, unsigned int type, unsigned long long config,
		   unsigned long long period, bool freq, int cpu, pid_t pid,
		   unsigned long long cookie, struct bt_links *out);
struct perf_event_attr;
/* The same with the event described by attr (a breakpoint: watchpoint.c). */
int bt_perf_attach_attr(struct bpf_program *prog, struct perf_event_attr *attr, int cpu, pid_t pid,
			unsigned long long cookie, struct bt_links *out);
/* Loads a program that only returns 0 (enum bpf_prog_type, bpf_attach_type,
 * BTF id or 0), to ask the kernel what it allows: the fd, or -1 with errno. */
int bt_trial_prog(int type, int expected_attach_type, int attach_btf_id);
/* BEGIN/END: runs prog once (BPF_PROG_TEST_RUN). Returns 0 or -errno. */
int bt_special_run(struct bpf_program *prog);

/* The period of an interval/profile target: t->arg (ns, or hz when
 * t->is_hz), or parsed from t->target "UNIT:N" when arg is 0. */
int bt_perf_period(const struct bt_target *t, unsigned long long *period, bool *hz,
		   const char **why);
/* Online CPU numbers from /sys/devices/system/cpu/online; returns count or -errno.
 * *cpus is malloc'd. */
int bt_online_cpus(int **cpus);

/*
 * The providers' functions, one file each; registry.c puts them in rows.
 */
int bt_tracepoint_attach(const struct bt_target *t, struct bpf_program *prog,
			 const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
bool bt_tracepoint_available(const char **why);
int bt_tracepoint_list(const char *pattern, bool verbose, FILE *out);

int bt_rawtp_attach(const struct bt_target *t, struct bpf_program *prog,
		    const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
/* tp_btf, kfunc and kretfunc: attach a BTF-typed tracing program. */
int bt_btf_trace_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
bool bt_tpbtf_available(const char **why);
int bt_rawtp_list(const char *pattern, bool verbose, FILE *out);

/* The syscall dispatch (probe/sysdisp.c): a probe takes it for this many
 * syscalls of a kind (sys_enter_*, sys_exit_*) or more. */
#define BT_SYSDISP_MIN 8
#define BT_SYSDISP_MIN_STR "8"
/* The dispatch's tp_btf section for raw tracepoint tp, "bt_tpbtf/TP/BTF_ID",
 * malloc'd; NULL without vmlinux BTF. */
char *bt_sysdisp_section(const char *tp);
/* Whether section is one made by bt_sysdisp_section. */
bool bt_sysdisp_btf_sec(const char *section);
/* Teaches libbpf such sections (once per process), before an object is opened.
 * Returns 0 or -errno. */
int bt_sysdisp_register(void);
int bt_tpbtf_list(const char *pattern, bool verbose, FILE *out);

int bt_interval_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
int bt_profile_attach(const struct bt_target *t, struct bpf_program *prog,
		      const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);

int bt_software_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
int bt_software_list(const char *pattern, bool verbose, FILE *out);
int bt_hardware_attach(const struct bt_target *t, struct bpf_program *prog,
		       const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
bool bt_hardware_available(const char **why);
int bt_hardware_list(const char *pattern, bool verbose, FILE *out);

int bt_kprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
int bt_kretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
bool bt_kprobe_available(const char **why);
/* The kernel functions a kprobe pattern names, from available_filter_functions:
 * every match of a wildcard, or FUNC itself when FUNC or a clone of it exists.
 * *out (malloc'd strings) is empty when nothing matches. Returns 0, or -errno
 * when the list cannot be read. */
int bt_kprobe_expand(const char *pattern, char ***out, size_t *nout);
/* available_filter_functions: the names of its "name [module]" lines, sorted
 * and deduplicated. 0 (*out NULL when there is no tracefs) or -errno. */
int bt_filter_functions(char ***out, size_t *nout);
/* Whether kprobes can be attached many at once (BPF kprobe_multi links:
 * one link, no grace period per function at detach). BT_NO_KPROBE_MULTI in
 * the environment says no. */
bool bt_kprobe_multi_available(void);
/* Attaches prog (section kprobe.multi / kretprobe.multi) to every target
 * and the compiler clones of plain names, each with its cookie. */
int bt_kprobe_multi_attach(const struct bt_target *t, size_t n, struct bpf_program *prog,
			   bool retprobe, struct bt_links *out, const char **why);
int bt_kprobe_list(const char *pattern, bool verbose, FILE *out);

bool bt_kfunc_available(const char **why);
int bt_kfunc_list(const char *pattern, bool verbose, FILE *out);
struct btf;
/* One function kfunc can trace: "MODULE:FUNC" (MODULE vmlinux for the kernel's). */
struct bt_kfunc_name {
	char *name;
	const struct btf *btf; /* its BTF (vmlinux's or the module's), in the set */
	int id;		       /* its BTF_KIND_FUNC id there */
};
struct bt_kfunc_set {
	struct bt_kfunc_name *v;
	size_t n;
	struct btf **btfs; /* the modules' (vmlinux's is the engine's, bt_kbtf) */
	size_t nbtfs;
};
/* The functions matching pattern (FUNC or MODULE:FUNC, wildcards '*'), sorted
 * by name: BTF functions of vmlinux and of every module that are also in
 * available_filter_functions (traceable), as bpftrace 0.17 names them.
 * 0 (maybe none) or -errno; free with bt_kfunc_set_free(). */
int bt_kfunc_find(const char *pattern, struct bt_kfunc_set *out);
void bt_kfunc_set_free(struct bt_kfunc_set *set);
/* The name to look a kfunc target (MODULE:FUNC) up by in vmlinux's BTF: FUNC
 * for vmlinux:FUNC; a module's function keeps its prefix (not in vmlinux's). */
const char *bt_kfunc_btf_name(const char *target);
int bt_kretfunc_list(const char *pattern, bool verbose, FILE *out);

int bt_uprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
int bt_uretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
bool bt_uprobe_available(const char **why);
int bt_uprobe_list(const char *pattern, bool verbose, FILE *out);
int bt_uretprobe_list(const char *pattern, bool verbose, FILE *out);
/*
 * Expands uprobe:BIN:FUNC (engine/probe/uprobe.c) into targets "PATH:FUNC":
 * BIN as written when it has '/' (a glob matches several binaries), else
 * found as bt_usym_which() finds it (pid > 0: -p, whose libraries come
 * first and whose mount namespace has the paths missing here); FUNC a
 * wildcard over each binary's functions, or one function, FUNC+OFF (inside
 * it) or an address (in a known function). Returns 0, or -errno with why
 * set. Caller frees with bt_strv_free(*targets, *n).
 */
int bt_uprobe_expand(const char *bin, const char *func, pid_t pid, char ***targets, size_t *n,
		     char *why_buf, size_t why_len);
/*
 * The virtual address a uprobe target "BIN:FUNC[+OFF]" or "BIN:0xADDR"
 * fires at, and whether BIN is position-independent (ET_DYN). Returns 0 or
 * -errno.
 */
int bt_uprobe_target_vaddr(const char *target, unsigned long long *vaddr, bool *dyn);

int bt_usdt_attach(const struct bt_target *t, struct bpf_program *prog,
		   const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why);
int bt_usdt_list(const char *pattern, bool verbose, FILE *out);
/* Expands usdt:BIN:[PROV:]NAME into targets "PATH:PROV:NAME", sorted: BIN
 * empty: the -p process's executable and libraries; a glob: each file it
 * matches; else as bt_uprobe_expand finds it (with -p, under /proc/PID/root).
 * PROV NULL or empty: any; PROV and NAME may be wildcards. Returns 0, or
 * -errno with why set; free with bt_strv_free(). */
int bt_usdt_expand(pid_t pid, const char *bin, const char *prov, const char *name, char ***targets,
		   size_t *n, char *why, size_t len);
/* How a USDT argument is passed (x86-64 struct pt_regs offsets). */
enum bt_usdt_arg_kind { BT_USDT_ARG_CONST, BT_USDT_ARG_REG, BT_USDT_ARG_MEM };
struct bt_usdt_arg {
	enum bt_usdt_arg_kind kind;
	int size; /* 1, 2, 4, 8 bytes */
	bool is_signed;
	unsigned int reg_off; /* REG: the register; MEM: the base register */
	unsigned int idx_off; /* MEM with scale: the index register */
	int scale;	      /* MEM: 0 (no index), 1, 2, 4, 8 */
	long long val;	      /* CONST: the value (fit to size); MEM: the displacement */
};
/* Argument idx of the site at vaddr pc of target "BIN:PROV:NAME" (pc 0: its
 * first site). Returns 0 or -errno with why set. */
int bt_usdt_arg(const char *target, unsigned long long pc, int idx, struct bt_usdt_arg *out,
		char *why, size_t len);
/* Parses one "SIZE@OPERAND" of the note at pc of ELF e (engine/sym/sdtarg.c).
 * Returns 0 or -errno. */
struct bt_elf;
int bt_sdt_arg_parse(const char *spec, size_t len, const struct bt_elf *e, unsigned long long pc,
		     struct bt_usdt_arg *a);
/* The sites (note pcs) of usdt target "BIN:PROV:NAME", in note order. *pcs
 * is malloc'd. Returns 0 or -errno. */
int bt_usdt_sites(const char *target, unsigned long long **pcs, size_t *n);

#endif
