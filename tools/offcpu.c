// SPDX-License-Identifier: GPL-2.0
/*
 * offcpu: off-CPU time by kernel stack and command, from the seed's
 * offcpu.bt. Script: share/scripts/offcpu.bt.
 */
#include <string.h>

#include "offcpu.bt.h"
#include "tool.h"

static const char doc[] =
	"Sum the time threads spend off-CPU (blocked, sleeping), by stack and command.\n"
	"\n"
	"USAGE: offcpu [-m MIN_US] [-M MAX_US] [--state D|S] [-K | -U] [--ns|--us|--ms]\n"
	"         [-p PID[,PID...] | --tid TID[,TID...] | -c CMD] [--uid UID]\n"
	"         [--cgroup PATH] [--cpu N] [-n COMM] [-f] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    offcpu -c 'sleep 1'          # where `sleep 1' waits: ~1000000 us\n"
	"    offcpu -p 185 --ms 10        # PID 185 for 10 seconds, in milliseconds\n"
	"    offcpu -m 1000 -n nginx      # nginx threads blocked 1 ms or longer\n"
	"    offcpu --state D             # uninterruptible waits only (disk, locks)\n"
	"    offcpu -K --depth 8          # kernel stacks only, 8 frames each\n"
	"    offcpu -f 5 > off.folded     # input for flamegraph.pl\n";

enum { OPT_STATE = TOOL_KEY_USER };

static struct {
	struct tool_range_us range;
	char state; /* --state: 'D', 'S', 0: any */
} my = {.range = TOOL_RANGE_US_INIT};

static const struct argp_option opts[] = {
	{"min-block", 'm', "MIN_US", 0, "Only off-CPU periods of at least MIN_US microseconds", 0},
	{"max-block", 'M', "MAX_US", 0, "Only off-CPU periods of at most MAX_US microseconds", 0},
	{"state", OPT_STATE, "D|S", 0, "Only uninterruptible (D) or interruptible (S) waits", 0},
	{0},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	struct tool_env *env = state->input;

	if (tool_opt_range_us(key, arg, state, &my.range))
		return 0;
	if (key == OPT_STATE) {
		if (strcmp(arg, "D") && strcmp(arg, "S"))
			tool_usage_error(state, "invalid state '%s' for --state (D or S)", arg);
		my.state = arg[0];
		return 0;
	}
	if (key == ARGP_KEY_END && my.state && env->attach != TOOL_ATTACH_AUTO)
		tool_usage_error(state, "--state is not implemented with --kprobe or --kfunc");
	return ARGP_ERR_UNKNOWN;
}

static const struct tool tool = {
	.name = "offcpu",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS | TOOL_KU | TOOL_UNITS | TOOL_ATTACH,
	.script = offcpu_bt,
	.script_name = "offcpu.bt",
	.scope = TOOL_SCOPE_PIDS | TOOL_SCOPE_CPU,
	.depth = 127,
	.no_timestamp = "it prints once, at exit",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_range_us(&env, &my.range);
	if (my.state)
		tool_define_flag(&env, my.state == 'D' ? "STATE_D" : "STATE_S");
	return tool_run(&tool, &env);
}
