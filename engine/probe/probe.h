/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe providers: one row per provider (engine/probe/registry.c), one file
 * each. Sema and codegen read the row (context kind, section, cookie
 * support); the runtime calls attach/available/list. No libbpf types here:
 * sema includes this header.
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
 *   interval, profile, software, hardware: "perf_event"  one, all targets
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
struct bt_target;

/* What a probe program's context is: how args, retval and argN are read. */
enum bt_ctx_kind {
	BT_CTX_NONE,       /* BEGIN/END: run once with BPF_PROG_TEST_RUN, no arguments */
	BT_CTX_TRACEPOINT, /* pointer to the record described by the tracefs format */
	BT_CTX_RAW_TP,     /* u64 args[] of the raw tracepoint (arg0..N) */
	BT_CTX_BTF,        /* u64 args[] typed by the BTF prototype (tp_btf, fentry, fexit) */
	BT_CTX_PT_REGS,    /* struct pt_regs * (kprobe, kretprobe, uprobe, uretprobe) */
	BT_CTX_PERF,       /* struct bpf_perf_event_data * (interval, profile, software...) */
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
	pid_t pid; /* -p PID or the -c child; 0: every process */
};

struct bt_provider {
	const char *name;             /* canonical: "tracepoint" */
	const char *const *aliases;   /* NULL-terminated, or NULL: "t" */
	const char *section;          /* ELF section (prefix when per_target) */
	enum bt_ctx_kind ctx;
	bool per_target;              /* one program per target: "section/TARGET" */
	bool cookie;                  /* bpf_get_attach_cookie() gives bt_target.cookie */
	bool run_once;                /* BEGIN/END: not attached, run by the runtime */
	bool is_return;               /* kretprobe, kretfunc, uretprobe: retval */
	const char *have_macro;       /* feature macro defined when available(), or NULL */
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

/* Finds a provider by name or alias ("t", "kr"...), or NULL. */
const struct bt_provider *bt_provider_find(const char *name_or_alias);

/* Whether a listed probe name ("tracepoint:sched:sched_switch") matches a
 * -l pattern: fnmatch on the whole name (with the provider alias expanded),
 * or, for a pattern without ':', on the name's last part. NULL matches all. */
bool bt_probe_match(const char *pattern, const char *name);

/* Opens a perf event on cpu (pid -1 = any) and attaches prog with cookie;
 * shared by interval, profile, software, hardware. */
int bt_perf_attach(struct bpf_program *prog, unsigned int type, unsigned long long config,
		   unsigned long long period, bool freq, int cpu, pid_t pid, unsigned long long cookie,
		   struct bt_links *out);
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
 * found as bt_usym_which() finds it; FUNC a wildcard over each binary's
 * functions, or one function, FUNC+OFF or an address (0x...). Returns 0, or
 * -errno with why set. Caller frees with bt_strv_free(*targets, *n).
 */
int bt_uprobe_expand(const char *bin, const char *func, char ***targets, size_t *n,
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
/* Expands usdt:BIN:[PROV:]NAME (wildcards allowed): *path as bt_uprobe_expand
 * finds it, *names the matching "PROV:NAME", sorted. Same returns as it. */
int bt_usdt_expand(const char *bin, const char *prov, const char *name, char **path,
		   char ***names, size_t *n, char *why, size_t len);
/* How a USDT argument is passed (x86-64 struct pt_regs offsets). */
enum bt_usdt_arg_kind { BT_USDT_ARG_CONST, BT_USDT_ARG_REG, BT_USDT_ARG_MEM };
struct bt_usdt_arg {
	enum bt_usdt_arg_kind kind;
	int size;           /* 1, 2, 4, 8 bytes */
	bool is_signed;
	unsigned int reg_off; /* REG: the register; MEM: the base register */
	long long val;      /* CONST: the value; MEM: the displacement */
};
/* Argument idx of target "BIN:PROV:NAME", alike at every site of the probe.
 * Returns 0 or -errno with why set. */
int bt_usdt_arg(const char *target, int idx, struct bt_usdt_arg *out, char *why, size_t len);

#endif
