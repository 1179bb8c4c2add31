/* SPDX-License-Identifier: GPL-2.0 */
/* Loading the code generator (bt-codegen.so) on demand: engine/cg_load.c. */
#ifndef BT_CG_LOAD_H
#define BT_CG_LOAD_H

#include "sema/sema.h"

/* The shared object's path, or NULL when it is not found. */
const char *bt_codegen_path(void);
/* dlopens the code generator once and runs bt_cg_run(s). */
int bt_codegen(struct bt_sema *s);

#endif
