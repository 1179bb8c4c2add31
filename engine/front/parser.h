/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parser: preprocess + lex + recursive descent into ast.h nodes.
 *
 * Locations: a node has the location of its first token, except operators
 * (BT_N_BINOP, BT_N_ASSIGN, BT_N_TERNARY, postfix ++/--, BT_N_INDEX), which
 * have the operator's ('[' for an index), so "type mismatch for '+'" points
 * at the '+'. BT_N_FIELD points at the field name, BT_N_CALL and
 * BT_N_BUILTIN at the name, BT_N_ATTACH at the attach point text (len =
 * its length), BT_N_CAST at the parenthesised type, BT_N_PROBE at its first
 * attach point.
 */
#ifndef BT_PARSER_H
#define BT_PARSER_H

#include <stddef.h>

#include "front/ast.h"
#include "front/diag.h"

struct bt_define;

/*
 * Parses src (which must be in d->srcs) with typed defines defs[ndefs].
 * On success *out is a BT_N_PROGRAM (free it with bt_node_free) and 0 is
 * returned; else -EINVAL after one located diagnostic, or -ENOMEM, and
 * *out is NULL.
 */
int bt_parse(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
	     struct bt_node **out);

#endif
