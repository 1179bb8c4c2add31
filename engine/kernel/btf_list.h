/* SPDX-License-Identifier: GPL-2.0 */
/* bt -l 'struct NAME': kernel BTF types by name, -v with their definitions. */
#ifndef BT_BTF_LIST_H
#define BT_BTF_LIST_H

#include <stdbool.h>
#include <stdio.h>

/* Whether pattern names types ("struct ...", "union ...", "enum ..."), not probes. */
bool bt_btf_list_wanted(const char *pattern);
/* Prints the matching types to out; 0, or -ENOMEM. */
int bt_btf_list(const char *pattern, bool verbose, FILE *out);

#endif
