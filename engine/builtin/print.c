// SPDX-License-Identifier: GPL-2.0
/* Records for the printer: printf, system, cat, print, exit; debugf (trace_pipe). */
#include <string.h>

#include "builtin/check.h"
#include "output/printf.h"

/* Reports the conversion at start ('%...') that bpftrace's printf does not have. */
static int bad_conv(struct bt_sema *s, struct bt_node *call, const char *start)
{
	const char *p = start + 1;

	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	while (*p && strchr("hljzt", *p))
		p++;
	if (*p && strchr("diouxXcsp", *p))
		bt_sema_err(s, &call->list.v[0]->loc, "%s: invalid conversion '%.*s' in format",
			    call->str, (int)(p - start + 1), start);
	else if (!*p)
		bt_sema_err(s, &call->list.v[0]->loc, "%s: '%%' at the end of the format",
			    call->str);
	else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
		bt_sema_err(s, &call->list.v[0]->loc,
			    "%s: invalid conversion '%%\\x%02x' in format", call->str,
			    (unsigned char)*p);
	else
		bt_sema_err(s, &call->list.v[0]->loc, "%s: invalid conversion '%%%c' in format",
			    call->str, *p);
	return -EINVAL;
}

/* Whether conversion conv takes an argument of type t: %s a string or what prints
 * as one (stacks, symbols, probe, ...), the others an integer, as bpftrace 0.17. */
static bool conv_takes(char conv, const struct bt_type *t)
{
	if (conv == 's')
		return t->kind != BT_T_INT && t->kind != BT_T_PTR && t->kind != BT_T_TUPLE;
	return bt_is_addr(t) || t->kind == BT_T_KSYM;
}

/*
 * Checks printf conversions against argument types. Text after the last
 * conversion is printed as it is, and so is a '%' before one that no C
 * conversion starts with ("x%y %d"): bpftrace leaves both to snprintf, which
 * prints them. Other unknown conversions are errors.
 */
static int check_format(struct bt_sema *s, struct bt_node *call, const char *fmt,
			struct bt_node **args, size_t nargs)
{
	const char *tail = bt_printf_tail(fmt), *odd = NULL;
	size_t k = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p >= tail) { /* printed as it is; a likely typo if arguments are left */
			if (p[1] == '%')
				p++;
			else if (!odd)
				odd = p;
			continue;
		}
		p++;
		struct bt_printf_spec sp;
		if (*p == '%') { /* "%%", unless a conversion starts at its second '%' */
			if (bt_printf_spec(p, &sp))
				p--;
			continue;
		}
		if (!strchr("-+ #0'I123456789*.hlLqjzZtdiouxXeEfFgGaAcspnmCSbBr", *p))
			continue;
		/* bpftrace's conversions: %-?[0-9]*(\.[0-9]+)?(hh|h|l|ll|j|z|t)?[douxXcsp] and
		 * %r %rx %rh of a buf(); no other flags ('+', ' ', '#'): printf.c renders
		 * exactly these */
		const char *start = p - 1;
		if (!bt_printf_spec(start, &sp))
			return bad_conv(s, call, start);
		p = start + sp.len - 1;
		if (sp.width >= BT_PRINTF_MAX_WIDTH || sp.prec >= BT_PRINTF_MAX_WIDTH) {
			bt_sema_err(s, &call->list.v[0]->loc,
				    "%s: width or precision of '%.*s' is over %d", call->str,
				    (int)sp.len, start, BT_PRINTF_MAX_WIDTH - 1);
			return -EINVAL;
		}
		if (k >= nargs) {
			bt_sema_err(s, &call->loc,
				    "%s: not enough arguments for format (%zu given)", call->str,
				    nargs);
			return -EINVAL;
		}
		const struct bt_type *t = args[k]->type;
		char buf[64];
		if (sp.buf && t->kind != BT_T_BUF) {
			bt_sema_err(s, &args[k]->loc, "%s: %%r expects a buf(), got %s", call->str,
				    bt_type_str(t, buf, sizeof(buf)));
			return -EINVAL;
		}
		if (!sp.buf && !conv_takes(sp.conv, t)) {
			bt_sema_err(s, &args[k]->loc, "%s: %%%c expects %s, got %s", call->str,
				    sp.conv, sp.conv == 's' ? "a string" : "an integer",
				    bt_type_str(t, buf, sizeof(buf)));
			return -EINVAL;
		}
		k++;
	}
	if (k != nargs) {
		if (odd)
			return bad_conv(s, call, odd);
		bt_sema_err(s, &call->loc,
			    "%s: too many arguments for format (%zu given, %zu used)", call->str,
			    nargs, k);
		return -EINVAL;
	}
	return 0;
}

static int printf_like(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *f = n->list.v[0];
	struct bt_ann *a = bt_sema_ann(s, n);
	if (!bt_sema_str_literal(s, f)) {
		bt_sema_err(s, &f->loc, "%s: the format must be a string literal", n->str);
		return -EINVAL;
	}
	struct bt_type *el[64];
	size_t na = n->list.n - 1;
	int err = 0;
	for (size_t i = 0; i < na; i++) {
		struct bt_node *x = n->list.v[i + 1];
		if (bt_sema_expr(s, x)) {
			err = -EINVAL;
			continue;
		}
		el[i] = x->type;
		if (el[i]->kind == BT_T_INT && el[i]->size != 8)
			el[i] = bt_t_int(s->pool, 8, el[i]->is_signed);
		if (el[i]->kind == BT_T_NONE || el[i]->kind == BT_T_CTX ||
		    el[i]->kind == BT_T_AGG || el[i]->kind == BT_T_RECORD ||
		    el[i]->kind == BT_T_ARRAY) {
			char buf[64];
			bt_sema_err(s, &x->loc, "%s: cannot print %s", n->str,
				    bt_type_str(el[i], buf, sizeof(buf)));
			err = -EINVAL;
		}
	}
	if (err || check_format(s, n, f->str, n->list.v + 1, na))
		return -EINVAL;
	struct bt_type *tup = bt_t_tuple(s->pool, el, na);
	a->fmt = bt_sema_add_fmt(s, f->str, tup, n);
	return 0;
}

int bt_chk_printf(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	return printf_like(s, n);
}

int bt_chk_system(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (!s->unsafe) {
		bt_sema_err(s, &n->loc, "system() is unsafe: run with --unsafe to allow it");
		return -EINVAL;
	}
	return printf_like(s, n);
}

/* print(@map[, top[, div]]) or print(value) */
int bt_chk_print(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)to;
	if (x->kind == BT_N_MAP && x->list.n == 0) {
		if (bt_chk_want_map(s, n, x, false))
			return -EINVAL;
		for (size_t k = 1; k < n->list.n; k++) {
			int64_t v;
			if (bt_sema_const_int(s, n->list.v[k], &v))
				return -EINVAL;
		}
		return 0;
	}
	if (n->list.n > 1) {
		bt_sema_err(s, &n->loc, "print(value) takes one argument");
		return -EINVAL;
	}
	if (bt_sema_expr(s, x))
		return -EINVAL;
	struct bt_type *t = x->type;
	if (t->kind == BT_T_INT && t->size != 8)
		t = bt_t_int(s->pool, 8, t->is_signed);
	if (t->kind == BT_T_NONE || t->kind == BT_T_CTX || (t->kind == BT_T_RECORD && !t->rec)) {
		bt_sema_err(s, &x->loc, "print() cannot print this value");
		return -EINVAL;
	}
	a->fmt = bt_sema_add_fmt(s, "", bt_t_tuple(s->pool, &t, 1), n);
	return 0;
}

/* The conversion letter of the bpf_trace_printk spec at p ('%' + 1), or 0; *end: after it */
static char debugf_conv(const char *p, const char **end)
{
	p += strspn(p, "-+ #0");
	p += strspn(p, "0123456789");
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	if (*p == 'l')
		p += p[1] == 'l' ? 2 : 1;
	*end = *p ? p + 1 : p;
	return *p && strchr("diuxXsp", *p) ? *p : 0;
}

/* debugf(fmt, ...): bpf_trace_printk, read in trace_pipe; at most 3 arguments */
int bt_chk_debugf(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *f = n->list.v[0];
	size_t k = 0;
	(void)a, (void)to;
	if (!bt_sema_str_literal(s, f)) {
		bt_sema_err(s, &f->loc, "debugf: the format must be a string literal");
		return -EINVAL;
	}
	for (const char *p = f->str; (p = strchr(p, '%'));) {
		const char *end;
		if (p[1] == '%') {
			p += 2;
			continue;
		}
		char conv = debugf_conv(p + 1, &end);
		if (!conv) {
			bt_sema_err(s, &f->loc,
				    "debugf: invalid conversion '%.*s' for bpf_trace_printk",
				    (int)(end - p), p);
			return -EINVAL;
		}
		if (++k > 3) {
			bt_sema_err(s, &n->loc,
				    "debugf: cannot use more than 3 conversion specifiers");
			return -EINVAL;
		}
		struct bt_node *x = k < n->list.n ? n->list.v[k] : NULL;
		if (x && bt_sema_expr(s, x))
			return -EINVAL;
		if (x && (conv == 's') != (x->type->kind == BT_T_STR)) {
			char b[64];
			bt_sema_err(s, &x->loc, "debugf: %%%c does not take %s", conv,
				    bt_type_str(x->type, b, sizeof(b)));
			return -EINVAL;
		}
		if (x && conv != 's' && !bt_is_addr(x->type)) {
			bt_sema_err(s, &x->loc, "debugf: %%%c takes an integer", conv);
			return -EINVAL;
		}
		p = end;
	}
	if (k != n->list.n - 1) {
		bt_sema_err(s, &n->loc, "debugf: %zu arguments for %zu conversions", n->list.n - 1,
			    k);
		return -EINVAL;
	}
	bt_sema_warn(s, &n->loc,
		     "debugf() is not recommended for production use: see bpf_trace_printk in "
		     "bpf-helpers(7)");
	return 0;
}
