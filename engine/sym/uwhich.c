// SPDX-License-Identifier: GPL-2.0
/*
 * Where a uprobe binary or library named without a path is: the -p
 * process's mappings, PATH (ELF files only: pyenv puts shell shims first),
 * then glibc's /etc/ld.so.cache ("libc" and "c" both find libc.so.6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bt/vec.h>

#include "sym/usym.h"

static bool is_file(const char *path, int mode)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, mode) == 0;
}

/* An ELF file: PATH may hold scripts of the same name first (pyenv shims). */
static bool is_elf(const char *path)
{
	char magic[4];
	FILE *f = fopen(path, "re");
	bool elf = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "\177ELF", 4);

	if (f)
		fclose(f);
	return elf;
}

/* "NAME.so*" or "libNAME.so*" */
bool bt_usym_lib_match(const char *base, const char *name)
{
	size_t n = strlen(name);

	if (!strncmp(base, "lib", 3) && !strncmp(base + 3, name, n) &&
	    !strncmp(base + 3 + n, ".so", 3))
		return true;
	return !strncmp(base, name, n) && !strncmp(base + n, ".so", 3);
}

static char *which_in_path(const char *name)
{
	const char *env = getenv("PATH");
	char *dirs = strdup(env && *env ? env : "/usr/local/bin:/usr/bin:/bin"), *save = NULL;
	char buf[4200], *res = NULL;

	for (char *d = dirs ? strtok_r(dirs, ":", &save) : NULL; d && !res;
	     d = strtok_r(NULL, ":", &save)) {
		snprintf(buf, sizeof(buf), "%s/%s", d, name);
		if (is_file(buf, X_OK) && is_elf(buf))
			res = strdup(buf);
	}
	free(dirs);
	return res;
}

/* glibc's /etc/ld.so.cache, "glibc-ld.so.cache1.1" format. */
static char *which_in_ldcache(const char *name)
{
	static const char magic[] = "glibc-ld.so.cache1.1";
	char *buf = NULL, *res = NULL, *base;
	size_t len = 0, cap = 0, nr;
	uint32_t nlibs;
	FILE *f = fopen("/etc/ld.so.cache", "re");

	if (!f)
		return NULL;
	for (;;) {
		if (bt_vec_reserve(buf, cap, len + 65536))
			break;
		nr = fread(buf + len, 1, cap - len, f);
		if (!nr)
			break;
		len += nr;
	}
	fclose(f);
	base = buf ? memmem(buf, len, magic, sizeof(magic) - 1) : NULL;
	if (!base || (size_t)(base - buf) + 48 > len)
		goto out;
	len -= base - buf;
	memcpy(&nlibs, base + 20, 4);
	for (uint32_t i = 0; i < nlibs && 48 + (size_t)(i + 1) * 24 <= len && !res; i++) {
		const char *e = base + 48 + (size_t)i * 24;
		uint32_t key, value;
		int32_t flags;

		memcpy(&flags, e, 4);
		memcpy(&key, e + 4, 4);
		memcpy(&value, e + 8, 4);
		if (key >= len || value >= len || !memchr(base + key, 0, len - key) ||
		    !memchr(base + value, 0, len - value))
			continue;
#if defined(__x86_64__)
		if ((flags & 0xff00) != 0x0300) /* FLAG_X8664_LIB64 */
			continue;
#endif
		if (bt_usym_lib_match(base + key, name) && is_file(base + value, R_OK))
			res = strdup(base + value);
	}
out:
	free(buf);
	return res;
}

char *bt_usym_which(const char *name, pid_t pid)
{
	char *res = NULL;

	if (strchr(name, '/'))
		return strdup(name);
	if (pid > 0)
		res = bt_usym_pid_lib(name, pid);
	if (!res)
		res = which_in_path(name);
	if (!res)
		res = which_in_ldcache(name);
	return res;
}
