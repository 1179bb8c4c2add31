/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What parser.c and parser_expr.c share, for them only: the parser state,
 * the token helpers (parser.c) and the entry points into types and
 * expressions (parser_expr.c). Once p->err is set every function returns
 * NULL or false without reading further.
 */
#ifndef BT_PARSER_INT_H
#define BT_PARSER_INT_H

#include <stdbool.h>

#include "front/ast.h"
#include "front/diag.h"
#include "front/lexer.h"

/* Deep enough for any real script, shallow enough for an ASan stack. */
#define MAX_DEPTH 200

struct parser {
	struct bt_diag *d;
	struct bt_lexer lx;
	struct bt_token tok; /* the lookahead */
	int depth;
	int err;
};

/* parser.c */

/* Moves the lookahead to the next token (T_EOF once p->err is set). */
void bt_parser_advance(struct parser *p);
/* Takes the lookahead's text. */
char *bt_parser_take_str(struct parser *p);
/* Reports "syntax error, unexpected <lookahead>[, expecting ...]" once. */
void bt_parser_syntax_error(struct parser *p, const char *expecting);
/* Consumes the lookahead if it is k. */
bool bt_parser_accept(struct parser *p, enum bt_tok k);
/* Consumes k or reports a syntax error expecting it. */
bool bt_parser_expect(struct parser *p, enum bt_tok k);
/* A new node, or NULL with p->err = -ENOMEM. */
struct bt_node *bt_parser_node(struct parser *p, enum bt_node_kind kind, struct bt_loc loc);
/* Appends n (NULL: fails) to l; frees n if that fails. */
bool bt_parser_push(struct parser *p, struct bt_nodelist *l, struct bt_node *n);
/* Counts one nesting level (undone by p->depth--); false past MAX_DEPTH. */
bool bt_parser_enter(struct parser *p);

/* parser_cdef.c: a top-level struct/union/enum/typedef (at its T_SPEC
 * word), appended to out as STRUCTDEF/TYPEDEF nodes; false on error. */
bool bt_parser_cdef(struct parser *p, struct bt_nodelist *out);

/* parser_expr.c */

/* A type name; with decl, a struct member's (typedef names, no array). */
struct bt_typename *bt_parser_typename(struct parser *p, bool decl);
/* Frees what bt_parser_typename() returned (NULL is fine). */
void bt_parser_typename_free(struct bt_typename *t);
/* A full expression, ternary included. */
struct bt_node *bt_parser_expr(struct parser *p);
/* A literal, variable, map (with keys), builtin or call, (...) or sizeof. */
struct bt_node *bt_parser_primary(struct parser *p);

#endif
