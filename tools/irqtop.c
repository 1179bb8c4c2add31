// SPDX-License-Identifier: GPL-2.0
/*
 * irqtop: which CPU handles which IRQ (seed: irq.bt): every interval the
 * time and the top N @irq[cpu, irq, name] counts.
 */
#include <limits.h>
#include <stdio.h>

#include "tool.h"
#include "irqtop.bt.h"

static const char doc[] =
	"Time spent in hardware interrupt handlers by CPU, IRQ number and name.\n"
	"\n"
	"USAGE: irqtop [--top N] [-C] [--all-cpus] [--softirq] [-R] [--cpu N]\n"
	"              [--ns|--us|--ms] [interval] [count]\n"
	"\v"
	"Every interval (default 2 s) prints the time and the N (default 5)\n"
	"largest @irq[cpu, irq, name] totals of time in the handlers (entry to\n"
	"exit, in microseconds; -C: counts of interrupts) since the start (-R:\n"
	"since the last print). --softirq adds @softirq[cpu, vector name].\n"
	"\n"
	"EXAMPLES:\n"
	"    irqtop                   # top 5 by handler time every 2 s until Ctrl-C\n"
	"    irqtop 1 5               # every second, five times\n"
	"    irqtop -C --top 10 --all-cpus   # top 10 counts, all CPUs: @irq[irq, name]\n"
	"    irqtop --softirq -R --ns # with softirqs, per interval, in nanoseconds\n"
	"    irqtop --cpu 3           # the interrupts CPU 3 handles\n";

enum { OPT_TOP = TOOL_KEY_USER, OPT_ALL_CPUS, OPT_SOFTIRQ };

static const struct argp_option opts[] = {
	{"top", OPT_TOP, "N", 0, "Print the N largest (default 5)", 0},
	{"count", 'C', NULL, 0, "Count interrupts instead of timing the handlers", 0},
	{"all-cpus", OPT_ALL_CPUS, NULL, 0, "All CPUs together", 0},
	{"softirq", OPT_SOFTIRQ, NULL, 0, "Also softirqs by vector name", 0},
	{"reset", 'R', NULL, 0, "Reset the totals after each print", 0},
	{0},
};

static struct {
	long top;
	bool counts, all_cpus, softirq, reset;
} my;

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_TOP:
		my.top = tool_parse_long(state, arg, "--top", 1, INT_MAX);
		break;
	case 'C':
		my.counts = true;
		break;
	case OPT_ALL_CPUS:
		my.all_cpus = true;
		break;
	case OPT_SOFTIRQ:
		my.softirq = true;
		break;
	case ARGP_KEY_END:
		if (!my.counts && ((struct tool_env *)state->input)->attach != TOOL_ATTACH_AUTO)
			tool_usage_error(state, "--kprobe and --kfunc count only: add -C (handler "
						"times need the irq tracepoints)");
		break;
	case 'R':
		my.reset = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "irqtop",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_NOTARGET | TOOL_UNITS,
	.script = irqtop_bt,
	.script_name = "irqtop.bt",
	.scope = TOOL_SCOPE_CPU,
	.no_timestamp = "it prints the time every interval",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.top)
		tool_define_int(&env, "TOP", my.top);
	if (my.counts)
		tool_define_flag(&env, "COUNTS");
	if (my.all_cpus)
		tool_define_flag(&env, "ALL_CPUS");
	if (my.softirq)
		tool_define_flag(&env, "SOFTIRQ");
	if (my.reset)
		tool_define_flag(&env, "RESET");
	return tool_run(&tool, &env);
}
