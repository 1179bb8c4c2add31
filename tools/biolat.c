// SPDX-License-Identifier: GPL-2.0
/*
 * biolat: block IO latency per disk (seed: bio.bt): a hist and stats keyed
 * by the disk's name, from the block_rq_* raw tracepoints.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "tool.h"
#include "biolat.bt.h"

static const char doc[] =
	"Block IO latency per disk, in microseconds: histogram and stats.\n"
	"\n"
	"USAGE: biolat [--disk NAME] [-Q] [-F] [--ns|--us|--ms] [-T] [interval] [count]\n"
	"\v"
	"Times each request from issue to completion (-Q: from insertion into the\n"
	"queue) and prints @dist[disk] (hist) and @stat[disk] (count, average,\n"
	"total) in microseconds (--ns, --ms: other units); without [interval], on\n"
	"Ctrl-C.\n"
	"\n"
	"EXAMPLES:\n"
	"    biolat                   # until Ctrl-C\n"
	"    biolat 1 10              # every second, ten times\n"
	"    biolat --disk vda        # only the disk vda\n"
	"    biolat -Q                # include the time queued in the kernel\n"
	"    biolat -F                # per IO flags: Read, Sync-Write, Flush...\n"
	"    biolat --ms -T 10        # milliseconds, every 10 s with the time\n";

enum { OPT_DISK = TOOL_KEY_USER };

static const struct argp_option opts[] = {
	{"disk", OPT_DISK, "NAME", 0, "Trace this disk only (as in /sys/block)", 0},
	{"queued", 'Q', NULL, 0, "Include the time queued in the kernel", 0},
	{"flag", 'F', NULL, 0, "One histogram per IO flags set", 0},
	{0},
};

static struct {
	const char *disk;
	bool queued, flags;
} my;

/* "vda nvme0n1 ...": the names in /sys/block, for the error message. */
static void list_disks(char *buf, size_t len)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;
	size_t n = 0;

	buf[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", e->d_name);
		if (w < 0 || (size_t)w >= len - n)
			break;
		n += (size_t)w;
	}
	closedir(d);
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	char path[64], disks[256];
	FILE *f;

	switch (key) {
	case OPT_DISK:
		/* disk_name is a char[DISK_NAME_LEN = 32]; no '/' in a name */
		if (!*arg || strlen(arg) > 31 || strchr(arg, '/'))
			tool_usage_error(state, "invalid disk name '%s' for --disk", arg);
		snprintf(path, sizeof(path), "/sys/block/%s/dev", arg);
		f = fopen(path, "r");
		if (!f) {
			list_disks(disks, sizeof(disks));
			tool_usage_error(state, "no disk '%s' (disks here: %s)", arg, disks);
		}
		fclose(f);
		my.disk = arg;
		break;
	case 'Q':
		my.queued = true;
		break;
	case 'F':
		my.flags = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "biolat",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_NOTARGET | TOOL_UNITS,
	.script = biolat_bt,
	.script_name = "biolat.bt",
	.once_without_interval = true,
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	if (my.disk)
		tool_define_str(&env, "DISK", my.disk);
	if (my.queued)
		tool_define_flag(&env, "QUEUED");
	if (my.flags)
		tool_define_flag(&env, "FLAGS");
	return tool_run(&tool, &env);
}
