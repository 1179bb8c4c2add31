// SPDX-License-Identifier: GPL-2.0
#include "kernel/alternatives.h"
#include "settings.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BT_DATADIR_DEFAULT
#define BT_DATADIR_DEFAULT "/usr/local/share/bt"
#endif

int bt_datafile(const char *name, char *out, size_t len)
{
	const char *env = bt_settings()->datadir;
	char exe[PATH_MAX];
	if (env) {
		snprintf(out, len, "%s/%s", env, name);
		if (!access(out, R_OK))
			return 0;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		static const char *const rel[] = {"../share", "../share/bt"};
		for (size_t i = 0; i < 2; i++) {
			snprintf(out, len, "%s/%s/%s", exe, rel[i], name);
			if (!access(out, R_OK))
				return 0;
		}
	}
	snprintf(out, len, "%s/%s", BT_DATADIR_DEFAULT, name);
	return access(out, R_OK) ? -ENOENT : 0;
}

/* "finish_task_switch.isra.0" -> "finish_task_switch" */
static void plain_name(const char *fn, char *out, size_t len)
{
	snprintf(out, len, "%s", fn);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = 0;
}

int bt_alternative(const char *fn, char *out, size_t len)
{
	char path[PATH_MAX], plain[256], line[1024];
	if (bt_datafile("alternatives", path, sizeof(path)))
		return -ENOENT;
	FILE *f = fopen(path, "r");
	if (!f)
		return -ENOENT;
	plain_name(fn, plain, sizeof(plain));
	int err = -ENOENT;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = 0;
		char *tab = strpbrk(line, "\t ");
		if (!tab)
			continue;
		*tab++ = 0;
		while (*tab == ' ' || *tab == '\t')
			tab++;
		if (!fnmatch(line, plain, 0)) {
			snprintf(out, len, "%s", tab);
			err = 0;
			break;
		}
	}
	fclose(f);
	return err;
}
