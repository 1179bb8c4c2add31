/* SPDX-License-Identifier: GPL-2.0 */
/* Syscall numbers by tracepoint name (engine/kernel/sysnr.c). */
#ifndef BT_SYSNR_H
#define BT_SYSNR_H

/* The number of the syscall whose tracepoints are syscalls:sys_{enter,exit}_NAME,
 * or -1 when unknown. */
int bt_sysnr(const char *name);

#endif
