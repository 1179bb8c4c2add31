// SPDX-License-Identifier: GPL-2.0
/*
 * offwake: off-CPU time joined with the waker's stack, from the seed's
 * offwakecpu.bt. Script: share/scripts/offwake.bt.
 */
#include <limits.h>

#include "offwake.bt.h"
#include "tool.h"

static const char doc[] =
	"Sum off-CPU time (us) by command, sleeper stack and waker stack.\n"
	"\n"
	"USAGE: offwake [-m MIN_US] [-M MAX_US] [--depth N] [-p PID | -c CMD] [-n COMM] "
	"[duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    offwake -c 'sleep 1'         # sleep's nanosleep stack, woken by hrtimer_wakeup\n"
	"    offwake -p 185 10            # PID 185 for 10 seconds\n"
	"    offwake -m 10000 --depth 12  # waits of 10 ms or more, 12 frames a stack\n"
	"    offwake --folded 5 > ow.folded   # comm;sleeper;--;waker lines\n";

static struct {
	long min_us, max_us; /* -1: not given */
} my = { -1, -1 };

static const struct argp_option opts[] = {
	{ "min-block", 'm', "MIN_US", 0, "Only off-CPU periods of at least MIN_US microseconds", 0 },
	{ "max-block", 'M', "MAX_US", 0, "Only off-CPU periods of at most MAX_US microseconds", 0 },
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
	.name = "offwake",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS,
	.script = offwake_bt,
	.script_name = "offwake.bt",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.min_us >= 0)
		tool_define_int(&env, "MIN_US", my.min_us);
	if (my.max_us >= 0)
		tool_define_int(&env, "MAX_US", my.max_us);
	return tool_run(&tool, &env);
}
