// SPDX-License-Identifier: GPL-2.0
/*
 * kaddr("sym"): /proc/kallsyms first, then System.map (BT_SYSTEM_MAP=path or
 * /boot/System.map-$(uname -r)) for kernels whose kallsyms lists no data
 * symbols (CONFIG_KALLSYMS_ALL off) or omits some. A System.map is used only
 * once it is shown to be the running kernel's: its _text must be kallsyms'
 * _text, or differ by a KASLR offset that the other reference symbols
 * (_stext, _etext, start_kernel...) all share. Symbols of the kernel image
 * move by that offset; absolute and per-CPU ones (below _text) do not.
 */
#include "sym/ksym.h"
#include "settings.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

static const char *const refs[] = {"_stext",  "_etext", "start_kernel", "_sinittext", "schedule",
				   "do_exit", NULL};

struct mapsym {
	const char *name;
	uint64_t addr;
	char type;
	bool found;
};

/* Looks up every entry of want[] in the map at path. Returns 0 or -errno. */
static int map_scan(const char *path, struct mapsym *want, size_t n)
{
	FILE *f = fopen(path, "re");
	char line[512];

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		char type, name[256];

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (!want[i].found && strcmp(want[i].name, name) == 0) {
				want[i].addr = addr;
				want[i].type = type;
				want[i].found = true;
			}
		}
	}
	fclose(f);
	return 0;
}

static void map_path(char *out, size_t len)
{
	const char *env = bt_settings()->system_map;
	struct utsname u;

	if (env && *env)
		snprintf(out, len, "%s", env);
	else if (uname(&u) == 0)
		snprintf(out, len, "/boot/System.map-%s", u.release);
	else
		snprintf(out, len, "/boot/System.map");
}

/* The KASLR offset of the map at path, checked on want[1..] (want[0] is _text) */
static int map_offset(const struct mapsym *want, size_t n, struct bt_ksyms *ks, const char *path,
		      int64_t *delta, char *err, size_t errlen)
{
	uint64_t text, a;
	size_t agree = 0;

	if (!ks || !bt_ksym_addr(ks, "_text", true, &text)) {
		snprintf(err, errlen,
			 "; cannot check %s against the running kernel: /proc/kallsyms shows no "
			 "_text (addresses are hidden without root or with kernel.kptr_restrict=2)",
			 path);
		return -EPERM;
	}
	if (!want[0].found) {
		snprintf(err, errlen, "; %s has no _text: not a System.map", path);
		return -EINVAL;
	}
	*delta = (int64_t)(text - want[0].addr);
	for (size_t i = 1; i < n; i++) {
		if (!want[i].found || !bt_ksym_addr(ks, want[i].name, true, &a))
			continue;
		if (a - want[i].addr != (uint64_t)*delta) {
			snprintf(err, errlen,
				 "; %s is not the running kernel's System.map (%s at 0x%" PRIx64
				 " there, 0x%" PRIx64 " in /proc/kallsyms)",
				 path, want[i].name, want[i].addr + (uint64_t)*delta, a);
			return -EINVAL;
		}
		agree++;
	}
	if (*delta && !agree) {
		snprintf(err, errlen,
			 "; %s is not the running kernel's System.map (_text 0x%" PRIx64
			 " there, 0x%" PRIx64 " in /proc/kallsyms)",
			 path, want[0].addr, text);
		return -EINVAL;
	}
	return 0;
}

int bt_kaddr(const char *name, uint64_t *addr, char *err, size_t errlen)
{
	struct bt_ksyms *ks = bt_ksyms_get();
	struct mapsym want[16] = {{.name = "_text"}};
	char path[PATH_MAX], why[PATH_MAX + 256];
	size_t n = 1;
	int64_t delta;
	int r;

	if (ks && bt_ksym_addr(ks, name, true, addr))
		return 0;
	for (const char *const *p = refs; *p; p++)
		want[n++].name = *p;
	want[n++].name = name;
	map_path(path, sizeof(path));
	r = map_scan(path, want, n);
	if (r < 0)
		snprintf(why, sizeof(why),
			 " and no System.map (%s: %s; BT_SYSTEM_MAP=path names one)", path,
			 strerror(-r));
	else
		r = map_offset(want, n - 1, ks, path, &delta, why, sizeof(why));
	if (r == 0 && !want[n - 1].found) {
		snprintf(why, sizeof(why), " nor in %s", path);
		r = -ENOENT;
	}
	if (r == 0) {
		const struct mapsym *s = &want[n - 1];
		bool moves = !strchr("aA", s->type) && s->addr >= want[0].addr;

		*addr = s->addr + (moves ? (uint64_t)delta : 0);
		return 0;
	}
	snprintf(err, errlen, "kaddr(\"%s\"): no symbol '%s' in /proc/kallsyms%s%s", name, name,
		 ks && bt_ksym_has_data(ks) ? ""
					    : " (this kernel lists no data symbols: "
					      "CONFIG_KALLSYMS_ALL is off)",
		 why);
	return r;
}
