// SPDX-License-Identifier: GPL-2.0
/*
 * Load: open the compiled ELF with libbpf, create the maps, run every
 * program through the verifier, and hand map fds to the printers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/libbpf.h>

#include "kernel/kfuncs.h"
#include "runtime/runtime.h"
#include "runtime/vlines.h"
#include "settings.h"

/*
 * libbpf unloads everything when bpf_object__load fails, so which map or
 * program failed is only known from its messages: the run's load log
 * remembers the names. libbpf's print hook is process-wide and takes no
 * argument: hook_log is the log of the run that loaded last (NULL after it
 * is freed), the engine's one global of this kind.
 */
struct bt_load_log {
	char failed_prog[128], failed_map[128], verifier_line[256];
	/* The verifier writes its log here (libbpf asks for it after a failure).
	 * Zeroed by calloc: valgrind does not take the kernel's writes for
	 * uninitialised bytes. */
	char kernel_log[1 << 20];
	int verbose_print;
};

static struct bt_load_log *hook_log;

void bt_rt_load_log_free(struct bt_runtime *rt)
{
	if (hook_log == rt->log)
		hook_log = NULL;
	free(rt->log);
	rt->log = NULL;
}

/* BPFTRACE_LOG_SIZE, up to the buffer's 1 MiB */
static size_t log_size(const struct bt_load_log *L)
{
	uint64_t n = bt_settings()->log_size;

	return n < sizeof(L->kernel_log) ? (size_t)n : sizeof(L->kernel_log);
}

/* The verifier's own complaint in kernel_log: the last line before
 * "processed N insns" that is not an instruction, a register state or a
 * source line. */
static void note_verifier_line(struct bt_load_log *L)
{
	const char *line = L->kernel_log, *end;
	size_t len;

	L->verifier_line[0] = '\0';
	for (; *line; line = *end ? end + 1 : end) {
		end = strchrnul(line, '\n');
		len = (size_t)(end - line);
		if (!strncmp(line, "processed ", 10))
			break;
		if (!len || (*line >= '0' && *line <= '9') || !strncmp(line, "; ", 2) ||
		    *line == ' ' || memmem(line, len, " state: ", 8) ||
		    memmem(line, len, "=ctx", 4))
			continue;
		snprintf(L->verifier_line, sizeof(L->verifier_line), "%.*s", (int)len, line);
	}
}

static void note_failure(struct bt_load_log *L, const char *fmt, va_list ap)
{
	char line[512];
	char *q;

	vsnprintf(line, sizeof(line), fmt, ap);
	/* "libbpf: prog 'NAME': failed to load: -13", "map 'NAME': failed to create" */
	if (!strncmp(line, "libbpf: prog '", 14) && strstr(line, "': failed to load")) {
		q = strchr(line + 14, '\'');
		snprintf(L->failed_prog, sizeof(L->failed_prog), "%.*s", (int)(q - line - 14),
			 line + 14);
	} else if (!strncmp(line, "libbpf: map '", 13) && strstr(line, "': failed to create")) {
		q = strchr(line + 13, '\'');
		snprintf(L->failed_map, sizeof(L->failed_map), "%.*s", (int)(q - line - 13),
			 line + 13);
	}
}

/* libbpf 1.x needs no RLIMIT_MEMLOCK on kernels with memcg accounting and
 * says nothing worth showing unless asked (-v): keep stderr clean. */
static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list aq;

	if (!hook_log)
		return 0;
	if (level == LIBBPF_WARN) {
		va_copy(aq, ap);
		note_failure(hook_log, fmt, aq);
		va_end(aq);
	}
	if (!hook_log->verbose_print)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static const struct bt_loc *probe_loc(const struct bt_probe *p)
{
	return p->node ? &p->node->loc : NULL;
}

static const char *probe_name(const struct bt_probe *p)
{
	return p->ntargets ? p->targets[0].name : p->prog_name;
}

/* The hint after a verifier rejection, from its key line. */
static const char *verifier_hint(const char *key)
{
	if (strstr(key, "loop"))
		return "a loop needs a bound the verifier can see: unroll(N), or a counter "
		       "compared with a constant; -v shows the verifier log";
	if (strstr(key, "too large") || strstr(key, "too complex"))
		return "the program is too big for the verifier: split the work over more "
		       "probes; -v shows the verifier log";
	return "-v shows the verifier log";
}

struct stmt_at {
	uint32_t line, col;
	const struct bt_node *found;
};

static int match_stmt(struct bt_node *n, void *arg)
{
	struct stmt_at *at = arg;
	if (n->loc.line != (int)at->line ||
	    (at->col < 1023 ? n->loc.col != (int)at->col : n->loc.col < 1023))
		return 0;
	at->found = n;
	return -1;
}

static int set_consts(struct bt_runtime *rt, struct bpf_object *obj);

/*
 * Loads probe p's program again, compiled with line info (the -v log and the
 * message come from the first load), and returns the node of the statement
 * (or predicate) holding the instruction the verifier stopped at; NULL when
 * it cannot say, or the verifier now says something else than key.
 */
static const struct bt_node *locate(struct bt_runtime *rt, const struct bt_probe *p,
				    const char *key)
{
	struct bt_load_log *L = rt->log;
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "bt", .kernel_log_buf = L->kernel_log,
		    .kernel_log_size = log_size(L));
	struct stmt_at at = {0};
	struct bpf_object *obj = NULL;
	struct bpf_program *bp;
	int verbose = L->verbose_print;
	void *elf = NULL;
	size_t len = 0, i;
	long insn;

	if (!rt->o.line_info || !p->node || rt->o.line_info(rt->o.line_info_arg, &elf, &len))
		goto out;
	obj = bpf_object__open_mem(elf, len, &oo);
	if (!obj || set_consts(rt, obj) || bt_kfuncs_patch(obj))
		goto out;
	for (i = 0; i < rt->prog->nprobes; i++) {
		const struct bt_probe *q = &rt->prog->probes[i];
		const struct bt_provider *pv =
			q->ntargets ? bt_provider_find(q->targets[0].provider) : NULL;
		bp = bpf_object__find_program_by_name(obj, q->prog_name);
		if (!bp)
			goto out;
		bpf_program__set_autoattach(bp, false);
		bpf_program__set_autoload(bp, q == p);
		if (pv && pv->run_once)
			bpf_program__set_type(bp, BPF_PROG_TYPE_RAW_TRACEPOINT);
	}
	L->kernel_log[0] = '\0';
	L->verbose_print = 0; /* -v has shown the first load's messages */
	if (bpf_object__load(obj) == 0)
		goto out;
	note_verifier_line(L);
	insn = bt_vline_last_insn(L->kernel_log);
	if (strcmp(L->verifier_line, key) || insn < 0 ||
	    bt_vline_find(elf, len, p->prog_name, (uint32_t)insn, &at.line, &at.col))
		goto out;
	if (at.line)
		bt_ast_walk((struct bt_node *)p->node, match_stmt, NULL, &at);
out:
	L->verbose_print = verbose;
	bpf_object__close(obj);
	free(elf);
	return at.found;
}

/* What failed, located where we can: a map, or a program the kernel refused
 * (EPERM) or the verifier rejected (at the statement when line info says
 * which, then the probe and a hint); -v adds the verifier's log. */
static void report_load_error(struct bt_runtime *rt, int err)
{
	struct bt_prog *prog = rt->prog;
	struct bt_load_log *L = rt->log;
	const struct bt_node *stmt;
	char key[sizeof(L->verifier_line)];
	const struct bt_loc *pl;
	size_t i;

	if (L->failed_map[0]) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot create BPF map '%s': %s", L->failed_map,
			strerror(-err));
		return;
	}
	for (i = 0; L->failed_prog[0] && i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];

		if (strcmp(p->prog_name, L->failed_prog))
			continue;
		pl = probe_loc(p);
		note_verifier_line(L);
		if (L->verbose_print && L->kernel_log[0])
			fprintf(stderr, "-- the verifier's log for %s --\n%s-- end of the log --\n",
				probe_name(p), L->kernel_log);
		if (err == -EPERM) {
			bt_diag(rt->d, BT_SEV_ERROR, pl, "the kernel refused probe '%s': %s",
				probe_name(p), strerror(-err));
			return;
		}
		snprintf(key, sizeof(key), "%s", L->verifier_line);
		stmt = key[0] ? locate(rt, p, key) : NULL;
		if (stmt) {
			/* an assignment is located at its '=': show its target */
			bt_diag(rt->d, BT_SEV_ERROR,
				stmt->kind == BT_N_ASSIGN && stmt->a ? &stmt->a->loc : &stmt->loc,
				"the kernel verifier rejected this %s: %s",
				stmt == p->node->a ? "predicate" : "statement", key);
			bt_diag(rt->d, BT_SEV_NOTE, NULL, "in probe '%s' (%s:%d:%d)", probe_name(p),
				pl->file, pl->line, pl->col);
		} else if (key[0]) {
			bt_diag(rt->d, BT_SEV_ERROR, pl,
				"the kernel verifier rejected probe '%s': %s", probe_name(p), key);
		} else {
			bt_diag(rt->d, BT_SEV_ERROR, pl, "the kernel verifier rejected probe '%s'",
				probe_name(p));
		}
		bt_diag(rt->d, BT_SEV_NOTE, NULL, "%s", verifier_hint(key));
		return;
	}
	bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot load the BPF object: %s", strerror(-err));
}

/* BT_RT_CONSTS (see prog.h): the values only the loader knows. */
static int set_consts(struct bt_runtime *rt, struct bpf_object *obj)
{
	uint64_t v[BT_RC_COUNT] = {0};
	struct timespec ts;
	struct bpf_map *m;

	if (!rt->prog->uses_consts)
		return 0;
	m = bpf_object__find_map_by_name(obj, ".rodata");
	if (!m) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "internal error: the object has no .rodata");
		return -ENOENT;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	v[BT_RC_CPID] = rt->child > 0 ? (uint64_t)rt->child : 0;
	v[BT_RC_START_NS] = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	return bpf_map__set_initial_value(m, v, sizeof(v));
}

static int find_programs(struct bt_runtime *rt)
{
	struct bt_prog *prog = rt->prog;
	size_t i;

	rt->progs = calloc(prog->nprobes ? prog->nprobes : 1, sizeof(*rt->progs));
	if (!rt->progs)
		return -ENOMEM;
	for (i = 0; i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];
		const struct bt_provider *pv;

		rt->progs[i] = bpf_object__find_program_by_name(rt->obj, p->prog_name);
		if (!rt->progs[i]) {
			bt_diag(rt->d, BT_SEV_ERROR, probe_loc(p),
				"internal error: program '%s' is missing from the BPF object",
				p->prog_name);
			return -ENOENT;
		}
		/* everything is attached by hand, nothing by libbpf's section rules */
		bpf_program__set_autoattach(rt->progs[i], false);
		pv = p->ntargets ? bt_provider_find(p->targets[0].provider) : NULL;
		if (pv && pv->run_once)
			bpf_program__set_type(rt->progs[i], BPF_PROG_TYPE_RAW_TRACEPOINT);
	}
	return 0;
}

static int find_maps(struct bt_runtime *rt)
{
	struct bt_prog *prog = rt->prog;
	struct bpf_map *map;
	size_t i;

	for (i = 0; i < prog->nmaps; i++) {
		map = bpf_object__find_map_by_name(rt->obj, prog->maps[i].bpf_name);
		if (!map) {
			bt_diag(rt->d, BT_SEV_ERROR, NULL,
				"internal error: map '%s' is missing from the BPF object",
				prog->maps[i].bpf_name);
			return -ENOENT;
		}
		prog->maps[i].fd = bpf_map__fd(map);
	}
	bpf_object__for_each_map(map, rt->obj)
	{
		int depth;
		if (sscanf(bpf_map__name(map), "BT_STACKMAP_%d", &depth) == 1 && depth > 0 &&
		    depth <= BT_STACK_MAX)
			rt->out.stack_fds[depth] = bpf_map__fd(map);
	}
	return 0;
}

int bt_rt_load(struct bt_prog *prog, const struct bt_rt_opts *o, struct bt_diag *d,
	       struct bt_runtime **out)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "bt");
	struct bt_runtime *rt;
	int err;

	*out = NULL;
	rt = calloc(1, sizeof(*rt));
	if (!rt || !(rt->log = calloc(1, sizeof(*rt->log)))) {
		free(rt);
		return -ENOMEM;
	}
	oo.kernel_log_buf = rt->log->kernel_log;
	oo.kernel_log_size = log_size(rt->log);
	rt->prog = prog;
	rt->o = *o;
	rt->d = d;
	rt->child = o->child;
	rt->out.fmt = o->format;
	rt->out.f = o->out ? o->out : stdout;
	rt->out.d = d;
	rt->out.prog = prog;
	rt->out.visit = o->map_visit;
	rt->out.visit_ctx = o->map_visit_ctx;
	rt->out.run = &rt->out_run;

	rt->log->verbose_print = o->verbose;
	hook_log = rt->log;
	libbpf_set_print(print_libbpf);
	err = bt_sysdisp_register();
	if (err)
		bt_diag(d, BT_SEV_WARNING, NULL,
			"cannot register the syscall dispatch's section: %s", strerror(-err));
	rt->obj = bpf_object__open_mem(prog->obj, prog->obj_len, &oo);
	if (!rt->obj) {
		err = -errno;
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot open the compiled BPF object: %s",
			strerror(-err));
		goto err_free;
	}
	err = find_programs(rt);
	if (!err)
		err = set_consts(rt, rt->obj);
	if (!err && (err = bt_kfuncs_patch(rt->obj)))
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot prepare the BPF programs: %s",
			strerror(-err));
	if (err)
		goto err_free;
	err = bpf_object__load(rt->obj);
	if (err) {
		report_load_error(rt, err);
		goto err_free;
	}
	err = find_maps(rt);
	if (err)
		goto err_free;
	*out = rt;
	return 0;

err_free:
	rt->child = 0; /* the caller still owns the child on failure */
	bt_rt_free(rt);
	return err;
}
