// SPDX-License-Identifier: GPL-2.0
/* The lexer (see lexer.h). */
#include "front/lexer.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

static const char *const tok_names[T_NTOKS] = {
	[T_EOF] = "end of file",
	[T_INT] = "integer",
	[T_STR] = "string",
	[T_IDENT] = "identifier",
	[T_VAR] = "variable",
	[T_POS] = "positional parameter",
	[T_POSCOUNT] = "'$#'",
	[T_MAP] = "map",
	[T_SPEC] = "attach point",
	[T_ENDPRED] = "'/'",
	[T_IF] = "'if'",
	[T_ELSE] = "'else'",
	[T_UNROLL] = "'unroll'",
	[T_WHILE] = "'while'",
	[T_FOR] = "'for'",
	[T_BREAK] = "'break'",
	[T_CONTINUE] = "'continue'",
	[T_RETURN] = "'return'",
	[T_SIZEOF] = "'sizeof'",
	[T_OFFSETOF] = "'offsetof'",
	[T_STRUCT] = "'struct'",
	[T_UNION] = "'union'",
	[T_ENUM] = "'enum'",
	[T_LBRACE] = "'{'",
	[T_RBRACE] = "'}'",
	[T_LPAREN] = "'('",
	[T_RPAREN] = "')'",
	[T_LBRACKET] = "'['",
	[T_RBRACKET] = "']'",
	[T_SEMI] = "';'",
	[T_COMMA] = "','",
	[T_DOT] = "'.'",
	[T_ARROW] = "'->'",
	[T_QUESTION] = "'?'",
	[T_COLON] = "':'",
	[T_PLUS] = "'+'",
	[T_MINUS] = "'-'",
	[T_STAR] = "'*'",
	[T_SLASH] = "'/'",
	[T_PERCENT] = "'%'",
	[T_AMP] = "'&'",
	[T_PIPE] = "'|'",
	[T_CARET] = "'^'",
	[T_TILDE] = "'~'",
	[T_BANG] = "'!'",
	[T_LT] = "'<'",
	[T_GT] = "'>'",
	[T_LE] = "'<='",
	[T_GE] = "'>='",
	[T_EQ] = "'=='",
	[T_NE] = "'!='",
	[T_SHL] = "'<<'",
	[T_SHR] = "'>>'",
	[T_LAND] = "'&&'",
	[T_LOR] = "'||'",
	[T_ASSIGN] = "'='",
	[T_ADD_ASSIGN] = "'+='",
	[T_SUB_ASSIGN] = "'-='",
	[T_MUL_ASSIGN] = "'*='",
	[T_DIV_ASSIGN] = "'/='",
	[T_MOD_ASSIGN] = "'%='",
	[T_AND_ASSIGN] = "'&='",
	[T_OR_ASSIGN] = "'|='",
	[T_XOR_ASSIGN] = "'^='",
	[T_SHL_ASSIGN] = "'<<='",
	[T_SHR_ASSIGN] = "'>>='",
	[T_INC] = "'++'",
	[T_DEC] = "'--'",
};

/* Longest first, so "<<=" wins over "<<" and "<". */
static const struct {
	const char *s;
	enum bt_tok tok;
} puncts[] = {
	{"<<=", T_SHL_ASSIGN}, {">>=", T_SHR_ASSIGN}, {"->", T_ARROW},	    {"++", T_INC},
	{"--", T_DEC},	       {"<=", T_LE},	      {">=", T_GE},	    {"==", T_EQ},
	{"!=", T_NE},	       {"<<", T_SHL},	      {">>", T_SHR},	    {"&&", T_LAND},
	{"||", T_LOR},	       {"+=", T_ADD_ASSIGN},  {"-=", T_SUB_ASSIGN}, {"*=", T_MUL_ASSIGN},
	{"/=", T_DIV_ASSIGN},  {"%=", T_MOD_ASSIGN},  {"&=", T_AND_ASSIGN}, {"|=", T_OR_ASSIGN},
	{"^=", T_XOR_ASSIGN},  {"{", T_LBRACE},	      {"}", T_RBRACE},	    {"(", T_LPAREN},
	{")", T_RPAREN},       {"[", T_LBRACKET},     {"]", T_RBRACKET},    {";", T_SEMI},
	{",", T_COMMA},	       {".", T_DOT},	      {"?", T_QUESTION},    {":", T_COLON},
	{"+", T_PLUS},	       {"-", T_MINUS},	      {"*", T_STAR},	    {"/", T_SLASH},
	{"%", T_PERCENT},      {"&", T_AMP},	      {"|", T_PIPE},	    {"^", T_CARET},
	{"~", T_TILDE},	       {"!", T_BANG},	      {"<", T_LT},	    {">", T_GT},
	{"=", T_ASSIGN},
};

static const struct {
	const char *s;
	enum bt_tok tok;
} keywords[] = {
	{"if", T_IF},
	{"else", T_ELSE},
	{"unroll", T_UNROLL},
	{"while", T_WHILE},
	{"for", T_FOR},
	{"break", T_BREAK},
	{"continue", T_CONTINUE},
	{"return", T_RETURN},
	{"sizeof", T_SIZEOF},
	{"offsetof", T_OFFSETOF},
	{"struct", T_STRUCT},
	{"union", T_UNION},
	{"enum", T_ENUM},
};

const char *bt_tok_name(enum bt_tok k)
{
	return k < T_NTOKS && tok_names[k] ? tok_names[k] : "token";
}

static bool is_ident(int c)
{
	return isalnum(c) || c == '_';
}

static void load_chunk(struct bt_lexer *lx)
{
	const struct bt_pp_chunk *c = &lx->pp->chunks[lx->chunk];

	lx->fr[0].p = c->src->text + c->begin;
	lx->fr[0].end = c->src->text + c->end;
	lx->line = c->line;
	lx->line_start = lx->fr[0].p;
}

void bt_lex_init(struct bt_lexer *lx, struct bt_diag *d, const struct bt_pp *pp)
{
	memset(lx, 0, sizeof(*lx));
	lx->d = d;
	lx->pp = pp;
	lx->nfr = 1;
	lx->fr[0].p = lx->fr[0].end = "";
	if (pp->nchunks) {
		load_chunk(lx);
		lx->end_loc = (struct bt_loc){pp->chunks[0].src->name, pp->chunks[0].line, 1, 1};
	}
}

void bt_token_fini(struct bt_token *t)
{
	free(t->str);
	t->str = NULL;
}

/* The location of p, len bytes long, in the current frame. */
static struct bt_loc loc_at(const struct bt_lexer *lx, const char *p, size_t len)
{
	if (lx->nfr > 1)
		return lx->fr[lx->nfr - 1].loc;
	return (struct bt_loc){lx->pp->chunks[lx->chunk].src->name, lx->line,
			       (int)(p - lx->line_start) + 1, len ? (int)len : 1};
}

static int lex_error(struct bt_lexer *lx, const char *p, size_t len, const char *msg)
{
	struct bt_loc loc = loc_at(lx, p, len);

	bt_diag(lx->d, BT_SEV_ERROR, &loc, "%s", msg);
	return -EINVAL;
}

/* Skips blanks and comments; returns 0, 1 at the end of the frame, or -EINVAL. */
static int skip_space(struct bt_lexer *lx)
{
	const char **pp = &lx->fr[lx->nfr - 1].p, *end = lx->fr[lx->nfr - 1].end;

	while (*pp < end) {
		const char *p = *pp;

		if (*p == '\n') {
			*pp = p + 1;
			if (lx->nfr == 1) {
				lx->line++;
				lx->line_start = p + 1;
			}
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			*pp = p + 1;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			while (*pp < end && **pp != '\n')
				(*pp)++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			const char *q = p + 2;

			while (q < end && !(q[0] == '*' && q + 1 < end && q[1] == '/'))
				q++;
			if (q >= end)
				return lex_error(lx, p, 2, "unterminated comment");
			for (const char *r = p; r < q; r++) {
				if (*r == '\n' && lx->nfr == 1) {
					lx->line++;
					lx->line_start = r + 1;
				}
			}
			*pp = q + 2;
		} else {
			return 0;
		}
	}
	return 1;
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The message for a backslash before c that is no escape sequence. */
static int bad_escape(struct bt_lexer *lx, const char *at, char c)
{
	char msg[80];

	if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
		snprintf(msg, sizeof(msg), "invalid escape sequence: '\\' before byte 0x%02x",
			 (unsigned char)c);
	else
		snprintf(msg, sizeof(msg), "invalid escape sequence '\\%c'", c);
	return lex_error(lx, at, 2, msg);
}

static int lex_string(struct bt_lexer *lx, const char *p, const char *end, struct bt_token *t)
{
	struct bt_strbuf b = {0};
	const char *q = p + 1, *eol = memchr(p, '\n', (size_t)(end - p));
	char c;

	eol = eol ? eol : end;
	while (q < eol && *q != '"') {
		c = *q++;
		if (c == '\\' && q < eol) {
			c = *q++;
			switch (c) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'r':
				c = '\r';
				break;
			case 'a':
				c = '\a';
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'v':
				c = '\v';
				break;
			case 'x': {
				int v = 0, n = 0;

				while (n < 2 && q < eol && hexval((unsigned char)*q) >= 0)
					v = v * 16 + hexval((unsigned char)*q++), n++;
				if (!n) {
					bt_sb_free(&b);
					return lex_error(lx, q - 2, 2,
							 "invalid escape sequence '\\x'");
				}
				c = (char)v;
				break;
			}
			case '"':
			case '\\':
			case '\'':
			case '?':
				break;
			default:
				if (c >= '0' && c <= '7') {
					const char *start = q - 2;
					int v = c - '0', n = 1;

					while (n < 3 && q < eol && *q >= '0' && *q <= '7')
						v = v * 8 + (*q++ - '0'), n++;
					if (v > 255) {
						bt_sb_free(&b);
						return lex_error(
							lx, start, (size_t)(q - start),
							"octal escape sequence out of range");
					}
					c = (char)v;
					break;
				}
				bt_sb_free(&b);
				return bad_escape(lx, q - 2, c);
			}
		}
		if (bt_sb_add(&b, &c, 1)) {
			bt_sb_free(&b);
			return -ENOMEM;
		}
	}
	if (q >= eol) {
		bt_sb_free(&b);
		return lex_error(lx, p, (size_t)(eol - p), "unterminated string");
	}
	t->kind = T_STR;
	t->str_len = b.len;
	t->str = bt_sb_take(&b);
	if (!t->str)
		return -ENOMEM;
	t->loc = loc_at(lx, p, (size_t)(q + 1 - p));
	lx->fr[lx->nfr - 1].p = q + 1;
	return 0;
}

static int lex_number(struct bt_lexer *lx, const char *p, const char *end, struct bt_token *t)
{
	const char *q = p;
	unsigned base = 10;
	uint64_t v = 0;
	bool overflow = false, any = false;

	if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		q += 2;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (; q < end; q++) {
		int dv = *q == '_' ? -2 : hexval((unsigned char)*q);

		if (dv == -2)
			continue;
		if (dv < 0 || (unsigned)dv >= base) {
			if (base == 8 && isdigit((unsigned char)*q))
				return lex_error(lx, p, (size_t)(q - p) + 1,
						 "invalid octal literal");
			break;
		}
		if (v > (UINT64_MAX - (unsigned)dv) / base)
			overflow = true;
		v = v * base + (unsigned)dv;
		any = true;
	}
	if (!any && base == 16)
		return lex_error(lx, p, (size_t)(q - p), "invalid hexadecimal literal");
	/* bpftrace's 1e6: a decimal mantissa times a power of ten */
	if (base == 10 && q + 1 < end && q[0] == 'e' && isdigit((unsigned char)q[1])) {
		unsigned e = 0;

		for (q++; q < end && isdigit((unsigned char)*q); q++)
			e = e < 100 ? e * 10 + (unsigned)(*q - '0') : 100;
		while (e-- && v) {
			if (v > UINT64_MAX / 10) {
				overflow = true;
				break;
			}
			v *= 10;
		}
	}
	if (q < end && (*q == 'u' || *q == 'U'))
		q++;
	if (q < end && (*q == 'l' || *q == 'L'))
		q += q + 1 < end && q[1] == q[0] ? 2 : 1;
	if (q < end && (*q == 'u' || *q == 'U') && q[-1] != 'u' && q[-1] != 'U')
		q++;
	if (q < end && is_ident((unsigned char)*q)) {
		const char *r = q;

		while (r < end && is_ident((unsigned char)*r))
			r++;
		return lex_error(lx, p, (size_t)(r - p), "invalid integer literal");
	}
	if (overflow)
		return lex_error(lx, p, (size_t)(q - p), "integer literal too large");
	t->kind = T_INT;
	t->num = v;
	t->loc = loc_at(lx, p, (size_t)(q - p));
	lx->fr[lx->nfr - 1].p = q;
	return 0;
}

static bool expanding(const struct bt_lexer *lx, const struct bt_macro *m)
{
	for (int i = 1; i < lx->nfr; i++)
		if (lx->fr[i].m == m)
			return true;
	return false;
}

/* Pushes m's body if name is a macro not being expanded; returns 1 if pushed. */
static int try_expand(struct bt_lexer *lx, const char *name, size_t len, const char *p)
{
	const struct bt_macro *m = bt_pp_lookup(lx->pp, name, len, lx->chunk);

	if (!m || expanding(lx, m))
		return 0;
	if (lx->nfr == BT_LEX_FRAMES)
		return lex_error(lx, p, len, "macro expansion too deep");
	lx->fr[lx->nfr].loc = loc_at(lx, p, len);
	lx->fr[lx->nfr].p = m->body;
	lx->fr[lx->nfr].end = m->body + strlen(m->body);
	lx->fr[lx->nfr].m = m;
	lx->nfr++;
	return 1;
}

static bool spec_char(const char *start, const char *p)
{
	const char *part;

	if (isalnum((unsigned char)*p) || strchr("_-:.*?[]+$@~!", *p))
		return *p != '\0';
	if (*p != '/')
		return false;
	/* '/' is a path separator only inside a part that is a path (after the
	 * last ':'), "uprobe:/bin/sh" or "uprobe:./a.out", or in a relative
	 * path that a ':' follows, "uprobe:bin/prog:f"; else it opens a
	 * predicate: "k:f/pid == 1/". */
	for (part = p; part > start && part[-1] != ':'; part--)
		;
	if (part == p || *part == '/' || *part == '.')
		return true;
	while (*++p && (isalnum((unsigned char)*p) || strchr("_-.+/", *p)))
		;
	return part > start && *p == ':';
}

/* The end of a quoted part of an attach point, past its closing quote
 * ("usdt:p:prov:\"name\"", "uprobe:bin:\"f\"+0"), or NULL when unterminated. */
static const char *quoted_end(const char *q, const char *end)
{
	for (q++; q < end && *q != '"'; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
	}
	return q < end ? q + 1 : NULL;
}

/* The attach point text p..end with its quoted parts unquoted into out. */
static size_t unquote(const char *p, const char *end, char *out, size_t len)
{
	size_t n = 0;
	bool in = false;

	for (; p < end && n + 1 < len; p++) {
		if (*p == '"') {
			in = !in;
			continue;
		}
		if (in && *p == '\\' && p + 1 < end)
			p++;
		out[n++] = *p;
	}
	return n;
}

static int set_text(struct bt_token *t, enum bt_tok kind, const char *s, size_t len)
{
	t->kind = kind;
	t->str = strndup(s, len);
	t->str_len = len;
	return t->str ? 0 : -ENOMEM;
}

/* An attach point's text with each ':'-separated part that names a macro
 * replaced by the macro's body: "interval:s:INTERVAL", "profile:hz:HZ". */
static int spec_text(struct bt_lexer *lx, struct bt_token *t, const char *s, size_t len)
{
	char out[1024];
	size_t n = 0;
	const char *orig = s, *e = s + len;
	while (s <= e) {
		const char *c = memchr(s, ':', (size_t)(e - s));
		const char *pe = c ? c : e;
		size_t pl = (size_t)(pe - s);
		const struct bt_macro *m = NULL;
		bool ident = pl > 0 && !isdigit((unsigned char)*s);
		for (const char *r = s; r < pe && ident; r++)
			ident = is_ident((unsigned char)*r);
		if (ident)
			m = bt_pp_lookup(lx->pp, s, pl, lx->chunk);
		const char *rep = s;
		size_t rl = pl;
		if (m) {
			rep = m->body;
			while (isspace((unsigned char)*rep))
				rep++;
			rl = strlen(rep);
			while (rl && isspace((unsigned char)rep[rl - 1]))
				rl--;
		}
		if (n + rl + 2 >= sizeof(out))
			return set_text(t, T_SPEC, orig, len);
		memcpy(out + n, rep, rl);
		n += rl;
		if (!c)
			break;
		out[n++] = ':';
		s = c + 1;
	}
	return set_text(t, T_SPEC, out, n);
}

static int lex_word(struct bt_lexer *lx, const char *p, const char *end, struct bt_token *t)
{
	const char *q = p;
	bool quoted = false;
	int err;

	if (lx->spec_mode) {
		while (q < end) {
			const char *qe = *q == '"' && q[-1] == ':' ? quoted_end(q, end) : NULL;

			quoted |= qe != NULL;
			if (qe)
				q = qe;
			else if (spec_char(p, q))
				q++;
			else
				break;
		}
	} else {
		while (q < end && is_ident((unsigned char)*q))
			q++;
	}
	for (const char *r = p; r < q; r++)
		if (!is_ident((unsigned char)*r))
			goto spec;
	err = try_expand(lx, p, (size_t)(q - p), p);
	if (err) {
		if (err > 0)
			lx->fr[lx->nfr - 2].p = q;
		return err;
	}
	if (!lx->spec_mode) {
		for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
			if (strlen(keywords[i].s) == (size_t)(q - p) &&
			    !memcmp(keywords[i].s, p, (size_t)(q - p))) {
				t->kind = keywords[i].tok;
				goto out;
			}
		}
		err = set_text(t, T_IDENT, p, (size_t)(q - p));
		goto out;
	}
spec:
	if (quoted) {
		char buf[1024];

		err = spec_text(lx, t, buf, unquote(p, q, buf, sizeof(buf)));
	} else {
		err = spec_text(lx, t, p, (size_t)(q - p));
	}
out:
	t->loc = loc_at(lx, p, (size_t)(q - p));
	lx->fr[lx->nfr - 1].p = q;
	return err;
}

static int lex_sigil(struct bt_lexer *lx, const char *p, const char *end, struct bt_token *t)
{
	const char *q = p + 1;
	int err;

	if (*p == '$' && q < end && *q == '#') {
		t->kind = T_POSCOUNT;
		q++;
	} else if (*p == '$' && q < end && isdigit((unsigned char)*q)) {
		uint64_t v = 0;

		for (; q < end && isdigit((unsigned char)*q); q++) {
			if (v > 100000000)
				return lex_error(lx, p, (size_t)(q - p),
						 "positional parameter too large");
			v = v * 10 + (uint64_t)(*q - '0');
		}
		if (v == 0)
			return lex_error(lx, p, (size_t)(q - p),
					 "positional parameters start at $1 ($# is their count)");
		t->kind = T_POS;
		t->num = v;
	} else {
		while (q < end && is_ident((unsigned char)*q))
			q++;
		if (*p == '$' && q == p + 1)
			return lex_error(lx, p, 1, "invalid character '$'");
		err = set_text(t, *p == '$' ? T_VAR : T_MAP, p + 1, (size_t)(q - p - 1));
		if (err)
			return err;
	}
	t->loc = loc_at(lx, p, (size_t)(q - p));
	lx->fr[lx->nfr - 1].p = q;
	return 0;
}

/* The first non-space character of the chunks after the current one (a
 * directive line between a predicate and its block splits chunks), or NULL. */
static const char *next_chunk_char(struct bt_lexer *lx, const char **endp)
{
	for (size_t c = lx->chunk + 1; c < lx->pp->nchunks; c++) {
		const struct bt_pp_chunk *ch = &lx->pp->chunks[c];
		const char *q = ch->src->text + ch->begin, *e = ch->src->text + ch->end;
		while (q < e && isspace((unsigned char)*q))
			q++;
		if (q < e) {
			*endp = e;
			return q;
		}
	}
	return NULL;
}

/* q past white space and comments (a lookahead: no line counting) */
static const char *skip_blank(const char *q, const char *end)
{
	while (q < end) {
		if (isspace((unsigned char)*q)) {
			q++;
		} else if (end - q >= 2 && q[0] == '/' && q[1] == '/') {
			while (q < end && *q != '\n')
				q++;
		} else if (end - q >= 2 && q[0] == '/' && q[1] == '*') {
			const char *c = q + 2;

			while (c < end && !(c[0] == '*' && c + 1 < end && c[1] == '/'))
				c++;
			if (c >= end)
				return q; /* unterminated: the lexer reports it */
			q = c + 2;
		} else {
			break;
		}
	}
	return q;
}

static int lex_punct(struct bt_lexer *lx, const char *p, const char *end, struct bt_token *t)
{
	char msg[48];

	/* A '/' before '{' closes a predicate, so the expression parser never
	 * takes it for a division. */
	if (*p == '/' && !(p + 1 < end && p[1] == '=')) {
		const char *q = skip_blank(p + 1, end);

		if (q == end && lx->nfr == 1)
			q = next_chunk_char(lx, &end);
		if (q && q < end && *q == '{') {
			t->kind = T_ENDPRED;
			t->loc = loc_at(lx, p, 1);
			lx->fr[lx->nfr - 1].p = p + 1;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
		size_t n = strlen(puncts[i].s);

		if ((size_t)(end - p) >= n && !memcmp(p, puncts[i].s, n)) {
			t->kind = puncts[i].tok;
			t->loc = loc_at(lx, p, n);
			lx->fr[lx->nfr - 1].p = p + n;
			return 0;
		}
	}
	if (isprint((unsigned char)*p))
		snprintf(msg, sizeof(msg), "invalid character '%c'", *p);
	else
		snprintf(msg, sizeof(msg), "invalid character '\\x%02x'", (unsigned char)*p);
	return lex_error(lx, p, 1, msg);
}

int bt_lex_next(struct bt_lexer *lx, struct bt_token *t)
{
	int err;

	memset(t, 0, sizeof(*t));
	for (;;) {
		const char *p, *end;

		err = skip_space(lx);
		if (err < 0)
			return err;
		if (err > 0) {
			if (lx->nfr > 1) {
				lx->nfr--;
				continue;
			}
			if (lx->chunk + 1 < lx->pp->nchunks) {
				lx->chunk++;
				load_chunk(lx);
				continue;
			}
			t->kind = T_EOF;
			t->loc = lx->end_loc;
			return 0;
		}
		p = lx->fr[lx->nfr - 1].p;
		end = lx->fr[lx->nfr - 1].end;
		if (*p == '"')
			err = lex_string(lx, p, end, t);
		else if (isdigit((unsigned char)*p) && !lx->spec_mode)
			err = lex_number(lx, p, end, t);
		else if ((*p == '$' || *p == '@') && !lx->spec_mode)
			err = lex_sigil(lx, p, end, t);
		else if (isalnum((unsigned char)*p) || *p == '_' ||
			 (lx->spec_mode && strchr("*?.$@[", *p) && *p))
			err = lex_word(lx, p, end, t);
		else
			err = lex_punct(lx, p, end, t);
		if (err > 0)
			continue; /* a macro body was pushed */
		if (err)
			return err;
		lx->end_loc = t->loc;
		lx->end_loc.col += t->loc.len;
		lx->end_loc.len = 1;
		return 0;
	}
}
