/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What pp.c, pp_macro.c and pp_if.c share, for them only: identifier
 * characters, the macro table's updates (pp_macro.c) and the #if
 * expression evaluator (pp_if.c).
 */
#ifndef BT_PP_INT_H
#define BT_PP_INT_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>

#include "front/diag.h"
#include "front/pp.h"

/* Can c start an identifier? */
static inline bool pp_is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

/* Can c continue an identifier? */
static inline bool pp_is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* pp_macro.c */

/* The macro `name` (len bytes) defined now (never #undef'ed), or NULL. */
struct bt_macro *bt_pp_live_macro(const struct bt_pp *pp, const char *name, size_t len);
/* Ends the live definition of `name`, if any, at the current chunk. */
void bt_pp_undef(struct bt_pp *pp, const char *name, size_t len);
/* (Re)defines `name` from the current chunk on; takes ownership of body. */
int bt_pp_define(struct bt_pp *pp, const char *name, size_t len, char *body);
/* Defines the typed -D defines; -EINVAL after a diagnostic, or -ENOMEM. */
int bt_pp_add_defines(struct bt_diag *d, struct bt_pp *pp, const struct bt_define *defs,
		      size_t ndefs);

/* pp_if.c */

/* Evaluates an #if (elif false) or #elif expression into *val; NULL or the error. */
const char *bt_pp_if_eval(const struct bt_pp *pp, const char *text, bool elif, bool *val);

#endif
