/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bt --info's sections with bpftrace 0.17's keys (Kernel helpers, Kernel
 * features, Map types, the probe types bpftrace names), each found by
 * trying it on this kernel: engine/kernel/bpfinfo.c.
 */
#ifndef BT_ENGINE_KERNEL_BPFINFO_H
#define BT_ENGINE_KERNEL_BPFINFO_H

#include <stddef.h>
#include <stdio.h>

struct btf;

/* "  KEY: yes" when why is NULL, else "  KEY: no (WHY)" (why "": "  KEY: no"). */
void bt_info_row(FILE *out, const char *key, const char *why);

/* A TRACING program of attach type eat on the BTF id of name (kind), loaded
 * and attached for real: NULL, or why not (static storage). */
const char *bt_info_try_tracing(struct btf *vmlinux, int eat, const char *name, int kind);

/* The end of a trial: closes the program fd and the link (err: errno of the
 * attach); NULL when the link was made, else why[len] = "attach refused: ...". */
const char *bt_info_linked(int fd, int link, int err, char *why, size_t len);

/* "Kernel helpers", bpftrace's "Kernel features" keys, "Map types". */
void bt_info_helpers(FILE *out, const char *kfunc_why);
void bt_info_features(FILE *out, struct btf *vmlinux);
void bt_info_maps(FILE *out);

#endif
