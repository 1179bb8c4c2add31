// SPDX-License-Identifier: GPL-2.0
/*
 * usdt:BINARY:[PROVIDER:]NAME: SystemTap SDT notes (sym/sdt.c). Every site
 * of the probe gets a plain uprobe at its pc, with the semaphore as the
 * uprobe's reference counter (the kernel raises it while attached, so code
 * guarded by PROBE_ENABLED() runs). Each site is a target of its own (its
 * bt_target.arg is the site's pc), so that it has its own bpf cookie: where
 * the sites pass an argument differently, the one program reads it the way
 * the site that fired describes it (sema_usdt.c, cg_usdt.c). The argument
 * specs are parsed by sym/sdtarg.c.
 */
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include <bt/vec.h>

#include "prog.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"
#include "sym/usym.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push(char ***v, size_t *n, char *s)
{
	if (!s || bt_vec_push(*v, *n)) {
		free(s);
		return -ENOMEM;
	}
	(*v)[(*n)++] = s;
	return 0;
}

/* Sorts v and drops repeats. */
static void sort_unique(char **v, size_t *n)
{
	size_t k = 0;

	qsort(v, *n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < *n; i++) {
		if (k && !strcmp(v[k - 1], v[i]))
			free(v[i]);
		else
			v[k++] = v[i];
	}
	*n = k;
}

/* Appends "usdt:PATH:PROV:NAME" (prefix "usdt:") or "PATH:PROV:NAME" of
 * every probe of path whose provider matches prov (NULL or "": any) and
 * name matches name. */
static int match(const char *path, const char *prefix, const char *prov, const char *name,
		 char ***out, size_t *n)
{
	struct bt_sdt_note *v;
	size_t nv;
	int err = bt_sdt_notes(path, &v, &nv);

	for (size_t i = 0; i < nv && !err; i++) {
		char *s;

		if ((prov && *prov && fnmatch(prov, v[i].provider, 0)) ||
		    fnmatch(name, v[i].name, 0))
			continue;
		if (asprintf(&s, "%s%s:%s:%s", prefix, path, v[i].provider, v[i].name) < 0)
			s = NULL;
		err = push(out, n, s);
	}
	bt_sdt_notes_free(v, nv);
	return err;
}

/* The file of process pid named name (its base name, or "libNAME.so*"). */
static char *pid_file(pid_t pid, const char *name)
{
	char **v, *res = NULL;
	size_t n;

	if (bt_upid_files(pid, true, &v, &n))
		return NULL;
	for (size_t i = 0; i < n && !res; i++) {
		const char *base = strrchr(v[i], '/') + 1;

		if (!strcmp(base, name) || bt_usym_lib_match(base, name))
			res = strdup(v[i]);
	}
	bt_strv_free(v, n);
	return res;
}

/*
 * The files BIN names: empty: the -p process's executable and libraries;
 * a glob: each file it matches; else a path, or a name found as
 * bt_usym_which() finds it. With -p, an absolute path is the file the
 * process sees (under /proc/PID/root), as bpftrace names it.
 */
static int files(pid_t pid, const char *bin, char ***v, size_t *n, char *why, size_t len)
{
	char *path;
	glob_t g;
	int err = 0;

	*v = NULL;
	*n = 0;
	if (!*bin) {
		if (pid <= 0) {
			snprintf(why, len, "usdt probe must specify at least path or pid to probe");
			return -EINVAL;
		}
		err = bt_upid_files(pid, true, v, n);
		if (err)
			snprintf(why, len, "cannot read the mappings of process %d: %s", (int)pid,
				 strerror(-err));
		return err;
	}
	if (strpbrk(bin, "*?[")) {
		if (glob(bin, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc && !err; i++)
				err = push(v, n, strdup(g.gl_pathv[i]));
		}
		globfree(&g);
		return err;
	}
	path = pid > 0 && !strchr(bin, '/') ? pid_file(pid, bin) : NULL;
	if (path)
		return push(v, n, path);
	path = bt_usym_which(bin, pid);
	if (!path && access(bin, F_OK) == 0) /* libbpf looks for a bare name in lib dirs */
		path = strchr(bin, '/') ? strdup(bin) : realpath(bin, NULL);
	if (path && pid > 0 && path[0] == '/') {
		char *in = bt_upid_path(pid, path);

		if (in && access(in, F_OK) == 0) {
			free(path);
			path = in;
		} else {
			free(in);
		}
	}
	if (!path) {
		snprintf(why, len, "no binary or library '%s' (not in PATH or ld.so.cache)", bin);
		return -ENOENT;
	}
	return push(v, n, path);
}

int bt_usdt_expand(pid_t pid, const char *bin, const char *prov, const char *name, char ***targets,
		   size_t *n, char *why, size_t len)
{
	char **paths;
	size_t np;
	int err = files(pid, bin, &paths, &np, why, len);

	*targets = NULL;
	*n = 0;
	for (size_t i = 0; i < np && !err; i++) {
		err = match(paths[i], "", prov, name, targets, n);
		/* a file a glob or a process names may not be ELF */
		if (err && err != -ENOMEM && (np > 1 || !*bin))
			err = 0;
		else if (err)
			snprintf(why, len, "cannot read '%s': %s", paths[i], strerror(-err));
	}
	if (!err && !*n)
		snprintf(why, len, "no USDT probe %s%s%s in %s", prov && *prov ? prov : "",
			 prov && *prov ? ":" : "", name,
			 np == 1 ? paths[0]
			 : *bin	 ? bin
				 : "the process");
	bt_strv_free(paths, np);
	if (!err && *n) {
		sort_unique(*targets, n);
		return 0;
	}
	bt_strv_free(*targets, *n);
	*targets = NULL;
	*n = 0;
	return err ? err : -ENOENT;
}

/* "BIN:PROV:NAME" -> its sites. */
static int sites(const char *target, char **bin, struct bt_sdt_note **v, size_t *n,
		 const char **prov, const char **name)
{
	const char *c2 = strrchr(target, ':'), *c1;

	*bin = NULL;
	if (!c2 || c2 == target)
		return -EINVAL;
	for (c1 = c2 - 1; c1 > target && *c1 != ':'; c1--)
		;
	if (c1 == target)
		return -EINVAL;
	*bin = strndup(target, c1 - target);
	if (!*bin)
		return -ENOMEM;
	*prov = c1 + 1;
	*name = c2 + 1;
	return bt_sdt_notes(*bin, v, n);
}

static bool site_is(const struct bt_sdt_note *s, const char *prov, const char *name)
{
	size_t pl = strlen(s->provider);

	return !strncmp(prov, s->provider, pl) && prov[pl] == ':' && !strcmp(name, s->name);
}

/* Whether the kernel's uprobes take a reference counter (a semaphore). */
static bool have_ref_ctr(void)
{
	return access("/sys/bus/event_source/devices/uprobe/format/ref_ctr_offset", F_OK) == 0;
}

int bt_usdt_attach(const struct bt_target *t, struct bpf_program *prog,
		   const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	const char *prov, *name;
	struct bt_sdt_note *v = NULL;
	struct bt_elf *e;
	size_t nv = 0, done = 0;
	char *bin;
	int err = sites(t->target, &bin, &v, &nv, &prov, &name);

	e = err ? NULL : bt_elf_get(bin);
	if (!err && !e)
		err = -ENOENT;
	if (ctx->pid > 0)
		bt_usym_snapshot(ctx->pid); /* -p/-c: its stacks resolve after it exits */
	for (size_t i = 0; i < nv && !err; i++) {
		LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = t->cookie);
		struct bpf_link *link;
		uint64_t off, sema_off = 0;

		if (!site_is(&v[i], prov, name) || (t->arg && v[i].pc != t->arg))
			continue;
		if (!bt_elf_vaddr_to_off(e, v[i].pc, &off) ||
		    (v[i].sema && !bt_elf_vaddr_to_off(e, v[i].sema, &sema_off))) {
			*why = "a USDT note points outside the file";
			err = -EINVAL;
			break;
		}
		if (sema_off && !have_ref_ctr()) {
			*why = "this probe has a semaphore, and this kernel's uprobes cannot "
			       "raise it (no ref_ctr_offset: Linux 4.20 or later has it)";
			err = -EOPNOTSUPP;
			break;
		}
		opts.ref_ctr_offset = sema_off;
		link = bpf_program__attach_uprobe_opts(prog, ctx->pid > 0 ? ctx->pid : -1, bin, off,
						       &opts);
		err = link ? bt_links_push(out, link) : -errno;
		done++;
	}
	if (!err && !done) {
		*why = "no such USDT probe";
		err = -ENOENT;
	}
	bt_sdt_notes_free(v, nv);
	free(bin);
	return err;
}

/* Whether "usdt:PATH:PROV:NAME" matches the pattern's rest after BIN:
 * "PROV:NAME", ":NAME" (any provider) or "NAME". */
static bool probe_match(const char *line, const char *rest)
{
	const char *name = strrchr(line, ':'), *prov = name;

	while (prov > line && prov[-1] != ':')
		prov--;
	if (rest[0] == ':')
		return !fnmatch(rest + 1, name + 1, 0);
	return !fnmatch(rest, prov, 0) || (!strchr(rest, ':') && !fnmatch(rest, name + 1, 0));
}

/* -l 'usdt:BIN:[PROV:]NAME'; BIN may be a glob */
int bt_usdt_list(const char *pattern, bool verbose, FILE *out)
{
	const char *c1 = pattern ? strchr(pattern, ':') : NULL;
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char bin[4096], why[256], **paths, **v = NULL;
	size_t n = 0, np;

	(void)verbose;
	if (!c2 || c2 == c1 + 1 || (size_t)(c2 - c1 - 1) >= sizeof(bin))
		return 0;
	memcpy(bin, c1 + 1, c2 - c1 - 1);
	bin[c2 - c1 - 1] = '\0';
	if (files(0, bin, &paths, &np, why, sizeof(why)))
		return 0;
	for (size_t i = 0; i < np; i++)
		match(paths[i], "usdt:", NULL, "*", &v, &n);
	bt_strv_free(paths, np);
	/* sorted by the whole name, as bpftrace ("python3.11:x" before "python3:x") */
	sort_unique(v, &n);
	for (size_t i = 0; i < n; i++) {
		if (probe_match(v[i], c2 + 1))
			fprintf(out, "%s\n", v[i]);
	}
	bt_strv_free(v, n);
	return 0;
}

/* The idx'th space-separated spec of args into a; false when there is none. */
static int nth_arg(const struct bt_sdt_note *site, const struct bt_elf *e, int idx,
		   struct bt_usdt_arg *a, int *nargs)
{
	const char *args = site->args;
	int i = 0, err = -ENOENT;

	while (*args) {
		size_t len;

		args += strspn(args, " ");
		len = strcspn(args, " ");
		if (!len)
			break;
		if (i == idx)
			err = bt_sdt_arg_parse(args, len, e, site->pc, a);
		i++;
		args += len;
	}
	*nargs = i;
	return err;
}

int bt_usdt_arg(const char *target, unsigned long long pc, int idx, struct bt_usdt_arg *out,
		char *why, size_t len)
{
	const char *prov, *name;
	struct bt_sdt_note *v = NULL;
	size_t nv = 0;
	char *bin;
	int err = sites(target, &bin, &v, &nv, &prov, &name), nargs;
	const struct bt_elf *e = err ? NULL : bt_elf_get(bin);
	const struct bt_sdt_note *site = NULL;

	for (size_t i = 0; i < nv && !err && !site; i++) {
		if (site_is(&v[i], prov, name) && (!pc || v[i].pc == pc))
			site = &v[i];
	}
	if (!err && !site) {
		snprintf(why, len, "no such USDT probe");
		err = -ENOENT;
	}
	if (!err) {
		err = nth_arg(site, e, idx, out, &nargs);
		if (err == -ENOENT)
			snprintf(why, len, "this probe has %d argument%s", nargs,
				 nargs == 1 ? "" : "s");
		else if (err)
			snprintf(why, len, "cannot read argument spec '%s'", site->args);
	}
	bt_sdt_notes_free(v, nv);
	free(bin);
	return err;
}

int bt_usdt_sites(const char *target, unsigned long long **pcs, size_t *n)
{
	const char *prov, *name;
	struct bt_sdt_note *v = NULL;
	size_t nv = 0;
	char *bin;
	int err = sites(target, &bin, &v, &nv, &prov, &name);

	*n = 0;
	*pcs = err ? NULL : calloc(nv ? nv : 1, sizeof(**pcs));
	if (!err && !*pcs)
		err = -ENOMEM;
	for (size_t i = 0; i < nv && !err; i++) {
		if (site_is(&v[i], prov, name))
			(*pcs)[(*n)++] = v[i].pc;
	}
	bt_sdt_notes_free(v, nv);
	free(bin);
	return err;
}

int bt_expand_usdt(const struct bt_provider *pv, struct bt_expand *x)
{
	char why[256], **tgs;
	size_t ntg;
	int err = 0;

	if (x->nparts != 3 && x->nparts != 4) {
		x->err(x, "%s: expected usdt:BINARY:[PROVIDER:]NAME", x->str);
		return -EINVAL;
	}
	if (bt_expand_usable(pv, x, x->parts[2]))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_usdt_expand(x->pid, x->parts[1], x->nparts == 4 ? x->parts[2] : NULL,
			   x->parts[x->nparts - 1], &tgs, &ntg, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	for (size_t k = 0; k < ntg && !err; k++) {
		unsigned long long *pcs; /* a target per site, one probe name */
		size_t npc;

		err = bt_usdt_sites(tgs[k], &pcs, &npc);
		for (size_t i = 0; i < npc && !err; i++) {
			x->site = (unsigned)i;
			err = x->add(x, tgs[k], pcs[i], false);
		}
		x->site = 0;
		free(pcs);
	}
	bt_strv_free(tgs, ntg);
	return err;
}
