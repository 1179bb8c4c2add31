// SPDX-License-Identifier: GPL-2.0
/* Strings and bytes: str, strncmp, strcontains, buf, join, strerror. */
#include <stdlib.h>
#include <string.h>

#include "builtin/check.h"
#include "util/strbuf.h"

#define JOIN_ARGS 16	  /* bpftrace 0.17's join_argnum */
#define JOIN_ARGSIZE 1024 /* and join_argsize */

/* The text of positional parameter p ($N), "" when not given. */
static const char *positional_text(const struct bt_sema *s, const struct bt_node *p)
{
	int k = (int)p->num;
	return k >= 1 && k <= s->nargs ? s->args[k - 1] : "";
}

/* Whether positional parameter p is given as a number ("5", "0x10"). */
static bool positional_is_number(const struct bt_sema *s, const struct bt_node *p)
{
	const char *v = positional_text(s, p);
	char *end;
	(void)strtoll(v, &end, 0);
	return *v && !*end;
}

int bt_chk_str(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)to;
	uint32_t size = bt_strlen_default();
	if (n->list.n == 2) {
		struct bt_node *l = n->list.v[1];
		int64_t v;
		if (bt_sema_expr(s, l))
			return -EINVAL;
		if (l->type->kind != BT_T_INT) {
			char buf[64];
			bt_sema_err(s, &l->loc, "str(): the length must be an integer, not %s",
				    bt_type_str(l->type, buf, sizeof(buf)));
			return -EINVAL;
		}
		if (bt_sema_is_const_int(l)) {
			if (bt_sema_const_int(s, l, &v))
				return -EINVAL;
			if (v < 1 || v > 200) {
				bt_sema_err(s, &n->list.v[1]->loc,
					    "str: the length must be from 1 to 200");
				return -EINVAL;
			}
			size = (uint32_t)v + 1;
			if (size > 200)
				size = 200;
		}
	}
	int64_t off = 0;
	if (x->kind == BT_N_BINOP && x->op == BT_OP_ADD && x->a->kind == BT_N_POSITIONAL &&
	    !x->a->flag && !positional_is_number(s, x->a)) {
		/* str($1 + N): the text from its byte N on, as bpftrace 0.17 reads it */
		if (bt_sema_expr(s, x->b))
			return -EINVAL;
		struct bt_node *p = x->a;
		size_t len = strlen(positional_text(s, p));
		if (!bt_sema_is_const_int(x->b) || bt_sema_const_int(s, x->b, &off) || off < 0 ||
		    (uint64_t)off > len) {
			bt_sema_err(s, &x->b->loc,
				    "str($%llu + n): n must be a constant from 0 to the length of "
				    "$%llu (%zu)",
				    (unsigned long long)p->num, (unsigned long long)p->num, len);
			return -EINVAL;
		}
		bt_node_free(x->b);
		x->a = x->b = NULL;
		x->kind = BT_N_POSITIONAL;
		x->num = p->num;
		x->flag = false;
		bt_node_free(p);
	}
	if (x->kind == BT_N_POSITIONAL) {
		/* str($1): the parameter's text, a constant */
		a->ival = 1;
		const char *v = x->flag ? "" : positional_text(s, x) + off;
		x->kind = BT_N_STR;
		x->str = strdup(v);
		x->str_len = strlen(v);
		n->type = bt_t_str(s->pool, (uint32_t)x->str_len + 1);
		return bt_sema_expr(s, x);
	}
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind == BT_T_STR) {
		n->type = x->type;
		if (n->list.n == 2 && size < x->type->size)
			n->type = bt_t_str(s->pool, size); /* str(s, n): the first n bytes */
		return 0;
	}
	if (!bt_is_addr(x->type) && x->type->kind != BT_T_ARRAY) {
		char buf[64];
		bt_sema_err(s, &x->loc, "str() needs a pointer or an integer address, not %s",
			    bt_type_str(x->type, buf, sizeof(buf)));
		return -EINVAL;
	}
	n->type = bt_t_str(s->pool, size);
	return 0;
}

/* Types the first two arguments, which must be strings ("WHAT, not TYPE"). */
static int two_strings(struct bt_sema *s, struct bt_node *n, const char *what)
{
	int e = bt_sema_expr(s, n->list.v[0]);

	e |= bt_sema_expr(s, n->list.v[1]);
	if (e)
		return -EINVAL;
	for (int i = 0; i < 2; i++) {
		struct bt_node *v = n->list.v[i];
		if (v->type->kind != BT_T_STR) {
			char b[64];
			bt_sema_err(s, &v->loc, "%s, not %s", what,
				    bt_type_str(v->type, b, sizeof(b)));
			return -EINVAL;
		}
	}
	return 0;
}

int bt_chk_strncmp(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	int64_t len;
	if (two_strings(s, n, "strncmp() compares strings"))
		return -EINVAL;
	if (bt_sema_const_int(s, n->list.v[2], &len))
		return -EINVAL;
	if (len < 0) {
		bt_sema_err(s, &n->list.v[2]->loc, "strncmp(): the length must not be negative");
		return -EINVAL;
	}
	a->ival = len;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

int bt_chk_buf(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	struct bt_node *x = n->list.v[0];
	uint32_t max = bt_strlen_default();
	if (bt_sema_expr(s, x))
		return -EINVAL;
	const struct bt_type *t = x->type;
	if (!bt_is_addr(t) && !bt_is_bytes(t)) {
		char b[64];
		bt_sema_err(s, &x->loc, "buf() takes a pointer or an array, not %s",
			    bt_type_str(t, b, sizeof(b)));
		return -EINVAL;
	}
	uint32_t len = max;
	a->ival = -1; /* runtime length */
	if (n->list.n == 2) {
		struct bt_node *l = n->list.v[1];
		int64_t v;
		if (bt_sema_expr(s, l))
			return -EINVAL;
		if (l->type->kind != BT_T_INT) {
			bt_sema_err(s, &l->loc, "buf(): the length must be an integer");
			return -EINVAL;
		}
		if (bt_sema_is_const_int(l)) {
			if (bt_sema_const_int(s, l, &v))
				return -EINVAL;
			if (v < 1) {
				bt_sema_err(s, &l->loc, "buf(): the length must be at least 1");
				return -EINVAL;
			}
			len = v > max ? max : (uint32_t)v;
			a->ival = len;
		}
	} else if (bt_is_bytes(t)) {
		len = t->size > max ? max : t->size;
		a->ival = len;
	} else {
		bt_sema_err(s, &n->loc, "buf(ptr) needs a length: buf(ptr, length)");
		return -EINVAL;
	}
	if (bt_is_bytes(t) && len > t->size) { /* no more than the array holds */
		len = t->size;
		if (a->ival >= 0)
			a->ival = len;
	}
	n->type = bt_t_new(s->pool, BT_T_BUF, 4 + len);
	return 0;
}

int bt_chk_join(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	struct bt_node *x = n->list.v[0];
	const char *sep = " ";
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (!bt_is_addr(x->type)) {
		char b[64];
		bt_sema_err(s, &x->loc,
			    "join() takes an array of string pointers (char **), not %s",
			    bt_type_str(x->type, b, sizeof(b)));
		return -EINVAL;
	}
	if (n->list.n == 2) {
		if (!bt_sema_str_literal(s, n->list.v[1])) {
			bt_sema_err(s, &n->list.v[1]->loc,
				    "join(): the separator must be a string literal");
			return -EINVAL;
		}
		sep = n->list.v[1]->str;
	}
	struct bt_type *arr = bt_t_new(s->pool, BT_T_ARRAY, JOIN_ARGS * JOIN_ARGSIZE);
	arr->elem = bt_t_str(s->pool, JOIN_ARGSIZE);
	arr->count = JOIN_ARGS;
	a->fmt = bt_sema_add_fmt(s, sep, arr, n);
	return 0;
}

/* strerror(errno): the number, printed as its text */
int bt_chk_strerror(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)to;
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		char b[64];
		bt_sema_err(s, &x->loc, "strerror() takes an integer, not %s",
			    bt_type_str(x->type, b, sizeof(b)));
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_FN, 8);
	n->type->fn = a->id;
	return 0;
}

int bt_print_strerror(const uint8_t *p, struct bt_strbuf *sb)
{
	int64_t v;
	memcpy(&v, p, sizeof(v));
	/* glibc's text, "Unknown error N" outside its table, as bpftrace */
	return bt_sb_puts(sb, v < INT32_MIN || v > INT32_MAX ? "Unknown error" : strerror((int)v));
}

/* strcontains(haystack, needle): 1 when needle occurs in haystack */
int bt_chk_strcontains(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (two_strings(s, n, "strcontains() takes strings"))
		return -EINVAL;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}
