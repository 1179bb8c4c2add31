// SPDX-License-Identifier: GPL-2.0
/*
 * The compile cache: preprocessed script + what else shapes the object
 * (bt's own binaries, the kernel, environment, positional parameters) ->
 * the serialized bt_prog (progser.c). Entries live in $XDG_CACHE_HOME/bt
 * (~/.cache/bt), one file each, named by a hash of the key; the file holds
 * the whole key, so a hash collision is only a miss. Written to a temporary
 * file and renamed: concurrent runs see a whole entry or none. A truncated or
 * corrupt entry (length or CRC mismatch) is a miss and gets rewritten.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include <bt/bt.h>
#include <bt/vec.h>

#include "cache/cache.h"
#include "util/strbuf.h"
#include "settings.h"

#define MAGIC "BTCACHE2"
#define MAX_ENTRIES 256

struct hdr {
	char magic[8];
	uint64_t key_len;
	uint64_t data_len;
	uint64_t crc; /* crc32 of key then data */
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* Appends a file's size and mtime (our binaries: a rebuild is a new key). */
static void add_stat(struct bt_strbuf *k, const char *what, const char *path)
{
	struct stat st;
	if (path && stat(path, &st) == 0)
		bt_sb_printf(k, "%s %lld %lld.%09ld\n", what, (long long)st.st_size,
			     (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	else
		bt_sb_printf(k, "%s none\n", what);
}

/* Appends a small file's bytes as a hash (kernel build id notes, module list). */
static void add_file_hash(struct bt_strbuf *k, const char *what, const char *path)
{
	char buf[8192];
	uint64_t h = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		struct bt_strbuf all = {0};
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			bt_sb_add(&all, buf, (size_t)n);
		close(fd);
		h = fnv1a(all.s ? all.s : "", all.len);
		bt_sb_free(&all);
	}
	bt_sb_printf(k, "%s %016llx\n", what, (unsigned long long)h);
}

static char *cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *d = NULL;
	if (x && *x) {
		if (asprintf(&d, "%s/bt", x) < 0)
			return NULL;
	} else if (home && *home) {
		if (asprintf(&d, "%s/.cache/bt", home) < 0)
			return NULL;
	}
	return d;
}

int bt_cache_init(struct bt_cache *c, const char *pp_text, const struct bt_cache_inputs *in)
{
	struct bt_strbuf k = {0};
	struct utsname u;

	memset(c, 0, sizeof(*c));
	c->dir = cache_dir();
	if (!c->dir)
		return -ENOENT;
	bt_sb_printf(&k, "bt %s\n", BT_VERSION);
	add_stat(&k, "exe", "/proc/self/exe");
	add_stat(&k, "codegen", in->codegen_path);
	if (uname(&u) == 0)
		bt_sb_printf(&k, "kernel %s %s %s\n", u.release, u.version, u.machine);
	add_file_hash(&k, "notes", "/sys/kernel/notes");
	add_file_hash(&k, "modules", "/proc/modules");
	bt_settings_key(&k); /* str() size, map size, dispatch; kaddr() may use BT_SYSTEM_MAP */
	add_file_hash(&k, "pid_max", "/proc/sys/kernel/pid_max"); /* sema_tidmap.c */
	bt_sb_printf(&k, "cpid %d unsafe %d nargs %d\n", in->have_cpid, in->unsafe, in->nargs);
	for (int i = 0; i < in->nargs; i++) {
		bt_sb_printf(&k, "arg %zu\n", strlen(in->args[i]));
		bt_sb_puts(&k, in->args[i]);
	}
	bt_sb_puts(&k, "\nscript\n");
	if (bt_sb_puts(&k, pp_text)) {
		bt_sb_free(&k);
		free(c->dir);
		c->dir = NULL;
		return -ENOMEM;
	}
	c->key_len = k.len;
	c->key = bt_sb_take(&k);
	if (asprintf(&c->path, "%s/%016llx", c->dir,
		     (unsigned long long)fnv1a(c->key, c->key_len)) < 0) {
		c->path = NULL;
		bt_cache_fini(c);
		return -ENOMEM;
	}
	return 0;
}

void bt_cache_fini(struct bt_cache *c)
{
	free(c->dir);
	free(c->path);
	free(c->key);
	memset(c, 0, sizeof(*c));
}

static int read_all(int fd, void *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r <= 0)
			return -EIO;
		p = (char *)p + r;
		n -= (size_t)r;
	}
	return 0;
}

static uint64_t crc(const char *key, size_t klen, const void *data, size_t dlen)
{
	uLong v = crc32(0L, Z_NULL, 0);
	v = crc32_z(v, (const Bytef *)key, klen);
	return crc32_z(v, (const Bytef *)data, dlen);
}

int bt_cache_get(const struct bt_cache *c, void **data, size_t *len)
{
	struct hdr h;
	struct stat st;
	char *key = NULL;
	void *d = NULL;
	int err = -ENOENT;

	if (!c->path)
		return -ENOENT;
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	if (fstat(fd, &st) || read_all(fd, &h, sizeof(h)) || memcmp(h.magic, MAGIC, 8) ||
	    h.key_len != c->key_len || (uint64_t)st.st_size != sizeof(h) + h.key_len + h.data_len)
		goto out;
	key = malloc(h.key_len + 1);
	d = malloc(h.data_len + 1);
	if (!key || !d || read_all(fd, key, h.key_len) || read_all(fd, d, h.data_len))
		goto out;
	if (memcmp(key, c->key, c->key_len) || crc(key, h.key_len, d, h.data_len) != h.crc)
		goto out;
	*data = d;
	*len = h.data_len;
	d = NULL;
	err = 0;
out:
	close(fd);
	free(key);
	free(d);
	return err;
}

static int write_all(int fd, const void *p, size_t n)
{
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r <= 0)
			return -EIO;
		p = (const char *)p + r;
		n -= (size_t)r;
	}
	return 0;
}

static int mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s", dir) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0700) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(tmp, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Keeps the directory bounded: past MAX_ENTRIES, the least recently used go. */
static void prune(const char *dir)
{
	struct ent {
		char name[32];
		struct timespec t;
	} *v = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		if (strlen(e->d_name) != 16 || fstatat(dirfd(d), e->d_name, &st, 0))
			continue;
		if (bt_vec_reserve(v, cap, n + 1))
			break;
		memcpy(v[n].name, e->d_name, 17);
		v[n++].t = st.st_atim.tv_sec > st.st_mtim.tv_sec ? st.st_atim : st.st_mtim;
	}
	while (n > MAX_ENTRIES) {
		size_t old = 0;
		for (size_t i = 1; i < n; i++)
			if (v[i].t.tv_sec < v[old].t.tv_sec)
				old = i;
		unlinkat(dirfd(d), v[old].name, 0);
		v[old] = v[--n];
	}
	closedir(d);
	free(v);
}

void bt_cache_put(const struct bt_cache *c, const void *data, size_t len)
{
	struct hdr h = {.key_len = c->key_len, .data_len = len};
	char *tmp = NULL;
	int fd;

	if (!c->path || mkdir_p(c->dir))
		return;
	memcpy(h.magic, MAGIC, 8);
	h.crc = crc(c->key, c->key_len, data, len);
	if (asprintf(&tmp, "%s.tmp.%d.%lx", c->path, (int)getpid(), (unsigned long)random()) < 0)
		return;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	int werr = write_all(fd, &h, sizeof(h)) ?: write_all(fd, c->key, c->key_len)
				   ?: write_all(fd, data, len);
	if (close(fd) || werr) {
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, c->path))
		unlink(tmp);
	else
		prune(c->dir);
out:
	free(tmp);
}
