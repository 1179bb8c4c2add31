// SPDX-License-Identifier: GPL-2.0
/*
 * Process mappings for user symbols: /proc/PID/maps read at the first
 * address asked for that pid (and again, at most once a second, when an
 * address falls outside every known mapping: dlopen), cached per pid. The
 * -p process is read at attach and the -c child polled until it exits
 * (bt_usym_snapshot); any other process gone before its first lookup stays
 * unresolved, as in bpftrace 0.17 ("0x7f... ([unknown])"). Only executable
 * mappings count, as in bcc: usym() of a data address prints it in hex.
 */
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <bt/vec.h>

#include "settings.h"
#include "sym/usym.h"

struct umap {
	uint64_t start, end, pgoff;
	char *path;	    /* as /proc/PID/maps shows it: the module name */
	struct bt_elf *elf; /* looked up at first use */
	bool looked_up;
};

struct upid {
	pid_t pid;
	bool known;
	struct umap *maps;
	size_t n;
	time_t read_at;
	bool watched; /* a -c child polled until it exits (bt_usym_snapshot) */
	struct upid *next;
};

static struct upid *pids;
static pthread_mutex_t pids_lock = PTHREAD_MUTEX_INITIALIZER;

static void maps_free(struct umap *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

static void maps_clear(struct upid *p)
{
	maps_free(p->maps, p->n);
	p->maps = NULL;
	p->n = 0;
}

/* Executable file mappings of pid into *v; false when the process is gone. */
static bool maps_load(pid_t pid, struct umap **v, size_t *n)
{
	char path[64], line[4400];
	size_t cap = 0;
	FILE *f;

	*v = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, pgoff;
		char perms[8];
		int pos = 0;
		char *name;

		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &start, &end, perms, &pgoff,
			   &pos) < 4 ||
		    !pos || perms[2] != 'x')
			continue;
		name = line + pos;
		name[strcspn(name, "\n")] = '\0';
		if (name[0] != '/')
			continue;
		if (bt_vec_reserve(*v, cap, *n + 1))
			break;
		(*v)[*n] = (struct umap){
			.start = start, .end = end, .pgoff = pgoff, .path = strdup(name)};
		if (!(*v)[*n].path)
			break;
		(*n)++;
	}
	fclose(f);
	return true;
}

/* Replaces p's mappings by v unless v is empty (a zombie has none left: keep
 * the last ones seen). */
static void maps_set(struct upid *p, struct umap *v, size_t n)
{
	p->read_at = time(NULL);
	if (!n) {
		maps_free(v, n);
		return;
	}
	maps_clear(p);
	p->maps = v;
	p->n = n;
	p->known = true;
}

static bool maps_read(struct upid *p)
{
	struct umap *v;
	size_t n;

	if (!maps_load(p->pid, &v, &n))
		return false;
	maps_set(p, v, n);
	return true;
}

static struct upid *pid_find(pid_t pid)
{
	for (struct upid *p = pids; p; p = p->next) {
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

/* pid's entry, created (mappings not read) when missing; NULL without memory. */
static struct upid *pid_entry(pid_t pid)
{
	struct upid *p = pid_find(pid);

	if (p)
		return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->next = pids;
	pids = p;
	return p;
}

/* pid's entry, its mappings read when it is new. */
static struct upid *pid_get(pid_t pid)
{
	struct upid *p = pid_find(pid);

	if (!p) {
		p = pid_entry(pid);
		if (p)
			maps_read(p);
	}
	return p;
}

static struct umap *find_map(struct upid *p, uint64_t addr)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < p->n; i++) {
			if (addr >= p->maps[i].start && addr < p->maps[i].end)
				return &p->maps[i];
		}
		if (pass || !p->known || time(NULL) == p->read_at || !maps_read(p))
			break;
	}
	return NULL;
}

/* C++ names print demangled, as bpftrace's default (demangle_cpp_symbols)
 * does; libstdc++'s __cxa_demangle is looked up at first need. */
typedef char *(*demangle_fn)(const char *, char *, size_t *, int *);
static demangle_fn demangler;
static pthread_once_t demangler_once = PTHREAD_ONCE_INIT;

static void demangler_load(void)
{
	void *h = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);

	if (h)
		*(void **)&demangler = dlsym(h, "__cxa_demangle");
}

/* name, demangled into buf when it is a C++ name; returns what to print. */
static const char *demangle(const char *name, char *buf, size_t len)
{
	char *d;
	int status = -1;

	if (strncmp(name, "_Z", 2) || bt_settings()->no_cpp_demangle)
		return name;
	pthread_once(&demangler_once, demangler_load);
	d = demangler ? demangler(name, NULL, NULL, &status) : NULL;
	if (!d || status)
		return name;
	snprintf(buf, len, "%s", d);
	free(d);
	return buf;
}

/* The ELF of a mapping, through the process's root (containers) when it has one. */
static struct bt_elf *map_elf(pid_t pid, const char *path)
{
	char root[4200];
	struct bt_elf *e;

	snprintf(root, sizeof(root), "/proc/%d/root%s", (int)pid, path);
	e = bt_elf_get(root);
	return e ? e : bt_elf_get(path);
}

int bt_usym_format(pid_t pid, uint64_t addr, bool offset, bool module, char *buf, size_t len)
{
	const char *name = NULL, *mod = NULL;
	uint64_t off = 0, vaddr = addr;
	char dm[1024];
	struct umap *m = NULL;
	struct bt_elf *e = NULL;
	struct upid *p;
	int n;

	pthread_mutex_lock(&pids_lock);
	p = pid > 0 ? pid_get(pid) : NULL;
	if (p)
		m = find_map(p, addr);
	if (m && !m->looked_up) {
		m->elf = map_elf(pid, m->path);
		m->looked_up = true;
	}
	if (m)
		e = m->elf;
	if (e) {
		if (bt_elf_is_dyn(e) && !bt_elf_off_to_vaddr(e, addr - m->start + m->pgoff, &vaddr))
			vaddr = addr - m->start + m->pgoff;
		name = bt_elf_resolve(e, vaddr, &off);
		mod = m->path;
	}
	if (name)
		n = snprintf(buf, len, "%s", demangle(name, dm, sizeof(dm)));
	else if (addr)
		n = snprintf(buf, len, "0x%" PRIx64, addr);
	else
		n = snprintf(buf, len, "0");
	if (name && offset && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - n, "+%" PRIu64, off);
	if (module && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - n, " (%s)", name ? mod : "[unknown]");
	pthread_mutex_unlock(&pids_lock);
	return n;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * A -c child: held before its exec while probes attach, then it may run for
 * a millisecond only. Poll its mappings until it exits (every 0.25 ms for
 * 20 ms, every 5 ms until 0.5 s, then every 50 ms), keeping the last ones
 * seen, so its stacks resolve when the maps are printed after it is gone.
 */
static void *watch(void *arg)
{
	pid_t pid = (pid_t)(intptr_t)arg;
	struct stat self, st;
	char exe[64];

	snprintf(exe, sizeof(exe), "/proc/%d/exe", (int)pid);
	if (stat("/proc/self/exe", &self))
		return NULL;
	for (int i = 0; stat(exe, &st) == 0; i++) {
		struct timespec ts = {0, i < 80 ? 250000L : i < 176 ? 5000000L : 50000000L};
		struct umap *v;
		struct upid *p;
		size_t n;

		if (!same_file(&st, &self)) {
			if (!maps_load(pid, &v, &n))
				break;
			pthread_mutex_lock(&pids_lock);
			p = pid_entry(pid);
			if (p)
				maps_set(p, v, n);
			else
				maps_free(v, n);
			pthread_mutex_unlock(&pids_lock);
		}
		nanosleep(&ts, NULL);
	}
	return NULL;
}

void bt_usym_snapshot(pid_t pid)
{
	struct stat self, other;
	struct upid *p;
	pthread_t th;
	char exe[64];

	snprintf(exe, sizeof(exe), "/proc/%d/exe", (int)pid);
	if (pid <= 0 || stat(exe, &other) || stat("/proc/self/exe", &self))
		return;
	pthread_mutex_lock(&pids_lock);
	if (!same_file(&self, &other)) {
		pid_get(pid); /* -p: a running process, read now */
	} else {
		/* not read now: it still runs bt's own image */
		p = pid_entry(pid);
		if (p && !p->watched &&
		    pthread_create(&th, NULL, watch, (void *)(intptr_t)pid) == 0) {
			p->watched = true;
			pthread_detach(th);
		}
	}
	pthread_mutex_unlock(&pids_lock);
}

bool bt_usym_pid_known(pid_t pid)
{
	struct upid *p;
	bool known;

	pthread_mutex_lock(&pids_lock);
	p = pid_get(pid);
	known = p && p->known;
	pthread_mutex_unlock(&pids_lock);
	return known;
}

char *bt_usym_pid_lib(const char *name, pid_t pid)
{
	struct upid *p;
	char *res = NULL;

	pthread_mutex_lock(&pids_lock);
	p = pid_get(pid);
	for (size_t i = 0; p && i < p->n && !res; i++) {
		const char *base = strrchr(p->maps[i].path, '/');

		if (base && bt_usym_lib_match(base + 1, name))
			res = strdup(p->maps[i].path);
	}
	pthread_mutex_unlock(&pids_lock);
	return res;
}

bool bt_usym_probe_func(const char *probe_name, char *buf, size_t len)
{
	const char *c1 = strchr(probe_name, ':'), *c2 = strrchr(probe_name, ':');
	const struct bt_elf *e;
	char bin[4096];
	uint64_t vaddr;
	const char *name;

	if (!c1 || c2 == c1 || (size_t)(c2 - c1 - 1) >= sizeof(bin))
		return false;
	char fn[1024], dm[1024];

	if (!(c2[1] >= '0' && c2[1] <= '9')) {
		snprintf(fn, sizeof(fn), "%.*s", (int)strcspn(c2 + 1, "+"), c2 + 1);
		snprintf(buf, len, "%s", demangle(fn, dm, sizeof(dm)));
		return buf[0] != '\0';
	}
	memcpy(bin, c1 + 1, c2 - c1 - 1);
	bin[c2 - c1 - 1] = '\0';
	e = bt_elf_get(bin);
	vaddr = strtoull(c2 + 1, NULL, 0);
	name = e ? bt_elf_resolve(e, vaddr, NULL) : NULL;
	if (name)
		snprintf(buf, len, "%s", demangle(name, dm, sizeof(dm)));
	return name != NULL;
}
