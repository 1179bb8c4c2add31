// SPDX-License-Identifier: GPL-2.0
/*
 * The constants table: generated rows from the UAPI and libc headers
 * (scripts/gen-consts.sh writes build/gen/consts.inc, sorted for bsearch)
 * plus kernel-internal ones no UAPI header has.
 */
#include "front/consts.h"

#include <stdlib.h>
#include <string.h>

struct row {
	const char *name;
	int64_t val;
};

static const struct row generated[] = {
#include "consts.inc"
};

/* Not in any UAPI header: include/linux/sched.h task states. */
static const struct row by_hand[] = {
	{"TASK_RUNNING", 0},	   {"TASK_INTERRUPTIBLE", 1}, {"TASK_UNINTERRUPTIBLE", 2},
	{"__TASK_STOPPED", 4},	   {"__TASK_TRACED", 8},      {"EXIT_DEAD", 16},
	{"EXIT_ZOMBIE", 32},	   {"EXIT_TRACE", 16 | 32},   {"TASK_PARKED", 64},
	{"TASK_DEAD", 128},	   {"TASK_WAKEKILL", 256},    {"TASK_WAKING", 512},
	{"TASK_NOLOAD", 1024},	   {"TASK_NEW", 2048},	      {"TASK_KILLABLE", 256 | 2},
	{"TASK_STOPPED", 256 | 4}, {"TASK_TRACED", 8},	      {"TASK_IDLE", 1024 | 2},
	{"TASK_COMM_LEN", 16},
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct row *)elem)->name);
}

bool bt_const_lookup(const char *name, int64_t *val)
{
	const struct row *r = bsearch(name, generated, sizeof(generated) / sizeof(generated[0]),
				      sizeof(generated[0]), cmp);

	for (size_t i = 0; !r && i < sizeof(by_hand) / sizeof(by_hand[0]); i++)
		if (!strcmp(by_hand[i].name, name))
			r = &by_hand[i];
	if (!r)
		return false;
	*val = r->val;
	return true;
}
