/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel symbols from /proc/kallsyms, read once, binary-searched (engine/sym/ksym.c). */
#ifndef BT_KSYM_H
#define BT_KSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bt_ksyms;

/* Loads /proc/kallsyms once per process (cached); NULL on failure. Not freed by callers. */
struct bt_ksyms *bt_ksyms_get(void);
/* Symbol containing addr, or NULL; *off gets addr - symbol start when off != NULL. */
const char *bt_ksym_resolve(struct bt_ksyms *ks, uint64_t addr, uint64_t *off);
/* Address of a symbol by exact name; false when kallsyms lacks it (e.g. data
 * symbols on kernels without KALLSYMS_ALL). Also matches "name.isra.0"-style
 * local clones of name when exact is false. */
bool bt_ksym_addr(struct bt_ksyms *ks, const char *name, bool exact, uint64_t *addr);
/* Whether kallsyms listed data symbols (CONFIG_KALLSYMS_ALL). */
bool bt_ksym_has_data(struct bt_ksyms *ks);
/*
 * kaddr(): name's address from /proc/kallsyms, else from the running kernel's
 * System.map (engine/sym/sysmap.c: BT_SYSTEM_MAP=path or
 * /boot/System.map-RELEASE, checked against kallsyms' _text). Returns 0, or
 * -errno with the whole message ("kaddr(\"x\"): no symbol ...") in err.
 */
int bt_kaddr(const char *name, uint64_t *addr, char *err, size_t errlen);
/* Names of the compiler clones of function name ("name.isra.0", "name.part.0";
 * not "name.cold"), each once, at most max of them into out (pointers into
 * ks). Returns how many. */
size_t bt_ksym_clones(struct bt_ksyms *ks, const char *name, const char **out, size_t max);

#endif
