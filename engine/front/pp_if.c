// SPDX-License-Identifier: GPL-2.0
/*
 * #if and #elif expressions (see pp_int.h): C's integer operators on
 * int64_t with C's precedence, `defined NAME`, macros expanded as they are
 * read (never inside their own expansion) and unknown identifiers as 0.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/pp_int.h"

/* ---- #if expressions ---- */

enum { TK_EOF = 256, TK_NUM, TK_SHL, TK_SHR, TK_LE, TK_GE, TK_EQ, TK_NE, TK_LAND, TK_LOR };

#define EV_FRAMES 32
#define EV_DEPTH 200

struct ev {
	const struct bt_pp *pp;
	struct {
		const char *p, *end;
		const struct bt_macro *m;
	} fr[EV_FRAMES];
	int nfr, depth, tok;
	int64_t val;
	const char *err;
};

static bool expanding(const struct ev *e, const struct bt_macro *m)
{
	for (int i = 0; i < e->nfr; i++)
		if (e->fr[i].m == m)
			return true;
	return false;
}

static void ev_fail(struct ev *e, const char *msg)
{
	if (!e->err)
		e->err = msg;
	e->tok = TK_EOF;
}

/* Reads `defined NAME` or `defined(NAME)` after the word `defined`. */
static void ev_defined(struct ev *e)
{
	const char **p = &e->fr[e->nfr - 1].p, *end = e->fr[e->nfr - 1].end;
	bool paren = false;
	const char *name;

	while (*p < end && isspace((unsigned char)**p))
		(*p)++;
	if (*p < end && **p == '(') {
		paren = true;
		(*p)++;
		while (*p < end && isspace((unsigned char)**p))
			(*p)++;
	}
	name = *p;
	while (*p < end && pp_is_ident((unsigned char)**p))
		(*p)++;
	if (*p == name)
		return ev_fail(e, "macro name missing after 'defined'");
	e->val = bt_pp_live_macro(e->pp, name, (size_t)(*p - name)) != NULL;
	e->tok = TK_NUM;
	while (paren && *p < end && isspace((unsigned char)**p))
		(*p)++;
	if (paren && (*p >= end || *(*p)++ != ')'))
		ev_fail(e, "missing ')' after 'defined'");
}

static void ev_next(struct ev *e)
{
	static const struct {
		const char *s;
		int tok;
	} ops[] = {
		{"<<", TK_SHL}, {">>", TK_SHR}, {"<=", TK_LE},	 {">=", TK_GE},
		{"==", TK_EQ},	{"!=", TK_NE},	{"&&", TK_LAND}, {"||", TK_LOR},
	};

	for (;;) {
		const char *p = e->fr[e->nfr - 1].p, *end = e->fr[e->nfr - 1].end;

		while (p < end && isspace((unsigned char)*p))
			p++;
		e->fr[e->nfr - 1].p = p;
		if (p == end) {
			if (e->nfr == 1) {
				e->tok = TK_EOF;
				return;
			}
			e->nfr--;
			continue;
		}
		if (isdigit((unsigned char)*p)) {
			char *q;

			errno = 0;
			e->val = (int64_t)strtoull(p, &q, 0);
			if (errno)
				return ev_fail(e, "integer too large in #if");
			while (q < end && strchr("uUlL", *q))
				q++;
			e->fr[e->nfr - 1].p = q;
			if (q < end && pp_is_ident((unsigned char)*q))
				return ev_fail(e, "invalid integer in #if");
			e->tok = TK_NUM;
			return;
		}
		if (pp_is_ident_start((unsigned char)*p)) {
			const char *w = p;
			const struct bt_macro *m;

			while (p < end && pp_is_ident((unsigned char)*p))
				p++;
			e->fr[e->nfr - 1].p = p;
			if (p - w == 7 && !memcmp(w, "defined", 7))
				return ev_defined(e);
			m = bt_pp_live_macro(e->pp, w, (size_t)(p - w));
			if (m && !expanding(e, m)) {
				if (e->nfr == EV_FRAMES)
					return ev_fail(e, "macro expansion too deep");
				e->fr[e->nfr].p = m->body;
				e->fr[e->nfr].end = m->body + strlen(m->body);
				e->fr[e->nfr].m = m;
				e->nfr++;
				continue;
			}
			/* As in C: an unknown identifier is 0. */
			e->val = 0;
			e->tok = TK_NUM;
			return;
		}
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
			if (end - p >= 2 && !memcmp(p, ops[i].s, 2)) {
				e->fr[e->nfr - 1].p = p + 2;
				e->tok = ops[i].tok;
				return;
			}
		}
		if (!strchr("!~-+*/%<>&^|?:()", *p))
			return ev_fail(e, "invalid token in #if expression");
		e->fr[e->nfr - 1].p = p + 1;
		e->tok = (unsigned char)*p;
		return;
	}
}

static int64_t ev_expr(struct ev *e);

static int64_t ev_unary(struct ev *e)
{
	int tok = e->tok;
	int64_t v;

	if (++e->depth > EV_DEPTH) {
		ev_fail(e, "#if expression nested too deeply");
		return 0;
	}
	ev_next(e);
	switch (tok) {
	case TK_NUM:
		v = e->val;
		break;
	case '(':
		v = ev_expr(e);
		if (e->tok != ')')
			ev_fail(e, "missing ')' in #if expression");
		ev_next(e);
		break;
	case '!':
		v = !ev_unary(e);
		break;
	case '~':
		v = ~ev_unary(e);
		break;
	case '-':
		v = (int64_t)(0 - (uint64_t)ev_unary(e));
		break;
	case '+':
		v = ev_unary(e);
		break;
	default:
		ev_fail(e, "invalid #if expression");
		v = 0;
	}
	e->depth--;
	return v;
}

static int prec(int tok)
{
	switch (tok) {
	case '*':
	case '/':
	case '%':
		return 10;
	case '+':
	case '-':
		return 9;
	case TK_SHL:
	case TK_SHR:
		return 8;
	case '<':
	case '>':
	case TK_LE:
	case TK_GE:
		return 7;
	case TK_EQ:
	case TK_NE:
		return 6;
	case '&':
		return 5;
	case '^':
		return 4;
	case '|':
		return 3;
	case TK_LAND:
		return 2;
	case TK_LOR:
		return 1;
	default:
		return 0;
	}
}

static int64_t apply(struct ev *e, int op, int64_t a, int64_t b)
{
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;

	switch (op) {
	case '*':
		return (int64_t)(ua * ub);
	case '/':
	case '%':
		if (b == 0) {
			ev_fail(e, "division by zero in #if");
			return 0;
		}
		if (a == INT64_MIN && b == -1)
			return op == '/' ? a : 0;
		return op == '/' ? a / b : a % b;
	case '+':
		return (int64_t)(ua + ub);
	case '-':
		return (int64_t)(ua - ub);
	case TK_SHL:
		return (int64_t)(ua << (ub & 63));
	case TK_SHR:
		return a >> (ub & 63);
	case '<':
		return a < b;
	case '>':
		return a > b;
	case TK_LE:
		return a <= b;
	case TK_GE:
		return a >= b;
	case TK_EQ:
		return a == b;
	case TK_NE:
		return a != b;
	case '&':
		return a & b;
	case '^':
		return a ^ b;
	case '|':
		return a | b;
	case TK_LAND:
		return a && b;
	default:
		return a || b;
	}
}

static int64_t ev_binary(struct ev *e, int min)
{
	int64_t a = ev_unary(e);

	while (prec(e->tok) >= min && prec(e->tok)) {
		int op = e->tok;

		ev_next(e);
		a = apply(e, op, a, ev_binary(e, prec(op) + 1));
	}
	return a;
}

static int64_t ev_expr(struct ev *e)
{
	int64_t c = ev_binary(e, 1), t, f;

	if (e->tok != '?')
		return c;
	if (++e->depth > EV_DEPTH) {
		ev_fail(e, "#if expression nested too deeply");
		return 0;
	}
	ev_next(e);
	t = ev_expr(e);
	if (e->tok != ':')
		ev_fail(e, "expected ':' in #if expression");
	ev_next(e);
	f = ev_expr(e);
	e->depth--;
	return c ? t : f;
}

const char *bt_pp_if_eval(const struct bt_pp *pp, const char *text, bool elif, bool *val)
{
	struct ev e = {.pp = pp, .nfr = 1};

	e.fr[0].p = text;
	e.fr[0].end = text + strlen(text);
	ev_next(&e);
	if (!elif && e.tok == TK_EOF && !e.err)
		e.err = "#if with no expression";
	*val = ev_expr(&e) != 0;
	if (!e.err && e.tok != TK_EOF)
		e.err = elif ? "invalid #elif expression" : "invalid #if expression";
	return e.err;
}
