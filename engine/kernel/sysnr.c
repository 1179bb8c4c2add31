// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall numbers by the name their tracepoints use (syscalls:sys_enter_NAME),
 * for the raw sys_enter/sys_exit dispatch. The table comes from the build
 * machine's <asm/unistd.h> (scripts/gen-sysnr.sh); newer kernels have
 * syscalls older headers lack, and x86-64 numbers never change, so those are
 * listed here. A name found nowhere is traced the ordinary way.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/sysnr.h"

struct row {
	const char *name;
	int nr;
};

static const struct row gen[] = {
#include "sysnr.inc"
};

#if defined(__x86_64__)
/* after the build headers' table: syscalls newer than Debian 12's headers */
static const struct row newer[] = {
	{"uretprobe", 335},	    {"uprobe", 336},
	{"cachestat", 451},	    {"fchmodat2", 452},
	{"map_shadow_stack", 453},  {"futex_wake", 454},
	{"futex_wait", 455},	    {"futex_requeue", 456},
	{"statmount", 457},	    {"listmount", 458},
	{"lsm_get_self_attr", 459}, {"lsm_set_self_attr", 460},
	{"lsm_list_modules", 461},  {"mseal", 462},
	{"setxattrat", 463},	    {"getxattrat", 464},
	{"listxattrat", 465},	    {"removexattrat", 466},
	{"open_tree_attr", 467},    {"file_getattr", 468},
	{"file_setattr", 469},
};
#endif

/* tracepoint names that differ from the __NR_ name (SYSCALL_DEFINE names) */
static const struct {
	const char *tp, *nr;
} alias[] = {
	{"newfstat", "fstat"}, {"newlstat", "lstat"},	   {"newstat", "stat"},
	{"newuname", "uname"}, {"sendfile64", "sendfile"}, {"umount", "umount2"},
};

static int cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct row *)e)->name);
}

static int lookup(const char *name)
{
	const struct row *r = bsearch(name, gen, sizeof(gen) / sizeof(gen[0]), sizeof(gen[0]), cmp);
	if (r)
		return r->nr;
#if defined(__x86_64__)
	for (size_t i = 0; i < sizeof(newer) / sizeof(newer[0]); i++)
		if (!strcmp(newer[i].name, name))
			return newer[i].nr;
#endif
	return -1;
}

int bt_sysnr(const char *name)
{
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcmp(alias[i].tp, name))
			return lookup(alias[i].nr);
	return lookup(name);
}
