/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Integer macros that scripts use without headers (AF_INET, O_CREAT, EPERM,
 * SIGKILL, S_IFREG, DT_REG, TASK_RUNNING...). BTF carries the kernel's
 * enums but not its #defines: sema looks a bare identifier up here after
 * builtins and BTF enum constants.
 */
#ifndef BT_CONSTS_H
#define BT_CONSTS_H

#include <stdbool.h>
#include <stdint.h>

/* Sets *val and returns true when name is a known constant. */
bool bt_const_lookup(const char *name, int64_t *val);

#endif
