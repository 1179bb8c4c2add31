// SPDX-License-Identifier: GPL-2.0
/* bt -l [PATTERN]: every provider lists its probes, filtered by the pattern. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/bt.h>

#include "kernel/btf_list.h"
#include "probe/probe.h"

/* "t:sched:*" -> "tracepoint:sched:*"; returns pattern itself when no alias. */
static const char *expand_alias(const char *pattern, char *buf, size_t len)
{
	const char *colon = strchr(pattern, ':');
	const struct bt_provider *pv;
	char prov[64];

	if (!colon || (size_t)(colon - pattern) >= sizeof(prov))
		return pattern;
	memcpy(prov, pattern, colon - pattern);
	prov[colon - pattern] = '\0';
	pv = bt_provider_find(prov);
	if (!pv || !strcmp(pv->name, prov))
		return pattern;
	snprintf(buf, len, "%s%s", pv->name, colon);
	return buf;
}

bool bt_probe_match(const char *pattern, const char *name)
{
	char buf[512], last[256];
	const char *end, *start;

	if (!pattern || !*pattern)
		return true;
	pattern = expand_alias(pattern, buf, sizeof(buf));
	if (!fnmatch(pattern, name, 0))
		return true;
	if (strchr(pattern, ':'))
		return false;
	/* a bare word matches the probe's own name: "sched_switch", "vfs_*";
	 * software names end in ':' ("software:cpu-clock:") */
	end = name + strlen(name);
	if (end > name && end[-1] == ':')
		end--;
	start = end;
	while (start > name && start[-1] != ':')
		start--;
	if ((size_t)(end - start) >= sizeof(last))
		return false;
	memcpy(last, start, end - start);
	last[end - start] = '\0';
	return !fnmatch(pattern, last, 0);
}

/* Whether provider pv can have names matching pattern at all. */
static bool provider_wanted(const struct bt_provider *pv, const char *pattern)
{
	char buf[512], prov[64];
	const char *colon;

	if (!pattern || !*pattern)
		return true;
	pattern = expand_alias(pattern, buf, sizeof(buf));
	colon = strchr(pattern, ':');
	if (!colon || (size_t)(colon - pattern) >= sizeof(prov))
		return true;
	memcpy(prov, pattern, colon - pattern);
	prov[colon - pattern] = '\0';
	return !fnmatch(prov, pv->name, 0);
}

int bt_list(const char *pattern, bool verbose)
{
	size_t i;

	if (bt_btf_list_wanted(pattern)) {
		int rc = bt_btf_list(pattern, verbose, stdout);

		fflush(stdout);
		return rc;
	}
	for (i = 0; i < bt_nproviders; i++) {
		const struct bt_provider *pv = &bt_providers[i];

		if (!pv->list || !provider_wanted(pv, pattern))
			continue;
		/* a provider this kernel lacks lists nothing: its errors are not the user's */
		pv->list(pattern, verbose, stdout);
	}
	fflush(stdout);
	return 0;
}
