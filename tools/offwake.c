// SPDX-License-Identifier: GPL-2.0
/*
 * offwake: off-CPU time joined with the waker's stack, from the seed's
 * offwakecpu.bt. Script: share/scripts/offwake.bt.
 */
#include "offwake.bt.h"
#include "tool.h"

static const char doc[] =
	"Sum off-CPU time by command, sleeper stack and waker stack.\n"
	"\n"
	"USAGE: offwake [-m MIN_US] [-M MAX_US] [-K | -U] [--ns|--us|--ms] [--depth N]\n"
	"          [-p PID[,PID...] | --tid TID[,TID...] | -c CMD] [--uid UID]\n"
	"          [--cgroup PATH] [-n COMM] [-f] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    offwake -c 'sleep 1'         # sleep's nanosleep stack, woken by hrtimer_wakeup\n"
	"    offwake -p 185 10            # PID 185 for 10 seconds\n"
	"    offwake -K -m 10000 --depth 12   # kernel stacks, waits of 10 ms or more\n"
	"    offwake -f 5 > ow.folded     # comm;sleeper;--;waker lines\n";

static struct tool_range_us range = TOOL_RANGE_US_INIT;

static const struct argp_option opts[] = {
	{"min-block", 'm', "MIN_US", 0, "Only off-CPU periods of at least MIN_US microseconds", 0},
	{"max-block", 'M', "MAX_US", 0, "Only off-CPU periods of at most MAX_US microseconds", 0},
	{0},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	return tool_opt_range_us(key, arg, state, &range) ? 0 : ARGP_ERR_UNKNOWN;
}

static const struct tool tool = {
	.name = "offwake",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS | TOOL_KU | TOOL_UNITS,
	.script = offwake_bt,
	.script_name = "offwake.bt",
	.scope = TOOL_SCOPE_PIDS,
	.depth = 7,
	.no_timestamp = "it prints once, at exit",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_range_us(&env, &range);
	return tool_run(&tool, &env);
}
