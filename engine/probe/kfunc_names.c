// SPDX-License-Identifier: GPL-2.0
/*
 * The functions kfunc/kretfunc can trace, named as bpftrace 0.17 names
 * them: "MODULE:FUNC", MODULE vmlinux for the kernel's own. A function is
 * traceable when its BTF (/sys/kernel/btf/vmlinux, or a module's split BTF
 * beside it) has it and available_filter_functions lists it (a trampoline
 * needs ftrace's entry); without tracefs, BTF alone decides.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include <bt/bt.h>
#include <bt/vec.h>

#include "kernel/ktypes.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"

#define BTF_DIR "/sys/kernel/btf"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct bt_kfunc_name *)a)->name,
		      ((const struct bt_kfunc_name *)b)->name);
}

/* pattern as MODULE and FUNC patterns: "FUNC" is any module's */
static void split_pattern(const char *pattern, char *mod, size_t mlen, const char **fn)
{
	const char *colon = strchr(pattern, ':');

	if (!colon) {
		snprintf(mod, mlen, "*");
		*fn = pattern;
		return;
	}
	snprintf(mod, mlen, "%.*s", (int)(colon - pattern), pattern);
	*fn = colon + 1;
}

struct walk {
	const char *modpat, *fnpat;
	char **traceable; /* sorted, or NULL: no filter */
	size_t ntraceable;
	struct bt_kfunc_set *set;
	size_t cap;
};

/* Adds btf's functions (ids from first) that match and can be traced. */
static int add_funcs(struct walk *w, const struct btf *btf, __u32 first, const char *mod)
{
	__u32 n = btf__type_cnt(btf);

	for (__u32 id = first; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *fn;
		struct bt_kfunc_name *k;

		if (!btf_is_func(t))
			continue;
		fn = btf__name_by_offset(btf, t->name_off);
		if (!fn || fnmatch(w->fnpat, fn, 0))
			continue;
		if (w->traceable &&
		    !bsearch(&fn, w->traceable, w->ntraceable, sizeof(char *), cmp_str))
			continue;
		if (bt_vec_reserve(w->set->v, w->cap, w->set->n + 1))
			return -ENOMEM;
		k = &w->set->v[w->set->n];
		if (asprintf(&k->name, "%s:%s", mod, fn) < 0)
			return -ENOMEM;
		k->btf = btf;
		k->id = (int)id;
		w->set->n++;
	}
	return 0;
}

/* Keeps btf in the set (freed with it). */
static int keep_btf(struct bt_kfunc_set *set, struct btf *btf)
{
	struct btf **v = realloc(set->btfs, (set->nbtfs + 1) * sizeof(*v));

	if (!v) {
		btf__free(btf);
		return -ENOMEM;
	}
	set->btfs = v;
	set->btfs[set->nbtfs++] = btf;
	return 0;
}

/* Every module with BTF whose name matches, after vmlinux. */
static int add_modules(struct walk *w, struct btf *vmlinux)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(BTF_DIR);
	int err = 0;

	if (!d)
		return 0;
	while (!err && (de = readdir(d))) {
		struct btf *b;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux") ||
		    fnmatch(w->modpat, de->d_name, 0))
			continue;
		snprintf(path, sizeof(path), BTF_DIR "/%s", de->d_name);
		b = btf__parse_split(path, vmlinux);
		if (!b)
			continue; /* unloaded meanwhile, or unreadable: not listed */
		err = keep_btf(w->set, b);
		if (!err)
			err = add_funcs(w, b, btf__type_cnt(vmlinux), de->d_name);
	}
	closedir(d);
	return err;
}

int bt_kfunc_find(const char *pattern, struct bt_kfunc_set *out)
{
	struct walk w = {.set = out};
	struct btf *vmlinux;
	char mod[256];
	int err;

	memset(out, 0, sizeof(*out));
	split_pattern(pattern && *pattern ? pattern : "*", mod, sizeof(mod), &w.fnpat);
	w.modpat = mod;
	vmlinux = bt_kbtf(); /* the engine's, kept for sema's types */
	if (!vmlinux)
		return -ENOENT;
	err = bt_filter_functions(&w.traceable, &w.ntraceable);
	if (!err && !fnmatch(w.modpat, "vmlinux", 0))
		err = add_funcs(&w, vmlinux, 1, "vmlinux");
	if (!err)
		err = add_modules(&w, vmlinux);
	if (w.traceable)
		bt_strv_free(w.traceable, w.ntraceable);
	if (err) {
		bt_kfunc_set_free(out);
		return err;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_name);
	return 0;
}

void bt_kfunc_set_free(struct bt_kfunc_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].name);
	free(set->v);
	for (size_t i = 0; i < set->nbtfs; i++)
		btf__free(set->btfs[i]);
	free(set->btfs);
	memset(set, 0, sizeof(*set));
}

const char *bt_kfunc_btf_name(const char *target)
{
	return strncmp(target, "vmlinux:", 8) ? target : target + 8;
}
