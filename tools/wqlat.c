// SPDX-License-Identifier: GPL-2.0
/*
 * wqlat: workqueue item run time by work function (seed: wq.bt), optionally
 * with queue-to-start latency, every interval.
 */
#include <ctype.h>
#include <string.h>

#include "tool.h"
#include "wqlat.bt.h"

static const char doc[] =
	"Workqueue item run time by work function, in microseconds.\n"
	"\n"
	"USAGE: wqlat [-H] [-Q] [--func FUNC] [-w WQNAME] [--cpu N] [--ns|--us|--ms]\n"
	"             [-p PID] [-n COMM] [-c CMD] [interval] [count]\n"
	"\v"
	"Every interval (default 5 s) prints @pending (items running now, by\n"
	"thread) and @run[function] stats (count, average, total, in microseconds)\n"
	"of the items that finished in the interval. -w counts only items queued\n"
	"while tracing. -p and -n match the kworker that runs the item, not the\n"
	"process that queued it; -c CMD traces system-wide until CMD exits.\n"
	"\n"
	"EXAMPLES:\n"
	"    wqlat                    # stats every 5 s until Ctrl-C\n"
	"    wqlat 1 10               # every second, ten times\n"
	"    wqlat -H                 # histograms instead of stats\n"
	"    wqlat -Q --ms            # also @queued: queue-to-start latency, in ms\n"
	"    wqlat --cpu 0            # items run on CPU 0\n"
	"    wqlat --func vmstat_update   # this work function only\n"
	"    wqlat -w events_unbound  # items of this workqueue only\n";

enum { OPT_FUNC = TOOL_KEY_USER };

static const struct argp_option opts[] = {
	{"hist", 'H', NULL, 0, "Print histograms instead of stats", 0},
	{"queued", 'Q', NULL, 0, "Also show queue-to-start latency (@queued)", 0},
	{"func", OPT_FUNC, "FUNC", 0, "Trace this work function only", 0},
	{"workqueue", 'w', "WQNAME", 0, "Trace items queued on this workqueue only", 0},
	{0},
};

static struct {
	bool hist, queued;
	const char *func, *wq;
} my;

static bool is_ident(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
			return false;
	return true;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'H':
		my.hist = true;
		break;
	case 'Q':
		my.queued = true;
		break;
	case OPT_FUNC:
		if (!is_ident(arg))
			tool_usage_error(state, "invalid function name '%s' for --func", arg);
		my.func = arg;
		break;
	case 'w':
		/* the tracepoint's name is a char[WQ_NAME_LEN = 32] */
		if (!*arg || strlen(arg) > 31)
			tool_usage_error(state, "invalid workqueue name '%s' for -w", arg);
		my.wq = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "wqlat",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_UNITS,
	.script = wqlat_bt,
	.script_name = "wqlat.bt",
	.scope = TOOL_SCOPE_CPU,
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.hist)
		tool_define_flag(&env, "HIST");
	if (my.queued)
		tool_define_flag(&env, "QUEUED");
	if (my.func)
		tool_define_str(&env, "FUNC", my.func);
	if (my.wq)
		tool_define_str(&env, "WQNAME", my.wq);
	return tool_run(&tool, &env);
}
