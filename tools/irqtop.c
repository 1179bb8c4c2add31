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
	"Count hardware interrupts by CPU, IRQ number and handler name.\n"
	"\n"
	"USAGE: irqtop [--top N] [-C] [-s] [-R] [interval] [count]\n"
	"\v"
	"Every interval (default 2 s) prints the time and the N (default 5) most\n"
	"frequent @irq[cpu, irq, name] counts since the start (-R: since the last\n"
	"print). -s adds @softirq[cpu, vector name].\n"
	"\n"
	"EXAMPLES:\n"
	"    irqtop                   # top 5 every 2 s until Ctrl-C\n"
	"    irqtop 1 5               # every second, five times\n"
	"    irqtop --top 10 -C       # top 10, all CPUs together: @irq[irq, name]\n"
	"    irqtop -s -R             # with softirqs, counts per interval\n";

enum { OPT_TOP = TOOL_KEY_USER };

static const struct argp_option opts[] = {
	{ "top", OPT_TOP, "N", 0, "Print the N most frequent (default 5)", 0 },
	{ "collapse", 'C', NULL, 0, "Count all CPUs together", 0 },
	{ "softirq", 's', NULL, 0, "Also count softirqs by vector name", 0 },
	{ "reset", 'R', NULL, 0, "Reset the counts after each print", 0 },
	{ 0 },
};

static struct {
	long top;
	bool collapse, softirq, reset;
} my;

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_TOP:
		my.top = tool_parse_long(state, arg, "--top", 1, INT_MAX);
		break;
	case 'C':
		my.collapse = true;
		break;
	case 's':
		my.softirq = true;
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
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_NOTARGET,
	.script = irqtop_bt,
	.script_name = "irqtop.bt",
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.top)
		tool_define_int(&env, "TOP", my.top);
	if (my.collapse)
		tool_define_flag(&env, "COLLAPSE");
	if (my.softirq)
		tool_define_flag(&env, "SOFTIRQ");
	if (my.reset)
		tool_define_flag(&env, "RESET");
	return tool_run(&tool, &env);
}
