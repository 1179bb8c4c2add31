// SPDX-License-Identifier: GPL-2.0
/*
 * kmallocstack: who allocates kernel objects in a size range, by command and
 * kernel stack, with a linear histogram of the sizes (seed: kmalloc.bt).
 */
#include <errno.h>
#include <stdlib.h>

#include "tool.h"
#include "kmallocstack.bt.h"

static const char doc[] =
	"Count kmalloc() calls in a size range by command and kernel stack, or\n"
	"(--outstanding) the allocations not freed yet.\n"
	"\n"
	"USAGE: kmallocstack [--min SIZE] [--max SIZE] [--step SIZE | --outstanding]\n"
	"                    [--alloc]\n"
	"                    [-p PID[,PID...] | --tid TID[,TID...] | -c CMD] [--uid UID]\n"
	"                    [--cgroup PATH] [-n COMM] [-f] [interval] [count]\n"
	"\v"
	"Counts allocations with MIN < size <= MAX (default 2K < size <= 4K) in\n"
	"@detail[comm, kstack] and draws @size as lhist(size, MIN, MAX, STEP).\n"
	"Sizes take a K or M suffix (1024-based). Without [interval] the maps are\n"
	"printed on Ctrl-C. --outstanding (any size unless --min/--max) prints\n"
	"@bytes[comm, kstack] and @allocs[comm, kstack] of the allocations not\n"
	"yet passed to kfree(), kept up to date as they happen (as memleak).\n"
	"\n"
	"EXAMPLES:\n"
	"    kmallocstack                   # 2K-4K allocations until Ctrl-C\n"
	"    kmallocstack 5 3               # print every 5 s, three times\n"
	"    kmallocstack --min 64 --max 128 --step 16   # 64 < size <= 128\n"
	"    kmallocstack --alloc           # bucket by bytes_alloc, not bytes_req\n"
	"    kmallocstack -n ps --depth 4   # only ps, 4 frames per stack\n"
	"    kmallocstack --outstanding 10  # what is still allocated, every 10 s\n";

enum { OPT_MIN = TOOL_KEY_USER, OPT_MAX, OPT_STEP, OPT_ALLOC, OPT_OUTSTANDING };

static const struct argp_option opts[] = {
	{"min", OPT_MIN, "SIZE", 0, "Count sizes above SIZE (default 2K)", 0},
	{"max", OPT_MAX, "SIZE", 0, "Count sizes up to SIZE (default 4K)", 0},
	{"step", OPT_STEP, "SIZE", 0, "Histogram step (default 1K)", 0},
	{"alloc", OPT_ALLOC, NULL, 0, "Use bytes_alloc instead of bytes_req", 0},
	{"outstanding", OPT_OUTSTANDING, NULL, 0,
	 "Allocations not freed yet: bytes and count per stack", 0},
	{0},
};

static struct {
	long min, max, step;
	bool alloc, outstanding, min_set, max_set, step_set;
} my = {2048, 4096, 1024, false, false, false, false, false};

/* "2048", "2K", "4k", "1M": a size in bytes, or a usage error (exit 2). */
static long parse_size(struct argp_state *state, const char *arg, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end != arg && (*end == 'K' || *end == 'k')) {
		v = v > (1L << 40) ? -1 : v * 1024;
		end++;
	} else if (end != arg && (*end == 'M' || *end == 'm')) {
		v = v > (1L << 30) ? -1 : v * 1024 * 1024;
		end++;
	}
	if (errno || end == arg || *end || v < 0 || v > (1L << 40))
		tool_usage_error(state, "invalid size '%s' for %s", arg, what);
	return v;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_MIN:
		my.min = parse_size(state, arg, "--min");
		my.min_set = true;
		break;
	case OPT_MAX:
		my.max = parse_size(state, arg, "--max");
		my.max_set = true;
		break;
	case OPT_STEP:
		my.step = parse_size(state, arg, "--step");
		if (my.step == 0)
			tool_usage_error(state, "--step must be > 0");
		my.step_set = true;
		break;
	case OPT_ALLOC:
		my.alloc = true;
		break;
	case OPT_OUTSTANDING:
		my.outstanding = true;
		break;
	case ARGP_KEY_END:
		if (my.outstanding) {
			struct tool_env *env = state->input;

			if (my.step_set)
				tool_usage_error(state, "--step means nothing with --outstanding "
							"(no size histogram)");
			if (env->attach != TOOL_ATTACH_AUTO)
				tool_usage_error(state, "--outstanding is not implemented with "
							"--kprobe or --kfunc");
			if (!my.min_set)
				my.min = 0; /* every size (kmalloc(0) returns no object) */
			if (!my.max_set)
				my.max = 1L << 40;
			if (my.min >= my.max)
				tool_usage_error(state, "--min (%ld) must be below --max (%ld)",
						 my.min, my.max);
			break;
		}
		if (my.min >= my.max)
			tool_usage_error(state, "--min (%ld) must be below --max (%ld)", my.min,
					 my.max);
		if ((my.max - my.min) / my.step > 1000)
			tool_usage_error(state, "--step %ld gives more than 1000 buckets", my.step);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "kmallocstack",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_STACKS,
	.script = kmallocstack_bt,
	.script_name = "kmallocstack.bt",
	.scope = TOOL_SCOPE_PIDS,
	.depth = 127,
	.once_without_interval = true,
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_int(&env, "MIN_SIZE", my.min);
	tool_define_int(&env, "MAX_SIZE", my.max);
	tool_define_int(&env, "STEP", my.step);
	if (my.alloc)
		tool_define_flag(&env, "USE_ALLOC");
	if (my.outstanding)
		tool_define_flag(&env, "OUTSTANDING");
	return tool_run(&tool, &env);
}
