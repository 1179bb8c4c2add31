// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup_path(id, filter) as bpftrace 0.17 prints it: for every mounted
 * cgroup hierarchy whose name matches filter (a glob; "unified" for cgroup
 * v2, the mount point's directory name for v1), "NAME:PATH" where PATH is the
 * directory with that cgroup id relative to the hierarchy's root; v2 first,
 * then v1 by name, joined by ','. Hierarchies without a match are left out.
 * Unlike bpftrace, only directories are matched (it also matches files).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/vec.h>

#include "output/print.h"

struct hier {
	char *name, *mnt;
	bool v2;
};

static bool id_of(int dirfd, const char *path, uint64_t *id)
{
	union {
		struct file_handle fh;
		char space[sizeof(struct file_handle) + 64];
	} h;
	int mnt;

	h.fh.handle_bytes = 64;
	if (name_to_handle_at(dirfd, path, &h.fh, &mnt, 0) < 0 || h.fh.handle_bytes < 8)
		return false;
	memcpy(id, h.fh.f_handle, sizeof(*id));
	return true;
}

/* Depth-first search below dir (rel: its path from the root) for id. */
static int search(int fd0, const char *rel, uint64_t id, int depth, struct bt_strbuf *out)
{
	DIR *d = fdopendir(fd0);
	struct dirent *e;
	int found = 0;

	if (!d) {
		close(fd0);
		return 0;
	}
	while (!found && depth < 64 && (e = readdir(d))) {
		uint64_t x;
		char *sub;
		int fd;

		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (asprintf(&sub, "%s/%s", rel, e->d_name) < 0)
			break;
		if (id_of(dirfd(d), e->d_name, &x) && x == id) {
			found = bt_sb_puts(out, sub) ? -ENOMEM : 1;
		} else {
			fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd >= 0)
				found = search(fd, sub, id, depth + 1, out);
		}
		free(sub);
	}
	closedir(d);
	return found;
}

static int hier_cmp(const void *a, const void *b)
{
	const struct hier *x = a, *y = b;

	if (x->v2 != y->v2)
		return x->v2 ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* cgroup and cgroup2 mounts from /proc/self/mountinfo. */
static size_t hierarchies(struct hier **out)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0, n = 0;
	struct hier *v = NULL;

	while (f && getline(&line, &cap, f) > 0) {
		char mnt[4096], *sep = strstr(line, " - "), fstype[64];

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s", fstype) != 1)
			continue;
		if (strcmp(fstype, "cgroup") && strcmp(fstype, "cgroup2"))
			continue;
		if (bt_vec_push(v, n))
			break;
		v[n].v2 = !strcmp(fstype, "cgroup2");
		v[n].mnt = strdup(mnt);
		v[n].name = strdup(v[n].v2 ? "unified" : strrchr(mnt, '/') + 1);
		if (!v[n].mnt || !v[n].name) {
			free(v[n].mnt);
			free(v[n].name);
			break;
		}
		n++;
	}
	free(line);
	if (f)
		fclose(f);
	if (n)
		qsort(v, n, sizeof(*v), hier_cmp);
	*out = v;
	return n;
}

static int resolve(uint64_t id, const char *filter, struct bt_strbuf *sb);

/* Walking every hierarchy per printed value is slow: remember recent answers. */
#define CACHE 16
static struct {
	uint64_t id;
	char *filter, *text;
} cache[CACHE];
static unsigned cache_next;

int bt_cgroup_path(uint64_t id, const char *filter, struct bt_strbuf *sb)
{
	struct bt_strbuf r = {0};
	const char *f = filter ? filter : "";
	int err;

	for (unsigned i = 0; i < CACHE; i++)
		if (cache[i].text && cache[i].id == id && !strcmp(cache[i].filter, f))
			return bt_sb_puts(sb, cache[i].text);
	err = resolve(id, filter, &r);
	if (!err) {
		unsigned k = cache_next++ % CACHE;
		free(cache[k].filter);
		free(cache[k].text);
		cache[k].id = id;
		cache[k].filter = strdup(f);
		cache[k].text = strdup(bt_sb_str(&r));
		if (!cache[k].filter || !cache[k].text) {
			free(cache[k].filter);
			free(cache[k].text);
			cache[k].filter = cache[k].text = NULL;
		}
		err = bt_sb_puts(sb, bt_sb_str(&r));
	}
	bt_sb_free(&r);
	return err;
}

static int resolve(uint64_t id, const char *filter, struct bt_strbuf *sb)
{
	struct hier *h;
	size_t n = hierarchies(&h);
	bool first = true;
	int err = 0;

	for (size_t i = 0; i < n; i++) {
		struct bt_strbuf path = {0};
		uint64_t root;
		int found = 0, fd;

		if (!err && (!filter || !fnmatch(filter, h[i].name, 0))) {
			if (id_of(AT_FDCWD, h[i].mnt, &root) && root == id) {
				found = bt_sb_puts(&path, "/") ? -ENOMEM : 1;
			} else {
				fd = open(h[i].mnt, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				if (fd >= 0)
					found = search(fd, "", id, 0, &path);
			}
			if (found < 0)
				err = found;
			if (found > 0) {
				err = bt_sb_printf(sb, "%s%s:%s", first ? "" : ",", h[i].name,
						   bt_sb_str(&path));
				first = false;
			}
		}
		bt_sb_free(&path);
		free(h[i].name);
		free(h[i].mnt);
	}
	free(h);
	return err;
}
