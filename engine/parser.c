// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive descent over the bpftrace grammar (see parser.h). The first
 * error stops the parse: every function returns NULL once p->err is set.
 */
#include "parser.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "pp.h"
#include "strbuf.h"

/* Deep enough for any real script, shallow enough for an ASan stack. */
#define MAX_DEPTH 200

struct parser {
	struct bt_diag *d;
	struct bt_lexer lx;
	struct bt_token tok; /* the lookahead */
	int depth;
	int err;
};

static void advance(struct parser *p)
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
static char *take_str(struct parser *p)
{
	char *s = p->tok.str;

	p->tok.str = NULL;
	return s;
}

static void syntax_error(struct parser *p, const char *expecting)
{
	const struct bt_token *t = &p->tok;
	struct bt_strbuf what = { 0 };

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

static bool accept(struct parser *p, enum bt_tok k)
{
	if (p->tok.kind != k)
		return false;
	advance(p);
	return true;
}

static bool expect(struct parser *p, enum bt_tok k)
{
	if (accept(p, k))
		return true;
	syntax_error(p, bt_tok_name(k));
	return false;
}

static struct bt_node *node(struct parser *p, enum bt_node_kind kind, struct bt_loc loc)
{
	struct bt_node *n = bt_node_new(kind, loc);

	if (!n && !p->err)
		p->err = -ENOMEM;
	return n;
}

static bool push(struct parser *p, struct bt_nodelist *l, struct bt_node *n)
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

/* The span from a to the end of b when both are on one line, else a. */
static struct bt_loc span(struct bt_loc a, struct bt_loc b)
{
	if (a.file == b.file && a.line == b.line && b.col + b.len > a.col)
		a.len = b.col + b.len - a.col;
	return a;
}

static bool enter(struct parser *p)
{
	if (++p->depth <= MAX_DEPTH)
		return true;
	if (!p->err) {
		bt_diag(p->d, BT_SEV_ERROR, &p->tok.loc, "nesting too deep");
		p->err = -EINVAL;
	}
	return false;
}

/* ---- types ---- */

static const char *const int_words[] = { "unsigned", "signed", "char", "short", "int", "long" };
static const char *const type_words[] = { "int8",  "int16",  "int32",  "int64", "uint8",
					  "uint16", "uint32", "uint64", "bool" };

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

static void typename_free(struct bt_typename *t)
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
static struct bt_typename *parse_typename(struct parser *p, bool decl)
{
	struct bt_typename *t = calloc(1, sizeof(*t));
	struct bt_strbuf b = { 0 };

	if (!t)
		goto err_nomem;
	t->array = -1;
	if (p->tok.kind == T_STRUCT || p->tok.kind == T_UNION || p->tok.kind == T_ENUM) {
		bt_sb_puts(&b, p->tok.kind == T_STRUCT ? "struct " :
			       p->tok.kind == T_UNION  ? "union " : "enum ");
		advance(p);
		if (p->tok.kind != T_IDENT) {
			syntax_error(p, "identifier");
			goto err;
		}
		bt_sb_puts(&b, p->tok.str);
		advance(p);
	} else if (p->tok.kind == T_IDENT && IN(p->tok.str, type_words)) {
		bt_sb_puts(&b, p->tok.str);
		advance(p);
	} else if (p->tok.kind == T_IDENT && IN(p->tok.str, int_words)) {
		while (p->tok.kind == T_IDENT && IN(p->tok.str, int_words)) {
			bt_sb_printf(&b, "%s%s", b.len ? " " : "", p->tok.str);
			advance(p);
		}
	} else if (decl && p->tok.kind == T_IDENT) {
		bt_sb_puts(&b, p->tok.str);
		advance(p);
	} else {
		syntax_error(p, "type");
		goto err;
	}
	while (accept(p, T_STAR))
		t->ptr++;
	if (!decl && accept(p, T_LBRACKET)) {
		if (p->tok.kind != T_INT) {
			syntax_error(p, "integer");
			goto err;
		}
		t->array = (long)p->tok.num;
		advance(p);
		if (!expect(p, T_RBRACKET))
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
	typename_free(t);
	return NULL;
}

/* ---- expressions ---- */

static struct bt_node *parse_expr(struct parser *p);
static struct bt_node *parse_unary(struct parser *p);

/* Parses "expr, expr, ... close" into l (after the opening token). */
static bool parse_args(struct parser *p, struct bt_nodelist *l, enum bt_tok close)
{
	if (accept(p, close))
		return true;
	do {
		if (!push(p, l, parse_expr(p)))
			return false;
	} while (accept(p, T_COMMA));
	return expect(p, close);
}

/*
 * At "(": is this "(name *...)", a cast to a pointer to a typedef'd type
 * (atomic_t *)? Looks ahead on a copy of the lexer, quietly.
 */
static bool typedef_cast_ahead(struct parser *p)
{
	struct bt_lexer lx = p->lx;
	struct bt_diag quiet = *p->d;
	struct bt_token t = { 0 };
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

	advance(p);
	bool td = !is_type_start(&p->tok) && typedef_cast_ahead(p);
	if (td || is_type_start(&p->tok)) {
		struct bt_typename *tn = parse_typename(p, td);

		if (!tn)
			return NULL;
		n = node(p, BT_N_CAST, span(lp, p->tok.loc));
		if (!n) {
			typename_free(tn);
			return NULL;
		}
		n->tname = tn;
		if (!expect(p, T_RPAREN)) {
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
	n = parse_expr(p);
	if (!n)
		return NULL;
	if (p->tok.kind == T_COMMA) {
		t = node(p, BT_N_TUPLE, lp);
		if (!push(p, &t->list, n)) {
			bt_node_free(t);
			return NULL;
		}
		advance(p);
		if (!parse_args(p, &t->list, T_RPAREN)) {
			bt_node_free(t);
			return NULL;
		}
		return t;
	}
	if (!expect(p, T_RPAREN)) {
		bt_node_free(n);
		return NULL;
	}
	return n;
}

/* sizeof(type-or-expr), offsetof(type, field) */
static struct bt_node *parse_sizeof(struct parser *p)
{
	bool is_offsetof = p->tok.kind == T_OFFSETOF;
	struct bt_node *n = node(p, is_offsetof ? BT_N_OFFSETOF : BT_N_SIZEOF, p->tok.loc);

	if (!n)
		return NULL;
	advance(p);
	if (!expect(p, T_LPAREN))
		goto err;
	if (is_offsetof || is_type_start(&p->tok)) {
		n->tname = parse_typename(p, false);
		if (!n->tname)
			goto err;
	} else if (!(n->a = parse_expr(p))) {
		goto err;
	}
	if (is_offsetof) {
		if (!expect(p, T_COMMA))
			goto err;
		if (p->tok.kind != T_IDENT) {
			syntax_error(p, "identifier");
			goto err;
		}
		n->str = take_str(p);
		advance(p);
	}
	if (!expect(p, T_RPAREN))
		goto err;
	return n;
err:
	bt_node_free(n);
	return NULL;
}

static struct bt_node *parse_primary(struct parser *p)
{
	struct bt_token *t = &p->tok;
	struct bt_node *n = NULL;

	switch (t->kind) {
	case T_INT:
		if ((n = node(p, BT_N_INT, t->loc)))
			n->num = t->num;
		break;
	case T_STR:
		if ((n = node(p, BT_N_STR, t->loc))) {
			n->str_len = t->str_len;
			n->str = take_str(p);
		}
		break;
	case T_VAR:
		if ((n = node(p, BT_N_VAR, t->loc)))
			n->str = take_str(p);
		break;
	case T_POS:
	case T_POSCOUNT:
		if ((n = node(p, BT_N_POSITIONAL, t->loc))) {
			n->num = t->num;
			n->flag = t->kind == T_POSCOUNT;
		}
		break;
	case T_MAP:
		if (!(n = node(p, BT_N_MAP, t->loc)))
			return NULL;
		n->str = take_str(p);
		advance(p);
		if (accept(p, T_LBRACKET)) {
			if (p->tok.kind == T_RBRACKET)
				syntax_error(p, NULL);
			if (p->err || !parse_args(p, &n->list, T_RBRACKET)) {
				bt_node_free(n);
				return NULL;
			}
		}
		return n;
	case T_IDENT:
		if (!(n = node(p, BT_N_BUILTIN, t->loc)))
			return NULL;
		n->str = take_str(p);
		advance(p);
		if (accept(p, T_LPAREN)) {
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
		syntax_error(p, NULL);
		return NULL;
	}
	if (n)
		advance(p);
	return n;
}

static struct bt_node *parse_postfix(struct parser *p)
{
	struct bt_node *n = parse_primary(p), *m;

	while (n && !p->err) {
		struct bt_loc op = p->tok.loc;

		if (p->tok.kind == T_DOT || p->tok.kind == T_ARROW) {
			bool arrow = p->tok.kind == T_ARROW;

			advance(p);
			if (!(m = node(p, BT_N_FIELD, p->tok.loc)))
				break;
			m->a = n;
			m->flag = arrow;
			n = m;
			if (p->tok.kind == T_IDENT) {
				m->str = take_str(p);
			} else if (p->tok.kind == T_INT && !arrow) {
				/* tuple index $t.0 */
				if (asprintf(&m->str, "%llu", (unsigned long long)p->tok.num) < 0) {
					m->str = NULL;
					p->err = -ENOMEM;
					break;
				}
			} else {
				syntax_error(p, "identifier");
				break;
			}
			advance(p);
		} else if (p->tok.kind == T_LBRACKET) {
			advance(p);
			if (!(m = node(p, BT_N_INDEX, op)))
				break;
			m->a = n;
			n = m;
			if (!(m->b = parse_expr(p)) || !expect(p, T_RBRACKET))
				break;
		} else if (p->tok.kind == T_INC || p->tok.kind == T_DEC) {
			if (!(m = node(p, BT_N_UNOP, op)))
				break;
			m->op = p->tok.kind == T_INC ? BT_OP_POSTINC : BT_OP_POSTDEC;
			m->a = n;
			n = m;
			advance(p);
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

	if (!enter(p))
		return NULL;
	switch (p->tok.kind) {
	case T_MINUS: op = BT_OP_NEG; break;
	case T_PLUS: op = BT_OP_NONE; break;
	case T_BANG: op = BT_OP_LNOT; break;
	case T_TILDE: op = BT_OP_BNOT; break;
	case T_STAR: op = BT_OP_DEREF; break;
	case T_AMP: op = BT_OP_ADDR; break;
	case T_INC: op = BT_OP_PREINC; break;
	case T_DEC: op = BT_OP_PREDEC; break;
	default:
		n = parse_postfix(p);
		p->depth--;
		return n;
	}
	n = node(p, BT_N_UNOP, p->tok.loc);
	if (n) {
		n->op = op;
		advance(p);
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
	{ T_LOR, BT_OP_LOR, 1 },  { T_LAND, BT_OP_LAND, 2 }, { T_PIPE, BT_OP_BOR, 3 },
	{ T_CARET, BT_OP_BXOR, 4 }, { T_AMP, BT_OP_BAND, 5 }, { T_EQ, BT_OP_EQ, 6 },
	{ T_NE, BT_OP_NE, 6 },    { T_LT, BT_OP_LT, 7 },     { T_LE, BT_OP_LE, 7 },
	{ T_GT, BT_OP_GT, 7 },    { T_GE, BT_OP_GE, 7 },     { T_SHL, BT_OP_SHL, 8 },
	{ T_SHR, BT_OP_SHR, 8 },  { T_PLUS, BT_OP_ADD, 9 },  { T_MINUS, BT_OP_SUB, 9 },
	{ T_STAR, BT_OP_MUL, 10 }, { T_SLASH, BT_OP_DIV, 10 }, { T_PERCENT, BT_OP_MOD, 10 },
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
		if (!(n = node(p, BT_N_BINOP, p->tok.loc)))
			break;
		n->op = op;
		n->a = a;
		a = n;
		advance(p);
		if (!(n->b = parse_binary(p, prec + 1)))
			break;
	}
	if (p->err) {
		bt_node_free(a);
		return NULL;
	}
	return a;
}

static struct bt_node *parse_expr(struct parser *p)
{
	struct bt_node *c, *n = NULL;

	if (!enter(p))
		return NULL;
	c = parse_binary(p, 1);
	if (c && p->tok.kind == T_QUESTION) {
		if (!(n = node(p, BT_N_TERNARY, p->tok.loc))) {
			bt_node_free(c);
			c = NULL;
			goto out;
		}
		n->a = c;
		advance(p);
		if (!(n->b = parse_expr(p)) || !expect(p, T_COLON) || !(n->c = parse_expr(p))) {
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

/* ---- statements ---- */

static struct bt_node *parse_block(struct parser *p, bool top);

static const struct {
	enum bt_tok tok;
	enum bt_op op;
} assigns[] = {
	{ T_ASSIGN, BT_OP_NONE },     { T_ADD_ASSIGN, BT_OP_ADD }, { T_SUB_ASSIGN, BT_OP_SUB },
	{ T_MUL_ASSIGN, BT_OP_MUL },  { T_DIV_ASSIGN, BT_OP_DIV }, { T_MOD_ASSIGN, BT_OP_MOD },
	{ T_AND_ASSIGN, BT_OP_BAND }, { T_OR_ASSIGN, BT_OP_BOR },  { T_XOR_ASSIGN, BT_OP_BXOR },
	{ T_SHL_ASSIGN, BT_OP_SHL },  { T_SHR_ASSIGN, BT_OP_SHR },
};

static struct bt_node *parse_simple(struct parser *p)
{
	struct bt_node *e = parse_expr(p), *n;

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
		if (!(n = node(p, BT_N_ASSIGN, p->tok.loc))) {
			bt_node_free(e);
			return NULL;
		}
		n->op = assigns[i].op;
		n->a = e;
		advance(p);
		if (!(n->b = parse_expr(p))) {
			bt_node_free(n);
			return NULL;
		}
		return n;
	}
	if (!(n = node(p, BT_N_EXPR_STMT, e->loc))) {
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

	if (!expect(p, T_LPAREN))
		return NULL;
	e = parse_expr(p);
	if (e && !expect(p, T_RPAREN)) {
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
		n = node(p, t->kind == T_IF ? BT_N_IF : t->kind == T_WHILE ? BT_N_WHILE :
					  BT_N_UNROLL, t->loc);
		if (!n)
			return NULL;
		advance(p);
		if (!(n->a = parse_cond(p)) || !(n->b = parse_block(p, false)))
			goto err;
		if (n->kind != BT_N_IF || p->tok.kind != T_ELSE)
			return n;
		advance(p);
		if (p->tok.kind == T_LBRACE) {
			if (!(n->c = parse_block(p, false)))
				goto err;
			return n;
		}
		if (p->tok.kind != T_IF) {
			syntax_error(p, "'{' or 'if'");
			goto err;
		}
		if (!(blk = n->c = node(p, BT_N_BLOCK, t->loc)) || !enter(p))
			goto err;
		push(p, &blk->list, parse_stmt(p));
		p->depth--;
		if (p->err)
			goto err;
		return n;
	case T_FOR:
		if (!(n = node(p, BT_N_FOR, t->loc)))
			return NULL;
		advance(p);
		if (!expect(p, T_LPAREN))
			goto err;
		if (p->tok.kind != T_VAR) {
			syntax_error(p, "variable");
			goto err;
		}
		n->str = take_str(p);
		advance(p);
		if (!expect(p, T_COLON))
			goto err;
		if (p->tok.kind != T_MAP) {
			syntax_error(p, "map");
			goto err;
		}
		if (!(n->a = parse_primary(p)) || !expect(p, T_RPAREN) ||
		    !(n->b = parse_block(p, false)))
			goto err;
		return n;
	case T_BREAK:
	case T_CONTINUE:
	case T_RETURN:
		n = node(p, t->kind == T_BREAK ? BT_N_BREAK : t->kind == T_CONTINUE ?
							  BT_N_CONTINUE : BT_N_RETURN, t->loc);
		if (n)
			advance(p);
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
		syntax_error(p, "'{'");
		return NULL;
	}
	if (!enter(p) || !(b = node(p, BT_N_BLOCK, p->tok.loc)))
		return NULL;
	p->lx.spec_mode = false;
	advance(p);
	for (;;) {
		while (accept(p, T_SEMI))
			;
		if (p->tok.kind == T_RBRACE)
			break;
		s = parse_stmt(p);
		if (!push(p, &b->list, s))
			goto err;
		if (p->tok.kind == T_RBRACE || is_compound(s))
			continue;
		if (p->tok.kind != T_SEMI) {
			syntax_error(p, "';'");
			goto err;
		}
	}
	p->lx.spec_mode = top;
	advance(p);
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
	struct bt_node *n = node(p, BT_N_ATTACH, p->tok.loc);
	const char *s;
	size_t i = 0;

	if (!n)
		return NULL;
	n->str = take_str(p);
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
	advance(p);
	return n;
err_nomem:
	p->err = -ENOMEM;
	bt_node_free(n);
	return NULL;
}

static struct bt_node *parse_probe(struct parser *p)
{
	struct bt_node *n = node(p, BT_N_PROBE, p->tok.loc);

	if (!n)
		return NULL;
	do {
		if (p->tok.kind != T_SPEC) {
			syntax_error(p, "attach point");
			goto err;
		}
		if (!push(p, &n->list, parse_attach(p)))
			goto err;
	} while (accept(p, T_COMMA));
	if (p->tok.kind == T_SLASH) {
		p->lx.spec_mode = false;
		advance(p);
		if (!(n->a = parse_expr(p)))
			goto err;
		if (p->tok.kind != T_ENDPRED) {
			syntax_error(p, "'/'");
			goto err;
		}
		advance(p);
	}
	if (!(n->b = parse_block(p, true)))
		goto err;
	return n;
err:
	bt_node_free(n);
	return NULL;
}

/* struct Name { type field; type arr[N]; ... } [;] */
static struct bt_node *parse_structdef(struct parser *p)
{
	struct bt_node *n = node(p, BT_N_STRUCTDEF, p->tok.loc), *f;
	struct bt_typename *tn;

	if (!n)
		return NULL;
	p->lx.spec_mode = false;
	p->tok.kind = T_STRUCT; /* the attach point "struct" is the keyword */
	if (!(n->tname = parse_typename(p, true)) || !expect(p, T_LBRACE))
		goto err;
	n->tname->ptr = 0;
	while (p->tok.kind != T_RBRACE) {
		struct bt_loc loc = p->tok.loc;

		if (!(tn = parse_typename(p, true)))
			goto err;
		if (!(f = node(p, BT_N_FIELD_DECL, loc))) {
			typename_free(tn);
			goto err;
		}
		f->tname = tn;
		if (!push(p, &n->list, f))
			goto err;
		if (p->tok.kind != T_IDENT) {
			syntax_error(p, "identifier");
			goto err;
		}
		f->loc = p->tok.loc;
		f->str = take_str(p);
		advance(p);
		if (accept(p, T_LBRACKET)) {
			if (p->tok.kind != T_INT) {
				syntax_error(p, "integer");
				goto err;
			}
			tn->array = (long)p->tok.num;
			advance(p);
			if (!expect(p, T_RBRACKET))
				goto err;
		}
		if (!accept(p, T_SEMI) && p->tok.kind != T_RBRACE) {
			syntax_error(p, "';'");
			goto err;
		}
	}
	p->lx.spec_mode = true;
	advance(p);
	while (accept(p, T_SEMI))
		;
	if (p->err)
		goto err;
	return n;
err:
	bt_node_free(n);
	return NULL;
}

static struct bt_node *parse_program(struct parser *p)
{
	struct bt_loc loc = p->tok.loc;
	struct bt_node *prog = node(p, BT_N_PROGRAM, loc), *n;

	if (!prog)
		return NULL;
	while (!p->err && p->tok.kind != T_EOF) {
		if (accept(p, T_SEMI))
			continue; /* "BEGIN { ... };" */
		if (p->tok.kind == T_SPEC && !strcmp(p->tok.str, "struct"))
			n = parse_structdef(p);
		else if (p->tok.kind == T_SPEC)
			n = parse_probe(p);
		else {
			syntax_error(p, NULL);
			break;
		}
		if (!push(p, &prog->list, n))
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
	struct parser p = { .d = d };
	int err;

	*out = NULL;
	err = bt_pp_scan(d, src, defs, ndefs, &pp);
	if (err)
		goto out;
	bt_lex_init(&p.lx, d, &pp);
	p.lx.spec_mode = true;
	advance(&p);
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
