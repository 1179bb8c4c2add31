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
	"USAGE: oncpu [-F HZ] [-K | -U] [-p PID[,PID...] | --tid TID[,TID...] | -c CMD]\n"
	"             [--uid UID] [--cgroup PATH] [--cpu N] [-n COMM] [-f] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    oncpu                        # kernel and user stacks, 99 Hz, until Ctrl-C\n"
	"    oncpu -F 9999 -c 'dd if=/dev/zero of=/dev/null bs=1M count=3000'\n"
	"                                 # where dd spends its CPU time\n"
	"    oncpu -p 185 -U 5            # user stacks of PID 185 for 5 seconds\n"
	"    oncpu -K --depth 10          # kernel stacks only, 10 frames each\n"
	"    oncpu --cpu 0 --uid 1000 5   # user 1000 on CPU 0 for 5 seconds\n"
	"    oncpu -f 10 > out.folded     # input for flamegraph.pl\n";

static struct {
	long hz;
} my = {.hz = 99};

static const struct argp_option opts[] = {
	{"frequency", 'F', "HZ", 0, "Sample at HZ samples a second per CPU (default 99)", 0},
	{0},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'F':
		my.hz = tool_parse_long(state, arg, "-F", 1, 100000);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "oncpu",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_STACKS | TOOL_KU,
	.script = oncpu_bt,
	.script_name = "oncpu.bt",
	.scope = TOOL_SCOPE_PIDS | TOOL_SCOPE_CPU,
	.depth = 127,
	.no_timestamp = "it prints once, at exit",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_int(&env, "HZ", my.hz);
	return tool_run(&tool, &env);
}
