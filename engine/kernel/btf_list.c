// SPDX-License-Identifier: GPL-2.0
/*
 * bt -l 'struct NAME' (also 'union NAME', 'enum NAME'): the kernel's BTF types
 * whose "KIND NAME" matches the pattern, sorted, once each; with -v each
 * definition as libbpf's btf_dump writes it, which is what bpftrace 0.17 prints.
 */
#include "kernel/btf_list.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include <bt/vec.h>

#include "kernel/ktypes.h"
#include "util/strbuf.h"

struct found {
	char *decl; /* "struct task_struct" */
	int id;
};

bool bt_btf_list_wanted(const char *pattern)
{
	return pattern && (!strncmp(pattern, "struct ", 7) || !strncmp(pattern, "union ", 6) ||
			   !strncmp(pattern, "enum ", 5));
}

static const char *kind_word(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return "struct";
	case BTF_KIND_UNION:
		return "union";
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return "enum";
	default:
		return NULL;
	}
}

static int by_decl(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->decl, ((const struct found *)b)->decl);
}

static void to_strbuf(void *ctx, const char *fmt, va_list ap)
{
	char line[512];

	vsnprintf(line, sizeof(line), fmt, ap);
	bt_sb_puts(ctx, line);
}

/* The definition of type id alone: btf_dump writes the types it depends on
 * first (forward declarations, nested named types), then it. */
static void print_definition(struct btf *btf, const struct found *f, FILE *out)
{
	struct bt_strbuf sb = {0};
	struct btf_dump *d = btf_dump__new(btf, to_strbuf, &sb, NULL);
	char head[300];
	const char *s, *e;

	if (!d)
		return;
	if (!btf_dump__dump_type(d, f->id)) {
		snprintf(head, sizeof(head), "%s {\n", f->decl);
		s = bt_sb_str(&sb);
		while ((s = strstr(s, head)) && s != bt_sb_str(&sb) && s[-1] != '\n')
			s++;
		e = s ? strstr(s, "\n};\n") : NULL;
		if (e)
			fprintf(out, "%.*s\n", (int)(e + 4 - s), s);
	}
	btf_dump__free(d);
	bt_sb_free(&sb);
}

int bt_btf_list(const char *pattern, bool verbose, FILE *out)
{
	struct btf *btf = bt_kbtf();
	struct found *v = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!btf)
		return 0;
	for (unsigned int id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *kind = kind_word(t), *name = btf__name_by_offset(btf, t->name_off);
		char decl[300];

		if (!kind || !name || !*name)
			continue;
		snprintf(decl, sizeof(decl), "%s %s", kind, name);
		if (fnmatch(pattern, decl, 0))
			continue;
		if (bt_vec_reserve(v, cap, n + 1) || !(v[n].decl = strdup(decl))) {
			rc = -ENOMEM;
			break;
		}
		v[n++].id = (int)id;
	}
	qsort(v, n, sizeof(*v), by_decl);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(v[i].decl, v[i - 1].decl))
			continue;
		if (verbose)
			print_definition(btf, &v[i], out);
		else
			fprintf(out, "%s\n", v[i].decl);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].decl);
	free(v);
	return rc;
}
