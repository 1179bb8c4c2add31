// SPDX-License-Identifier: GPL-2.0
/*
 * oncpu: sampled on-CPU stacks of a command, a PID or everything, from the
 * seed's on_cpu.bt. Script: share/scripts/oncpu.bt.
 */
#include "oncpu.bt.h"
#include "tool.h"

static const char doc[] =
	"Sample on-CPU stacks at a fixed rate and count them.\n"
	"\n"
	"USAGE: oncpu [-F HZ] [-K] [-U] [-p PID | -c CMD] [-n COMM] [--folded] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    oncpu                        # kernel stacks, 99 Hz, until Ctrl-C\n"
	"    oncpu -F 9999 -c 'dd if=/dev/zero of=/dev/null bs=1M count=3000'\n"
	"                                 # where dd spends its CPU time\n"
	"    oncpu -p 185 -U 5            # user stacks of PID 185 for 5 seconds\n"
	"    oncpu -K -U --depth 10       # kernel and user stacks, 10 frames each\n"
	"    oncpu --folded 10 > out.folded   # input for flamegraph.pl\n";

static struct {
	long hz;
	struct tool_stacks stacks;
} my = { .hz = 99 };

static const struct argp_option opts[] = {
	{ "frequency", 'F', "HZ", 0, "Sample at HZ samples a second per CPU (default 99)", 0 },
	{ "kernel-stacks", 'K', NULL, 0, "Kernel stacks (the default)", 0 },
	{ "user-stacks", 'U', NULL, 0, "User stacks (with -K: both)", 0 },
	{ 0 },
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'F':
		my.hz = tool_parse_long(state, arg, "-F", 1, 100000);
		break;
	default:
		return tool_opt_stacks(key, &my.stacks) ? 0 : ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "oncpu",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS,
	.script = oncpu_bt,
	.script_name = "oncpu.bt",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_int(&env, "HZ", my.hz);
	tool_define_stacks(&env, &my.stacks);
	return tool_run(&tool, &env);
}
