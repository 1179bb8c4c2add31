// SPDX-License-Identifier: GPL-2.0
/*
 * bt -l -p PID [PATTERN], as bpftrace 0.17: the uprobes of the process's
 * executable and the USDT probes of it and of the libraries it has loaded,
 * named under /proc/PID/root. With a pattern, the ones it matches; a
 * uretprobe pattern lists uretprobes the same way; a pattern of another
 * provider lists as without -p.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/bt.h>

#include <bt/vec.h>

#include "front/diag.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"
#include "sym/usym.h"

/* The provider a pattern names ("uprobe" for "u:*"), or NULL when it has no ':'. */
static const char *pattern_provider(const char *pattern, char *buf, size_t len)
{
	const char *colon = pattern ? strchr(pattern, ':') : NULL;
	const struct bt_provider *pv;

	if (!colon || (size_t)(colon - pattern) >= len)
		return NULL;
	memcpy(buf, pattern, colon - pattern);
	buf[colon - pattern] = '\0';
	pv = bt_provider_find(buf);
	return pv ? pv->name : buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct entries {
	char **v;
	size_t n;
};

/* Runs one provider's list for "PROV:FILE:*" and keeps the entries (a name
 * line, then -lv's indented lines) whose name matches pattern. */
static void list_file(int (*fn)(const char *, bool, FILE *), const char *prov, const char *file,
		      const char *pattern, bool verbose, struct entries *e)
{
	char *buf = NULL, *pat, *line, *save;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return;
	if (asprintf(&pat, "%s:%s:*", prov, file) >= 0) {
		fn(pat, verbose, m);
		free(pat);
	}
	fclose(m);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == ' ') {
			char *last = e->n ? e->v[e->n - 1] : NULL, *joined;

			if (last && asprintf(&joined, "%s\n%s", last, line) >= 0) {
				free(last);
				e->v[e->n - 1] = joined;
			}
			continue;
		}
		if (!bt_probe_match(pattern, line))
			continue;
		if (bt_vec_push(e->v, e->n))
			break;
		e->v[e->n] = strdup(line);
		if (e->v[e->n])
			e->n++;
	}
	free(buf);
}

static void print_entries(struct entries *e, bool sort)
{
	if (sort)
		qsort(e->v, e->n, sizeof(*e->v), cmp_str);
	for (size_t i = 0; i < e->n; i++)
		printf("%s\n", e->v[i]);
	bt_strv_free(e->v, e->n);
	*e = (struct entries){0};
}

/* "bt: error: cannot read process PID: WHY" (bt -l has no script to locate
 * errors in); returns the exit status, 1. */
static int pid_error(int pid, int err)
{
	struct bt_diag d;

	bt_diag_init(&d, "bt");
	if (err == -ENOENT)
		bt_diag(&d, BT_SEV_ERROR, NULL,
			"cannot read process %d: it has no executable (a kernel thread or a "
			"zombie)",
			pid);
	else
		bt_diag(&d, BT_SEV_ERROR, NULL, "cannot read process %d: %s", pid, strerror(-err));
	bt_diag_fini(&d);
	return 1;
}

int bt_list_pid(const char *pattern, bool verbose, int pid)
{
	char buf[64], **files;
	const char *prov = pattern_provider(pattern, buf, sizeof(buf));
	struct entries e = {0};
	size_t n;
	int err;

	if (prov && strcmp(prov, "uprobe") && strcmp(prov, "uretprobe") && strcmp(prov, "usdt"))
		return bt_list(pattern, verbose);
	err = bt_upid_files(pid, true, &files, &n);
	if (err)
		return pid_error(pid, err);
	if (!prov || !strcmp(prov, "uprobe"))
		list_file(bt_uprobe_list, "uprobe", files[0], pattern, verbose, &e);
	else if (!strcmp(prov, "uretprobe"))
		list_file(bt_uretprobe_list, "uretprobe", files[0], pattern, verbose, &e);
	print_entries(&e, false);
	if (!prov || !strcmp(prov, "usdt")) {
		for (size_t i = 0; i < n; i++)
			list_file(bt_usdt_list, "usdt", files[i], pattern, verbose, &e);
		print_entries(&e, true); /* by the whole name, as bpftrace */
	}
	bt_strv_free(files, n);
	fflush(stdout);
	return 0;
}
