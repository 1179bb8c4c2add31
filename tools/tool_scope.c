// SPDX-License-Identifier: GPL-2.0
/*
 * Scoping options (tool.h): -p PID[,PID...], --tid TID[,TID...], --uid UID,
 * --cgroup PATH (cgroup v2, the exact cgroup) and --cpu N, parsed once for
 * every tool, refused with the reason where a tool or an attach method
 * would ignore them, and turned into the script's TARG_* defines.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "tool.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

enum { OPT_TID = 0x800, OPT_UID, OPT_CGROUP, OPT_CPU };

const struct argp_option tool_scope_opts[] = {
	{"pid", 'p', "PID[,PID...]", 0, "Trace these processes only (up to 16)", 1},
	{"tid", OPT_TID, "TID[,TID...]", 0, "Trace these threads only (up to 16)", 1},
	{"uid", OPT_UID, "UID", 0, "Trace this user's processes only", 1},
	{"cgroup", OPT_CGROUP, "PATH", 0,
	 "Trace tasks in this cgroup v2 directory only (not its descendants)", 1},
	{0},
};

const struct argp_option tool_cpu_opts[] = {
	{"cpu", OPT_CPU, "N", 0, "Trace this CPU only", 1},
	{0},
};

/* "1,2,3": up to TOOL_MAX_IDS positive ints into ids; exit 2 otherwise.
 * what: the option, kind: "PID" or "TID" */
static int parse_ids(struct argp_state *state, const char *arg, const char *what, const char *kind,
		     int *ids)
{
	char *end;
	const char *s = arg;
	int n = 0;

	for (;;) {
		long v;

		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || (*end && *end != ',') || v <= 0 || v > INT_MAX)
			tool_usage_error(state, "invalid %s '%s' for %s", kind, arg, what);
		if (n == TOOL_MAX_IDS)
			tool_usage_error(state, "at most %d values for %s", TOOL_MAX_IDS, what);
		ids[n++] = (int)v;
		if (!*end)
			return n;
		s = end + 1;
	}
}

static uint64_t parse_cgroup(struct argp_state *state, const char *path)
{
	struct statfs fs;
	struct stat st;

	if (statfs(path, &fs) || stat(path, &st))
		tool_usage_error(state, "--cgroup %s: %s", path, strerror(errno));
	if (fs.f_type != CGROUP2_SUPER_MAGIC)
		tool_usage_error(state,
				 "--cgroup %s: not a cgroup v2 directory (cgroup2 is mounted at "
				 "/sys/fs/cgroup or /sys/fs/cgroup/unified)",
				 path);
	if (!S_ISDIR(st.st_mode))
		tool_usage_error(state, "--cgroup %s: not a directory", path);
	return (uint64_t)st.st_ino; /* a cgroup v2 directory's inode is its id */
}

static const char *key_name(int key)
{
	switch (key) {
	case 'p':
		return "-p";
	case OPT_TID:
		return "--tid";
	case OPT_UID:
		return "--uid";
	case OPT_CGROUP:
		return "--cgroup";
	default:
		return "--cpu";
	}
}

/* Refuses key when t does not honour it: exit 2 with the reason. */
static void check_scope(const struct tool *t, int key, struct argp_state *state)
{
	unsigned need = key == OPT_CPU ? TOOL_SCOPE_CPU : TOOL_SCOPE_PIDS;

	if (t->scope & need)
		return;
	if (key == OPT_CPU)
		tool_usage_error(state,
				 "--cpu means nothing for %s: its events are not kept per CPU",
				 t->name);
	if (t->flags & TOOL_NOTARGET)
		tool_usage_error(state, "%s means nothing for %s: its events belong to no process",
				 key_name(key), t->name);
	if (key == 'p')
		return; /* one PID, as before; checked in tool_scope_end() */
	tool_usage_error(state, "%s means nothing for %s: %s filters on the process (-p, -n)",
			 key_name(key), t->name, t->name);
}

bool tool_scope_parse(const struct tool *t, int key, char *arg, struct argp_state *state)
{
	struct tool_env *env = state->input;

	if (key != 'p' && (key < OPT_TID || key > OPT_CPU))
		return false;
	check_scope(t, key, state);
	switch (key) {
	case 'p':
		env->npids = parse_ids(state, arg, "-p", "PID", env->pids);
		env->pid = env->pids[0];
		break;
	case OPT_TID:
		env->ntids = parse_ids(state, arg, "--tid", "TID", env->tids);
		break;
	case OPT_UID:
		env->uid = tool_parse_long(state, arg, "--uid", 0, UINT_MAX - 1);
		break;
	case OPT_CGROUP:
		env->cgroup = parse_cgroup(state, arg);
		break;
	case OPT_CPU:
		env->cpu = (int)tool_parse_long(state, arg, "--cpu", 0,
						sysconf(_SC_NPROCESSORS_CONF) - 1);
		break;
	}
	return true;
}

/* ARGP_KEY_END: the combinations no branch honours. */
void tool_scope_end(const struct tool *t, struct argp_state *state)
{
	struct tool_env *env = state->input;
	const char *opt = env->ntids	   ? "--tid"
			  : env->uid >= 0  ? "--uid"
			  : env->cgroup	   ? "--cgroup"
			  : env->cpu >= 0  ? "--cpu"
			  : env->npids > 1 ? "-p with several PIDs"
					   : NULL;

	if (env->npids > 1 && !(t->scope & TOOL_SCOPE_PIDS))
		tool_usage_error(state, "-p takes one PID in %s", t->name);
	if (opt && env->attach != TOOL_ATTACH_AUTO)
		tool_usage_error(state, "%s is not implemented with --%s in %s", opt,
				 env->attach == TOOL_ATTACH_KPROBE ? "kprobe" : "kfunc", t->name);
	if (env->npids && env->cmd)
		tool_usage_error(state, "-p and -c cannot be combined");
	if ((env->ntids || env->uid >= 0 || env->cgroup) && env->cmd)
		tool_usage_error(state, "-c cannot be combined with --tid, --uid or --cgroup");
}

/* The list ids[0..n) as NAME_1..NAME_16, padded with the first. */
static void define_ids(struct tool_env *env, const char *name, const int *ids, int n)
{
	static char names[2][TOOL_MAX_IDS][24];
	int which = name[5] == 'T'; /* TARG_TID */

	tool_define_int(env, name, ids[0]);
	for (int i = 0; i < TOOL_MAX_IDS; i++) {
		snprintf(names[which][i], sizeof(names[which][i]), "%s_%d", name, i + 1);
		tool_define_int(env, names[which][i], ids[i < n ? i : 0]);
	}
}

void tool_define_scope(struct tool_env *env)
{
	if (env->npids)
		define_ids(env, "TARG_PID", env->pids, env->npids);
	if (env->ntids)
		define_ids(env, "TARG_TID", env->tids, env->ntids);
	if (env->uid >= 0)
		tool_define_int(env, "TARG_UID", env->uid);
	if (env->cgroup)
		tool_define_int(env, "TARG_CGROUP", (int64_t)env->cgroup);
	if (env->cpu >= 0)
		tool_define_int(env, "TARG_CPU", env->cpu);
}
