// SPDX-License-Identifier: GPL-2.0
/*
 * offcpu: off-CPU time by kernel stack and command, from the seed's
 * offcpu.bt. Script: share/scripts/offcpu.bt.
 */
#include <limits.h>

#include "offcpu.bt.h"
#include "tool.h"

static const char doc[] =
	"Sum the time threads spend off-CPU (blocked, sleeping), by stack and command.\n"
	"\n"
	"USAGE: offcpu [-m MIN_US] [-M MAX_US] [-K] [-U] [-p PID | -c CMD] [-n COMM] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    offcpu -c 'sleep 1'          # where `sleep 1' waits: ~1000000000 ns\n"
	"    offcpu -p 185 --us 10        # PID 185 for 10 seconds, in microseconds\n"
	"    offcpu -m 1000 -n nginx      # nginx threads blocked 1 ms or longer\n"
	"    offcpu -K -U --depth 8       # kernel and user stacks, 8 frames each\n"
	"    offcpu --folded 5 > off.folded   # input for flamegraph.pl\n";

static struct {
	long min_us, max_us; /* -1: not given */
	bool kernel, user;
} my = { -1, -1, false, false };

static const struct argp_option opts[] = {
	{ "min-block", 'm', "MIN_US", 0, "Only off-CPU periods of at least MIN_US microseconds", 0 },
	{ "max-block", 'M', "MAX_US", 0, "Only off-CPU periods of at most MAX_US microseconds", 0 },
	{ "kernel-stacks", 'K', NULL, 0, "Kernel stacks (the default)", 0 },
	{ "user-stacks", 'U', NULL, 0, "User stacks (with -K: both)", 0 },
	{ 0 },
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'm':
		my.min_us = tool_parse_long(state, arg, "-m", 0, LONG_MAX / 1000);
		break;
	case 'M':
		my.max_us = tool_parse_long(state, arg, "-M", 0, LONG_MAX / 1000);
		break;
	case 'K':
		my.kernel = true;
		break;
	case 'U':
		my.user = true;
		break;
	case ARGP_KEY_END:
		if (my.min_us >= 0 && my.max_us >= 0 && my.max_us < my.min_us)
			tool_usage_error(state, "-M %ld is less than -m %ld", my.max_us, my.min_us);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "offcpu",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS | TOOL_UNITS | TOOL_ATTACH,
	.script = offcpu_bt,
	.script_name = "offcpu.bt",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.min_us >= 0)
		tool_define_int(&env, "MIN_US", my.min_us);
	if (my.max_us >= 0)
		tool_define_int(&env, "MAX_US", my.max_us);
	if (my.kernel)
		tool_define_flag(&env, "KERNEL_STACK");
	if (my.user)
		tool_define_flag(&env, "USER_STACK");
	return tool_run(&tool, &env);
}
