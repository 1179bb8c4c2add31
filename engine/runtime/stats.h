/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --stats: the kernel's per-program run count and run time (BPF stats),
 * printed per probe at exit so users see the tracer's own overhead.
 */
#ifndef BT_STATS_H
#define BT_STATS_H

#include <stdio.h>

struct bt_runtime;

/* Turns the kernel's BPF run-time stats on while the returned fd is open.
 * Returns the fd, or -1 after a warning (the table then shows what the
 * kernel counted anyway, e.g. with sysctl kernel.bpf_stats_enabled=1). */
int bt_stats_enable(struct bt_runtime *rt);

/* Prints one row per probe: probe, run count, run time ns, ns per run. */
void bt_stats_print(const struct bt_runtime *rt, FILE *f);

#endif
