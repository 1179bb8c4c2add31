// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:BINARY:FUNC[+OFF] / uprobe:BINARY:0xADDR / uretprobe: functions are
 * found in our own ELF symbol walk (sym/usym.h: .symtab, .dynsym and the
 * separate debug file, which libbpf 1.1's own lookup does not read), so
 * wildcards, listing and local functions of a stripped library with its
 * debug file installed all work. The kernel keys uprobes by inode: /bin/x
 * and /usr/bin/x are the same probe. -p/-c restrict it to that process.
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
#include "front/diag.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"
#include "sym/usym.h"

static bool is_wild(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* "BIN:FUNC[+OFF]" -> bin, func (NULL for an address), off or address. */
static int split(const char *target, char **bin, char **func, unsigned long long *off)
{
	const char *colon = strrchr(target, ':');
	char *plus;

	*bin = *func = NULL;
	*off = 0;
	if (!colon || colon == target || !colon[1])
		return -EINVAL;
	*bin = strndup(target, colon - target);
	if (!*bin)
		return -ENOMEM;
	if (colon[1] >= '0' && colon[1] <= '9') {
		*off = strtoull(colon + 1, NULL, 0);
		return 0;
	}
	*func = strdup(colon + 1);
	if (!*func) {
		free(*bin);
		return -ENOMEM;
	}
	plus = strchr(*func, '+');
	if (plus) {
		*plus = '\0';
		*off = strtoull(plus + 1, NULL, 0);
	}
	return 0;
}

int bt_uprobe_target_vaddr(const char *target, unsigned long long *vaddr, bool *dyn)
{
	unsigned long long off;
	uint64_t addr = 0;
	struct bt_elf *e;
	char *bin, *func;
	int err = split(target, &bin, &func, &off);

	if (err)
		return err;
	e = bt_elf_get(bin);
	if (!e)
		err = -ENOENT;
	else if (func && !bt_elf_lookup(e, func, &addr, NULL))
		err = -ENOENT;
	if (!err) {
		*vaddr = func ? addr + off : off;
		*dyn = bt_elf_is_dyn(e);
	}
	free(bin);
	free(func);
	return err;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push_name(char ***v, size_t *n, const char *name)
{
	if (bt_vec_push(*v, *n))
		return -ENOMEM;
	(*v)[*n] = strdup(name);
	if (!(*v)[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

/* The path of a uprobe binary: as given when it has '/', else a -p process's
 * library, PATH/ld.so.cache, else the name itself when such a file exists
 * here. With -p, a path missing here is the process's (another mount
 * namespace): under /proc/PID/root, as bpftrace names it. */
static char *bin_path(const char *bin, pid_t pid)
{
	char *p = bt_usym_which(bin, pid), *in;

	if (!p && access(bin, F_OK) == 0)
		p = strdup(bin);
	if (p && pid > 0 && p[0] == '/' && access(p, F_OK)) {
		in = bt_upid_path(pid, p);
		if (in && access(in, F_OK) == 0) {
			free(p);
			return in;
		}
		free(in);
	}
	return p;
}

/* "path:FUNC[+OFF]" or "path:0xADDR" when FUNC+OFF is in the function and
 * ADDR in a known one; "+0" is dropped, as bpftrace names the probe. */
static int one_target(const char *path, struct bt_elf *e, const char *func, char *t, size_t len,
		      char *why, size_t why_len)
{
	char name[512];
	const char *plus = strchr(func, '+');
	unsigned long long off = plus ? strtoull(plus + 1, NULL, 0) : 0;
	uint64_t addr, size, in;

	if (func[0] >= '0' && func[0] <= '9') {
		if (!bt_elf_resolve(e, strtoull(func, NULL, 0), &in)) {
			snprintf(why, why_len, "Could not resolve address: %s:%s", path, func);
			return -EINVAL;
		}
		snprintf(t, len, "%s:%s", path, func);
		return 1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(func, "+"), func);
	if (!bt_elf_lookup(e, name, &addr, &size))
		return 0;
	if (off && off >= size) {
		snprintf(why, why_len, "Offset outside the function bounds ('%s' size is %llu)",
			 name, (unsigned long long)size);
		return -ERANGE;
	}
	snprintf(t, len, "%s:%s", path, off ? func : name);
	return 1;
}

/* Appends "path:FUNC" for each function of e matching func (one name, FUNC+OFF or
 * an address when func has no wildcard); returns how many or -errno. */
static int expand_one(const char *path, struct bt_elf *e, const char *func, char ***out, size_t *n,
		      char *why, size_t why_len)
{
	const char **names = NULL;
	char t[4600];
	size_t nnames = 0;
	int err, added = 0;

	if (!is_wild(func)) {
		added = one_target(path, e, func, t, sizeof(t), why, why_len);
		err = added > 0 ? push_name(out, n, t) : 0;
		return err ? err : added;
	}
	err = bt_elf_funcs(e, &names, &nnames);
	for (size_t i = 0; !err && i < nnames; i++) {
		if (fnmatch(func, names[i], 0))
			continue;
		snprintf(t, sizeof(t), "%s:%s", path, names[i]);
		err = push_name(out, n, t);
		added++;
	}
	free(names);
	return err ? err : added;
}

int bt_uprobe_expand(const char *bin, const char *func, pid_t pid, char ***targets, size_t *n,
		     char *why_buf, size_t why_len)
{
	glob_t g = {0};
	char *one = NULL;
	int err = 0, found = 0;
	size_t nbins = 0;

	*targets = NULL;
	*n = 0;
	if (!*func) {
		snprintf(why_buf, why_len, "expected uprobe:BINARY:FUNCTION");
		return -EINVAL;
	}
	if (is_wild(bin)) {
		if (glob(bin, 0, NULL, &g) || !g.gl_pathc) {
			globfree(&g);
			snprintf(why_buf, why_len, "no file matches '%s'", bin);
			return -ENOENT;
		}
	} else {
		one = bin_path(bin, pid);
		if (!one) {
			snprintf(why_buf, why_len,
				 "no binary or library '%s' (not in PATH or ld.so.cache)", bin);
			return -ENOENT;
		}
	}
	for (size_t i = 0; i < (one ? 1 : g.gl_pathc) && err >= 0; i++) {
		const char *path = one ? one : g.gl_pathv[i];
		struct bt_elf *e;

		if (access(path, R_OK)) {
			if (one) {
				err = -errno;
				snprintf(why_buf, why_len, "cannot read '%s': %s", path,
					 strerror(errno));
			}
			continue;
		}
		e = bt_elf_get(path);
		if (!e) {
			if (one) {
				err = -ENOEXEC;
				snprintf(why_buf, why_len, "'%s' is not an ELF file", path);
			}
			continue;
		}
		nbins++;
		err = expand_one(path, e, func, targets, n, why_buf, why_len);
		found += err > 0 ? err : 0;
	}
	if (err >= 0 && !found) {
		err = -ENOENT;
		if (!nbins)
			snprintf(why_buf, why_len, "no ELF file matches '%s'", bin);
		else if (is_wild(func))
			snprintf(why_buf, why_len, "no function in %s matches '%s'",
				 one ? one : bin, func);
		else
			snprintf(why_buf, why_len, "no function '%.*s' in %s",
				 (int)strcspn(func, "+"), func, one ? one : bin);
	}
	/* as bpftrace sorts them: by the whole name ("python3.11:f" before "python3:f") */
	if (err >= 0 && !one)
		qsort(*targets, *n, sizeof(**targets), cmp_str);
	free(one);
	globfree(&g);
	if (err >= 0)
		return 0;
	bt_strv_free(*targets, *n);
	*targets = NULL;
	*n = 0;
	return err;
}

static int attach(const struct bt_target *t, struct bpf_program *prog,
		  const struct bt_attach_ctx *ctx, bool retprobe, struct bt_links *out,
		  const char **why)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = t->cookie, .retprobe = retprobe);
	unsigned long long off;
	struct bpf_link *link;
	struct bt_elf *e;
	uint64_t vaddr, foff;
	char *bin, *func;
	int err = split(t->target, &bin, &func, &off);

	if (err) {
		*why = "expected uprobe:BINARY:FUNCTION";
		return err;
	}
	e = bt_elf_get(bin);
	if (!e) {
		*why = "no such binary";
		err = -ENOENT;
		goto out;
	}
	/* the kernel wants a file offset; symbols and 0xADDR are virtual addresses */
	vaddr = off;
	if (func) {
		if (!bt_elf_lookup(e, func, &vaddr, NULL)) {
			*why = "no such function";
			err = -ENOENT;
			goto out;
		}
		vaddr += off;
	}
	if (!bt_elf_vaddr_to_off(e, vaddr, &foff))
		foff = vaddr;
	if (ctx->pid > 0)
		bt_usym_snapshot(ctx->pid); /* -p/-c: its stacks resolve after it exits */
	link = bpf_program__attach_uprobe_opts(prog, ctx->pid > 0 ? ctx->pid : -1, bin, foff,
					       &opts);
	if (!link) {
		err = -errno;
		goto out;
	}
	err = bt_links_push(out, link);
out:
	free(bin);
	free(func);
	return err;
}

int bt_uprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, ctx, false, out, why);
}

int bt_uretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, ctx, true, out, why);
}

bool bt_uprobe_available(const char **why)
{
	if (access("/sys/bus/event_source/devices/uprobe/type", R_OK) == 0)
		return true;
	*why = "this kernel has no uprobes (CONFIG_UPROBE_EVENTS)";
	return false;
}

/* -lv: "    TYPE NAME" per parameter, as bpftrace 0.17 shows them from DWARF. */
static void list_params(const char *path, const char *func, bool *dwarf, FILE *out)
{
	struct bt_dwparam *v;
	size_t n;
	int err = bt_dwarf_params(path, func, &v, &n);

	if (err == -ENODATA) {
		struct bt_diag d;

		bt_diag_init(&d, "bt"); /* -l is bt's alone */
		bt_diag(&d, BT_SEV_WARNING, NULL, "no DWARF in %s: cannot show parameters", path);
		bt_diag_fini(&d);
		*dwarf = false;
		return;
	}
	for (size_t i = 0; !err && i < n; i++)
		fprintf(out, "    %s %s\n", v[i].type, v[i].name);
	bt_dwarf_params_free(v, n);
}

/*
 * -l 'uprobe:BIN:PATTERN': the functions of BIN (a glob is fine), as bpftrace
 * lists them (sorted, unique). A pattern without a binary lists nothing.
 */
static int list(const char *prov, const char *pattern, bool verbose, FILE *out)
{
	const char *c1 = pattern ? strchr(pattern, ':') : NULL;
	const char *c2 = c1 ? strrchr(c1 + 1, ':') : NULL;
	char bin[4096], why[256], **targets;
	bool dwarf = true;
	size_t n;

	if (!c2 || c2 == c1 + 1 || (size_t)(c2 - c1 - 1) >= sizeof(bin))
		return 0;
	memcpy(bin, c1 + 1, c2 - c1 - 1);
	bin[c2 - c1 - 1] = '\0';
	/* the binary part may be a name resolved to a path: match functions only */
	if (bt_uprobe_expand(bin, c2[1] ? c2 + 1 : "*", 0, &targets, &n, why, sizeof(why)))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char *colon = strrchr(targets[i], ':');

		fprintf(out, "%s:%s\n", prov, targets[i]);
		if (!verbose || !dwarf)
			continue;
		*colon = '\0';
		list_params(targets[i], colon + 1, &dwarf, out);
		*colon = ':';
		if (i + 1 < n && strncmp(targets[i], targets[i + 1], colon - targets[i] + 1))
			dwarf = true; /* the next binary may have DWARF */
	}
	bt_strv_free(targets, n);
	return 0;
}

int bt_uprobe_list(const char *pattern, bool verbose, FILE *out)
{
	return list("uprobe", pattern, verbose, out);
}

int bt_uretprobe_list(const char *pattern, bool verbose, FILE *out)
{
	return list("uretprobe", pattern, verbose, out);
}

int bt_expand_uprobe(const struct bt_provider *pv, struct bt_expand *x)
{
	char why[256], **v;
	size_t n;

	if (x->nparts != 3) {
		x->err(x, "%s: expected %s:BINARY:FUNCTION", x->str, pv->name);
		return -EINVAL;
	}
	if (bt_expand_usable(pv, x, x->parts[2]))
		return -EINVAL;
	x->uncacheable = true; /* the binary may change: see prog.h */
	if (bt_uprobe_expand(x->parts[1], x->parts[2], x->pid, &v, &n, why, sizeof(why))) {
		x->err(x, "%s: %s", x->str, why);
		return -EINVAL;
	}
	return bt_expand_add_all(x, v, n);
}
