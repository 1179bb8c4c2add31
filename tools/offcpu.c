// SPDX-License-Identifier: GPL-2.0
/*
 * offcpu: off-CPU time by kernel stack and command, from the seed's
 * offcpu.bt. Script: share/scripts/offcpu.bt.
 */
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
	struct tool_range_us range;
	struct tool_stacks stacks;
} my = { .range = TOOL_RANGE_US_INIT };

static const struct argp_option opts[] = {
	{ "min-block", 'm', "MIN_US", 0, "Only off-CPU periods of at least MIN_US microseconds", 0 },
	{ "max-block", 'M', "MAX_US", 0, "Only off-CPU periods of at most MAX_US microseconds", 0 },
	{ "kernel-stacks", 'K', NULL, 0, "Kernel stacks (the default)", 0 },
	{ "user-stacks", 'U', NULL, 0, "User stacks (with -K: both)", 0 },
	{ 0 },
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	if (tool_opt_range_us(key, arg, state, &my.range) || tool_opt_stacks(key, &my.stacks))
		return 0;
	return ARGP_ERR_UNKNOWN;
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
	tool_define_range_us(&env, &my.range);
	tool_define_stacks(&env, &my.stacks);
	return tool_run(&tool, &env);
}
