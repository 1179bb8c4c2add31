/* SPDX-License-Identifier: GPL-2.0 */
/*
 * share/alternatives: for kernel functions that kprobe/kfunc scripts use,
 * the tracepoints that observe the same thing, so an error on a kernel
 * without kprobes can say what works instead (engine/kernel/alternatives.c).
 */
#ifndef BT_ALTERNATIVES_H
#define BT_ALTERNATIVES_H

#include <stddef.h>

/* Fills out with the alternative for function fn (exact name, a clone such
 * as "fn.isra.0", or a line whose name ends in '*' as a prefix). Returns 0,
 * or -ENOENT when the file or a line for fn is missing. */
int bt_alternative(const char *fn, char *out, size_t len);

/* Path of a data file shipped with bt ("alternatives", "scripts/x.bt"):
 * $BT_DATADIR, then ../share and ../share/bt beside the executable, then
 * BT_DATADIR_DEFAULT. Returns 0 and fills out, or -ENOENT. */
int bt_datafile(const char *name, char *out, size_t len);

#endif
