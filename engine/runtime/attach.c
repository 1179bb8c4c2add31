// SPDX-License-Identifier: GPL-2.0
/*
 * Attach every target of every probe with its provider; detach them all,
 * in parallel: closing a perf-event tracepoint waits for an RCU grace
 * period, so 360 of them closed one by one take ~27 s, but waits that
 * overlap share grace periods.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "runtime/runtime.h"
#include "settings.h"

int bt_links_push(struct bt_links *l, struct bpf_link *link)
{
	if (bt_vec_reserve(l->v, l->cap, l->n + 1)) {
		bpf_link__destroy(link);
		return -ENOMEM;
	}
	l->v[l->n++] = link;
	return 0;
}

struct destroy_job {
	struct bt_links *l;
	size_t first, step;
};

static void *destroy_some(void *arg)
{
	struct destroy_job *j = arg;
	size_t i;

	for (i = j->first; i < j->l->n; i += j->step)
		bpf_link__destroy(j->l->v[i]);
	return NULL;
}

/* up to this many closing threads; each mostly sleeps in synchronize_rcu() */
#define MAX_DESTROY_THREADS 64
#define LINKS_PER_THREAD 4

void bt_links_destroy(struct bt_links *l)
{
	struct destroy_job jobs[MAX_DESTROY_THREADS];
	pthread_t tids[MAX_DESTROY_THREADS];
	bool started[MAX_DESTROY_THREADS];
	size_t nthreads, i;

	if (!l->n)
		goto out;
	nthreads = (l->n + LINKS_PER_THREAD - 1) / LINKS_PER_THREAD;
	if (nthreads > MAX_DESTROY_THREADS)
		nthreads = MAX_DESTROY_THREADS;
	for (i = 0; i < nthreads; i++) {
		jobs[i] = (struct destroy_job){.l = l, .first = i, .step = nthreads};
		started[i] = i > 0 && pthread_create(&tids[i], NULL, destroy_some, &jobs[i]) == 0;
	}
	/* this thread takes job 0, and any job whose thread did not start */
	for (i = 0; i < nthreads; i++) {
		if (!started[i])
			destroy_some(&jobs[i]);
	}
	for (i = 1; i < nthreads; i++) {
		if (started[i])
			pthread_join(tids[i], NULL);
	}
out:
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * A sys_enter/sys_exit dispatch probe (prog.h): fill its map with the traced
 * syscall numbers, then one raw tracepoint link serves every target.
 */
static int attach_dispatch(struct bt_runtime *rt, size_t i)
{
	const struct bt_probe *p = &rt->prog->probes[i];
	const char *tp = p->dispatch == BT_DISP_SYS_ENTER ? "sys_enter" : "sys_exit";
	bool btf = bt_sysdisp_btf_sec(p->section);
	char name[32];
	struct bpf_map *m;
	struct bpf_link *link;
	int err;

	snprintf(name, sizeof(name), "BT_SYSDISP_%zu", i);
	m = bpf_object__find_map_by_name(rt->obj, name);
	if (!m && p->ntargets > 1) { /* one target: compared with a constant */
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "internal error: no map %s", name);
		return -ENOENT;
	}
	for (size_t k = 0; k < p->ntargets && p->ntargets > 1; k++) {
		uint32_t key = (uint32_t)p->targets[k].arg;
		uint64_t val = p->targets[k].cookie + 1;
		err = bpf_map__update_elem(m, &key, sizeof(key), &val, sizeof(val), BPF_ANY);
		if (err) {
			bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot attach %s: %s",
				p->targets[k].name, strerror(-err));
			return err;
		}
	}
	link = btf ? bpf_program__attach_trace(rt->progs[i])
		   : bpf_program__attach_raw_tracepoint(rt->progs[i], tp);
	if (!link) {
		err = -errno;
		bt_diag(rt->d, BT_SEV_ERROR, NULL,
			"cannot attach %s (and %zu more syscalls, through raw tracepoint %s): %s",
			p->targets[0].name, p->ntargets - 1, tp, strerror(-err));
		return err;
	}
	return bt_links_push(&rt->links, link);
}

static size_t count_targets(const struct bt_prog *prog)
{
	size_t i, n = 0;

	/* a deferred target (watchpoint:FUNC+argN) counts as its setup uprobe */
	for (i = 0; i < prog->nprobes; i++)
		for (size_t k = 0; k < prog->probes[i].ntargets; k++)
			n += !prog->probes[i].targets[k].setup;
	return n;
}

/* The probe's first wildcard attach point ("kprobe:vfs_*"), or NULL. */
static const char *wildcard_of(const struct bt_probe *p)
{
	const struct bt_node *at;
	size_t i;
	if (!p->node)
		return NULL;
	bt_list_for_each (&p->node->list, i, at)
		if (at->str && strpbrk(at->str, "*?["))
			return at->str;
	return NULL;
}

/* A wildcard's targets that could not be attached (over all its programs). */
struct wild {
	const struct bt_node *node;
	const char *pattern;
	size_t tried, failed;
	char first[384];
};

static struct wild *wild_of(struct wild *w, size_t *nw, const struct bt_probe *p)
{
	for (size_t k = 0; k < *nw; k++)
		if (w[k].node == p->node)
			return &w[k];
	w[*nw] = (struct wild){.node = p->node, .pattern = wildcard_of(p)};
	return &w[(*nw)++];
}

/* Missing targets of a wildcard: a warning, or an error when none attached. */
static int report_wild(struct bt_runtime *rt, const struct wild *w, size_t nw)
{
	int err = 0;
	for (size_t k = 0; k < nw; k++) {
		if (!w[k].failed)
			continue;
		if (w[k].failed == w[k].tried) {
			bt_diag(rt->d, BT_SEV_ERROR, w[k].node ? &w[k].node->loc : NULL,
				"%s: none of its %zu matches could be attached; the first, %s",
				w[k].pattern, w[k].tried, w[k].first);
			err = -ENOENT;
		} else {
			bt_diag(rt->d, BT_SEV_WARNING, NULL,
				"%s: %zu of %zu matches attached; %zu could not be: the first, %s",
				w[k].pattern, w[k].tried - w[k].failed, w[k].tried, w[k].failed,
				w[k].first);
		}
	}
	return err;
}

/* An absent target (its warning was given at sema): bpftrace says this too. */
static void skip_absent(struct bt_runtime *rt, const struct bt_target *t)
{
	bt_diag(rt->d, BT_SEV_WARNING, NULL, "could not attach probe %s, skipping.", t->name);
}

/* A kprobe_multi probe's targets in one link, less the absent ones (skipped
 * with bpftrace's warning): one missing function would fail the link. */
static int attach_multi(struct bt_runtime *rt, const struct bt_probe *p, struct bpf_program *prog,
			const char **why)
{
	struct bt_target *v = malloc(p->ntargets * sizeof(*v));
	size_t n = 0;
	int err = 0;

	if (!v)
		return -ENOMEM;
	for (size_t j = 0; j < p->ntargets; j++) {
		if (p->targets[j].absent)
			skip_absent(rt, &p->targets[j]);
		else
			v[n++] = p->targets[j];
	}
	if (n)
		err = bt_kprobe_multi_attach(v, n, prog, p->pv->is_return, &rt->links, why);
	free(v);
	return err;
}

/* Each perf-event probe holds a file descriptor or two: hundreds of
 * tracepoints or kprobes outgrow a shell's usual 1024, so take the hard limit. */
static void raise_nofile(void)
{
	struct rlimit r;

	if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

/* bpftrace's limits on attach points and programs (BPFTRACE_MAX_PROBES,
 * BPFTRACE_MAX_BPF_PROGS): a wildcard can reach thousands of functions. */
static int check_limits(struct bt_runtime *rt)
{
	const struct bt_settings *st = bt_settings();
	size_t n = count_targets(rt->prog);

	if (n > st->max_probes) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL,
			"cannot attach to %zu probes: the limit is %u (BPFTRACE_MAX_PROBES; many "
			"probes can slow down or crash the system)",
			n, st->max_probes);
		return -E2BIG;
	}
	if (rt->prog->nprobes > st->max_bpf_progs) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL,
			"the program needs %zu BPF programs: the limit is %u "
			"(BPFTRACE_MAX_BPF_PROGS)",
			rt->prog->nprobes, st->max_bpf_progs);
		return -E2BIG;
	}
	return 0;
}

/*
 * -v: how each probe's syscall tracepoints are attached, and why (the choice
 * is split_sysdisp's in sema; probe/sysdisp.c weighs it).
 */
static void explain_sysdisp(const struct bt_prog *prog)
{
	static const char *const kind[] = {"sys_enter", "sys_exit"};
	const struct bt_settings *st = bt_settings();

	for (size_t i = 0; i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];
		size_t n[2] = {0};

		if (p->dispatch) {
			fprintf(stderr,
				"program %zu: %zu syscalls:%s_* tracepoint%s through one %s/%s "
				"dispatch "
				"program (%s: one link, exit without a grace period per "
				"tracepoint; "
				"every syscall of every process runs it)\n",
				i, p->ntargets, kind[p->dispatch - 1], p->ntargets == 1 ? "" : "s",
				bt_sysdisp_btf_sec(p->section) ? "tp_btf" : "raw_tp",
				kind[p->dispatch - 1],
				st->sysdisp_force ? "BT_SYSDISP=1" : "many syscalls");
			continue;
		}
		for (size_t k = 0; k < p->ntargets; k++)
			for (int d = 0; d < 2; d++)
				n[d] += !strncmp(p->targets[k].target, "syscalls:", 9) &&
					!strncmp(p->targets[k].target + 9, kind[d],
						 strlen(kind[d]));
		for (int d = 0; d < 2; d++) {
			if (!n[d])
				continue;
			const char *why = st->sysdisp_off ? "BT_SYSDISP=0"
					  : n[d] < BT_SYSDISP_MIN
						  ? "fewer than " BT_SYSDISP_MIN_STR
						    ": other syscalls run no BPF program"
						  : "the probe takes kstack, which must start in "
						    "the tracepoint";
			fprintf(stderr,
				"program %zu: %zu syscalls:%s_* tracepoint%s attached one by one "
				"(%s)\n",
				i, n[d], kind[d], n[d] == 1 ? "" : "s", why);
		}
	}
}

int bt_rt_attach(struct bt_runtime *rt)
{
	const struct bt_prog *prog = rt->prog;
	struct bt_attach_ctx ctx = {.pid = rt->o.pid ? rt->o.pid : rt->child, .d = rt->d};
	struct wild *w = calloc(prog->nprobes + 1, sizeof(*w));
	size_t i, j, nw = 0;
	char buf[128];
	int err = 0;

	if (!w)
		return -ENOMEM;
	err = check_limits(rt);
	if (err) {
		free(w);
		return err;
	}
	raise_nofile();

	if (rt->o.verbose)
		explain_sysdisp(prog);
	bt_rt_catch_signals();
	/* bpftrace counts BEGIN and END too: `BEGIN{exit()} END{}` says 2 */
	if (!rt->o.quiet)
		bt_out_attached(&rt->out, count_targets(prog));
	/* BEGIN before the other probes, so its output comes first */
	err = bt_rt_begin(rt);
	if (err) {
		free(w);
		return err;
	}
	for (i = 0; i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];

		if (p->dispatch) {
			err = attach_dispatch(rt, i);
			if (err)
				goto err_detach;
			continue;
		}
		if (p->pv && p->pv->multi_section && !strcmp(p->section, p->pv->multi_section)) {
			const char *why = NULL;
			err = attach_multi(rt, p, rt->progs[i], &why);
			if (err) {
				bt_diag(rt->d, BT_SEV_ERROR, p->node ? &p->node->loc : NULL,
					"cannot attach %zu %s probes at once: %s", p->ntargets,
					p->pv->name, why ? why : strerror(-err));
				goto err_detach;
			}
			continue;
		}
		for (j = 0; j < p->ntargets; j++) {
			const struct bt_target *t = &p->targets[j];
			const struct bt_provider *pv = bt_provider_find(t->provider);
			const char *why = NULL;

			if (!pv) {
				bt_diag(rt->d, BT_SEV_ERROR, NULL,
					"cannot attach %s: unknown provider '%s'", t->name,
					t->provider);
				err = -EINVAL;
				goto err_detach;
			}
			if (pv->run_once || t->setup) /* deferred: runtime/watch.c */
				continue;
			if (t->absent) {
				skip_absent(rt, t);
				continue;
			}
			struct wild *wc = wildcard_of(p) ? wild_of(w, &nw, p) : NULL;
			if (wc)
				wc->tried++;
			err = pv->attach(t, rt->progs[i], &ctx,
					 p->setup_of ? &rt->watch_links : &rt->links, &why);
			if (err == -ENOMEM)
				goto err_detach;
			if (err) {
				/* a missing kernel feature explains it best */
				if (!why && pv->available)
					pv->available(&why);
				if (!why) {
					/* libbpf's own codes (-4000...) have no strerror text */
					libbpf_strerror(err, buf, sizeof(buf));
					why = buf;
				}
				/* a wildcard's targets that cannot be attached are skipped */
				if (wc) {
					if (!wc->failed++)
						snprintf(wc->first, sizeof(wc->first), "%s: %s",
							 t->name, why);
					err = 0;
					continue;
				}
				bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot attach %s: %s", t->name,
					why);
				goto err_detach;
			}
		}
	}
	err = report_wild(rt, w, nw);
	if (err)
		goto err_detach;
	free(w);
	return 0;

err_detach:
	free(w);
	bt_links_destroy(&rt->watch_links);
	bt_links_destroy(&rt->links);
	return err;
}
