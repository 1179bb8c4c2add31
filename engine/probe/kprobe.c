// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:FUNC[+OFF] / kretprobe:FUNC through libbpf's perf-event kprobes,
 * cookie = probe index. Kernels without CONFIG_KPROBE_EVENTS load kprobe
 * programs fine and fail only at attach: available() says so up front.
 * FUNC also attaches its compiler clones; a wildcard FUNC attaches every
 * match in available_filter_functions but the clones (FUNC.isra.0...), which
 * bpftrace 0.17 neither lists nor matches.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "prog.h"
#include "front/diag.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"
#include "sym/ksym.h"
#include "settings.h"

static const char no_kprobes[] = "this kernel has no kprobes (CONFIG_KPROBES)";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A compiler clone (f.isra.0, f.part.0): bpftrace 0.17's wildcards and -l skip them. */
static bool is_clone(const char *fn)
{
	return strchr(fn, '.') != NULL;
}

/* available_filter_functions: the names of "name [module]" lines, sorted and
 * deduplicated. Returns 0 (*v NULL when there is no tracefs) or -errno. */
int bt_filter_functions(char ***out, size_t *nout)
{
	const char *root = bt_tracefs_root();
	char path[PATH_MAX], line[512];
	char **v = NULL;
	size_t n = 0, cap = 0, i, j;
	FILE *f;
	int err = 0;

	*out = NULL;
	*nout = 0;
	if (!root)
		return 0;
	snprintf(path, sizeof(path), "%s/available_filter_functions", root);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \t\n")] = '\0';
		if (bt_vec_reserve(v, cap, n + 1)) {
			err = -ENOMEM;
			break;
		}
		v[n] = strdup(line);
		if (!v[n]) {
			err = -ENOMEM;
			break;
		}
		n++;
	}
	fclose(f);
	if (err) {
		bt_strv_free(v, n);
		return err;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = j = 0; i < n; i++) {
		if (j && !strcmp(v[i], v[j - 1]))
			free(v[i]);
		else
			v[j++] = v[i];
	}
	*out = v;
	*nout = j;
	return 0;
}

/* Whether name is base or one of its compiler clones (base.isra.0, base.part.1...). */
static bool is_base_or_clone(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n))
		return false;
	return !name[n] || (name[n] == '.' && strncmp(name + n, ".cold", 5));
}

/*
 * The kprobe blacklist (debugfs; mounted here when nobody did): functions
 * ftrace lists but kprobes refuse. A wildcard skips them, as bpftrace does,
 * and kprobe_multi would fail whole on one of them. Sorted names, or NULL.
 */
static char **blacklist(size_t *n)
{
	static const char path[] = "/sys/kernel/debug/kprobes/blacklist";
	char line[512], **v = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "re");

	*n = 0;
	if (!f && mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) == 0)
		f = fopen(path, "re");
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *name = strchr(line, '\t');
		if (!name)
			continue;
		name++;
		name[strcspn(name, " \t\n")] = 0;
		if (bt_vec_reserve(v, cap, *n + 1))
			break;
		if (!(v[*n] = strdup(name)))
			break;
		(*n)++;
	}
	fclose(f);
	if (v)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

/*
 * Tried for real, as libbpf probes it: a kprobe_multi link on address 0 is
 * EINVAL where the kernel has them, EOPNOTSUPP where it was built without
 * CONFIG_FPROBE (the syscall code exists either way).
 */
bool bt_kprobe_multi_available(void)
{
	static int known = -1; /* a fact of the running kernel: tried once per process */
	const char *why;

	if (bt_settings()->no_kprobe_multi || !bt_kprobe_available(&why))
		return false;
	if (known >= 0)
		return known;
	int fd = bt_trial_prog(BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, 0);
	if (fd < 0)
		return (known = 0);
	unsigned long addr = 0;
	LIBBPF_OPTS(bpf_link_create_opts, lo, .kprobe_multi.addrs = &addr, .kprobe_multi.cnt = 1);
	int link = bpf_link_create(fd, -1, BPF_TRACE_KPROBE_MULTI, &lo);
	int err = errno;
	if (link >= 0)
		close(link);
	close(fd);
	return (known = link < 0 && err == EINVAL);
}

int bt_kprobe_expand(const char *pattern, char ***out, size_t *nout)
{
	char **v, **r = NULL;
	size_t n, nr = 0, i;
	bool glob = strpbrk(pattern, "*?[") != NULL;
	int err = bt_filter_functions(&v, &n);

	*out = NULL;
	*nout = 0;
	if (err || !v)
		return err ? err : -ENOENT;
	size_t nbl = 0;
	char **bl = glob ? blacklist(&nbl) : NULL;
	r = calloc(glob ? n + 1 : 1, sizeof(*r));
	for (i = 0; r && i < n; i++) {
		if (glob && bl && bsearch(&v[i], bl, nbl, sizeof(*bl), cmp_str))
			continue;
		if (glob && is_clone(v[i]))
			continue;
		if (glob ? fnmatch(pattern, v[i], 0) == 0 : is_base_or_clone(v[i], pattern)) {
			if (!glob) { /* exists: the target stays FUNC (attach adds clones) */
				r[nr++] = strdup(pattern);
				break;
			}
			r[nr++] = v[i];
			v[i] = NULL;
		}
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	if (bl)
		bt_strv_free(bl, nbl);
	if (!r)
		return -ENOMEM;
	for (i = 0; i < nr; i++)
		if (!r[i]) {
			bt_strv_free(r, nr);
			return -ENOMEM;
		}
	*out = r;
	*nout = nr;
	return 0;
}

static int attach_one(struct bpf_program *prog, const char *func,
		      const struct bpf_kprobe_opts *opts, struct bt_links *out)
{
	struct bpf_link *link = bpf_program__attach_kprobe_opts(prog, func, opts);

	return link ? bt_links_push(out, link) : -errno;
}

/* kprobe:PATTERN: every matching function; a partial failure is a warning */
static int attach_glob(const char *pat, struct bpf_program *prog,
		       const struct bpf_kprobe_opts *opts, struct bt_diag *d, struct bt_links *out,
		       const char **why)
{
	size_t n, matched = 0, attached = 0;
	const char *failed = NULL;
	int err, first = 0;
	char **v;

	err = bt_filter_functions(&v, &n);
	if (err) {
		*why = "cannot read available_filter_functions";
		return err;
	}
	for (size_t i = 0; i < n && err != -ENOMEM; i++) {
		if (fnmatch(pat, v[i], 0))
			continue;
		matched++;
		err = attach_one(prog, v[i], opts, out);
		attached += !err;
		if (err && !first) {
			first = err;
			failed = v[i];
		}
	}
	if (err != -ENOMEM)
		err = 0;
	if (!err && !matched) {
		*why = "no kernel function matches";
		err = -ENOENT;
	} else if (!err && !attached) {
		*why = "no matching kernel function could be probed";
		err = first;
	} else if (!err && attached < matched) {
		bt_diag(d, BT_SEV_WARNING, NULL,
			"%s:%s: %zu of %zu functions attached; the first failure: %s: %s",
			opts->retprobe ? "kretprobe" : "kprobe", pat, attached, matched, failed,
			strerror(-first));
	}
	bt_strv_free(v, n);
	return err;
}

/*
 * FUNC and its compiler clones: GCC renames a function whose arguments it
 * rewrote (finish_task_switch.isra.0) and splits off partly inlined bodies
 * (blkdev_direct_IO.part.0, where most calls go). A probe on FUNC attaches to
 * FUNC if kallsyms has it and to each clone; it fails only if none attached.
 */
#define MAX_CLONES 16

static int attach(const struct bt_target *t, struct bpf_program *prog, bool retprobe,
		  const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .bpf_cookie = t->cookie, .retprobe = retprobe);
	const char *plus = strchr(t->target, '+'), *clones[MAX_CLONES];
	struct bt_ksyms *ks = NULL;
	size_t nclones = 0, attached = 0;
	uint64_t addr;
	char *func;
	int err = -ENOENT;

	if (!plus && strpbrk(t->target, "*?["))
		return attach_glob(t->target, prog, &opts, ctx->d, out, why);
	func = plus ? strndup(t->target, plus - t->target) : strdup(t->target);
	if (!func)
		return -ENOMEM;
	if (plus)
		opts.offset = strtoull(plus + 1, NULL, 0);
	else if ((ks = bt_ksyms_get()))
		nclones = bt_ksym_clones(ks, func, clones, MAX_CLONES);
	/* without kallsyms (or clones) libbpf's error is the answer for FUNC */
	if (!ks || !nclones || bt_ksym_addr(ks, func, true, &addr)) {
		err = attach_one(prog, func, &opts, out);
		attached += !err;
	}
	for (size_t i = 0; i < nclones && err != -ENOMEM; i++) {
		int e = attach_one(prog, clones[i], &opts, out);

		attached += !e;
		if (!attached || e == -ENOMEM)
			err = e;
	}
	free(func);
	if (attached && err != -ENOMEM)
		return 0;
	if (!bt_kprobe_available(why) && err == -ENOENT)
		return err;
	if (err == -ENOENT)
		*why = "no such kernel function (or it cannot be probed)";
	else if (err == -EILSEQ)
		*why = "the offset is not at an instruction boundary";
	return err;
}

int bt_kprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, false, ctx, out, why);
}

int bt_kretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, true, ctx, out, why);
}

bool bt_kprobe_available(const char **why)
{
	const char *root;
	char path[PATH_MAX];

	/* libbpf uses the kprobe PMU when the kernel has it, kprobe_events otherwise */
	if (access("/sys/bus/event_source/devices/kprobe/type", R_OK) == 0)
		return true;
	root = bt_tracefs_root();
	if (root) {
		snprintf(path, sizeof(path), "%s/kprobe_events", root);
		if (access(path, F_OK) == 0)
			return true;
	}
	*why = no_kprobes;
	return false;
}

int bt_kprobe_list(const char *pattern, bool verbose, FILE *out)
{
	const char *why;
	char name[600];
	char **v;
	size_t n;
	int err;

	(void)verbose;
	if (!bt_kprobe_available(&why))
		return 0;
	err = bt_filter_functions(&v, &n);
	for (size_t i = 0; !err && i < n; i++) {
		if (is_clone(v[i]))
			continue;
		snprintf(name, sizeof(name), "kprobe:%s", v[i]);
		if (bt_probe_match(pattern, name))
			fprintf(out, "%s\n", name);
	}
	if (!err)
		bt_strv_free(v, n);
	return err;
}

struct ksym_cookie {
	const char *sym;
	__u64 cookie;
};

static int cmp_sym(const void *a, const void *b)
{
	return strcmp(((const struct ksym_cookie *)a)->sym, ((const struct ksym_cookie *)b)->sym);
}

int bt_kprobe_multi_attach(const struct bt_target *t, size_t n, struct bpf_program *prog,
			   bool retprobe, struct bt_links *out, const char **why)
{
	static char msg[160]; /* *why: read before the next attach */
	struct bt_ksyms *ks = bt_ksyms_get();
	size_t cap = n * (1 + MAX_CLONES), m = 0, u = 0;
	struct ksym_cookie *v = calloc(cap + 1, sizeof(*v));
	const char **syms = calloc(cap + 1, sizeof(*syms));
	__u64 *cookies = calloc(cap + 1, sizeof(*cookies));
	struct bpf_link *link = NULL;
	int err;

	if (!v || !syms || !cookies) {
		err = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *clones[MAX_CLONES];
		size_t nc = ks && !strchr(t[i].target, '.')
				    ? bt_ksym_clones(ks, t[i].target, clones, MAX_CLONES)
				    : 0;
		uint64_t addr;
		/* FUNC itself when kallsyms has it (or cannot tell), and its clones */
		if (!ks || !nc || bt_ksym_addr(ks, t[i].target, true, &addr))
			v[m++] = (struct ksym_cookie){t[i].target, t[i].cookie};
		for (size_t k = 0; k < nc; k++)
			v[m++] = (struct ksym_cookie){clones[k], t[i].cookie};
	}
	/* a clone may also be a target of its own (vfs_* matches both): the
	 * kernel refuses a symbol given twice */
	qsort(v, m, sizeof(*v), cmp_sym);
	for (size_t i = 0; i < m; i++) {
		if (u && !strcmp(syms[u - 1], v[i].sym))
			continue;
		syms[u] = v[i].sym;
		cookies[u++] = v[i].cookie;
	}
	LIBBPF_OPTS(bpf_kprobe_multi_opts, opts, .syms = syms, .cookies = cookies, .cnt = u,
		    .retprobe = retprobe);
	link = bpf_program__attach_kprobe_multi_opts(prog, NULL, &opts);
	err = link ? bt_links_push(out, link) : -errno;
	if (!link) {
		snprintf(msg, sizeof(msg),
			 "the kernel refused the kprobe_multi link: %s (BT_NO_KPROBE_MULTI=1 "
			 "attaches them one by one)",
			 strerror(-err));
		*why = msg;
	}
out:
	free(v);
	free(syms);
	free(cookies);
	return err;
}

/*
 * Whether a kretprobe on fn may lock the machine up: the spin-lock functions
 * that are not notrace, which bpftrace 0.17 refuses (its banned_kretprobes).
 */
static bool banned_kretprobe(const struct bt_provider *pv, struct bt_expand *x, const char *fn)
{
	static const char *const banned[] = {"_raw_spin_lock", "_raw_spin_lock_irqsave",
					     "_raw_spin_unlock_irqrestore",
					     "queued_spin_lock_slowpath", NULL};

	if (!pv->is_return)
		return false;
	for (const char *const *b = banned; *b; b++) {
		if (!strcmp(fn, *b)) {
			x->err(x,
			       "%s: a kretprobe on %s can't be used as it might lock up your "
			       "system",
			       x->str, fn);
			return true;
		}
	}
	return false;
}

/*
 * kprobe:FUNC, kprobe:MODULE:FUNC, kprobe:PATTERN, kprobe:FUNC+OFF: checked
 * against available_filter_functions before anything is attached; a wildcard
 * becomes one target per function, as bpftrace counts them.
 */
int bt_expand_kprobe(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = bt_expand_function(pv, x);
	char base[256], **v;
	size_t n;
	int err;

	if (!fn || banned_kretprobe(pv, x, fn) || bt_expand_usable(pv, x, fn))
		return -EINVAL;
	snprintf(base, sizeof(base), "%.*s", (int)strcspn(fn, "+"), fn);
	err = bt_kprobe_expand(base, &v, &n);
	for (size_t i = 0; i < n && !err; i++)
		err = banned_kretprobe(pv, x, v[i]) ? -EINVAL : 0;
	if (err == -EINVAL)
		bt_strv_free(v, n);
	if (err == -EINVAL)
		return err;
	if (err == -ENOMEM)
		return err;
	if (err) /* no list to check against: attach says what is wrong */
		return x->add(x, fn, 0, false);
	if (!n) {
		free(v);
		if (strpbrk(base, "*?[")) {
			x->no_match(x, "%s: no kernel function matches '%s'", x->str, base);
			return x->several ? 0 : x->add(x, fn, 0, false);
		}
		/* an error: the run fails, but the probe's body is still checked
		 * (one run shows every error: bio.bt, this and rq_disk) */
		return x->absent(x, fn,
				 "%s: no kernel function '%s' can be probed (not in "
				 "available_filter_functions: missing, inlined or notrace)",
				 x->str, base);
	}
	if (strchr(fn, '+')) { /* FUNC+OFF: one function */
		bt_strv_free(v, n);
		return x->add(x, fn, 0, false);
	}
	return bt_expand_add_all(x, v, n);
}
