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
	"Trace failed open(2) calls: command, path and errno.\n"
	"\n"
	"USAGE: openerr [-e ERRNO] [-a] [-s] [-x] [-p PID | -c CMD] [-n COMM] [duration]\n"
	"\v"
	"EXAMPLES:\n"
	"    openerr                      # every failed open, until Ctrl-C\n"
	"    openerr -c 'cat /proc/1/mapss'   # the opens of one command\n"
	"    openerr -e ENOENT            # only \"no such file\" failures\n"
	"    openerr -e 13 -x             # EACCES only, errno printed by name\n"
	"    openerr -a -p 185            # all opens of PID 185, fd on success\n"
	"    openerr -s 10                # count failures by errno and path for 10 s\n";

static struct {
	int errnum; /* -e, 0: any */
	bool all, summary, names;
} my;

static const struct argp_option opts[] = {
	{ "errno", 'e', "ERRNO", 0, "Only this errno (name like ENOENT, or a number)", 0 },
	{ "all", 'a', NULL, 0, "Show successful opens too (fd N)", 0 },
	{ "summary", 's', NULL, 0, "Count failures by errno and path, print at exit", 0 },
	{ "names", 'x', NULL, 0, "Print errno names (ENOENT) instead of numbers", 0 },
	{ 0 },
};

/* glibc's strerrorname_np() names each errno; plus the aliases it lacks */
static int errno_by_name(const char *s)
{
	static const struct {
		const char *name;
		int num;
	} aliases[] = {
		{ "EWOULDBLOCK", EWOULDBLOCK },
		{ "EDEADLOCK", EDEADLOCK },
		{ "ENOTSUP", ENOTSUP },
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
		my.names = true;
		break;
	case ARGP_KEY_END:
		if (my.all && my.errnum)
			tool_usage_error(state, "-a cannot be combined with -e");
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
	if (my.names)
		tool_define_flag(&env, "ERRNO_NAMES");
	return tool_run(&tool, &env);
}
