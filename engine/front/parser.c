// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive descent over the bpftrace grammar (see parser.h): the token
 * helpers, statements, probes with their attach points and predicates,
 * struct definitions and the driver bt_parse(); expressions and types are
 * in parser_expr.c. The first error stops the parse: every function
 * returns NULL once p->err is set.
 */
#include "front/parser.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "front/lexer.h"
#include "front/parser_int.h"
#include "front/pp.h"
#include "util/strbuf.h"

void bt_parser_advance(struct parser *p)
{
	int err;

	bt_token_fini(&p->tok);
	if (p->err) {
		p->tok.kind = T_EOF;
		return;
	}
	err = bt_lex_next(&p->lx, &p->tok);
	if (err) {
		p->err = err;
		p->tok.kind = T_EOF;
	}
}

/* Takes the lookahead's text. */
char *bt_parser_take_str(struct parser *p)
{
	char *s = p->tok.str;

	p->tok.str = NULL;
	return s;
}

void bt_parser_syntax_error(struct parser *p, const char *expecting)
{
	const struct bt_token *t = &p->tok;
	struct bt_strbuf what = {0};

	if (p->err)
		return;
	p->err = -EINVAL;
	switch (t->kind) {
	case T_IDENT:
		bt_sb_printf(&what, "identifier '%s'", t->str);
		break;
	case T_VAR:
		bt_sb_printf(&what, "variable '$%s'", t->str);
		break;
	case T_MAP:
		bt_sb_printf(&what, "map '@%s'", t->str);
		break;
	case T_SPEC:
		bt_sb_printf(&what, "'%s'", t->str);
		break;
	default:
		bt_sb_puts(&what, bt_tok_name(t->kind));
	}
	if (expecting)
		bt_diag(p->d, BT_SEV_ERROR, &t->loc, "syntax error, unexpected %s, expecting %s",
			bt_sb_str(&what), expecting);
	else
		bt_diag(p->d, BT_SEV_ERROR, &t->loc, "syntax error, unexpected %s",
			bt_sb_str(&what));
	bt_sb_free(&what);
}

bool bt_parser_accept(struct parser *p, enum bt_tok k)
{
	if (p->tok.kind != k)
		return false;
	bt_parser_advance(p);
	return true;
}

bool bt_parser_expect(struct parser *p, enum bt_tok k)
{
	if (bt_parser_accept(p, k))
		return true;
	bt_parser_syntax_error(p, bt_tok_name(k));
	return false;
}

struct bt_node *bt_parser_node(struct parser *p, enum bt_node_kind kind, struct bt_loc loc)
{
	struct bt_node *n = bt_node_new(kind, loc);

	if (!n && !p->err)
		p->err = -ENOMEM;
	return n;
}

bool bt_parser_push(struct parser *p, struct bt_nodelist *l, struct bt_node *n)
{
	if (!n)
		return false;
	if (bt_list_push(l, n)) {
		bt_node_free(n);
		p->err = -ENOMEM;
		return false;
	}
	return true;
}

bool bt_parser_enter(struct parser *p)
{
	if (++p->depth <= MAX_DEPTH)
		return true;
	if (!p->err) {
		bt_diag(p->d, BT_SEV_ERROR, &p->tok.loc, "nesting too deep");
		p->err = -EINVAL;
	}
	return false;
}

/* ---- statements ---- */

static struct bt_node *parse_block(struct parser *p, bool top);

static const struct {
	enum bt_tok tok;
	enum bt_op op;
} assigns[] = {
	{T_ASSIGN, BT_OP_NONE},	    {T_ADD_ASSIGN, BT_OP_ADD}, {T_SUB_ASSIGN, BT_OP_SUB},
	{T_MUL_ASSIGN, BT_OP_MUL},  {T_DIV_ASSIGN, BT_OP_DIV}, {T_MOD_ASSIGN, BT_OP_MOD},
	{T_AND_ASSIGN, BT_OP_BAND}, {T_OR_ASSIGN, BT_OP_BOR},  {T_XOR_ASSIGN, BT_OP_BXOR},
	{T_SHL_ASSIGN, BT_OP_SHL},  {T_SHR_ASSIGN, BT_OP_SHR},
};

static struct bt_node *parse_simple(struct parser *p)
{
	struct bt_node *e = bt_parser_expr(p), *n;

	if (!e)
		return NULL;
	for (size_t i = 0; i < sizeof(assigns) / sizeof(assigns[0]); i++) {
		if (p->tok.kind != assigns[i].tok)
			continue;
		if (e->kind != BT_N_VAR && e->kind != BT_N_MAP) {
			bt_diag(p->d, BT_SEV_ERROR, &e->loc, "cannot assign to this expression");
			p->err = -EINVAL;
			bt_node_free(e);
			return NULL;
		}
		if (!(n = bt_parser_node(p, BT_N_ASSIGN, p->tok.loc))) {
			bt_node_free(e);
			return NULL;
		}
		n->op = assigns[i].op;
		n->a = e;
		bt_parser_advance(p);
		if (!(n->b = bt_parser_expr(p))) {
			bt_node_free(n);
			return NULL;
		}
		return n;
	}
	if (!(n = bt_parser_node(p, BT_N_EXPR_STMT, e->loc))) {
		bt_node_free(e);
		return NULL;
	}
	n->a = e;
	return n;
}

/* "( expr )" after if/while/unroll */
static struct bt_node *parse_cond(struct parser *p)
{
	struct bt_node *e;

	if (!bt_parser_expect(p, T_LPAREN))
		return NULL;
	e = bt_parser_expr(p);
	if (e && !bt_parser_expect(p, T_RPAREN)) {
		bt_node_free(e);
		return NULL;
	}
	return e;
}

static struct bt_node *parse_stmt(struct parser *p)
{
	struct bt_token *t = &p->tok;
	struct bt_node *n, *blk;

	switch (t->kind) {
	case T_IF:
	case T_WHILE:
	case T_UNROLL:
		n = bt_parser_node(p,
				   t->kind == T_IF	? BT_N_IF
				   : t->kind == T_WHILE ? BT_N_WHILE
							: BT_N_UNROLL,
				   t->loc);
		if (!n)
			return NULL;
		bt_parser_advance(p);
		if (!(n->a = parse_cond(p)) || !(n->b = parse_block(p, false)))
			goto err;
		if (n->kind != BT_N_IF || p->tok.kind != T_ELSE)
			return n;
		bt_parser_advance(p);
		if (p->tok.kind == T_LBRACE) {
			if (!(n->c = parse_block(p, false)))
				goto err;
			return n;
		}
		if (p->tok.kind != T_IF) {
			bt_parser_syntax_error(p, "'{' or 'if'");
			goto err;
		}
		if (!(blk = n->c = bt_parser_node(p, BT_N_BLOCK, t->loc)) || !bt_parser_enter(p))
			goto err;
		bt_parser_push(p, &blk->list, parse_stmt(p));
		p->depth--;
		if (p->err)
			goto err;
		return n;
	case T_FOR:
		if (!(n = bt_parser_node(p, BT_N_FOR, t->loc)))
			return NULL;
		bt_parser_advance(p);
		if (!bt_parser_expect(p, T_LPAREN))
			goto err;
		if (p->tok.kind != T_VAR) {
			bt_parser_syntax_error(p, "variable");
			goto err;
		}
		n->str = bt_parser_take_str(p);
		bt_parser_advance(p);
		if (!bt_parser_expect(p, T_COLON))
			goto err;
		if (p->tok.kind != T_MAP) {
			bt_parser_syntax_error(p, "map");
			goto err;
		}
		if (!(n->a = bt_parser_primary(p)) || !bt_parser_expect(p, T_RPAREN) ||
		    !(n->b = parse_block(p, false)))
			goto err;
		return n;
	case T_BREAK:
	case T_CONTINUE:
	case T_RETURN:
		n = bt_parser_node(p,
				   t->kind == T_BREAK	   ? BT_N_BREAK
				   : t->kind == T_CONTINUE ? BT_N_CONTINUE
							   : BT_N_RETURN,
				   t->loc);
		if (n)
			bt_parser_advance(p);
		return n;
	case T_LBRACE:
		return parse_block(p, false);
	default:
		return parse_simple(p);
	}
err:
	bt_node_free(n);
	return NULL;
}

static bool is_compound(const struct bt_node *n)
{
	return n->kind == BT_N_IF || n->kind == BT_N_WHILE || n->kind == BT_N_UNROLL ||
	       n->kind == BT_N_FOR || n->kind == BT_N_BLOCK;
}

/* { stmt; stmt; ... } -- top: the '}' ends a probe, an attach point may follow. */
static struct bt_node *parse_block(struct parser *p, bool top)
{
	struct bt_node *b, *s;

	if (p->tok.kind != T_LBRACE) {
		bt_parser_syntax_error(p, "'{'");
		return NULL;
	}
	if (!bt_parser_enter(p) || !(b = bt_parser_node(p, BT_N_BLOCK, p->tok.loc)))
		return NULL;
	p->lx.spec_mode = false;
	bt_parser_advance(p);
	for (;;) {
		while (bt_parser_accept(p, T_SEMI))
			;
		if (p->tok.kind == T_RBRACE)
			break;
		s = parse_stmt(p);
		if (!bt_parser_push(p, &b->list, s))
			goto err;
		if (p->tok.kind == T_RBRACE || is_compound(s))
			continue;
		if (p->tok.kind != T_SEMI) {
			bt_parser_syntax_error(p, "';'");
			goto err;
		}
	}
	p->lx.spec_mode = top;
	bt_parser_advance(p);
	if (p->err)
		goto err;
	p->depth--;
	return b;
err:
	bt_node_free(b);
	return NULL;
}

/* ---- top level ---- */

static struct bt_node *parse_attach(struct parser *p)
{
	struct bt_node *n = bt_parser_node(p, BT_N_ATTACH, p->tok.loc);
	const char *s;
	size_t i = 0;

	if (!n)
		return NULL;
	n->str = bt_parser_take_str(p);
	n->nparts = 1;
	for (s = n->str; *s; s++)
		n->nparts += *s == ':';
	n->parts = calloc(n->nparts, sizeof(*n->parts));
	if (!n->parts)
		goto err_nomem;
	for (s = n->str; i < n->nparts; i++) {
		size_t len = strcspn(s, ":");

		if (!(n->parts[i] = strndup(s, len)))
			goto err_nomem;
		s += len + (s[len] == ':');
	}
	bt_parser_advance(p);
	return n;
err_nomem:
	p->err = -ENOMEM;
	bt_node_free(n);
	return NULL;
}

static struct bt_node *parse_probe(struct parser *p)
{
	struct bt_node *n = bt_parser_node(p, BT_N_PROBE, p->tok.loc);

	if (!n)
		return NULL;
	do {
		if (p->tok.kind != T_SPEC) {
			bt_parser_syntax_error(p, "attach point");
			goto err;
		}
		if (!bt_parser_push(p, &n->list, parse_attach(p)))
			goto err;
	} while (bt_parser_accept(p, T_COMMA));
	if (p->tok.kind == T_SLASH) {
		p->lx.spec_mode = false;
		bt_parser_advance(p);
		if (!(n->a = bt_parser_expr(p)))
			goto err;
		if (p->tok.kind != T_ENDPRED) {
			bt_parser_syntax_error(p, "'/'");
			goto err;
		}
		bt_parser_advance(p);
	}
	if (!(n->b = parse_block(p, true)))
		goto err;
	return n;
err:
	bt_node_free(n);
	return NULL;
}

static bool is_cdef(const char *w)
{
	return !strcmp(w, "struct") || !strcmp(w, "union") || !strcmp(w, "enum") ||
	       !strcmp(w, "typedef");
}

static struct bt_node *parse_program(struct parser *p)
{
	struct bt_loc loc = p->tok.loc;
	struct bt_node *prog = bt_parser_node(p, BT_N_PROGRAM, loc);

	if (!prog)
		return NULL;
	while (!p->err && p->tok.kind != T_EOF) {
		if (bt_parser_accept(p, T_SEMI))
			continue; /* "BEGIN { ... };" */
		if (p->tok.kind == T_SPEC && is_cdef(p->tok.str)) {
			if (!bt_parser_cdef(p, &prog->list))
				break;
			continue;
		}
		if (p->tok.kind != T_SPEC) {
			bt_parser_syntax_error(p, NULL);
			break;
		}
		if (!bt_parser_push(p, &prog->list, parse_probe(p)))
			break;
	}
	if (p->err) {
		bt_node_free(prog);
		return NULL;
	}
	return prog;
}

static bool has_probe(const struct bt_node *prog)
{
	for (size_t i = 0; prog && i < prog->list.n; i++)
		if (prog->list.v[i]->kind == BT_N_PROBE)
			return true;
	return false;
}

int bt_parse(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
	     struct bt_node **out)
{
	struct bt_pp pp;
	struct parser p = {.d = d};
	int err;

	*out = NULL;
	err = bt_pp_scan(d, src, defs, ndefs, &pp);
	if (err)
		goto out;
	bt_lex_init(&p.lx, d, &pp);
	p.lx.spec_mode = true;
	bt_parser_advance(&p);
	*out = parse_program(&p);
	bt_token_fini(&p.tok);
	err = p.err;
	if (!err && !has_probe(*out)) {
		bt_diag(d, BT_SEV_ERROR, NULL, "no probes in '%s'", src->name);
		bt_node_free(*out);
		*out = NULL;
		err = -EINVAL;
	}
out:
	bt_pp_free(&pp);
	return err;
}
