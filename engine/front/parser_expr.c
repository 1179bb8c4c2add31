// SPDX-License-Identifier: GPL-2.0
/*
 * The parser's types and expressions (see parser.h, parser_int.h): type
 * names for casts, sizeof and struct members, then precedence climbing
 * from the ternary down through binary and unary operators to postfix
 * (fields, indexes, ++/--) and primary expressions.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/parser_int.h"
#include "util/strbuf.h"

/* ---- types ---- */

static const char *const int_words[] = {"unsigned", "signed", "char", "short", "int", "long"};
static const char *const type_words[] = {"int8",   "int16",  "int32",  "int64", "uint8",
					 "uint16", "uint32", "uint64", "bool"};

static bool in(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, v[i]))
			return true;
	return false;
}

#define IN(s, v) in(s, v, sizeof(v) / sizeof(v[0]))

static bool is_type_start(const struct bt_token *t)
{
	if (t->kind == T_STRUCT || t->kind == T_UNION || t->kind == T_ENUM)
		return true;
	return t->kind == T_IDENT && (IN(t->str, int_words) || IN(t->str, type_words));
}

void bt_parser_typename_free(struct bt_typename *t)
{
	if (t)
		free(t->name);
	free(t);
}

/*
 * A type: "struct X", a bpftrace integer type, or C integer words
 * ("unsigned long long"); with decl (struct members), also a typedef name
 * ("u64 x") and no array count (it follows the member's name).
 */
struct bt_typename *bt_parser_typename(struct parser *p, bool decl)
{
	struct bt_typename *t = calloc(1, sizeof(*t));
	struct bt_strbuf b = {0};

	if (!t)
		goto err_nomem;
	t->array = -1;
	if (p->tok.kind == T_STRUCT || p->tok.kind == T_UNION || p->tok.kind == T_ENUM) {
		bt_sb_puts(&b, p->tok.kind == T_STRUCT	? "struct "
			       : p->tok.kind == T_UNION ? "union "
							: "enum ");
		bt_parser_advance(p);
		if (p->tok.kind != T_IDENT) {
			bt_parser_syntax_error(p, "identifier");
			goto err;
		}
		bt_sb_puts(&b, p->tok.str);
		bt_parser_advance(p);
	} else if (p->tok.kind == T_IDENT && IN(p->tok.str, type_words)) {
		bt_sb_puts(&b, p->tok.str);
		bt_parser_advance(p);
	} else if (p->tok.kind == T_IDENT && IN(p->tok.str, int_words)) {
		while (p->tok.kind == T_IDENT && IN(p->tok.str, int_words)) {
			bt_sb_printf(&b, "%s%s", b.len ? " " : "", p->tok.str);
			bt_parser_advance(p);
		}
	} else if (decl && p->tok.kind == T_IDENT) {
		bt_sb_puts(&b, p->tok.str);
		bt_parser_advance(p);
	} else {
		bt_parser_syntax_error(p, "type");
		goto err;
	}
	while (bt_parser_accept(p, T_STAR))
		t->ptr++;
	if (!decl && bt_parser_accept(p, T_LBRACKET)) {
		if (p->tok.kind != T_INT) {
			bt_parser_syntax_error(p, "integer");
			goto err;
		}
		t->array = (long)p->tok.num;
		bt_parser_advance(p);
		if (!bt_parser_expect(p, T_RBRACKET))
			goto err;
	}
	t->name = bt_sb_take(&b);
	if (!t->name)
		goto err_nomem;
	if (p->err)
		goto err;
	return t;
err_nomem:
	p->err = -ENOMEM;
err:
	bt_sb_free(&b);
	bt_parser_typename_free(t);
	return NULL;
}

/* ---- expressions ---- */

/* The span from a to the end of b when both are on one line, else a. */
static struct bt_loc span(struct bt_loc a, struct bt_loc b)
{
	if (a.file == b.file && a.line == b.line && b.col + b.len > a.col)
		a.len = b.col + b.len - a.col;
	return a;
}

static struct bt_node *parse_unary(struct parser *p);

/* Parses "expr, expr, ... close" into l (after the opening token). */
static bool parse_args(struct parser *p, struct bt_nodelist *l, enum bt_tok close)
{
	if (bt_parser_accept(p, close))
		return true;
	do {
		if (!bt_parser_push(p, l, bt_parser_expr(p)))
			return false;
	} while (bt_parser_accept(p, T_COMMA));
	return bt_parser_expect(p, close);
}

/*
 * At "(": is this "(name *...)", a cast to a pointer to a typedef'd type
 * (atomic_t *)? Looks ahead on a copy of the lexer, quietly.
 */
static bool typedef_cast_ahead(struct parser *p)
{
	struct bt_lexer lx = p->lx;
	struct bt_diag quiet = *p->d;
	struct bt_token t = {0};
	int stars = 0;
	bool cast = false;

	if (p->tok.kind != T_IDENT)
		return false;
	quiet.out = fopen("/dev/null", "we");
	if (!quiet.out)
		return false;
	lx.d = &quiet;
	while (bt_lex_next(&lx, &t) == 0 && t.kind == T_STAR) {
		stars++;
		bt_token_fini(&t);
	}
	cast = stars > 0 && t.kind == T_RPAREN;
	bt_token_fini(&t);
	fclose(quiet.out);
	return cast;
}

static struct bt_node *parse_paren(struct parser *p)
{
	struct bt_loc lp = p->tok.loc;
	struct bt_node *n, *t;

	bt_parser_advance(p);
	bool td = !is_type_start(&p->tok) && typedef_cast_ahead(p);
	if (td || is_type_start(&p->tok)) {
		struct bt_typename *tn = bt_parser_typename(p, td);

		if (!tn)
			return NULL;
		n = bt_parser_node(p, BT_N_CAST, span(lp, p->tok.loc));
		if (!n) {
			bt_parser_typename_free(tn);
			return NULL;
		}
		n->tname = tn;
		if (!bt_parser_expect(p, T_RPAREN)) {
			bt_node_free(n);
			return NULL;
		}
		n->a = parse_unary(p);
		if (!n->a) {
			bt_node_free(n);
			return NULL;
		}
		return n;
	}
	n = bt_parser_expr(p);
	if (!n)
		return NULL;
	if (p->tok.kind == T_COMMA) {
		t = bt_parser_node(p, BT_N_TUPLE, lp);
		if (!bt_parser_push(p, &t->list, n)) {
			bt_node_free(t);
			return NULL;
		}
		bt_parser_advance(p);
		if (!parse_args(p, &t->list, T_RPAREN)) {
			bt_node_free(t);
			return NULL;
		}
		return t;
	}
	if (!bt_parser_expect(p, T_RPAREN)) {
		bt_node_free(n);
		return NULL;
	}
	return n;
}

/* sizeof(type-or-expr), offsetof(type, field) */
static struct bt_node *parse_sizeof(struct parser *p)
{
	bool is_offsetof = p->tok.kind == T_OFFSETOF;
	struct bt_node *n =
		bt_parser_node(p, is_offsetof ? BT_N_OFFSETOF : BT_N_SIZEOF, p->tok.loc);

	if (!n)
		return NULL;
	bt_parser_advance(p);
	if (!bt_parser_expect(p, T_LPAREN))
		goto err;
	if (is_offsetof || is_type_start(&p->tok)) {
		n->tname = bt_parser_typename(p, false);
		if (!n->tname)
			goto err;
	} else if (!(n->a = bt_parser_expr(p))) {
		goto err;
	}
	if (is_offsetof) {
		if (!bt_parser_expect(p, T_COMMA))
			goto err;
		if (p->tok.kind != T_IDENT) {
			bt_parser_syntax_error(p, "identifier");
			goto err;
		}
		n->str = bt_parser_take_str(p);
		bt_parser_advance(p);
	}
	if (!bt_parser_expect(p, T_RPAREN))
		goto err;
	return n;
err:
	bt_node_free(n);
	return NULL;
}

struct bt_node *bt_parser_primary(struct parser *p)
{
	struct bt_token *t = &p->tok;
	struct bt_node *n = NULL;

	switch (t->kind) {
	case T_INT:
		if ((n = bt_parser_node(p, BT_N_INT, t->loc)))
			n->num = t->num;
		break;
	case T_STR:
		if ((n = bt_parser_node(p, BT_N_STR, t->loc))) {
			n->str_len = t->str_len;
			n->str = bt_parser_take_str(p);
		}
		break;
	case T_VAR:
		if ((n = bt_parser_node(p, BT_N_VAR, t->loc)))
			n->str = bt_parser_take_str(p);
		break;
	case T_POS:
	case T_POSCOUNT:
		if ((n = bt_parser_node(p, BT_N_POSITIONAL, t->loc))) {
			n->num = t->num;
			n->flag = t->kind == T_POSCOUNT;
		}
		break;
	case T_MAP:
		if (!(n = bt_parser_node(p, BT_N_MAP, t->loc)))
			return NULL;
		n->str = bt_parser_take_str(p);
		bt_parser_advance(p);
		if (bt_parser_accept(p, T_LBRACKET)) {
			if (p->tok.kind == T_RBRACKET)
				bt_parser_syntax_error(p, NULL);
			if (p->err || !parse_args(p, &n->list, T_RBRACKET)) {
				bt_node_free(n);
				return NULL;
			}
		}
		return n;
	case T_IDENT:
		if (!(n = bt_parser_node(p, BT_N_BUILTIN, t->loc)))
			return NULL;
		n->str = bt_parser_take_str(p);
		bt_parser_advance(p);
		if (bt_parser_accept(p, T_LPAREN)) {
			n->kind = BT_N_CALL;
			if (!parse_args(p, &n->list, T_RPAREN)) {
				bt_node_free(n);
				return NULL;
			}
		}
		return n;
	case T_LPAREN:
		return parse_paren(p);
	case T_SIZEOF:
	case T_OFFSETOF:
		return parse_sizeof(p);
	default:
		bt_parser_syntax_error(p, NULL);
		return NULL;
	}
	if (n)
		bt_parser_advance(p);
	return n;
}

static struct bt_node *parse_postfix(struct parser *p)
{
	struct bt_node *n = bt_parser_primary(p), *m;

	while (n && !p->err) {
		struct bt_loc op = p->tok.loc;

		if (p->tok.kind == T_DOT || p->tok.kind == T_ARROW) {
			bool arrow = p->tok.kind == T_ARROW;

			bt_parser_advance(p);
			if (!(m = bt_parser_node(p, BT_N_FIELD, p->tok.loc)))
				break;
			m->a = n;
			m->flag = arrow;
			n = m;
			if (p->tok.kind == T_IDENT) {
				m->str = bt_parser_take_str(p);
			} else if (p->tok.kind == T_INT && !arrow) {
				/* tuple index $t.0 */
				if (asprintf(&m->str, "%llu", (unsigned long long)p->tok.num) < 0) {
					m->str = NULL;
					p->err = -ENOMEM;
					break;
				}
			} else {
				bt_parser_syntax_error(p, "identifier");
				break;
			}
			bt_parser_advance(p);
		} else if (p->tok.kind == T_LBRACKET) {
			bt_parser_advance(p);
			if (!(m = bt_parser_node(p, BT_N_INDEX, op)))
				break;
			m->a = n;
			n = m;
			if (!(m->b = bt_parser_expr(p)) || !bt_parser_expect(p, T_RBRACKET))
				break;
		} else if (p->tok.kind == T_INC || p->tok.kind == T_DEC) {
			if (!(m = bt_parser_node(p, BT_N_UNOP, op)))
				break;
			m->op = p->tok.kind == T_INC ? BT_OP_POSTINC : BT_OP_POSTDEC;
			m->a = n;
			n = m;
			bt_parser_advance(p);
		} else {
			return n;
		}
	}
	bt_node_free(n);
	return NULL;
}

static struct bt_node *parse_unary(struct parser *p)
{
	enum bt_op op;
	struct bt_node *n;

	if (!bt_parser_enter(p))
		return NULL;
	switch (p->tok.kind) {
	case T_MINUS:
		op = BT_OP_NEG;
		break;
	case T_PLUS:
		op = BT_OP_NONE;
		break;
	case T_BANG:
		op = BT_OP_LNOT;
		break;
	case T_TILDE:
		op = BT_OP_BNOT;
		break;
	case T_STAR:
		op = BT_OP_DEREF;
		break;
	case T_AMP:
		op = BT_OP_ADDR;
		break;
	case T_INC:
		op = BT_OP_PREINC;
		break;
	case T_DEC:
		op = BT_OP_PREDEC;
		break;
	default:
		n = parse_postfix(p);
		p->depth--;
		return n;
	}
	n = bt_parser_node(p, BT_N_UNOP, p->tok.loc);
	if (n) {
		n->op = op;
		bt_parser_advance(p);
		n->a = parse_unary(p);
		if (!n->a) {
			bt_node_free(n);
			n = NULL;
		} else if (op == BT_OP_NONE) {
			/* unary plus changes nothing */
			struct bt_node *a = n->a;

			n->a = NULL;
			bt_node_free(n);
			n = a;
		}
	}
	p->depth--;
	return n;
}

static const struct {
	enum bt_tok tok;
	enum bt_op op;
	int prec;
} binops[] = {
	{T_LOR, BT_OP_LOR, 1},	  {T_LAND, BT_OP_LAND, 2},  {T_PIPE, BT_OP_BOR, 3},
	{T_CARET, BT_OP_BXOR, 4}, {T_AMP, BT_OP_BAND, 5},   {T_EQ, BT_OP_EQ, 6},
	{T_NE, BT_OP_NE, 6},	  {T_LT, BT_OP_LT, 7},	    {T_LE, BT_OP_LE, 7},
	{T_GT, BT_OP_GT, 7},	  {T_GE, BT_OP_GE, 7},	    {T_SHL, BT_OP_SHL, 8},
	{T_SHR, BT_OP_SHR, 8},	  {T_PLUS, BT_OP_ADD, 9},   {T_MINUS, BT_OP_SUB, 9},
	{T_STAR, BT_OP_MUL, 10},  {T_SLASH, BT_OP_DIV, 10}, {T_PERCENT, BT_OP_MOD, 10},
};

static int binop(enum bt_tok k, enum bt_op *op)
{
	for (size_t i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
		if (binops[i].tok == k) {
			*op = binops[i].op;
			return binops[i].prec;
		}
	}
	return 0;
}

/* Precedence climbing: all binary operators are left associative. */
static struct bt_node *parse_binary(struct parser *p, int min)
{
	struct bt_node *a = parse_unary(p), *n;
	enum bt_op op = BT_OP_NONE;
	int prec;

	while (a && (prec = binop(p->tok.kind, &op)) >= min && prec) {
		if (!(n = bt_parser_node(p, BT_N_BINOP, p->tok.loc)))
			break;
		n->op = op;
		n->a = a;
		a = n;
		bt_parser_advance(p);
		if (!(n->b = parse_binary(p, prec + 1)))
			break;
	}
	if (p->err) {
		bt_node_free(a);
		return NULL;
	}
	return a;
}

struct bt_node *bt_parser_expr(struct parser *p)
{
	struct bt_node *c, *n = NULL;

	if (!bt_parser_enter(p))
		return NULL;
	c = parse_binary(p, 1);
	if (c && p->tok.kind == T_QUESTION) {
		if (!(n = bt_parser_node(p, BT_N_TERNARY, p->tok.loc))) {
			bt_node_free(c);
			c = NULL;
			goto out;
		}
		n->a = c;
		bt_parser_advance(p);
		if (!(n->b = bt_parser_expr(p)) || !bt_parser_expect(p, T_COLON) ||
		    !(n->c = bt_parser_expr(p))) {
			bt_node_free(n);
			c = NULL;
			goto out;
		}
		c = n;
	}
out:
	p->depth--;
	return c;
}
