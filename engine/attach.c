// SPDX-License-Identifier: GPL-2.0
/*
 * Attach every target of every probe with its provider; detach them all,
 * in parallel: closing a perf-event tracepoint waits for an RCU grace
 * period, so 360 of them closed one by one take ~27 s, but waits that
 * overlap share grace periods.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "runtime.h"

int bt_links_push(struct bt_links *l, struct bpf_link *link)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct bpf_link **v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			bpf_link__destroy(link);
			return -ENOMEM;
		}
		l->v = v;
		l->cap = cap;
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
		jobs[i] = (struct destroy_job){ .l = l, .first = i, .step = nthreads };
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

static size_t count_targets(const struct bt_prog *prog)
{
	size_t i, n = 0;

	for (i = 0; i < prog->nprobes; i++)
		n += prog->probes[i].ntargets;
	return n;
}

int bt_rt_attach(struct bt_runtime *rt)
{
	const struct bt_prog *prog = rt->prog;
	struct bt_attach_ctx ctx = { .pid = rt->o.pid ? rt->o.pid : rt->child };
	char buf[128];
	size_t i, j;
	int err = 0;

	/* bpftrace counts BEGIN and END too: `BEGIN{exit()} END{}` says 2 */
	if (!rt->o.quiet)
		bt_out_attached(&rt->out, count_targets(prog));
	for (i = 0; i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];

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
			if (pv->run_once)
				continue;
			err = pv->attach(t, rt->progs[i], &ctx, &rt->links, &why);
			if (err) {
				/* a missing kernel feature explains it best */
				if (!why && pv->available)
					pv->available(&why);
				if (!why) {
					/* libbpf's own codes (-4000...) have no strerror text */
					libbpf_strerror(err, buf, sizeof(buf));
					why = buf;
				}
				bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot attach %s: %s", t->name,
					why);
				goto err_detach;
			}
		}
	}
	return 0;

err_detach:
	bt_links_destroy(&rt->links);
	return err;
}
