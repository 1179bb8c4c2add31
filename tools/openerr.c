// SPDX-License-Identifier: GPL-2.0
/*
 * openerr: failed opens with the file name and errno (open, openat,
 * openat2), from the seed's openat.bt. Script: share/scripts/openerr.bt.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "openerr.bt.h"
#include "tool.h"

static const char doc[] =
	"Trace failed open(2) calls: PID, command, errno and path (opensnoop -x).\n"
	"\n"
	"USAGE: openerr [-x | -a] [-e ERRNO] [-s] [--errno-numbers]\n"
	"          [-p PID[,PID...] | --tid TID[,TID...] | -c CMD] [--uid UID]\n"
	"          [--cgroup PATH] [-n COMM] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    openerr                      # every failed open, until Ctrl-C\n"
	"    openerr -c 'cat /proc/1/mapss'   # the opens of one command\n"
	"    openerr -e ENOENT            # only \"no such file\" failures\n"
	"    openerr -e 13 --errno-numbers    # EACCES only, errno printed as 13\n"
	"    openerr -a -p 185,186        # all opens of PIDs 185 and 186, with the FD\n"
	"    openerr -s 10                # count failures by errno and path for 10 s\n";

enum { OPT_ERRNO_NUMBERS = TOOL_KEY_USER };

static struct {
	int errnum; /* -e, 0: any */
	bool all, summary, numbers, failed;
} my;

static const struct argp_option opts[] = {
	{"errno", 'e', "ERRNO", 0, "Only this errno (name like ENOENT, or a number)", 0},
	{"all", 'a', NULL, 0, "Show successful opens too, with an FD column", 0},
	{"failed", 'x', NULL, 0, "Failed opens only (the default, as opensnoop -x)", 0},
	{"summary", 's', NULL, 0, "Count failures by errno and path, print at exit", 0},
	{"errno-numbers", OPT_ERRNO_NUMBERS, NULL, 0, "Print errno numbers (2), not names (ENOENT)",
	 0},
	{0},
};

/* glibc's strerrorname_np() names each errno; plus the aliases it lacks */
static int errno_by_name(const char *s)
{
	static const struct {
		const char *name;
		int num;
	} aliases[] = {
		{"EWOULDBLOCK", EWOULDBLOCK},
		{"EDEADLOCK", EDEADLOCK},
		{"ENOTSUP", ENOTSUP},
	};
	const char *n;
	size_t i;
	int e;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(s, aliases[i].name))
			return aliases[i].num;
	for (e = 1; e < 4096; e++) {
		n = strerrorname_np(e);
		if (n && !strcmp(n, s))
			return e;
	}
	return 0;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	char *end;
	long v;

	switch (key) {
	case 'e':
		errno = 0;
		v = strtol(arg, &end, 10);
		if (!errno && end != arg && !*end && v > 0 && v < 4096)
			my.errnum = (int)v;
		else if (!(my.errnum = errno_by_name(arg)))
			tool_usage_error(state, "invalid errno '%s' for -e", arg);
		break;
	case 'a':
		my.all = true;
		break;
	case 's':
		my.summary = true;
		break;
	case 'x':
		my.failed = true;
		break;
	case OPT_ERRNO_NUMBERS:
		my.numbers = true;
		break;
	case ARGP_KEY_END:
		if (my.all && my.errnum)
			tool_usage_error(state, "-a cannot be combined with -e");
		if (my.all && my.failed)
			tool_usage_error(state,
					 "-a cannot be combined with -x (failed opens only)");
		if (my.all && my.summary)
			tool_usage_error(state,
					 "-a cannot be combined with -s (it counts failures)");
		if (my.summary && ((struct tool_env *)state->input)->timestamp)
			tool_usage_error(
				state, "-T means nothing with -s: the counts print once, at exit");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "openerr",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_DURATION | TOOL_ATTACH,
	.script = openerr_bt,
	.script_name = "openerr.bt",
	.scope = TOOL_SCOPE_PIDS,
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.errnum)
		tool_define_int(&env, "TARG_ERRNO", my.errnum);
	if (my.all)
		tool_define_flag(&env, "ALL");
	if (my.summary)
		tool_define_flag(&env, "SUMMARY");
	if (my.numbers)
		tool_define_flag(&env, "ERRNO_NUMBERS");
	return tool_run(&tool, &env);
}
