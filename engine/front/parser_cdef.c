// SPDX-License-Identifier: GPL-2.0
/*
 * C definitions in scripts: struct, union, enum and typedef at the top
 * level, as real scripts write them. The tree they make (sema_cdefs.c lays
 * them out as gcc does):
 *  STRUCTDEF  tname "struct X" / "union X" / "enum X"; num 1 when it has a
 *             body (0: a forward declaration); flag: __attribute__((packed));
 *             list: the members (FIELD_DECL), preceded by the STRUCTDEFs of
 *             the struct/union/enum bodies written inside it. Anonymous
 *             bodies are named "struct <anonymous LINE:COL>".
 *  FIELD_DECL tname: the base type and its '*'s; str: the member's name (NULL
 *             for an anonymous struct/union member); list: array dimensions
 *             (expressions); b: bitfield width (expression) or NULL.
 *             Enum members: str the name, a the value expression or NULL.
 *  TYPEDEF    a FIELD_DECL whose str is the new type's name.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/parser_int.h"
#include "util/strbuf.h"

static const char *const quals[] = {"const",  "volatile", "static", "restrict", "__restrict",
				    "extern", "register", "inline", "__const",	"__volatile__"};
static const char *const words[] = {"unsigned", "signed", "char",	"short",
				    "int",	"long",	  "__signed__", "_Bool"};

static bool one_of(const struct bt_token *t, const char *const *v, size_t n)
{
	if (t->kind != T_IDENT)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t->str, v[i]))
			return true;
	return false;
}

#define ONE_OF(t, v) one_of(t, v, sizeof(v) / sizeof(v[0]))

static bool is_attr(const struct bt_token *t)
{
	return (t->kind == T_IDENT || t->kind == T_SPEC) &&
	       (!strcmp(t->str, "__attribute__") || !strcmp(t->str, "__attribute"));
}

/*
 * Skips __attribute__((...)) lists; *packed is set by one naming packed.
 * spec_after: the lexer mode for what follows the last ')'.
 */
static bool skip_attributes(struct parser *p, bool *packed, bool spec_after)
{
	while (!p->err && is_attr(&p->tok)) {
		int depth = 0;

		p->lx.spec_mode = false;
		bt_parser_advance(p);
		if (p->tok.kind != T_LPAREN) {
			bt_parser_syntax_error(p, "'('");
			return false;
		}
		do {
			if (p->tok.kind == T_EOF) {
				bt_parser_syntax_error(p, "')'");
				return false;
			}
			depth += p->tok.kind == T_LPAREN;
			depth -= p->tok.kind == T_RPAREN;
			if (p->tok.kind == T_IDENT &&
			    (!strcmp(p->tok.str, "packed") || !strcmp(p->tok.str, "__packed__")))
				*packed = true;
			if (!depth)
				p->lx.spec_mode = spec_after;
			bt_parser_advance(p);
		} while (depth > 0 && !p->err);
	}
	p->lx.spec_mode = spec_after;
	return !p->err;
}

static void skip_quals(struct parser *p)
{
	while (ONE_OF(&p->tok, quals))
		bt_parser_advance(p);
}

static struct bt_node *parse_body(struct parser *p, struct bt_node *def, bool spec_after);

/* A new typename named name (taken). */
static struct bt_typename *new_typename(struct parser *p, char *name)
{
	struct bt_typename *t = calloc(1, sizeof(*t));

	if (!t || !name) {
		free(t);
		free(name);
		p->err = -ENOMEM;
		return NULL;
	}
	t->name = name;
	t->array = -1;
	return t;
}

/*
 * struct/union/enum [attrs] [NAME] [attrs] [{ body }]: the type's name. A
 * body becomes a STRUCTDEF pushed on defs (before the member using it).
 */
static struct bt_typename *tagged(struct parser *p, struct bt_nodelist *defs, bool spec_after,
				  bool *has_body)
{
	struct bt_loc loc = p->tok.loc;
	const char *kw = p->tok.kind == T_STRUCT  ? "struct"
			 : p->tok.kind == T_UNION ? "union"
						  : "enum";
	struct bt_strbuf b = {0};
	bool packed = false;
	struct bt_node *def;

	bt_parser_advance(p);
	if (!skip_attributes(p, &packed, false))
		return NULL;
	if (p->tok.kind == T_IDENT) {
		bt_sb_printf(&b, "%s %s", kw, p->tok.str);
		bt_parser_advance(p);
	} else {
		bt_sb_printf(&b, "%s <anonymous %d:%d>", kw, loc.line, loc.col);
	}
	*has_body = p->tok.kind == T_LBRACE;
	if (!*has_body)
		return new_typename(p, bt_sb_take(&b));
	if (!(def = bt_parser_node(p, BT_N_STRUCTDEF, loc))) {
		bt_sb_free(&b);
		return NULL;
	}
	def->flag = packed;
	def->num = 1;
	if (!(def->tname = new_typename(p, bt_sb_take(&b))) || !parse_body(p, def, spec_after)) {
		bt_node_free(def);
		return NULL;
	}
	char *name = strdup(def->tname->name);
	return bt_parser_push(p, defs, def) ? new_typename(p, name) : (free(name), NULL);
}

/* The base type of a declaration (qualifiers, C integer words, typedef names). */
static struct bt_typename *type_spec(struct parser *p, struct bt_nodelist *defs, bool *anon_body)
{
	struct bt_strbuf b = {0};

	*anon_body = false;
	skip_quals(p);
	if (p->tok.kind == T_STRUCT || p->tok.kind == T_UNION || p->tok.kind == T_ENUM) {
		struct bt_typename *t = tagged(p, defs, false, anon_body);
		*anon_body = *anon_body && t && strchr(t->name, '<');
		skip_quals(p);
		return t;
	}
	if (ONE_OF(&p->tok, words)) {
		while (ONE_OF(&p->tok, words) || ONE_OF(&p->tok, quals)) {
			if (!ONE_OF(&p->tok, quals))
				bt_sb_printf(&b, "%s%s", b.len ? " " : "", p->tok.str);
			bt_parser_advance(p);
		}
	} else if (p->tok.kind == T_IDENT) {
		bt_sb_puts(&b, p->tok.str);
		bt_parser_advance(p);
		skip_quals(p);
	} else {
		bt_parser_syntax_error(p, "type");
		return NULL;
	}
	return new_typename(p, bt_sb_take(&b));
}

static struct bt_typename *copy_typename(struct parser *p, const struct bt_typename *base)
{
	struct bt_typename *t = new_typename(p, strdup(base->name));
	if (t)
		*t = (struct bt_typename){.name = t->name, .ptr = base->ptr, .array = -1};
	return t;
}

/* Skips a parenthesized list (function parameters). */
static bool skip_parens(struct parser *p)
{
	int depth = 0;
	do {
		if (p->tok.kind == T_EOF) {
			bt_parser_syntax_error(p, "')'");
			return false;
		}
		depth += p->tok.kind == T_LPAREN;
		depth -= p->tok.kind == T_RPAREN;
		bt_parser_advance(p);
	} while (depth > 0 && !p->err);
	return !p->err;
}

/* One declarator: '*'s, NAME or (*NAME)(params), [dims], :width. */
static struct bt_node *declarator(struct parser *p, const struct bt_typename *base,
				  enum bt_node_kind kind, bool *packed)
{
	struct bt_node *f = bt_parser_node(p, kind, p->tok.loc);

	if (!f || !(f->tname = copy_typename(p, base)))
		goto err;
	while (bt_parser_accept(p, T_STAR)) {
		f->tname->ptr++;
		skip_quals(p);
	}
	if (bt_parser_accept(p, T_LPAREN)) { /* function pointer: (*name)(params) */
		if (!bt_parser_expect(p, T_STAR))
			goto err;
		while (bt_parser_accept(p, T_STAR))
			;
		free(f->tname->name);
		f->tname->name = strdup("void");
		f->tname->ptr = 1;
		if (!f->tname->name)
			goto err_nomem;
		if (p->tok.kind == T_IDENT) {
			f->loc = p->tok.loc;
			f->str = bt_parser_take_str(p);
			bt_parser_advance(p);
		}
		if (!bt_parser_expect(p, T_RPAREN) || p->tok.kind != T_LPAREN || !skip_parens(p))
			goto err;
	} else if (p->tok.kind == T_IDENT) {
		f->loc = p->tok.loc;
		f->str = bt_parser_take_str(p);
		bt_parser_advance(p);
	}
	while (bt_parser_accept(p, T_LBRACKET)) {
		if (!bt_parser_push(p, &f->list, bt_parser_expr(p)) ||
		    !bt_parser_expect(p, T_RBRACKET))
			goto err;
	}
	if (kind == BT_N_FIELD_DECL && bt_parser_accept(p, T_COLON) && !(f->b = bt_parser_expr(p)))
		goto err;
	if (!skip_attributes(p, packed, false))
		goto err;
	if (!f->str && !f->b) {
		bt_parser_syntax_error(p, "identifier");
		goto err;
	}
	return f;
err_nomem:
	p->err = -ENOMEM;
err:
	bt_node_free(f);
	return NULL;
}

/* enum members: NAME [= expr], ... */
static bool enum_body(struct parser *p, struct bt_node *def)
{
	while (p->tok.kind != T_RBRACE) {
		struct bt_node *e;
		if (p->tok.kind != T_IDENT) {
			bt_parser_syntax_error(p, "identifier");
			return false;
		}
		if (!(e = bt_parser_node(p, BT_N_FIELD_DECL, p->tok.loc)))
			return false;
		e->str = bt_parser_take_str(p);
		if (!bt_parser_push(p, &def->list, e))
			return false;
		bt_parser_advance(p);
		if (bt_parser_accept(p, T_ASSIGN) && !(e->a = bt_parser_expr(p)))
			return false;
		if (!bt_parser_accept(p, T_COMMA) && p->tok.kind != T_RBRACE) {
			bt_parser_syntax_error(p, "',' or '}'");
			return false;
		}
	}
	return true;
}

/* Members of a struct/union: declarations; the last one's ';' may be missing. */
static bool members(struct parser *p, struct bt_node *def)
{
	while (p->tok.kind != T_RBRACE && !p->err) {
		bool anon;
		struct bt_typename *base = type_spec(p, &def->list, &anon);
		bool packed = false;

		if (!base)
			return false;
		if (anon && (p->tok.kind == T_SEMI || p->tok.kind == T_RBRACE)) {
			/* an anonymous struct/union member: its fields are the parent's */
			struct bt_node *f = bt_parser_node(p, BT_N_FIELD_DECL, p->tok.loc);
			if (f)
				f->tname = base;
			else
				bt_parser_typename_free(base);
			if (!bt_parser_push(p, &def->list, f))
				return false;
		} else {
			do {
				if (!bt_parser_push(
					    p, &def->list,
					    declarator(p, base, BT_N_FIELD_DECL, &packed))) {
					bt_parser_typename_free(base);
					return false;
				}
			} while (bt_parser_accept(p, T_COMMA));
			bt_parser_typename_free(base);
		}
		if (!bt_parser_accept(p, T_SEMI) && p->tok.kind != T_RBRACE) {
			bt_parser_syntax_error(p, "';'");
			return false;
		}
	}
	return !p->err;
}

/* { body } [attrs] of def; the lexer is in spec_after mode past it. */
static struct bt_node *parse_body(struct parser *p, struct bt_node *def, bool spec_after)
{
	bool ok, packed = false;

	if (!bt_parser_expect(p, T_LBRACE) || !bt_parser_enter(p))
		return NULL;
	ok = !strncmp(def->tname->name, "enum ", 5) ? enum_body(p, def) : members(p, def);
	p->depth--;
	if (!ok)
		return NULL;
	p->lx.spec_mode = spec_after;
	bt_parser_advance(p); /* '}' */
	if (!skip_attributes(p, &packed, spec_after))
		return NULL;
	def->flag |= packed;
	return def;
}

/* typedef TYPE DECLARATOR[, ...]; the lexer is back in spec mode after the ';'. */
static bool parse_typedef(struct parser *p, struct bt_nodelist *out)
{
	bool anon, packed = false;
	struct bt_typename *base;

	bt_parser_advance(p); /* typedef */
	if (!(base = type_spec(p, out, &anon)))
		return false;
	do {
		if (!bt_parser_push(p, out, declarator(p, base, BT_N_TYPEDEF, &packed))) {
			bt_parser_typename_free(base);
			return false;
		}
	} while (bt_parser_accept(p, T_COMMA));
	bt_parser_typename_free(base);
	if (p->tok.kind != T_SEMI) {
		bt_parser_syntax_error(p, "';'");
		return false;
	}
	p->lx.spec_mode = true;
	bt_parser_advance(p);
	return !p->err;
}

bool bt_parser_cdef(struct parser *p, struct bt_nodelist *out)
{
	const char *w = p->tok.str;
	bool has_body = false;
	struct bt_typename *t;

	p->lx.spec_mode = false;
	if (!strcmp(w, "typedef"))
		return parse_typedef(p, out);
	p->tok.kind = !strcmp(w, "struct") ? T_STRUCT : !strcmp(w, "union") ? T_UNION : T_ENUM;
	if (!(t = tagged(p, out, true, &has_body)))
		return false;
	if (!has_body) { /* struct X; a forward declaration */
		struct bt_node *def = bt_parser_node(p, BT_N_STRUCTDEF, p->tok.loc);
		if (def)
			def->tname = t;
		else
			bt_parser_typename_free(t);
		if (!bt_parser_push(p, out, def))
			return false;
		if (p->tok.kind != T_SEMI) {
			bt_parser_syntax_error(p, "'{' or ';'");
			return false;
		}
		p->lx.spec_mode = true;
		bt_parser_advance(p);
	} else {
		bt_parser_typename_free(t);
	}
	while (bt_parser_accept(p, T_SEMI))
		;
	return !p->err;
}
