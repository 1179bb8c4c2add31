// SPDX-License-Identifier: GPL-2.0
/*
 * usdt:BINARY:[PROVIDER:]NAME: SystemTap SDT notes (sym/sdt.c). Every site
 * of the probe gets a plain uprobe at its pc, with the semaphore as the
 * uprobe's reference counter (the kernel raises it while attached, so code
 * guarded by PROBE_ENABLED() runs). Arguments are read as the notes describe
 * them ("-4@%edi", "8@-16(%rbp)", "4@$5"); sema checks that every site of a
 * probe describes an argument alike, so codegen compiles one reading.
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

		if (!site_is(&v[i], prov, name))
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
		/* BIN may be a name resolved to a path: match the probe part only */
		if (fnmatch(rest, names[i], 0) &&
		    (strchr(rest, ':') || fnmatch(rest, strchr(names[i], ':') + 1, 0)))
			continue;
		if (bt_vec_push(*v, *nv) || asprintf(&s, "usdt:%s:%s", path, names[i]) < 0)
			break;
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

/* x86-64 register names -> struct pt_regs offsets */
static const struct {
	const char *names[4];
	uint32_t off;
} regs[] = {
	{ { "rax", "eax", "ax", "al" }, 80 },	 { { "rbx", "ebx", "bx", "bl" }, 40 },
	{ { "rcx", "ecx", "cx", "cl" }, 88 },	 { { "rdx", "edx", "dx", "dl" }, 96 },
	{ { "rsi", "esi", "si", "sil" }, 104 },	 { { "rdi", "edi", "di", "dil" }, 112 },
	{ { "rbp", "ebp", "bp", "bpl" }, 32 },	 { { "rsp", "esp", "sp", "spl" }, 152 },
	{ { "r8", "r8d", "r8w", "r8b" }, 72 },	 { { "r9", "r9d", "r9w", "r9b" }, 64 },
	{ { "r10", "r10d", "r10w", "r10b" }, 56 }, { { "r11", "r11d", "r11w", "r11b" }, 48 },
	{ { "r12", "r12d", "r12w", "r12b" }, 24 }, { { "r13", "r13d", "r13w", "r13b" }, 16 },
	{ { "r14", "r14d", "r14w", "r14b" }, 8 },  { { "r15", "r15d", "r15w", "r15b" }, 0 },
	{ { "rip", NULL, NULL, NULL }, 128 },
};

static bool reg_off(const char *name, size_t len, uint32_t *off)
{
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		for (int k = 0; k < 4 && regs[i].names[k]; k++) {
			if (strlen(regs[i].names[k]) == len && !strncmp(regs[i].names[k], name, len)) {
				*off = regs[i].off;
				return true;
			}
		}
	}
	return false;
}

/*
 * "SYM[+-N](%rip)", as gcc writes a global: the probe's ip is its pc plus
 * the load bias, so the global is at ip - pc + SYM + N (right in a PIE too).
 */
static int rip_sym(const char *op, const struct bt_elf *e, uint64_t pc, struct bt_usdt_arg *a)
{
	char sym[128];
	size_t n = strcspn(op, "+-(");
	long long add = 0;
	uint64_t vaddr;

	if (!e || n >= sizeof(sym) || strcmp(op + strcspn(op, "("), "(%rip)"))
		return -EINVAL;
	memcpy(sym, op, n);
	sym[n] = '\0';
	if (op[n] == '+' || op[n] == '-')
		add = strtoll(op + n, NULL, 0);
	if (!bt_elf_lookup(e, sym, &vaddr, NULL))
		return -ENOENT;
	a->kind = BT_USDT_ARG_MEM;
	a->reg_off = 128;
	a->val = (long long)(vaddr - pc) + add;
	return 0;
}

/* One "SIZE@OPERAND" spec (x86-64 AT&T operands, as gcc writes them). */
static int parse_arg(const char *spec, size_t len, const struct bt_elf *e, uint64_t pc,
		     struct bt_usdt_arg *a)
{
	char buf[128], *at, *op, *end;
	long size = 8;

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, spec, len);
	buf[len] = '\0';
	memset(a, 0, sizeof(*a));
	at = strchr(buf, '@');
	op = buf;
	if (at) {
		size = strtol(buf, &end, 10);
		if (end != at || !size)
			return -EINVAL;
		op = at + 1;
	}
	a->is_signed = size < 0;
	a->size = (int)(size < 0 ? -size : size);
	if (a->size != 1 && a->size != 2 && a->size != 4 && a->size != 8)
		return -EINVAL;
	if (op[0] == '%') {
		a->kind = BT_USDT_ARG_REG;
		return reg_off(op + 1, strlen(op + 1), &a->reg_off) ? 0 : -EINVAL;
	}
	if (op[0] == '$') {
		a->kind = BT_USDT_ARG_CONST;
		a->val = strtoll(op + 1, &end, 0);
		return *end ? -EINVAL : 0;
	}
	if ((op[0] >= 'A' && op[0] <= 'Z') || (op[0] >= 'a' && op[0] <= 'z') || op[0] == '_' ||
	    op[0] == '.')
		return rip_sym(op, e, pc, a);
	/* [disp](%reg) */
	a->kind = BT_USDT_ARG_MEM;
	a->val = op[0] == '(' ? 0 : strtoll(op, &end, 0);
	if (op[0] != '(')
		op = end;
	if (op[0] != '(' || op[1] != '%' || op[strlen(op) - 1] != ')')
		return -EINVAL;
	if (!reg_off(op + 2, strlen(op + 2) - 1, &a->reg_off) || a->reg_off == 128)
		return -EINVAL;
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
			err = parse_arg(args, len, e, site->pc, a);
		i++;
		args += len;
	}
	*nargs = i;
	return err;
}

int bt_usdt_arg(const char *target, int idx, struct bt_usdt_arg *out, char *why, size_t len)
{
	const char *prov, *name;
	struct bt_sdt_note *v = NULL;
	size_t nv = 0, seen = 0;
	char *bin;
	int err = sites(target, &bin, &v, &nv, &prov, &name);

	const struct bt_elf *e = err ? NULL : bt_elf_get(bin);

	for (size_t i = 0; i < nv && !err; i++) {
		struct bt_usdt_arg a;
		int nargs;

		if (!site_is(&v[i], prov, name))
			continue;
		err = nth_arg(&v[i], e, idx, &a, &nargs);
		if (err == -ENOENT)
			snprintf(why, len, "this probe has %d argument%s", nargs, nargs == 1 ? "" : "s");
		else if (err)
			snprintf(why, len, "cannot read argument spec '%s'", v[i].args);
		else if (seen && memcmp(&a, out, sizeof(a))) {
			snprintf(why, len, "its sites pass arg%d differently (not supported yet)", idx);
			err = -ENOTSUP;
		}
		*out = a;
		seen++;
	}
	if (!err && !seen) {
		snprintf(why, len, "no such USDT probe");
		err = -ENOENT;
	}
	bt_sdt_notes_free(v, nv);
	free(bin);
	return err;
}

int bt_expand_usdt(const struct bt_provider *pv, struct bt_expand *x)
{
	char why[256], *path, **names, tg[4600];
	size_t n;
	int err = 0;

	if (x->nparts != 3 && x->nparts != 4) {
		x->err(x, "%s: expected usdt:BINARY:[PROVIDER:]NAME", x->str);
		return -EINVAL;
	}
	if (bt_expand_usable(pv, x, x->parts[2]))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_usdt_expand(x->parts[1], x->nparts == 4 ? x->parts[2] : NULL,
			   x->parts[x->nparts - 1], &path, &names, &n, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	for (size_t k = 0; k < n && !err; k++) {
		snprintf(tg, sizeof(tg), "%s:%s", path, names[k]);
		err = x->add(x, tg, 0, false);
	}
	bt_strv_free(names, n);
	free(path);
	return err;
}
