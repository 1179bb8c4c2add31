// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel symbols from /proc/kallsyms: read once per process. Text symbols
 * (t/T, W/w) are sorted by address and binary-searched: that is what stacks
 * and ksym() resolve. Data symbols (only listed with CONFIG_KALLSYMS_ALL)
 * are kept apart, for kaddr() by name.
 */
#include "sym/ksym.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

struct ksym {
	uint64_t addr;
	char *name;
	size_t line; /* order in kallsyms, to pick among aliases */
};

struct bt_ksyms {
	struct ksym *syms; /* text, by address */
	size_t n;
	struct ksym *data; /* everything else, in kallsyms order */
	size_t ndata;
};

static struct bt_ksyms *cache;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static int addr_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void ksyms_free(struct bt_ksyms *ks)
{
	for (size_t i = 0; ks && i < ks->n; i++)
		free(ks->syms[i].name);
	for (size_t i = 0; ks && i < ks->ndata; i++)
		free(ks->data[i].name);
	if (ks) {
		free(ks->syms);
		free(ks->data);
	}
	free(ks);
}

/* Appends to *v (*n used of *cap); false on ENOMEM */
static bool push(struct ksym **v, size_t *n, size_t *cap, uint64_t addr, const char *name)
{
	if (bt_vec_reserve(*v, *cap, *n + 1))
		return false;
	(*v)[*n].addr = addr;
	(*v)[*n].line = *n;
	(*v)[*n].name = strdup(name);
	if (!(*v)[*n].name)
		return false;
	(*n)++;
	return true;
}

static struct bt_ksyms *load(const char *path)
{
	struct bt_ksyms *ks = calloc(1, sizeof(*ks));
	FILE *f = fopen(path, "re");
	char line[512];
	size_t cap = 0, dcap = 0;

	if (!ks || !f)
		goto err_free;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		char type, name[256];

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (!addr)
			continue;
		if (strchr("tTwW", type) ? !push(&ks->syms, &ks->n, &cap, addr, name)
					 : !push(&ks->data, &ks->ndata, &dcap, addr, name))
			goto err_free;
	}
	fclose(f);
	if (!ks->n)
		goto err_none;
	qsort(ks->syms, ks->n, sizeof(*ks->syms), addr_cmp);
	return ks;
err_free:
	if (f)
		fclose(f);
err_none:
	ksyms_free(ks);
	return NULL;
}

static void load_once(void)
{
	/* addresses read as 0 without privilege: then there is nothing to resolve */
	cache = load("/proc/kallsyms");
}

struct bt_ksyms *bt_ksyms_get(void)
{
	pthread_once(&cache_once, load_once);
	return cache;
}

const char *bt_ksym_resolve(struct bt_ksyms *ks, uint64_t addr, uint64_t *off)
{
	size_t lo = 0, hi;

	if (!ks || !ks->n || addr < ks->syms[0].addr)
		return NULL;
	hi = ks->n;
	/* last symbol whose address is <= addr */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ks->syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/*
	 * Several names at one address: bpftrace (bcc) ends up with the last one
	 * kallsyms lists, except that the early-boot "__pi_" copies come later
	 * still; "_text" rather than "__pi__text" at the kernel's start.
	 */
	while (lo > 0 && ks->syms[lo - 1].addr == ks->syms[lo].addr &&
	       strncmp(ks->syms[lo].name, "__pi_", 5) == 0)
		lo--;
	if (off)
		*off = addr - ks->syms[lo].addr;
	return ks->syms[lo].name;
}

/* "name" or a compiler clone of it: "name.isra.0", "name.part.0", "name.cold". */
static bool clone_of(const char *sym, const char *name)
{
	size_t n = strlen(name);

	return strncmp(sym, name, n) == 0 && sym[n] == '.';
}

bool bt_ksym_addr(struct bt_ksyms *ks, const char *name, bool exact, uint64_t *addr)
{
	const struct ksym *clone = NULL;

	for (size_t i = 0; ks && i < ks->n; i++) {
		if (strcmp(ks->syms[i].name, name) == 0) {
			*addr = ks->syms[i].addr;
			return true;
		}
		if (!exact && !clone && clone_of(ks->syms[i].name, name))
			clone = &ks->syms[i];
	}
	for (size_t i = 0; ks && !clone && i < ks->ndata; i++) {
		if (strcmp(ks->data[i].name, name) == 0) {
			*addr = ks->data[i].addr;
			return true;
		}
	}
	if (!clone)
		return false;
	*addr = clone->addr;
	return true;
}

bool bt_ksym_has_data(struct bt_ksyms *ks)
{
	uint64_t a;

	/* a few data symbols show up anyway: init_task is there only with KALLSYMS_ALL */
	return ks && bt_ksym_addr(ks, "init_task", true, &a);
}

size_t bt_ksym_clones(struct bt_ksyms *ks, const char *name, const char **out, size_t max)
{
	size_t n = 0, len = strlen(name);

	for (size_t i = 0; ks && i < ks->n; i++) {
		const char *s = ks->syms[i].name;

		/* "name.cold" is the unlikely tail of name, not an entry point */
		if (!clone_of(s, name) || strncmp(s + len, ".cold", 5) == 0)
			continue;
		bool seen = false;

		for (size_t j = 0; j < n && !seen; j++)
			seen = strcmp(out[j], s) == 0;
		if (!seen && n < max)
			out[n++] = s;
	}
	return n;
}
