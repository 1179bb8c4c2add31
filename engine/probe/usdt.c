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

#include "prog.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"
#include "sym/usym.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "PROV:NAME" pairs of path matching prov (NULL: any) and name, sorted, unique. */
static int match(const char *path, const char *prov, const char *name, char ***out, size_t *n)
{
	struct bt_sdt_note *v;
	size_t nv, k = 0;
	char **names;
	int err = bt_sdt_notes(path, &v, &nv);

	*out = NULL;
	*n = 0;
	if (err)
		return err;
	names = calloc(nv ? nv : 1, sizeof(*names));
	if (!names) {
		bt_sdt_notes_free(v, nv);
		return -ENOMEM;
	}
	for (size_t i = 0; i < nv && !err; i++) {
		if ((prov && fnmatch(prov, v[i].provider, 0)) || fnmatch(name, v[i].name, 0))
			continue;
		if (asprintf(&names[k], "%s:%s", v[i].provider, v[i].name) < 0) {
			names[k] = NULL;
			err = -ENOMEM;
		} else {
			k++;
		}
	}
	bt_sdt_notes_free(v, nv);
	qsort(names, k, sizeof(*names), cmp_str);
	*n = 0;
	for (size_t i = 0; i < k; i++) {
		if (*n && !strcmp(names[*n - 1], names[i]))
			free(names[i]);
		else
			names[(*n)++] = names[i];
	}
	*out = names;
	return err;
}

int bt_usdt_expand(const char *bin, const char *prov, const char *name, char **path,
		   char ***names, size_t *n, char *why, size_t len)
{
	int err;

	*names = NULL;
	*n = 0;
	*path = bt_usym_which(bin, 0);
	if (!*path && access(bin, F_OK) == 0)
		*path = strdup(bin);
	if (!*path) {
		snprintf(why, len, "no binary or library '%s' (not in PATH or ld.so.cache)", bin);
		return -ENOENT;
	}
	err = match(*path, prov, name, names, n);
	if (err)
		snprintf(why, len, "cannot read '%s': %s", *path, strerror(-err));
	else if (!*n)
		snprintf(why, len, "no USDT probe %s%s%s in %s", prov ? prov : "", prov ? ":" : "",
			 name, *path);
	if (!err && *n)
		return 0;
	bt_strv_free(*names, *n);
	*names = NULL;
	*n = 0;
	free(*path);
	*path = NULL;
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

/* Appends the probes of one binary matching rest ("PROV:NAME" or "NAME") to *v. */
static void list_bin(const char *bin, const char *rest, char ***v, size_t *nv)
{
	char why[256], *path, **names, *s;
	size_t n;

	if (bt_usdt_expand(bin, NULL, "*", &path, &names, &n, why, sizeof(why)))
		return;
	for (size_t i = 0; i < n; i++) {
		char **grown;

		/* BIN may be a name resolved to a path: match the probe part only */
		if (fnmatch(rest, names[i], 0) &&
		    (strchr(rest, ':') || fnmatch(rest, strchr(names[i], ':') + 1, 0)))
			continue;
		grown = realloc(*v, (*nv + 1) * sizeof(*grown));
		if (!grown || asprintf(&s, "usdt:%s:%s", path, names[i]) < 0) {
			if (grown)
				*v = grown;
			break;
		}
		*v = grown;
		(*v)[(*nv)++] = s;
	}
	bt_strv_free(names, n);
	free(path);
}

/* -l 'usdt:BIN:[PROV:]NAME'; BIN may be a glob */
int bt_usdt_list(const char *pattern, bool verbose, FILE *out)
{
	const char *c1 = pattern ? strchr(pattern, ':') : NULL;
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char bin[4096], **v = NULL;
	size_t n = 0;
	glob_t g;

	(void)verbose;
	if (!c2 || c2 == c1 + 1 || (size_t)(c2 - c1 - 1) >= sizeof(bin))
		return 0;
	memcpy(bin, c1 + 1, c2 - c1 - 1);
	bin[c2 - c1 - 1] = '\0';
	if (!strpbrk(bin, "*?[")) {
		list_bin(bin, c2 + 1, &v, &n);
	} else {
		if (glob(bin, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++)
				list_bin(g.gl_pathv[i], c2 + 1, &v, &n);
		}
		globfree(&g);
	}
	/* sorted by the whole name, as bpftrace ("python3.11:x" before "python3:x") */
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", v[i]);
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
			snprintf(why, len, "this probe has %d argument%s", nargs, nargs == 1 ? "" : "s");
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
