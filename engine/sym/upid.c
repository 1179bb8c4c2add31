// SPDX-License-Identifier: GPL-2.0
/*
 * The files a process runs, as bpftrace 0.17 names them for -p: its
 * executable and the libraries it has mapped executable, each under
 * /proc/PID/root (so that a process in another mount namespace is traced
 * in the files it sees).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/vec.h>

#include "sym/usym.h"
#include "kernel/tracefs.h"

char *bt_upid_path(pid_t pid, const char *path)
{
	char *res;

	if (pid <= 0 || path[0] != '/')
		return strdup(path);
	if (asprintf(&res, "/proc/%d/root%s", (int)pid, path) < 0)
		return NULL;
	return res;
}

static int push(char ***v, size_t *n, pid_t pid, const char *path)
{
	char *p = bt_upid_path(pid, path);

	for (size_t i = 0; p && i < *n; i++) {
		if (!strcmp((*v)[i], p)) {
			free(p);
			return 0;
		}
	}
	if (!p || bt_vec_push(*v, *n)) {
		free(p);
		return -ENOMEM;
	}
	(*v)[(*n)++] = p;
	return 0;
}

int bt_upid_files(pid_t pid, bool libs, char ***paths, size_t *n)
{
	char buf[PATH_MAX + 256], exe[PATH_MAX];
	ssize_t len;
	FILE *f;
	int err = 0;

	*paths = NULL;
	*n = 0;
	snprintf(buf, sizeof(buf), "/proc/%d/exe", (int)pid);
	len = readlink(buf, exe, sizeof(exe) - 1);
	if (len <= 0) {
		/* no link: a kernel thread or a zombie, when the process is there */
		err = len < 0 ? errno : ENOENT;
		snprintf(buf, sizeof(buf), "/proc/%d", (int)pid);
		return err == ENOENT && access(buf, F_OK) ? -ESRCH : -err;
	}
	exe[len] = '\0';
	err = push(paths, n, pid, exe);
	snprintf(buf, sizeof(buf), "/proc/%d/maps", (int)pid);
	f = libs && !err ? fopen(buf, "re") : NULL;
	while (f && !err && fgets(buf, sizeof(buf), f)) {
		char perms[8], *path = strchr(buf, '/');

		buf[strcspn(buf, "\n")] = '\0';
		if (!path || sscanf(buf, "%*x-%*x %7s", perms) != 1 || perms[2] != 'x' ||
		    strstr(path, " (deleted)"))
			continue;
		err = push(paths, n, pid, path);
	}
	if (f)
		fclose(f);
	if (err) {
		bt_strv_free(*paths, *n);
		*paths = NULL;
		*n = 0;
	}
	return err;
}
