/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DWARF of user-space binaries (engine/sym/dwarf.c, libdw), for what reads
 * DIEs itself (sema_dwarf.c: parameter and struct types). bt_dwarf_params()
 * in sym/usym.h covers the rest.
 */
#ifndef BT_SYM_DWARF_H
#define BT_SYM_DWARF_H

#include <stdbool.h>

#include <elfutils/libdw.h>

/* path's DWARF, else its separate debug file's; NULL when neither has any.
 * Close with bt_dwarf_close(dw, *fd). */
Dwarf *bt_dwarf_open(const char *path, int *fd);
void bt_dwarf_close(Dwarf *dw, int fd);
/* The DIE of function func (a definition). */
bool bt_dwarf_func(Dwarf *dw, const char *func, Dwarf_Die *out);
/* The DIE of a complete type "struct NAME" or "union NAME" at a unit's top level. */
bool bt_dwarf_type(Dwarf *dw, const char *name, Dwarf_Die *out);

#endif
