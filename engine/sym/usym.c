// SPDX-License-Identifier: GPL-2.0
/*
 * ELF symbol tables for user-space symbols, read with libelf as bcc (and so
 * bpftrace 0.17) reads them: the separate debug file first (build id, then
 * .gnu_debuglink), then the file's own .dynsym and .symtab; every named
 * symbol with a non-zero value. Several names at one address: bcc sorts by
 * address and takes the last, so the file's own names (unversioned .dynsym
 * "clock_nanosleep") win over the debug file's ("clock_nanosleep@GLIBC_2.2.5").
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bt/vec.h>

#include "sym/usym.h"

struct esym {
	uint64_t addr, size;
	char *name;
	size_t seq; /* input order: the last of equal addresses wins */
	bool func;
};

struct eseg {
	uint64_t vaddr, off, filesz;
};

struct bt_elf {
	char *path;
	dev_t dev;
	ino_t ino;
	bool dyn;
	struct esym *syms;
	size_t n, cap;
	struct eseg *segs;
	size_t nsegs;
	struct bt_elf *next;
};

static struct bt_elf *elfs;
static pthread_mutex_t elfs_lock = PTHREAD_MUTEX_INITIALIZER;

static int add_sym(struct bt_elf *e, const char *name, const GElf_Sym *s)
{
	int type = GELF_ST_TYPE(s->st_info);
	char *dup;

	if (bt_vec_reserve(e->syms, e->cap, e->n + 1))
		return -ENOMEM;
	dup = strdup(name);
	if (!dup)
		return -ENOMEM;
	e->syms[e->n] = (struct esym){.addr = s->st_value,
				      .size = s->st_size,
				      .name = dup,
				      .seq = e->n,
				      .func = type == STT_FUNC || type == STT_GNU_IFUNC};
	e->n++;
	return 0;
}

static int read_syms(struct bt_elf *e, Elf *elf)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	int err = 0;

	while (!err && (scn = elf_nextscn(elf, scn))) {
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !sh.sh_entsize)
			continue;
		for (size_t i = 0; !err && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;

			if (!gelf_getsym(data, (int)i, &s) || !s.st_value)
				continue;
			name = elf_strptr(elf, sh.sh_link, s.st_name);
			if (name && *name)
				err = add_sym(e, name, &s);
		}
	}
	return err;
}

/* The section named name, or NULL. */
static Elf_Scn *find_scn(Elf *elf, const char *name)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *n =
			gelf_getshdr(scn, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;

		if (n && !strcmp(n, name))
			return scn;
	}
	return NULL;
}

/* /usr/lib/debug/.build-id/xx/yyyy.debug from the NT_GNU_BUILD_ID note. */
static bool debug_by_buildid(Elf *elf, char *out, size_t len)
{
	Elf_Scn *scn = find_scn(elf, ".note.gnu.build-id");
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nh;

	while (data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		const unsigned char *id = (const unsigned char *)data->d_buf + desc_off;
		int pos;

		if (nh.n_type != NT_GNU_BUILD_ID || nh.n_descsz < 2 || nh.n_descsz > 64)
			continue;
		pos = snprintf(out, len, "/usr/lib/debug/.build-id/%02x/", id[0]);
		for (size_t i = 1; i < nh.n_descsz && pos > 0 && (size_t)pos < len; i++)
			pos += snprintf(out + pos, len - pos, "%02x", id[i]);
		if (pos > 0 && (size_t)pos < len)
			snprintf(out + pos, len - pos, ".debug");
		return access(out, R_OK) == 0;
	}
	return false;
}

/* .gnu_debuglink: DIR/NAME, DIR/.debug/NAME, /usr/lib/debug/DIR/NAME (gdb's rules). */
static bool debug_by_link(Elf *elf, const char *path, char *out, size_t len)
{
	Elf_Scn *scn = find_scn(elf, ".gnu_debuglink");
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;
	char dir[4096], *d;
	const char *name;

	if (!data || !data->d_size || !memchr(data->d_buf, 0, data->d_size))
		return false;
	name = data->d_buf;
	snprintf(dir, sizeof(dir), "%s", path);
	d = dirname(dir);
	snprintf(out, len, "%s/%s", d, name);
	if (strcmp(out, path) && access(out, R_OK) == 0)
		return true;
	snprintf(out, len, "%s/.debug/%s", d, name);
	if (access(out, R_OK) == 0)
		return true;
	snprintf(out, len, "/usr/lib/debug%s/%s", d, name);
	return access(out, R_OK) == 0;
}

static int read_segs(struct bt_elf *e, Elf *elf)
{
	size_t n;

	if (elf_getphdrnum(elf, &n))
		return 0;
	e->segs = calloc(n ? n : 1, sizeof(*e->segs));
	if (!e->segs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD)
			e->segs[e->nsegs++] = (struct eseg){ph.p_vaddr, ph.p_offset, ph.p_filesz};
	}
	return 0;
}

static int open_elf(const char *path, int *fd, Elf **elf)
{
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return -errno;
	*elf = elf_begin(*fd, ELF_C_READ_MMAP, NULL);
	if (!*elf || elf_kind(*elf) != ELF_K_ELF) {
		if (*elf)
			elf_end(*elf);
		close(*fd);
		return -ENOEXEC;
	}
	return 0;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct esym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void elf_free(struct bt_elf *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->syms[i].name);
	free(e->syms);
	free(e->segs);
	free(e->path);
	free(e);
}

static struct bt_elf *load(const char *path, const struct stat *st)
{
	struct bt_elf *e = calloc(1, sizeof(*e));
	char dbg[4200];
	GElf_Ehdr eh;
	Elf *elf, *delf;
	int fd, dfd, err;

	if (!e)
		return NULL;
	err = open_elf(path, &fd, &elf);
	if (err) {
		free(e);
		errno = -err;
		return NULL;
	}
	e->path = strdup(path);
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->dyn = gelf_getehdr(elf, &eh) && eh.e_type == ET_DYN;
	err = e->path ? read_segs(e, elf) : -ENOMEM;
	if (!err &&
	    (debug_by_buildid(elf, dbg, sizeof(dbg)) ||
	     debug_by_link(elf, path, dbg, sizeof(dbg))) &&
	    open_elf(dbg, &dfd, &delf) == 0) {
		err = read_syms(e, delf);
		elf_end(delf);
		close(dfd);
	}
	err = err ?: read_syms(e, elf);
	elf_end(elf);
	close(fd);
	if (err) {
		elf_free(e);
		errno = -err;
		return NULL;
	}
	if (e->n) /* a stripped binary has none (and syms is NULL) */
		qsort(e->syms, e->n, sizeof(*e->syms), sym_cmp);
	return e;
}

struct bt_elf *bt_elf_get(const char *path)
{
	struct bt_elf *e;
	struct stat st;

	if (stat(path, &st))
		return NULL;
	elf_version(EV_CURRENT);
	pthread_mutex_lock(&elfs_lock);
	/* by inode: /proc/PID/root/usr/lib/x.so of every process is one file */
	for (e = elfs; e; e = e->next) {
		if (e->dev == st.st_dev && e->ino == st.st_ino)
			break;
	}
	if (!e) {
		e = load(path, &st);
		if (e) {
			e->next = elfs;
			elfs = e;
		}
	}
	pthread_mutex_unlock(&elfs_lock);
	return e;
}

bool bt_elf_is_dyn(const struct bt_elf *e)
{
	return e->dyn;
}

const char *bt_elf_resolve(const struct bt_elf *e, uint64_t vaddr, uint64_t *off)
{
	size_t lo = 0, hi = e->n;
	uint64_t limit;

	/* first symbol above vaddr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->syms[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	/* walk back through symbols that may nest around vaddr (bcc's find_addr) */
	limit = e->syms[lo - 1].addr;
	for (size_t i = lo; i-- > 0;) {
		const struct esym *s = &e->syms[i];

		if (vaddr < s->addr + s->size) {
			if (off)
				*off = vaddr - s->addr;
			return s->name;
		}
		if (limit > s->addr + s->size)
			break;
	}
	return NULL;
}

bool bt_elf_lookup(const struct bt_elf *e, const char *name, uint64_t *vaddr, uint64_t *size)
{
	const struct esym *found = NULL;

	/* a function wins over a data symbol of the same name */
	for (size_t i = 0; i < e->n && !(found && found->func); i++) {
		if (!strcmp(e->syms[i].name, name) && (!found || e->syms[i].func))
			found = &e->syms[i];
	}
	if (!found)
		return false;
	*vaddr = found->addr;
	if (size)
		*size = found->size;
	return true;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int bt_elf_funcs(const struct bt_elf *e, const char ***names, size_t *n)
{
	const char **v = malloc((e->n ? e->n : 1) * sizeof(*v));
	size_t k = 0, out = 0;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < e->n; i++) {
		/* bpftrace 0.17 lists no partial-inlining clones ("f.part.0") */
		if (e->syms[i].func && !strstr(e->syms[i].name, ".part."))
			v[k++] = e->syms[i].name;
	}
	qsort(v, k, sizeof(*v), str_cmp);
	for (size_t i = 0; i < k; i++) {
		if (!out || strcmp(v[out - 1], v[i]))
			v[out++] = v[i];
	}
	*names = v;
	*n = out;
	return 0;
}

bool bt_elf_off_to_vaddr(const struct bt_elf *e, uint64_t off, uint64_t *vaddr)
{
	for (size_t i = 0; i < e->nsegs; i++) {
		const struct eseg *s = &e->segs[i];

		if (off >= s->off && off < s->off + s->filesz) {
			*vaddr = off - s->off + s->vaddr;
			return true;
		}
	}
	return false;
}

bool bt_elf_vaddr_to_off(const struct bt_elf *e, uint64_t vaddr, uint64_t *off)
{
	for (size_t i = 0; i < e->nsegs; i++) {
		const struct eseg *s = &e->segs[i];

		if (vaddr >= s->vaddr && vaddr < s->vaddr + s->filesz) {
			*off = vaddr - s->vaddr + s->off;
			return true;
		}
	}
	return false;
}

bool bt_elf_debug_path(const char *path, char *out, size_t len)
{
	bool found;
	Elf *elf;
	int fd;

	elf_version(EV_CURRENT);
	if (open_elf(path, &fd, &elf))
		return false;
	found = debug_by_buildid(elf, out, len) || debug_by_link(elf, path, out, len);
	elf_end(elf);
	close(fd);
	return found;
}
