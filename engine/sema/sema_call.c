// SPDX-License-Identifier: GPL-2.0
/* Sema for function calls: printf and friends, map functions, aggregations. */
#include "sema/sema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output/printf.h"
#include "sym/ksym.h"
#include "settings.h"


static const struct {
	const char *name;
	enum bt_func_id id;
	int min, max; /* argument counts */
} funcs[] = {
	{ "printf", BT_F_PRINTF, 1, 64 }, { "time", BT_F_TIME, 0, 1 },
	{ "exit", BT_F_EXIT, 0, 0 },	 { "str", BT_F_STR, 1, 2 },
	{ "ksym", BT_F_KSYM, 1, 1 },	 { "usym", BT_F_USYM, 1, 1 },
	{ "print", BT_F_PRINT, 1, 3 },	 { "clear", BT_F_CLEAR, 1, 1 },
	{ "zero", BT_F_ZERO, 1, 1 },	 { "delete", BT_F_DELETE, 1, 1 },
	{ "count", BT_F_COUNT, 0, 0 },	 { "sum", BT_F_SUM, 1, 1 },
	{ "min", BT_F_MIN, 1, 1 },	 { "max", BT_F_MAX, 1, 1 },
	{ "avg", BT_F_AVG, 1, 1 },	 { "stats", BT_F_STATS, 1, 1 },
	{ "hist", BT_F_HIST, 1, 1 },	 { "lhist", BT_F_LHIST, 4, 4 },
	{ "kaddr", BT_F_KADDR, 1, 1 },	 { "uptr", BT_F_UPTR, 1, 1 },
	{ "kptr", BT_F_KPTR, 1, 1 },	 { "kstack", BT_F_KSTACK, 0, 2 },
	{ "ustack", BT_F_USTACK, 0, 2 }, { "cgroupid", BT_F_CGROUPID, 1, 1 },
	{ "bswap", BT_F_BSWAP, 1, 1 },	 { "strncmp", BT_F_STRNCMP, 3, 3 },
	{ "signal", BT_F_SIGNAL, 1, 1 }, { "system", BT_F_SYSTEM, 1, 64 },
	{ "cat", BT_F_CAT, 1, 64 },	 { "join", BT_F_JOIN, 1, 2 },
	{ "ntop", BT_F_NTOP, 1, 2 },	 { "buf", BT_F_BUF, 1, 2 },
	{ "reg", BT_F_REG, 1, 1 },	 { "uaddr", BT_F_UADDR, 1, 1 },
	{ "macaddr", BT_F_MACADDR, 1, 1 }, { "path", BT_F_PATH, 1, 1 },
	{ "override", BT_F_OVERRIDE, 1, 1 }, { "strftime", BT_F_STRFTIME, 2, 2 },
	{ "cgroup_path", BT_F_CGROUP_PATH, 1, 2 }, { "pton", BT_F_PTON, 1, 1 },
};

uint32_t bt_strlen_default(void)
{
	return bt_settings()->strlen;
}

static bool is_intlike(const struct bt_type *t)
{
	return t->kind == BT_T_INT || t->kind == BT_T_PTR;
}

/* Whether bt_sema_const_int() can evaluate x (x already analysed): 5, -5, $1, sizeof(..) */
static bool is_const_int(const struct bt_node *x)
{
	const struct bt_ann *a = x->sema;
	if (x->kind == BT_N_INT)
		return true;
	if (x->kind == BT_N_UNOP && x->op == BT_OP_NEG && x->a->kind == BT_N_INT)
		return true;
	return a && a->id == BT_B_CONST && x->kind != BT_N_CALL;
}

/* Checks printf conversions against argument types. */
static int check_format(struct bt_sema *s, struct bt_node *call, const char *fmt,
			struct bt_node **args, size_t nargs)
{
	size_t k = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		if (*p == 'r') { /* %r %rx %rh: a buf() */
			if (p[1] == 'x' || p[1] == 'h')
				p++;
			if (k >= nargs) {
				bt_sema_err(s, &call->loc, "%s: not enough arguments for format (%zu given)",
					    call->str, nargs);
				return -EINVAL;
			}
			if (args[k]->type->kind != BT_T_BUF) {
				char buf[64];
				bt_sema_err(s, &args[k]->loc, "%s: %%r expects a buf(), got %s", call->str,
					    bt_type_str(args[k]->type, buf, sizeof(buf)));
				return -EINVAL;
			}
			k++;
			continue;
		}
		/* bpftrace's conversions: %-?[0-9]*(\.[0-9]+)?(hh|h|l|ll|j|z|t)?[douxXcsp]; no
		 * other flags ('+', ' ', '#'): printf.c renders exactly these */
		struct bt_printf_spec sp;
		const char *start = p - 1;
		bool ok = bt_printf_spec(start, &sp);
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
		if (!ok && *p && strchr("diouxXcsp", *p)) {
			bt_sema_err(s, &call->list.v[0]->loc, "%s: invalid conversion '%.*s' in format",
				    call->str, (int)(p - start + 1), start);
			return -EINVAL;
		}
		if (!ok || !*p || !strchr("diouxXcsp", *p)) {
			if (!*p)
				bt_sema_err(s, &call->list.v[0]->loc, "%s: '%%' at the end of the format",
					    call->str);
			else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
				bt_sema_err(s, &call->list.v[0]->loc,
					    "%s: invalid conversion '%%\\x%02x' in format", call->str,
					    (unsigned char)*p);
			else
				bt_sema_err(s, &call->list.v[0]->loc,
					    "%s: invalid conversion '%%%c' in format", call->str, *p);
			return -EINVAL;
		}
		if (sp.width >= BT_PRINTF_MAX_WIDTH || sp.prec >= BT_PRINTF_MAX_WIDTH) {
			bt_sema_err(s, &call->list.v[0]->loc,
				    "%s: width or precision of '%.*s' is over %d", call->str,
				    (int)(p - start + 1), start, BT_PRINTF_MAX_WIDTH - 1);
			return -EINVAL;
		}
		if (k >= nargs) {
			bt_sema_err(s, &call->loc, "%s: not enough arguments for format (%zu given)",
				    call->str, nargs);
			return -EINVAL;
		}
		const struct bt_type *t = args[k]->type;
		if (*p == 's' ? 0 : (!is_intlike(t) && t->kind != BT_T_KSYM)) {
			char buf[64];
			bt_sema_err(s, &args[k]->loc, "%s: %%%c expects an integer, got %s", call->str, *p,
				    bt_type_str(t, buf, sizeof(buf)));
			return -EINVAL;
		}
		k++;
	}
	if (k != nargs) {
		bt_sema_err(s, &call->loc, "%s: too many arguments for format (%zu given, %zu used)",
			    call->str, nargs, k);
		return -EINVAL;
	}
	return 0;
}

static int printf_like(struct bt_sema *s, struct bt_node *n, enum bt_func_id id)
{
	struct bt_node *f = n->list.v[0];
	struct bt_ann *a = bt_sema_ann(s, n);
	if (f->kind != BT_N_STR) {
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
		if (el[i]->kind == BT_T_NONE || el[i]->kind == BT_T_CTX || el[i]->kind == BT_T_AGG ||
		    el[i]->kind == BT_T_RECORD || el[i]->kind == BT_T_ARRAY) {
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
	(void)id;
	return 0;
}

static int want_map(struct bt_sema *s, struct bt_node *n, struct bt_node *m, bool keys_ok)
{
	if (m->kind != BT_N_MAP) {
		bt_sema_err(s, &m->loc, "%s() takes a map", n->str);
		return -EINVAL;
	}
	if (!keys_ok && m->list.n) {
		bt_sema_err(s, &m->loc, "%s() takes a whole map, not an element", n->str);
		return -EINVAL;
	}
	if (keys_ok) {
		if (bt_sema_map_ref(s, m, false))
			return -EINVAL;
	} else {
		/* a whole map: resolve without unifying keys */
		struct bt_nodelist saved = m->list;
		if (bt_sema_map_whole(s, m))
			return -EINVAL;
		m->list = saved;
	}
	bt_sema_ann(s, n)->map = ((struct bt_ann *)m->sema)->map;
	return 0;
}

int bt_sema_const_int(struct bt_sema *s, struct bt_node *x, int64_t *v)
{
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->kind == BT_N_INT) {
		*v = (int64_t)x->num;
		return 0;
	}
	if (x->kind == BT_N_UNOP && x->op == BT_OP_NEG && x->a->kind == BT_N_INT) {
		*v = -(int64_t)x->a->num;
		return 0;
	}
	struct bt_ann *a = x->sema;
	if (a && a->id == BT_B_CONST && (x->kind == BT_N_BUILTIN || x->kind == BT_N_POSITIONAL ||
					 x->kind == BT_N_SIZEOF)) {
		*v = a->ival;
		return 0;
	}
	bt_sema_err(s, &x->loc, "expected an integer constant");
	return -EINVAL;
}

static int aggregation(struct bt_sema *s, struct bt_node *n, enum bt_func_id id,
		       struct bt_node *to)
{
	if (!to) {
		bt_sema_err(s, &n->loc, "%s() must be assigned to a map: @x = %s(...)", n->str, n->str);
		return -EINVAL;
	}
	struct bt_type *t = bt_t_new(s->pool, BT_T_AGG, 8);
	static const enum bt_agg kinds[] = {
		[BT_F_COUNT] = BT_AGG_COUNT, [BT_F_SUM] = BT_AGG_SUM,	  [BT_F_MIN] = BT_AGG_MIN,
		[BT_F_MAX] = BT_AGG_MAX,     [BT_F_AVG] = BT_AGG_AVG,	  [BT_F_STATS] = BT_AGG_STATS,
		[BT_F_HIST] = BT_AGG_HIST,   [BT_F_LHIST] = BT_AGG_LHIST,
	};
	t->agg = kinds[id];
	t->is_signed = true;
	if (n->list.n) {
		struct bt_node *x = n->list.v[0];
		if (bt_sema_expr(s, x))
			return -EINVAL;
		if (!is_intlike(x->type)) {
			bt_sema_err(s, &x->loc, "%s() needs an integer", n->str);
			return -EINVAL;
		}
		if (id == BT_F_SUM || id == BT_F_MIN || id == BT_F_MAX)
			t->is_signed = x->type->is_signed;
	}
	if (id == BT_F_LHIST) {
		int64_t mn, mx, st;
		if (bt_sema_const_int(s, n->list.v[1], &mn) || bt_sema_const_int(s, n->list.v[2], &mx) ||
		    bt_sema_const_int(s, n->list.v[3], &st))
			return -EINVAL;
		if (mn < 0 || mx <= mn || st <= 0 || (mx - mn) / st > 1000) {
			bt_sema_err(s, &n->loc, "lhist(value, min, max, step): needs 0 <= min < max, step > 0 and at most 1000 buckets");
			return -EINVAL;
		}
		t->lhist_min = mn;
		t->lhist_max = mx;
		t->lhist_step = st;
	}
	n->type = t;
	bt_sema_ann(s, n)->id = (int)id;
	return bt_sema_map_value(s, to, t);
}

static int stack_args(struct bt_sema *s, struct bt_node *n, struct bt_type *t)
{
	s->prog->uses_stackmap = true;
	for (size_t i = 0; i < n->list.n; i++) {
		struct bt_node *x = n->list.v[i];
		if (x->kind == BT_N_BUILTIN && i == 0 && n->list.n <= 2 &&
		    (!strcmp(x->str, "perf") || !strcmp(x->str, "bpftrace") || !strcmp(x->str, "raw"))) {
			t->stack_mode = !strcmp(x->str, "perf") ? BT_STACK_PERF
				      : !strcmp(x->str, "raw") ? BT_STACK_RAW
							       : BT_STACK_BPFTRACE;
			continue;
		}
		int64_t d;
		if (bt_sema_const_int(s, x, &d))
			return -EINVAL;
		if (d < 1 || d > 127) {
			bt_sema_err(s, &x->loc, "%s: the depth must be from 1 to 127", n->str);
			return -EINVAL;
		}
		t->stack_depth = (int)d;
	}
	n->type = t;
	return 0;
}

int bt_sema_call(struct bt_sema *s, struct bt_node *n, struct bt_node *assign_to)
{
	int id = -1;
	size_t i;
	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (!strcmp(funcs[i].name, n->str)) {
			id = (int)funcs[i].id;
			break;
		}
	if (id < 0) {
		bt_sema_err(s, &n->loc, "unknown function '%s'", n->str);
		return -EINVAL;
	}
	if ((int)n->list.n < funcs[i].min || (int)n->list.n > funcs[i].max) {
		if (funcs[i].min == funcs[i].max)
			bt_sema_err(s, &n->loc, "%s() takes %d argument%s, %zu given", n->str,
				    funcs[i].min, funcs[i].min == 1 ? "" : "s", n->list.n);
		else
			bt_sema_err(s, &n->loc, "%s() takes %d to %d arguments, %zu given", n->str,
				    funcs[i].min, funcs[i].max, n->list.n);
		return -EINVAL;
	}
	struct bt_ann *a = bt_sema_ann(s, n);
	a->id = id;
	n->type = bt_t_new(s->pool, BT_T_NONE, 0);
	struct bt_node *x = n->list.n ? n->list.v[0] : NULL;
	switch ((enum bt_func_id)id) {
	case BT_F_COUNT: case BT_F_SUM: case BT_F_MIN: case BT_F_MAX: case BT_F_AVG:
	case BT_F_STATS: case BT_F_HIST: case BT_F_LHIST:
		return aggregation(s, n, (enum bt_func_id)id, assign_to);
	case BT_F_PRINTF:
		return printf_like(s, n, BT_F_PRINTF);
	case BT_F_SYSTEM:
	case BT_F_CAT:
		if (id == BT_F_SYSTEM && !s->unsafe) {
			bt_sema_err(s, &n->loc, "system() is unsafe: run with --unsafe to allow it");
			return -EINVAL;
		}
		return printf_like(s, n, (enum bt_func_id)id);
	case BT_F_TIME: {
		const char *f = "%H:%M:%S\n";
		if (x) {
			if (x->kind != BT_N_STR) {
				bt_sema_err(s, &x->loc, "time: the format must be a string literal");
				return -EINVAL;
			}
			f = x->str;
		}
		a->fmt = bt_sema_add_fmt(s, f, NULL, n);
		return 0;
	}
	case BT_F_EXIT:
		return 0;
	case BT_F_STR: {
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
			if (is_const_int(l)) {
				if (bt_sema_const_int(s, l, &v))
					return -EINVAL;
				if (v < 1 || v > 200) {
					bt_sema_err(s, &n->list.v[1]->loc, "str: the length must be from 1 to 200");
					return -EINVAL;
				}
				size = (uint32_t)v + 1;
				if (size > 200)
					size = 200;
			}
		}
		if (x->kind == BT_N_POSITIONAL) {
			/* str($1): the parameter's text, a constant */
			a->ival = 1;
			int k = (int)x->num;
			const char *v = !x->flag && k >= 1 && k <= s->nargs ? s->args[k - 1] : "";
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
		if (!is_intlike(x->type) && x->type->kind != BT_T_ARRAY) {
			char buf[64];
			bt_sema_err(s, &x->loc, "str() needs a pointer or an integer address, not %s",
				    bt_type_str(x->type, buf, sizeof(buf)));
			return -EINVAL;
		}
		n->type = bt_t_str(s->pool, size);
		return 0;
	}
	case BT_F_KSYM:
	case BT_F_USYM:
		if (bt_sema_expr(s, x))
			return -EINVAL;
		if (id == BT_F_USYM && x->type->kind == BT_T_USYM) {
			n->type = x->type; /* usym(func) in a uprobe */
			return 0;
		}
		if (!is_intlike(x->type) && x->type->kind != BT_T_KSYM) {
			bt_sema_err(s, &x->loc, "%s() needs an address", n->str);
			return -EINVAL;
		}
		if (id == BT_F_USYM) {
			/* {address, pid}: resolved in that process's mappings when printed */
			n->type = bt_t_new(s->pool, BT_T_USYM, 16);
			return 0;
		}
		n->type = bt_t_new(s->pool, BT_T_KSYM, 8);
		return 0;
	case BT_F_KADDR: {
		s->prog->uncacheable = true; /* KASLR: the address changes at each boot */
		if (x->kind != BT_N_STR) {
			bt_sema_err(s, &x->loc, "kaddr() takes a symbol name as a string literal");
			return -EINVAL;
		}
		uint64_t addr;
		char why[1024];
		/* kallsyms, else System.map (engine/sym/sysmap.c) */
		if (bt_kaddr(x->str, &addr, why, sizeof(why))) {
			bt_sema_err(s, &n->loc, "%s", why);
			return -EINVAL;
		}
		a->ival = (int64_t)addr;
		n->type = bt_t_int(s->pool, 8, false);
		return 0;
	}
	case BT_F_UPTR:
	case BT_F_KPTR: {
		if (bt_sema_expr(s, x))
			return -EINVAL;
		if (!is_intlike(x->type)) {
			char buf[64];
			bt_sema_err(s, &x->loc, "%s() takes an integer or a pointer, not %s", n->str,
				    bt_type_str(x->type, buf, sizeof(buf)));
			return -EINVAL;
		}
		struct bt_type *t = bt_t_new(s->pool, x->type->kind, x->type->size);
		*t = *x->type;
		t->user = id == BT_F_UPTR;
		n->type = t;
		return 0;
	}
	case BT_F_UADDR:
		return bt_sema_uaddr(s, n);
	case BT_F_KSTACK:
		return stack_args(s, n, bt_t_new(s->pool, BT_T_KSTACK, 8));
	case BT_F_USTACK:
		return stack_args(s, n, bt_t_new(s->pool, BT_T_USTACK, 16));
	case BT_F_PRINT: {
		if (x->kind == BT_N_MAP && x->list.n == 0) {
			if (want_map(s, n, x, false))
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
		if (t->kind == BT_T_NONE || t->kind == BT_T_CTX || t->kind == BT_T_RECORD) {
			bt_sema_err(s, &x->loc, "print() cannot print this value");
			return -EINVAL;
		}
		a->fmt = bt_sema_add_fmt(s, "", bt_t_tuple(s->pool, &t, 1), n);
		return 0;
	}
	case BT_F_CLEAR:
	case BT_F_ZERO:
		return want_map(s, n, x, false);
	case BT_F_DELETE:
		if (x->kind != BT_N_MAP) {
			bt_sema_err(s, &x->loc, "delete() takes a map element: delete(@m[key])");
			return -EINVAL;
		}
		return want_map(s, n, x, true);
	case BT_F_BSWAP:
		if (bt_sema_expr(s, x))
			return -EINVAL;
		if (x->type->kind != BT_T_INT) {
			bt_sema_err(s, &x->loc, "bswap() needs an integer");
			return -EINVAL;
		}
		n->type = bt_t_int(s->pool, x->type->size, false);
		return 0;
	default:
		return bt_sema_func_more(s, n, a);
	}
}
