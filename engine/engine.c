// SPDX-License-Identifier: GPL-2.0
/*
 * The pipeline behind bt_run(): the only place the stage order is written.
 *   parse (pp + lex + parse) -> [-c child spawned, stopped] -> sema -> codegen
 *   -> load (verifier) -> attach -> run (BEGIN, events, END, maps) -> teardown
 * With the compile cache (cache.c), a hit replaces sema and codegen: the
 * script is still parsed (cheap; probe nodes locate attach errors) but
 * neither vmlinux BTF nor libLLVM is loaded; sema's warnings come from the
 * entry.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/bt.h>

#include "cache/cache.h"
#include "cg_load.h"
#include "front/diag.h"
#include "kernel/ktypes.h"
#include "metrics/metrics.h"
#include "front/parser.h"
#include "front/pp.h"
#include "prog.h"
#include "cache/progser.h"
#include "runtime/runtime.h"
#include "sema/sema.h"
#include "settings.h"

struct bt_job {
	const struct bt_run_opts *o;
	struct bt_diag d;
	struct bt_src *src;
	struct bt_node *root;
	struct bt_tpool pool;
	struct bt_prog prog;
	struct bt_sema sema;
	struct bt_runtime *rt;
	FILE *out;
	pid_t child;
	struct bt_cache cache;
	bool use_cache, cached;
	struct bt_metrics *metrics; /* --metrics/--metrics-file, NULL: off */
};

static int stage_parse(struct bt_job *j)
{
	return bt_parse(&j->d, j->src, j->o->defines, j->o->n_defines, &j->root);
}

/* A cache hit gives the compile's warnings again, located in this run's
 * sources (same text, maybe another name: -e or a file). */
static void replay_warnings(struct bt_job *j)
{
	for (size_t i = 0; i < j->prog.nwarnings; i++) {
		const struct bt_warning *w = &j->prog.warnings[i];
		struct bt_loc loc = {bt_diag_src_name(&j->d, w->src), w->line, w->col, w->len};

		bt_diag(&j->d, BT_SEV_WARNING, loc.file ? &loc : NULL, "%s", w->msg);
	}
}

/* Looks the preprocessed script up in the compile cache; a hit fills j->prog. */
static int stage_cache(struct bt_job *j)
{
	struct bt_cache_inputs in = {
		.codegen_path = bt_codegen_path(),
		.have_cpid = j->o->cmd != NULL,
		.unsafe = j->o->unsafe,
		.args = j->o->args,
		.nargs = j->o->nargs,
	};
	char *text = NULL;
	void *data = NULL;
	size_t len;

	/* --emit-llvm and --emit-elf need the compiler to run */
	if (j->o->no_cache || bt_settings()->no_cache || j->o->emit_llvm || j->o->emit_elf ||
	    j->o->helper_errors) /* -k: the call sites are not in the cache */
		return 0;
	if (bt_preprocess(&j->d, j->src, j->o->defines, j->o->n_defines, &text)) {
		free(text);
		return -EINVAL; /* cannot happen: bt_parse preprocessed the same text */
	}
	j->use_cache = bt_cache_init(&j->cache, text, &in) == 0;
	free(text);
	if (!j->use_cache || bt_cache_get(&j->cache, &data, &len))
		return 0;
	if (bt_prog_load_saved(&j->prog, j->root, &j->pool, data, len) == 0) {
		j->cached = true;
		if (j->o->verbose)
			fprintf(stderr, "compile cache: hit %s\n", j->cache.path);
		replay_warnings(j);
	} else {
		bt_prog_free(&j->prog); /* corrupt: compile, then overwrite it */
		memset(&j->prog, 0, sizeof(j->prog));
	}
	free(data);
	return 0;
}

static int stage_child(struct bt_job *j)
{
	if (!j->o->cmd || j->o->dry_run)
		return 0;
	return bt_child_spawn(j->o->cmd, &j->d, &j->child);
}

static void init_sema(struct bt_job *j, struct bt_sema *s, struct bt_prog *prog, struct bt_diag *d)
{
	s->d = d;
	s->root = j->root;
	s->prog = prog;
	s->pool = &j->pool;
	s->cpid = (uint64_t)j->child;
	s->have_cpid = j->child > 0;
	s->have_cmd = j->o->cmd != NULL || j->o->dry_run; /* --dry-run: a placeholder */
	s->pid = j->o->pid;
	s->cmd = j->o->cmd;
	s->unsafe = j->o->unsafe;
	s->args = j->o->args;
	s->nargs = j->o->nargs;
	s->emit_llvm = j->o->emit_llvm;
	s->helper_errors = j->o->helper_errors;
}

static int stage_sema(struct bt_job *j)
{
	if (j->cached)
		return 0;
	init_sema(j, &j->sema, &j->prog, &j->d);
	return bt_sema_run(&j->sema);
}

/* --emit-elf FILE: the BPF object, as bpftrace writes it (then a dry run) */
static int write_elf(struct bt_job *j)
{
	FILE *f = fopen(j->o->emit_elf, "we");

	if (f && fwrite(j->prog.obj, 1, j->prog.obj_len, f) == j->prog.obj_len && !fclose(f))
		return 0;
	bt_diag(&j->d, BT_SEV_ERROR, NULL, "cannot write '%s': %s", j->o->emit_elf,
		strerror(errno));
	if (f)
		fclose(f);
	return -errno;
}

static int stage_codegen(struct bt_job *j)
{
	char *data = NULL;
	size_t len;
	if (j->cached)
		return 0;
	/* codegen needs no vmlinux BTF: free it before libLLVM comes in (peak RSS) */
	bt_kbtf_release();
	int err = bt_codegen(&j->sema);
	if (!err && j->o->emit_elf)
		return write_elf(j);
	if (err || !j->use_cache || j->prog.uncacheable)
		return err;
	if (bt_prog_save(&j->prog, j->root, &data, &len) == 0) {
		bt_cache_put(&j->cache, data, len);
		if (j->o->verbose)
			fprintf(stderr, "compile cache: miss, stored %s\n", j->cache.path);
	}
	free(data);
	return 0;
}

/*
 * bt_rt_opts.line_info: the program compiled again with line info, for load.c
 * to locate a verifier rejection; from the annotated AST, or on a cache hit
 * after running sema now. Quietly: the first compile said what there was to say.
 */
static int compile_line_info(void *arg, void **obj, size_t *len)
{
	struct bt_job *j = arg;
	struct bt_prog p = j->prog;
	struct bt_sema s = j->sema;
	struct bt_diag d = j->d; /* shares the sources: never bt_diag_fini'd */
	int err = 0;

	d.out = fopen("/dev/null", "w");
	if (!d.out)
		return -errno;
	if (j->cached) {
		memset(&p, 0, sizeof(p));
		memset(&s, 0, sizeof(s));
		init_sema(j, &s, &p, &d);
		err = bt_sema_run(&s);
	}
	p.obj = NULL;
	p.line_info = true;
	s.prog = &p;
	s.d = &d;
	if (!err) {
		bt_kbtf_release();
		err = bt_codegen(&s);
	}
	*obj = p.obj;
	*len = p.obj_len;
	if (j->cached) {
		bt_sema_fini(&s);
		p.obj = NULL;
		bt_prog_free(&p);
	}
	fclose(d.out);
	return err;
}

/* Metrics mode: map metadata, and the port bound before any BPF is loaded. */
static int stage_metrics(struct bt_job *j)
{
	if (j->o->dry_run)
		return 0;
	return bt_metrics_new(j->o, j->root, &j->prog, &j->d, &j->metrics);
}

/* -p PID names a process that is there (bpftrace: "No such process"). */
static int check_pid(struct bt_job *j)
{
	if (j->o->pid <= 0 || j->o->dry_run || kill(j->o->pid, 0) == 0 || errno != ESRCH)
		return 0;
	bt_diag(&j->d, BT_SEV_ERROR, NULL, "cannot trace process %d: No such process", j->o->pid);
	return -ESRCH;
}

static int stage_load(struct bt_job *j)
{
	struct bt_rt_opts ro = {
		.dry_run = j->o->dry_run,
		.quiet = j->o->quiet,
		.verbose = j->o->verbose,
		.format = j->o->format,
		.out = j->out,
		.child = j->child,
		.unsafe = j->o->unsafe,
		.pid = j->o->pid,
		.cmd = j->o->cmd,
		.stats = j->o->stats,
		.metrics = j->metrics,
		.line_info = compile_line_info,
		.line_info_arg = j,
		.map_visit = j->o->map_visit,
		.map_visit_ctx = j->o->map_visit_ctx,
	};
	/* vmlinux BTF is no longer needed: free it before the long run */
	bt_kbtf_release();
	if (j->o->emit_elf)
		return 0; /* written by codegen, not loaded: bpftrace's --emit-elf */
	int err = bt_rt_load(&j->prog, &ro, &j->d, &j->rt);
	if (!err)
		j->child = 0; /* the runtime owns the child now */
	return err;
}

static int stage_attach(struct bt_job *j)
{
	if (j->o->dry_run)
		return 0;
	return bt_rt_attach(j->rt);
}

static int (*const stages[])(struct bt_job *) = {
	check_pid,     stage_parse,   stage_cache, stage_child,	 stage_sema,
	stage_codegen, stage_metrics, stage_load,  stage_attach,
};

static int print_script(struct bt_job *j)
{
	char *text = NULL;
	int err = bt_preprocess(&j->d, j->src, j->o->defines, j->o->n_defines, &text);
	if (!err) {
		fputs(text, j->out);
		fflush(j->out);
	}
	free(text);
	return err;
}

int bt_run(const struct bt_run_opts *opts)
{
	struct bt_run_opts oe = *opts; /* --emit-elf is a dry run */
	const struct bt_run_opts *o = &oe;
	struct bt_job j = {.o = o};
	int status = 1, err = 0;

	oe.dry_run = oe.dry_run || oe.emit_elf;
	bt_diag_init(&j.d, o->prog_name ? o->prog_name : "bt");
	j.d.no_warnings = o->no_warnings;
	if (bt_settings_load(&j.d))
		goto out;
	j.out = stdout;
	if (o->output_path) {
		j.out = fopen(o->output_path, "w");
		if (!j.out) {
			bt_diag(&j.d, BT_SEV_ERROR, NULL, "cannot open '%s': %s", o->output_path,
				strerror(errno));
			goto out;
		}
	}
	char *text = malloc(o->script_len + 1);
	if (!text)
		goto out;
	memcpy(text, o->script, o->script_len);
	text[o->script_len] = 0;
	j.src = bt_diag_add_src(&j.d, o->script_name ? o->script_name : "stdin", text,
				o->script_len);
	if (!j.src)
		goto out;
	j.src->includes = o->includes;
	j.src->nincludes = o->n_includes;
	if (o->print_script) {
		status = print_script(&j) ? 1 : 0;
		goto out;
	}
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]) && !err; i++)
		err = stages[i](&j);
	if (err)
		goto out;
	status = o->dry_run ? 0 : bt_rt_run(j.rt);
out:
	bt_rt_free(j.rt);
	bt_metrics_free(j.metrics);
	if (j.child > 0)
		bt_child_kill(j.child);
	bt_sema_fini(&j.sema);
	if (j.root)
		bt_node_free(j.root);
	bt_prog_free(&j.prog);
	bt_pool_free(&j.pool);
	bt_kbtf_release();
	bt_cache_fini(&j.cache);
	bt_diag_fini(&j.d);
	if (j.out && j.out != stdout)
		fclose(j.out);
	return status;
}
