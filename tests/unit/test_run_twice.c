// SPDX-License-Identifier: GPL-2.0
/*
 * No hidden state: bt_run() several times in one process, each with another
 * script, prints each script's output (needs root and BPF: skipped, with the
 * reason, otherwise). The code generator is loaded from the build directory.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/bt.h>

#include "unit.h"

/* Runs script with stdout on a temporary file; returns what it printed (malloc'd). */
static char *run(const char *script, int *status)
{
	char path[] = "/tmp/bt_run_twice_XXXXXX", *text;
	int fd = mkstemp(path), saved;
	struct bt_run_opts o = { .prog_name = "bt", .script = script,
				 .script_len = strlen(script), .no_cache = true };
	long n;
	FILE *f;

	if (fd < 0)
		return NULL;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	*status = bt_run(&o);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	f = fopen(path, "r");
	unlink(path);
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

static void check_run(const char *script, const char *want)
{
	int status = -1;
	char *got = run(script, &status);

	CHECK_INT(status, 0);
	CHECK_STR(got, want);
	free(got);
}

/* bt-codegen.so beside the build's bt: build/unit/.. */
static int find_codegen(void)
{
	char exe[PATH_MAX], so[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	exe[n] = 0;
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = 0;
	snprintf(so, sizeof(so), "%s/../bt-codegen.so", exe);
	if (access(so, R_OK))
		return -1;
	return setenv("BT_CODEGEN", so, 1);
}

int main(void)
{
	static const char one[] = "BEGIN { printf(\"one %d\\n\", 1); @a = count(); exit(); }";
	static const char two[] =
		"BEGIN,END { printf(\"two %s %s\\n\", probe, \"x\"); @b = sum(5); } "
		"BEGIN { exit(); }";
	static const char bad[] = "BEGIN { @x = 1; @x = \"s\"; }";
	int status = -1;
	char *got;

	if (geteuid() != 0) {
		printf("run_twice: skipped: bt_run needs root to load BPF programs\n");
		return unit_done("run_twice");
	}
	if (find_codegen()) {
		printf("run_twice: skipped: no bt-codegen.so beside the unit tests\n");
		return unit_done("run_twice");
	}
	check_run(one, "Attaching 1 probe...\none 1\n\n\n@a: 1\n");
	check_run(two, "Attaching 3 probes...\ntwo BEGIN x\ntwo END x\n\n\n@b: 10\n");
	/* a script with an error prints nothing and fails, and leaves nothing behind */
	got = run(bad, &status);
	CHECK_INT(status, 1);
	CHECK_STR(got, "");
	free(got);
	/* the first again: nothing of the runs before it shows */
	check_run(one, "Attaching 1 probe...\none 1\n\n\n@a: 1\n");
	return unit_done("run_twice");
}
