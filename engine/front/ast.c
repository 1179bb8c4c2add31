// SPDX-License-Identifier: GPL-2.0
/*
 * AST nodes: allocation, walking and an S-expression dump for tests.
 *
 * Dump format, one line per top-level item, e.g.
 *   (probe (attach "k:f") (pred (== (builtin pid) (int 1))) (block (expr (call exit))))
 * Operators print as written ("+", "pre++", "post--"); a map prints its keys
 * in brackets: (map @x [(builtin tid)]); types as "struct x**[4]".
 */
#include "front/ast.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "util/strbuf.h"

struct bt_node *bt_node_new(enum bt_node_kind kind, struct bt_loc loc)
{
	struct bt_node *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->kind = kind;
	n->loc = loc;
	return n;
}

int bt_list_push(struct bt_nodelist *l, struct bt_node *n)
{
	if (bt_vec_reserve(l->v, l->cap, l->n + 1))
		return -ENOMEM;
	l->v[l->n++] = n;
	return 0;
}

void bt_node_free(struct bt_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->list.n; i++)
		bt_node_free(n->list.v[i]);
	free(n->list.v);
	bt_node_free(n->a);
	bt_node_free(n->b);
	bt_node_free(n->c);
	if (n->tname) {
		free(n->tname->name);
		free(n->tname);
	}
	for (size_t i = 0; i < n->nparts; i++)
		free(n->parts[i]);
	free(n->parts);
	free(n->str);
	free(n);
}

int bt_ast_walk(struct bt_node *n, bt_walk_fn pre, bt_walk_fn post, void *ctx)
{
	int err;

	if (!n)
		return 0;
	if (pre && (err = pre(n, ctx)) < 0)
		return err;
	for (size_t i = 0; i < n->list.n; i++)
		if ((err = bt_ast_walk(n->list.v[i], pre, post, ctx)) < 0)
			return err;
	if ((err = bt_ast_walk(n->a, pre, post, ctx)) < 0 ||
	    (err = bt_ast_walk(n->b, pre, post, ctx)) < 0 ||
	    (err = bt_ast_walk(n->c, pre, post, ctx)) < 0)
		return err;
	if (post && (err = post(n, ctx)) < 0)
		return err;
	return 0;
}

struct uses {
	unsigned kinds;
	const char *const *names;
};

static int match_use(struct bt_node *n, void *ctx)
{
	const struct uses *u = ctx;

	if (!(u->kinds & BT_AST_KIND(n->kind)) || !n->str)
		return 0;
	for (const char *const *p = u->names; *p; p++)
		if (!strcmp(n->str, *p))
			return -1; /* found: stops the walk */
	return 0;
}

bool bt_ast_uses(const struct bt_node *n, unsigned kinds, const char *const *names)
{
	struct uses u = {kinds, names};

	return bt_ast_walk((struct bt_node *)n, match_use, NULL, &u) < 0;
}

static const char *const op_names[] = {
	[BT_OP_NONE] = "=",	    [BT_OP_ADD] = "+",	      [BT_OP_SUB] = "-",
	[BT_OP_MUL] = "*",	    [BT_OP_DIV] = "/",	      [BT_OP_MOD] = "%",
	[BT_OP_BAND] = "&",	    [BT_OP_BOR] = "|",	      [BT_OP_BXOR] = "^",
	[BT_OP_SHL] = "<<",	    [BT_OP_SHR] = ">>",	      [BT_OP_LAND] = "&&",
	[BT_OP_LOR] = "||",	    [BT_OP_EQ] = "==",	      [BT_OP_NE] = "!=",
	[BT_OP_LT] = "<",	    [BT_OP_LE] = "<=",	      [BT_OP_GT] = ">",
	[BT_OP_GE] = ">=",	    [BT_OP_NEG] = "-",	      [BT_OP_LNOT] = "!",
	[BT_OP_BNOT] = "~",	    [BT_OP_DEREF] = "*",      [BT_OP_ADDR] = "&",
	[BT_OP_PREINC] = "pre++",   [BT_OP_PREDEC] = "pre--", [BT_OP_POSTINC] = "post++",
	[BT_OP_POSTDEC] = "post--",
};

const char *bt_op_str(enum bt_op op)
{
	return op_names[op];
}

static const char *const kind_names[] = {
	[BT_N_INT] = "int",
	[BT_N_STR] = "str",
	[BT_N_BUILTIN] = "builtin",
	[BT_N_POSITIONAL] = "pos",
	[BT_N_VAR] = "var",
	[BT_N_MAP] = "map",
	[BT_N_CALL] = "call",
	[BT_N_BINOP] = "binop",
	[BT_N_UNOP] = "unop",
	[BT_N_TERNARY] = "?",
	[BT_N_FIELD] = ".",
	[BT_N_INDEX] = "[]",
	[BT_N_CAST] = "cast",
	[BT_N_TUPLE] = "tuple",
	[BT_N_SIZEOF] = "sizeof",
	[BT_N_OFFSETOF] = "offsetof",
	[BT_N_EXPR_STMT] = "expr",
	[BT_N_ASSIGN] = "=",
	[BT_N_IF] = "if",
	[BT_N_UNROLL] = "unroll",
	[BT_N_WHILE] = "while",
	[BT_N_FOR] = "for",
	[BT_N_BREAK] = "break",
	[BT_N_CONTINUE] = "continue",
	[BT_N_RETURN] = "return",
	[BT_N_BLOCK] = "block",
	[BT_N_ATTACH] = "attach",
	[BT_N_PROBE] = "probe",
	[BT_N_FIELD_DECL] = "field",
	[BT_N_STRUCTDEF] = "struct",
	[BT_N_TYPEDEF] = "typedef",
	[BT_N_PROGRAM] = "program",
};

static void dump_quoted(struct bt_strbuf *out, const char *s, size_t len)
{
	bt_sb_puts(out, "\"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			bt_sb_printf(out, "\\%c", c);
		else if (c == '\n')
			bt_sb_puts(out, "\\n");
		else if (c == '\t')
			bt_sb_puts(out, "\\t");
		else if (c < 0x20 || c >= 0x7f)
			bt_sb_printf(out, "\\x%02x", c);
		else
			bt_sb_add(out, (const char *)&c, 1);
	}
	bt_sb_puts(out, "\"");
}

static void dump_type(struct bt_strbuf *out, const struct bt_typename *t)
{
	if (!t)
		return;
	bt_sb_puts(out, t->name ? t->name : "?");
	for (int i = 0; i < t->ptr; i++)
		bt_sb_puts(out, "*");
	if (t->array >= 0)
		bt_sb_printf(out, "[%ld]", t->array);
}

static void dump_list(const struct bt_nodelist *l, struct bt_strbuf *out)
{
	for (size_t i = 0; i < l->n; i++) {
		bt_sb_puts(out, " ");
		bt_ast_dump(l->v[i], out);
	}
}

static void dump_kids(const struct bt_node *n, struct bt_strbuf *out)
{
	const struct bt_node *k[3] = {n->a, n->b, n->c};

	for (int i = 0; i < 3; i++) {
		if (!k[i])
			continue;
		bt_sb_puts(out, " ");
		bt_ast_dump(k[i], out);
	}
}

void bt_ast_dump(const struct bt_node *n, struct bt_strbuf *out)
{
	if (!n) {
		bt_sb_puts(out, "nil");
		return;
	}
	switch (n->kind) {
	case BT_N_INT:
		bt_sb_printf(out, "(int %llu)", (unsigned long long)n->num);
		return;
	case BT_N_STR:
		bt_sb_puts(out, "(str ");
		dump_quoted(out, n->str ? n->str : "", n->str_len);
		bt_sb_puts(out, ")");
		return;
	case BT_N_POSITIONAL:
		if (n->flag)
			bt_sb_puts(out, "(pos #)");
		else
			bt_sb_printf(out, "(pos %llu)", (unsigned long long)n->num);
		return;
	case BT_N_VAR:
		bt_sb_printf(out, "(var $%s)", n->str);
		return;
	case BT_N_MAP:
		bt_sb_printf(out, "(map @%s", n->str);
		if (n->list.n) {
			bt_sb_puts(out, " [");
			for (size_t i = 0; i < n->list.n; i++) {
				if (i)
					bt_sb_puts(out, " ");
				bt_ast_dump(n->list.v[i], out);
			}
			bt_sb_puts(out, "]");
		}
		bt_sb_puts(out, ")");
		return;
	case BT_N_ATTACH:
		bt_sb_puts(out, "(attach ");
		dump_quoted(out, n->str, strlen(n->str));
		bt_sb_puts(out, ")");
		return;
	case BT_N_BINOP:
	case BT_N_UNOP:
	case BT_N_ASSIGN:
		bt_sb_printf(out, "(%s%s", op_names[n->op],
			     n->kind == BT_N_ASSIGN && n->op ? "=" : "");
		dump_kids(n, out);
		bt_sb_puts(out, ")");
		return;
	case BT_N_FIELD:
		bt_sb_printf(out, "(%s ", n->flag ? "->" : ".");
		bt_ast_dump(n->a, out);
		bt_sb_printf(out, " %s)", n->str);
		return;
	case BT_N_FOR:
		bt_sb_printf(out, "(for $%s", n->str);
		dump_kids(n, out);
		bt_sb_puts(out, ")");
		return;
	case BT_N_PROBE:
		bt_sb_puts(out, "(probe");
		dump_list(&n->list, out);
		if (n->a) {
			bt_sb_puts(out, " (pred ");
			bt_ast_dump(n->a, out);
			bt_sb_puts(out, ")");
		}
		bt_sb_puts(out, " ");
		bt_ast_dump(n->b, out);
		bt_sb_puts(out, ")");
		return;
	case BT_N_PROGRAM:
		bt_sb_puts(out, "(program");
		for (size_t i = 0; i < n->list.n; i++) {
			bt_sb_puts(out, "\n ");
			bt_ast_dump(n->list.v[i], out);
		}
		bt_sb_puts(out, ")");
		return;
	default:
		break;
	}
	/* Generic shape: (kind [str] [type] kids... list...) */
	bt_sb_printf(out, "(%s", kind_names[n->kind]);
	if (n->str && (n->kind == BT_N_BUILTIN || n->kind == BT_N_CALL))
		bt_sb_printf(out, " %s", n->str);
	if (n->tname) {
		bt_sb_puts(out, " ");
		dump_type(out, n->tname);
	}
	bool dims = n->kind == BT_N_FIELD_DECL || n->kind == BT_N_TYPEDEF;
	for (size_t i = 0; dims && i < n->list.n; i++) /* char[16] x, int[2][3] m */
		if (n->list.v[i]->kind == BT_N_INT)
			bt_sb_printf(out, "[%llu]", (unsigned long long)n->list.v[i]->num);
		else
			bt_sb_puts(out, "[?]");
	if (n->str && (n->kind == BT_N_OFFSETOF || dims))
		bt_sb_printf(out, " %s", n->str);
	dump_kids(n, out);
	if (!dims)
		dump_list(&n->list, out);
	bt_sb_puts(out, ")");
}
