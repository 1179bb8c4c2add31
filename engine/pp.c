// SPDX-License-Identifier: GPL-2.0
/*
 * The preprocessor (see pp.h): cuts sources into chunks of active lines and
 * records macros with the chunk range where they hold. Directives are
 * recognised only at the start of a line outside a block comment, as in C.
 */
#include "pp.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bt/bt.h"
#include "strbuf.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_COND_DEPTH 64
#define MAX_INCLUDE_SIZE (16 << 20)

struct cond {
	struct bt_loc loc; /* of the #if, for "unterminated #if" */
	bool outer;        /* the enclosing region is active */
	bool taken;        /* some branch was already active */
	bool active;       /* the current branch is active */
	bool seen_else;
};

struct scan {
	struct bt_diag *d;
	struct bt_pp *pp;
	int depth; /* of #include */
};

static bool is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static bool is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* ---- macro table ---- */

static struct bt_macro *live_macro(const struct bt_pp *pp, const char *name, size_t len)
{
	for (size_t i = pp->nmacros; i-- > 0;) {
		struct bt_macro *m = &pp->macros[i];

		if (m->end == SIZE_MAX && strlen(m->name) == len && !memcmp(m->name, name, len))
			return m;
	}
	return NULL;
}

const struct bt_macro *bt_pp_lookup(const struct bt_pp *pp, const char *name, size_t len,
				    size_t chunk)
{
	for (size_t i = pp->nmacros; i-- > 0;) {
		const struct bt_macro *m = &pp->macros[i];

		if (chunk >= m->begin && chunk < m->end && strlen(m->name) == len &&
		    !memcmp(m->name, name, len))
			return m;
	}
	return NULL;
}

static void undef(struct bt_pp *pp, const char *name, size_t len)
{
	struct bt_macro *m = live_macro(pp, name, len);

	if (m)
		m->end = pp->nchunks;
}

/* Takes ownership of body. */
static int define(struct bt_pp *pp, const char *name, size_t len, char *body)
{
	struct bt_macro *m;

	undef(pp, name, len);
	if (pp->nmacros == pp->macros_cap) {
		size_t cap = pp->macros_cap ? pp->macros_cap * 2 : 16;

		m = realloc(pp->macros, cap * sizeof(*m));
		if (!m)
			goto err_body;
		pp->macros = m;
		pp->macros_cap = cap;
	}
	m = &pp->macros[pp->nmacros];
	m->name = strndup(name, len);
	if (!m->name)
		goto err_body;
	m->body = body;
	m->begin = pp->nchunks;
	m->end = SIZE_MAX;
	pp->nmacros++;
	return 0;
err_body:
	free(body);
	return -ENOMEM;
}

static int add_chunk(struct bt_pp *pp, struct bt_src *src, size_t begin, size_t end, int line)
{
	if (begin == end)
		return 0;
	if (pp->nchunks == pp->chunks_cap) {
		size_t cap = pp->chunks_cap ? pp->chunks_cap * 2 : 16;
		struct bt_pp_chunk *c = realloc(pp->chunks, cap * sizeof(*c));

		if (!c)
			return -ENOMEM;
		pp->chunks = c;
		pp->chunks_cap = cap;
	}
	pp->chunks[pp->nchunks++] = (struct bt_pp_chunk){ src, begin, end, line };
	return 0;
}

void bt_pp_free(struct bt_pp *pp)
{
	for (size_t i = 0; i < pp->nmacros; i++) {
		free(pp->macros[i].name);
		free(pp->macros[i].body);
	}
	free(pp->macros);
	free(pp->chunks);
	memset(pp, 0, sizeof(*pp));
}

/* ---- typed defines ---- */

/* A string literal for s: quotes, backslashes and control bytes escaped, so
 * a define's value can never end the literal and become script text. */
static char *quote(const char *s)
{
	struct bt_strbuf b = { 0 };

	bt_sb_puts(&b, "\"");
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			bt_sb_printf(&b, "\\%c", c);
		else if (c == '\n')
			bt_sb_puts(&b, "\\n");
		else if (c == '\t')
			bt_sb_puts(&b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			bt_sb_printf(&b, "\\x%02x", c);
		else
			bt_sb_add(&b, (const char *)&c, 1);
	}
	if (bt_sb_puts(&b, "\"")) {
		bt_sb_free(&b);
		return NULL;
	}
	return bt_sb_take(&b);
}

static int add_defines(struct scan *sc, const struct bt_define *defs, size_t ndefs)
{
	for (size_t i = 0; i < ndefs; i++) {
		const struct bt_define *df = &defs[i];
		const char *n = df->name ? df->name : "";
		char *body = NULL;

		if (!is_ident_start((unsigned char)n[0]))
			goto bad_name;
		for (const char *p = n; *p; p++)
			if (!is_ident((unsigned char)*p))
				goto bad_name;
		switch (df->kind) {
		case BT_DEF_FLAG:
			body = strdup("1");
			break;
		case BT_DEF_INT:
			if (asprintf(&body, "%lld", (long long)df->ival) < 0)
				body = NULL;
			break;
		case BT_DEF_STR:
			body = quote(df->sval);
			break;
		case BT_DEF_RAW:
			body = strdup(df->sval ? df->sval : "1");
			break;
		}
		if (!body || define(sc->pp, n, strlen(n), body))
			return -ENOMEM;
		continue;
bad_name:
		bt_diag(sc->d, BT_SEV_ERROR, NULL, "invalid macro name '%s'", n);
		return -EINVAL;
	}
	return 0;
}

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
	while (*p < end && is_ident((unsigned char)**p))
		(*p)++;
	if (*p == name)
		return ev_fail(e, "macro name missing after 'defined'");
	e->val = live_macro(e->pp, name, (size_t)(*p - name)) != NULL;
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
		{ "<<", TK_SHL }, { ">>", TK_SHR }, { "<=", TK_LE },   { ">=", TK_GE },
		{ "==", TK_EQ },  { "!=", TK_NE },  { "&&", TK_LAND }, { "||", TK_LOR },
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
			if (q < end && is_ident((unsigned char)*q))
				return ev_fail(e, "invalid integer in #if");
			e->tok = TK_NUM;
			return;
		}
		if (is_ident_start((unsigned char)*p)) {
			const char *w = p;
			const struct bt_macro *m;

			while (p < end && is_ident((unsigned char)*p))
				p++;
			e->fr[e->nfr - 1].p = p;
			if (p - w == 7 && !memcmp(w, "defined", 7))
				return ev_defined(e);
			m = live_macro(e->pp, w, (size_t)(p - w));
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
	case '*': case '/': case '%': return 10;
	case '+': case '-': return 9;
	case TK_SHL: case TK_SHR: return 8;
	case '<': case '>': case TK_LE: case TK_GE: return 7;
	case TK_EQ: case TK_NE: return 6;
	case '&': return 5;
	case '^': return 4;
	case '|': return 3;
	case TK_LAND: return 2;
	case TK_LOR: return 1;
	default: return 0;
	}
}

static int64_t apply(struct ev *e, int op, int64_t a, int64_t b)
{
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;

	switch (op) {
	case '*': return (int64_t)(ua * ub);
	case '/':
	case '%':
		if (b == 0) {
			ev_fail(e, "division by zero in #if");
			return 0;
		}
		if (a == INT64_MIN && b == -1)
			return op == '/' ? a : 0;
		return op == '/' ? a / b : a % b;
	case '+': return (int64_t)(ua + ub);
	case '-': return (int64_t)(ua - ub);
	case TK_SHL: return (int64_t)(ua << (ub & 63));
	case TK_SHR: return a >> (ub & 63);
	case '<': return a < b;
	case '>': return a > b;
	case TK_LE: return a <= b;
	case TK_GE: return a >= b;
	case TK_EQ: return a == b;
	case TK_NE: return a != b;
	case '&': return a & b;
	case '^': return a ^ b;
	case '|': return a | b;
	case TK_LAND: return a && b;
	default: return a || b;
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

/* ---- directives ---- */

/* Copies a directive's text with comments replaced by a space. */
static char *strip_comments(const char *p, const char *end)
{
	struct bt_strbuf b = { 0 };

	while (p < end) {
		if (*p == '"' || *p == '\'') {
			const char *q = p + 1;

			while (q < end && *q != *p)
				q += *q == '\\' && q + 1 < end ? 2 : 1;
			q = q < end ? q + 1 : end;
			bt_sb_add(&b, p, (size_t)(q - p));
			p = q;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			break;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			const char *q = p + 2;

			while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
				q++;
			p = q + 1 < end ? q + 2 : end;
			bt_sb_puts(&b, " ");
		} else {
			bt_sb_add(&b, p++, 1);
		}
	}
	/* Trim, so "#define X 1 " expands to "1". */
	while (b.len && isspace((unsigned char)b.s[b.len - 1]))
		b.s[--b.len] = '\0';
	return bt_sb_take(&b);
}

static int scan_src(struct scan *sc, struct bt_src *src);

/*
 * Reads and scans the file at path (taken over: freed here) as an #included
 * source. loc locates errors (the #include line), NULL for --include.
 */
static int include_path(struct scan *sc, char *path, const struct bt_loc *loc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = NULL;
	struct bt_src *inc;
	int err = -EINVAL;

	f = fopen(path, "r");
	if (!f) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	text = malloc(MAX_INCLUDE_SIZE + 1);
	if (!text) {
		err = -ENOMEM;
		goto out;
	}
	errno = 0;
	len = fread(text, 1, MAX_INCLUDE_SIZE + 1, f);
	if (len > MAX_INCLUDE_SIZE) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot read '%s': larger than %d bytes", path,
			MAX_INCLUDE_SIZE);
		goto out;
	}
	if (ferror(f)) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot read '%s': %s", path,
			strerror(errno ? errno : EIO));
		goto out;
	}
	text[len] = '\0';
	inc = bt_diag_add_src(sc->d, path, text, len);
	if (!inc) {
		err = -ENOMEM;
		goto out;
	}
	text = NULL;
	sc->depth++;
	err = scan_src(sc, inc);
	sc->depth--;
out:
	if (f)
		fclose(f);
	free(text);
	free(path);
	return err;
}

static int do_include(struct scan *sc, struct bt_src *src, const struct bt_loc *loc,
		      const char *arg)
{
	const char *slash = strrchr(src->name, '/');
	char *path = NULL;
	const char *close;

	if (*arg == '<')
		return 0; /* kernel headers: types come from BTF */
	if (*arg != '"' || !(close = strchr(arg + 1, '"'))) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "#include expects \"FILENAME\" or <FILENAME>");
		return -EINVAL;
	}
	if (sc->depth >= MAX_INCLUDE_DEPTH) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "#include nested too deeply");
		return -EINVAL;
	}
	if (arg[1] == '/' || !slash)
		path = strndup(arg + 1, (size_t)(close - arg - 1));
	else if (asprintf(&path, "%.*s/%.*s", (int)(slash - src->name), src->name,
			  (int)(close - arg - 1), arg + 1) < 0)
		path = NULL;
	if (!path)
		return -ENOMEM;
	return include_path(sc, path, loc);
}

/* Handles one directive line; `active` says whether its region is active. */
static int directive(struct scan *sc, struct bt_src *src, const char *p, const char *end,
		     struct bt_loc loc, struct cond *conds, int *nconds)
{
	bool active = *nconds == 0 || conds[*nconds - 1].active;
	const char *hash = p - 1, *w, *name, *arg;
	size_t wlen, nlen;
	char *body = NULL;
	int err = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	w = p;
	while (p < end && is_ident((unsigned char)*p))
		p++;
	wlen = (size_t)(p - w);
	loc.len = (int)(p - hash); /* underline "#word" */
	body = strip_comments(p, end);
	if (!body)
		return -ENOMEM;
	arg = body;
	while (isspace((unsigned char)*arg))
		arg++;
	name = arg;
	while (is_ident((unsigned char)*arg))
		arg++;
	nlen = (size_t)(arg - name);

#define IS(s) (wlen == sizeof(s) - 1 && !memcmp(w, s, wlen))
	if (IS("if") || IS("ifdef") || IS("ifndef")) {
		struct cond *c;

		if (*nconds == MAX_COND_DEPTH) {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "#if nested too deeply");
			err = -EINVAL;
			goto out;
		}
		c = &conds[(*nconds)++];
		*c = (struct cond){ .loc = loc, .outer = active };
		if (!active)
			goto out;
		if (IS("if")) {
			struct ev e = { .pp = sc->pp, .nfr = 1 };

			e.fr[0].p = body;
			e.fr[0].end = body + strlen(body);
			ev_next(&e);
			if (e.tok == TK_EOF && !e.err)
				e.err = "#if with no expression";
			c->active = ev_expr(&e) != 0;
			if (!e.err && e.tok != TK_EOF)
				e.err = "invalid #if expression";
			if (e.err) {
				bt_diag(sc->d, BT_SEV_ERROR, &loc, "%s", e.err);
				err = -EINVAL;
				goto out;
			}
		} else {
			if (!nlen) {
				bt_diag(sc->d, BT_SEV_ERROR, &loc, "no macro name given in #%.*s",
					(int)wlen, w);
				err = -EINVAL;
				goto out;
			}
			c->active = (live_macro(sc->pp, name, nlen) != NULL) == IS("ifdef");
		}
		c->taken = c->active;
	} else if (IS("elif") || IS("else")) {
		struct cond *c = *nconds ? &conds[*nconds - 1] : NULL;

		if (!c || c->seen_else) {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "#%.*s %s", (int)wlen, w,
				c ? "after #else" : "without #if");
			err = -EINVAL;
			goto out;
		}
		if (IS("else")) {
			c->seen_else = true;
			c->active = c->outer && !c->taken;
		} else if (!c->outer || c->taken) {
			c->active = false;
		} else {
			struct ev e = { .pp = sc->pp, .nfr = 1 };

			e.fr[0].p = body;
			e.fr[0].end = body + strlen(body);
			ev_next(&e);
			c->active = ev_expr(&e) != 0;
			if (!e.err && e.tok != TK_EOF)
				e.err = "invalid #elif expression";
			if (e.err) {
				bt_diag(sc->d, BT_SEV_ERROR, &loc, "%s", e.err);
				err = -EINVAL;
				goto out;
			}
		}
		c->taken |= c->active;
	} else if (IS("endif")) {
		if (!*nconds) {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "#endif without #if");
			err = -EINVAL;
			goto out;
		}
		(*nconds)--;
	} else if (!active || wlen == 0 || IS("pragma")) {
		/* skipped region, null directive or pragma: nothing to do */
	} else if (IS("define")) {
		if (!nlen) {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "no macro name given in #define");
			err = -EINVAL;
		} else if (isdigit((unsigned char)*name)) {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "macro name '%.*s' must be an identifier",
				(int)nlen, name);
			err = -EINVAL;
		} else if (*arg == '(') {
			bt_diag(sc->d, BT_SEV_ERROR, &loc, "function-like macros are not supported");
			err = -EINVAL;
		} else {
			char *val = strdup(arg + strspn(arg, " \t"));

			err = val ? define(sc->pp, name, nlen, val) : -ENOMEM;
		}
	} else if (IS("undef")) {
		undef(sc->pp, name, nlen);
	} else if (IS("include")) {
		err = do_include(sc, src, &loc, name);
	} else if (IS("error")) {
		bt_diag(sc->d, BT_SEV_ERROR, &loc, "#error %s", name);
		err = -EINVAL;
	} else {
		bt_diag(sc->d, BT_SEV_ERROR, &loc, "unknown preprocessor directive '#%.*s'",
			(int)wlen, w);
		err = -EINVAL;
	}
#undef IS
out:
	free(body);
	return err;
}

/* Updates *in_comment over one ordinary line (strings and // skipped). */
static void track_comments(const char *p, const char *end, bool *in_comment)
{
	while (p < end) {
		if (*in_comment) {
			if (end - p >= 2 && p[0] == '*' && p[1] == '/') {
				*in_comment = false;
				p += 2;
			} else {
				p++;
			}
		} else if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			p++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			return;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			*in_comment = true;
			p += 2;
		} else {
			p++;
		}
	}
}

static int scan_src(struct scan *sc, struct bt_src *src)
{
	const char *text = src->text, *end = text + src->len;
	const char *line = text;
	struct cond conds[MAX_COND_DEPTH];
	int nconds = 0, lineno = 1, chunk_line = 1, err;
	size_t chunk_begin = 0;
	bool in_comment = false;

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *next, *p = line;
		int nlines = 1;

		eol = eol ? eol : end;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (!in_comment && p < eol && *p == '#') {
			struct bt_loc loc = { src->name, lineno, (int)(p - line) + 1, 1 };

			/* A directive continues over lines ending in '\'. */
			while (eol < end && eol > line && eol[-1] == '\\') {
				eol = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
				eol = eol ? eol : end;
				nlines++;
			}
			next = eol < end ? eol + 1 : end;
			err = add_chunk(sc->pp, src, chunk_begin, (size_t)(line - text), chunk_line);
			if (err)
				return err;
			if (lineno == 1 && p[1] == '!')
				err = 0; /* #! interpreter line */
			else
				err = directive(sc, src, p + 1, eol, loc, conds, &nconds);
			if (err)
				return err;
			chunk_begin = (size_t)(next - text);
			chunk_line = lineno + nlines;
		} else {
			next = eol < end ? eol + 1 : end;
			if (nconds && !conds[nconds - 1].active) {
				err = add_chunk(sc->pp, src, chunk_begin, (size_t)(line - text),
						chunk_line);
				if (err)
					return err;
				chunk_begin = (size_t)(next - text);
				chunk_line = lineno + 1;
			}
			track_comments(line, eol, &in_comment);
		}
		lineno += nlines;
		line = next;
	}
	if (nconds) {
		bt_diag(sc->d, BT_SEV_ERROR, &conds[nconds - 1].loc, "unterminated #if");
		return -EINVAL;
	}
	return add_chunk(sc->pp, src, chunk_begin, src->len, chunk_line);
}

int bt_pp_scan(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
	       struct bt_pp *pp)
{
	struct scan sc = { .d = d, .pp = pp };
	int err;

	memset(pp, 0, sizeof(*pp));
	err = add_defines(&sc, defs, ndefs);
	/* --include FILE: as if #include "FILE" came before line 1, but FILE is
	 * found from the working directory and the script keeps its numbering */
	for (size_t i = 0; !err && i < src->nincludes; i++) {
		char *path = strdup(src->includes[i]);

		err = path ? include_path(&sc, path, NULL) : -ENOMEM;
	}
	if (err)
		return err;
	return scan_src(&sc, src);
}

/* ---- the preprocessed text, for --script ---- */

#define EXPAND_DEPTH 32

/* Appends p..end with the macros of chunk expanded; guard lists those being expanded. */
static int expand(const struct bt_pp *pp, size_t chunk, const char *p, const char *end,
		  const struct bt_macro **guard, int nguard, struct bt_strbuf *out)
{
	while (p < end) {
		const char *q = p + 1;

		if (*p == '"') {
			while (q < end && *q != '"' && *q != '\n')
				q += *q == '\\' && q + 1 < end ? 2 : 1;
			q = q < end && *q == '"' ? q + 1 : q;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			while (q < end && *q != '\n')
				q++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			for (q = p + 2; q < end && !(q[0] == '*' && q + 1 < end && q[1] == '/'); q++)
				;
			q = q < end ? q + 2 : end;
		} else if (is_ident((unsigned char)*p) || *p == '$' || *p == '@') {
			const struct bt_macro *m;
			bool seen = false;

			while (q < end && is_ident((unsigned char)*q))
				q++;
			/* Numbers, $vars and @maps are not macro names. */
			m = is_ident_start((unsigned char)*p) ?
				    bt_pp_lookup(pp, p, (size_t)(q - p), chunk) : NULL;
			for (int i = 0; m && i < nguard; i++)
				seen |= guard[i] == m;
			if (m && !seen && nguard < EXPAND_DEPTH) {
				int err;

				guard[nguard] = m;
				err = expand(pp, chunk, m->body, m->body + strlen(m->body), guard,
					     nguard + 1, out);
				if (err)
					return err;
				p = q;
				continue;
			}
		}
		if (bt_sb_add(out, p, (size_t)(q - p)))
			return -ENOMEM;
		p = q;
	}
	return 0;
}

int bt_preprocess(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs,
		  size_t ndefs, char **text_out)
{
	const struct bt_macro *guard[EXPAND_DEPTH];
	struct bt_strbuf out = { 0 };
	struct bt_pp pp;
	int err, line = 1;

	*text_out = NULL;
	err = bt_pp_scan(d, src, defs, ndefs, &pp);
	for (size_t i = 0; !err && i < pp.nchunks; i++) {
		const struct bt_pp_chunk *c = &pp.chunks[i];

		/* Keep the main script's line numbers: skipped lines stay empty. */
		for (; c->src == src && line < c->line && !err; line++)
			err = bt_sb_puts(&out, "\n");
		if (!err)
			err = expand(&pp, i, c->src->text + c->begin, c->src->text + c->end, guard,
				     0, &out);
		if (!err && out.len && out.s[out.len - 1] != '\n')
			err = bt_sb_puts(&out, "\n");
		if (c->src == src)
			for (size_t j = c->begin; j < c->end; j++)
				line += c->src->text[j] == '\n';
		if (c->src == src && c->end == src->len && src->len && src->text[src->len - 1] != '\n')
			line++;
	}
	if (!err) {
		*text_out = bt_sb_take(&out);
		if (!*text_out)
			err = -ENOMEM;
	}
	bt_sb_free(&out);
	bt_pp_free(&pp);
	return err;
}
