// SPDX-License-Identifier: GPL-2.0
/*
 * The one reader of the environment's switches (BT_*, BPFTRACE_*): the rest
 * of the engine asks bt_settings(). bpftrace 0.17's variables keep its names,
 * defaults and checks; a bad value stops the run before anything compiles.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "front/diag.h"
#include "settings.h"
#include "util/strbuf.h"

static struct bt_settings set;
static pthread_once_t set_once = PTHREAD_ONCE_INIT;
static int set_err; /* -EINVAL when a value was bad (its default is kept) */
static char set_msg[256];

/* The first of names that is set, or NULL. */
static const char *env2(const char *a, const char *b)
{
	const char *v = getenv(a);

	return v || !b ? v : getenv(b);
}

/* Keeps the first bad value's message: "BPFTRACE_STRLEN='x' is not ..." */
static void bad(const char *name, const char *v, const char *why)
{
	if (!set_err)
		snprintf(set_msg, sizeof(set_msg), "%s='%s' %s", name, v, why);
	set_err = -EINVAL;
}

/* A positive integer, as bpftrace's get_uint64_env_var(); max 0: no limit. */
static uint64_t num(const char *name, const char *alias, uint64_t def, uint64_t max)
{
	const char *v = env2(name, alias);
	unsigned long long n;
	char *end;

	if (!v)
		return def;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || end == v || *end || !n || *v == '-') {
		bad(name, v, "is not a positive integer");
		return def;
	}
	if (max && n > max) {
		bad(name, v, "is too large");
		return def;
	}
	return n;
}

/* Set to anything: on. */
static bool flag(const char *name)
{
	return getenv(name) != NULL;
}

static const char *path(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static void read_env(void)
{
	const char *v;

	set.strlen = (uint32_t)num("BPFTRACE_STRLEN", "BT_STRLEN", 64, 0);
	if (set.strlen > 200) {
		bad("BPFTRACE_STRLEN", env2("BPFTRACE_STRLEN", "BT_STRLEN"),
		    "is more than the maximum of 200 bytes (strings live on the 512-byte BPF "
		    "stack)");
		set.strlen = 64;
	}
	set.map_keys_max =
		(uint32_t)num("BPFTRACE_MAP_KEYS_MAX", "BT_MAP_KEYS_MAX", 4096, UINT32_MAX);
	set.max_probes = (uint32_t)num("BPFTRACE_MAX_PROBES", NULL, 512, UINT32_MAX);
	set.max_bpf_progs = (uint32_t)num("BPFTRACE_MAX_BPF_PROGS", NULL, 512, UINT32_MAX);
	set.cat_bytes_max = num("BPFTRACE_CAT_BYTES_MAX", NULL, 10240, 0);
	set.log_size = num("BPFTRACE_LOG_SIZE", NULL, 1000000, UINT32_MAX);
	set.max_type_res = num("BPFTRACE_MAX_TYPE_RES_ITERATIONS", NULL, 0, 0);
	set.perf_rb_pages = (uint32_t)num("BPFTRACE_PERF_RB_PAGES", NULL, 0, 1u << 20);
	if (set.perf_rb_pages & (set.perf_rb_pages - 1)) {
		bad("BPFTRACE_PERF_RB_PAGES", getenv("BPFTRACE_PERF_RB_PAGES"),
		    "is not a power of 2");
		set.perf_rb_pages = 0;
	}
	v = getenv("BPFTRACE_NO_CPP_DEMANGLE");
	if (v && strcmp(v, "0") && strcmp(v, "1"))
		bad("BPFTRACE_NO_CPP_DEMANGLE", v, "is neither 0 nor 1");
	set.no_cpp_demangle = v && !strcmp(v, "1");

	set.no_cache = flag("BT_NO_CACHE");
	v = getenv("BT_SYSDISP");
	set.sysdisp_off = v && !strcmp(v, "0");
	set.sysdisp_force = v && !strcmp(v, "1");
	set.no_task_btf = flag("BT_NO_TASK_BTF");
	v = getenv("BT_NO_TASK_CACHE");
	set.no_task_cache = v && strcmp(v, "0");
	set.no_kprobe_multi = flag("BT_NO_KPROBE_MULTI");
	set.dump_ir = flag("BT_DUMP_IR");
	set.codegen = path("BT_CODEGEN");
	set.datadir = getenv("BT_DATADIR");
	set.system_map = path("BT_SYSTEM_MAP");
}

int bt_settings_load(struct bt_diag *d)
{
	pthread_once(&set_once, read_env);
	if (set_err && d)
		bt_diag(d, BT_SEV_ERROR, NULL, "%s", set_msg);
	return set_err;
}

const struct bt_settings *bt_settings(void)
{
	pthread_once(&set_once, read_env);
	return &set;
}

void bt_settings_key(struct bt_strbuf *k)
{
	const struct bt_settings *s = bt_settings();

	bt_sb_printf(k, "settings %u %u %u %d%d%d%d%d %s\n", s->strlen, s->map_keys_max,
		     s->perf_rb_pages, s->sysdisp_off, s->sysdisp_force, s->no_task_btf,
		     s->no_task_cache, s->no_kprobe_multi, s->system_map ? s->system_map : "");
}
