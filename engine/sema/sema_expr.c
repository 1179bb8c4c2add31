// SPDX-License-Identifier: GPL-2.0
/* Sema for expressions: literals, builtins, operators, fields, casts. */
#include "sema/sema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front/consts.h"
#include "kernel/ktypes.h"
#include "kernel/sysnr.h"
#include "kernel/tracefs.h"
#include "sema/sema_arith.h"

static struct bt_type *u64(struct bt_sema *s)
{
	return bt_t_int(s->pool, 8, false);
}

/* Where field f sits in target t's record (-1: absent, or a __data_loc in one and not
 * the other), and the key that tells t's records apart in a shared program: the
 * syscall number, or else the attach cookie. */
static long field_off(const struct bt_target *t, const struct bt_record_field *f, int64_t *key,
		      bool *by_nr)
{
	char cat[256];
	struct bt_tp_format fm;
	long off = -1;
	snprintf(cat, sizeof(cat), "%s", t->target);
	char *ev = strchr(cat, ':');
	*key = -1;
	*by_nr = false;
	if (!ev)
		return f->off;
	*ev++ = 0;
	if (bt_tp_format_read(cat, ev, &fm))
		return f->off;
	for (size_t k = 0; k < fm.nfields; k++)
		if (!strcmp(fm.fields[k].name, f->name) && fm.fields[k].data_loc == f->data_loc)
			off = fm.fields[k].off;
	*by_nr = !strcmp(cat, "syscalls");
	if (*by_nr) {
		const char *sc = !strncmp(ev, "sys_enter_", 10) ? ev + 10
				 : !strncmp(ev, "sys_exit_", 9) ? ev + 9
								: NULL;
		*key = sc ? bt_sysnr(sc) : -1;
	} else {
		*key = (int64_t)t->cookie; /* the record's common fields are not readable */
	}
	bt_tp_format_free(&fm);
	return off;
}

/*
 * One program serves many tracepoints of a probe. A field of 'args' that sits
 * at different places in them (sys_enter_open's filename is the first
 * argument, sys_enter_openat's the second) is read at the offset of the
 * tracepoint that fired: the variants are keyed by syscall number or event
 * id. A field one of them lacks is an error. The targets may be split over
 * programs (the sys_enter dispatch, sema_probe.c).
 */
static int same_layout(struct bt_sema *s, struct bt_node *n, const struct bt_record_field *f)
{
	const struct bt_probe *first = &s->prog->probes[s->cur->first_probe];
	struct bt_ann *a = bt_sema_ann(s, n);
	size_t total = 0, k = 0;
	bool differ = false;
	if (s->pass < 2)
		return 0;
	for (int np = 0; np < s->cur->nprobes; np++)
		total += first[np].ntargets;
	if (total < 2)
		return 0;
	struct bt_field_variant *v = bt_pool_alloc(s->pool, total * sizeof(*v));
	if (!v)
		return -ENOMEM;
	bool by_nr = false;
	for (int np = 0; np < s->cur->nprobes; np++) {
		const struct bt_probe *pr = first + np;
		for (size_t i = 0; i < pr->ntargets; i++, k++) {
			bool nr;
			long off = field_off(&pr->targets[i], f, &v[k].key, &nr);
			if (off < 0) {
				bt_sema_err(s, &n->loc,
					    "args->%s: %s has no such field (or not of this kind): "
					    "write it as a separate probe",
					    n->str, pr->targets[i].name);
				return -EINVAL;
			}
			v[k].off = (uint32_t)off;
			differ |= v[k].off != f->off;
			if (k == 0)
				by_nr = nr;
			if (nr != by_nr || v[k].key < 0) {
				bt_sema_err(s, &n->loc,
					    "args->%s differs between %s and %s: write them as "
					    "separate probes",
					    n->str, first->targets[0].name, pr->targets[i].name);
				return -EINVAL;
			}
		}
	}
	if (differ) {
		a->variants = v;
		a->nvariants = (uint32_t)total;
		a->variant_by_nr = by_nr;
	}
	return 0;
}

/* The type of a tracepoint args field from its format description. */
static int field_of_record(struct bt_sema *s, struct bt_node *n, struct bt_type *rt,
			   enum bt_access base_acc)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	if (rt->rec) {
		for (size_t i = 0; i < rt->rec->nfields; i++) {
			const struct bt_record_field *f = &rt->rec->fields[i];
			if (strcmp(f->name, n->str))
				continue;
			a->off = f->off;
			a->bit_off = f->bit_off;
			a->bit_size = f->bit_size;
			a->acc = f->data_loc ? BT_ACC_DATALOC : base_acc;
			if (base_acc == BT_ACC_CTX && same_layout(s, n, f))
				return -EINVAL;
			n->type = f->type;
			return 0;
		}
		bt_sema_err(s, &n->loc, "unknown field '%s' in '%s'", n->str, rt->rec->name);
		return -EINVAL;
	}
	uint32_t off, boff, bsz;
	int tid;
	if (rt->btf_id <= 0 || bt_kfield(rt->btf_id, n->str, &off, &tid, &boff, &bsz)) {
		const char *sug = rt->btf_id > 0 ? bt_kfield_suggest(rt->btf_id, n->str) : NULL;
		if (sug)
			bt_sema_err(s, &n->loc, "unknown field '%s' in '%s' (did you mean '%s'?)",
				    n->str, rt->name ? rt->name : "struct", sug);
		else
			bt_sema_err(s, &n->loc, "unknown field '%s' in '%s'", n->str,
				    rt->name ? rt->name : "struct");
		return -EINVAL;
	}
	a->off = off;
	a->bit_off = boff;
	a->bit_size = bsz;
	a->acc = base_acc;
	n->type = bt_ktype(s->pool, tid);
	if (!n->type)
		return -ENOMEM;
	if (n->type->kind == BT_T_RECORD)
		n->type->btf_id = n->type->btf_id ? n->type->btf_id : tid;
	return 0;
}

static int field(struct bt_sema *s, struct bt_node *n)
{
	if (bt_sema_expr(s, n->a))
		return -EINVAL;
	struct bt_type *bt = n->a->type;
	struct bt_ann *a = bt_sema_ann(s, n);
	if (bt->kind == BT_T_CTX) {
		struct bt_type *rt = bt->elem;
		if (s->cur->pv->args == BT_ARGS_TP_FORMAT || s->cur->pv->args == BT_ARGS_DEBUGINFO)
			return field_of_record(s, n, rt, BT_ACC_CTX);
		/* tp_btf / kfunc / rawtp: named arguments in ctx[] */
		for (int i = 0; i < s->cur->nargs; i++)
			if (s->cur->arg_names[i] && !strcmp(s->cur->arg_names[i], n->str)) {
				a->acc = BT_ACC_CTX_ARG;
				a->off = (uint32_t)i;
				n->type = bt_ktype(s->pool, s->cur->arg_btf[i]);
				if (n->type->kind == BT_T_RECORD || n->type->kind == BT_T_STR ||
				    n->type->kind == BT_T_ARRAY)
					n->type = u64(s);
				return 0;
			}
		bt_sema_err(s, &n->loc, "unknown argument '%s'", n->str);
		return -EINVAL;
	}
	if (bt->kind == BT_T_TUPLE) {
		char *end;
		long i = strtol(n->str, &end, 10);
		if (*end || i < 0 || i >= (long)bt->count) {
			bt_sema_err(s, &n->loc,
				    "tuple index '%s' out of range (the tuple has %u elements)",
				    n->str, bt->count);
			return -EINVAL;
		}
		a->acc = BT_ACC_VALUE;
		a->off = bt->offs[i];
		a->ival = i;
		n->type = bt->elems[i];
		return 0;
	}
	if (n->flag) { /* -> */
		if (bt->kind != BT_T_PTR || !bt->elem || bt->elem->kind != BT_T_RECORD) {
			char buf[64];
			bt_sema_err(s, &n->loc, "'->' needs a pointer to a struct, not %s",
				    bt_type_str(bt, buf, sizeof(buf)));
			return -EINVAL;
		}
		return field_of_record(s, n, bt->elem, BT_ACC_MEM);
	}
	if (bt->kind == BT_T_RECORD) /* $s.m: a member of a struct value */
		return field_of_record(s, n, bt,
				       bt_sema_in_memory(n->a) ? BT_ACC_MEM : BT_ACC_VALUE);
	if (bt->kind == BT_T_PTR && bt->elem && bt->elem->kind == BT_T_RECORD)
		return field_of_record(s, n, bt->elem,
				       BT_ACC_MEM); /* bpftrace accepts '.' on pointers */
	char buf[64];
	bt_sema_err(s, &n->loc, "'.%s' needs a struct or tuple, not %s", n->str,
		    bt_type_str(bt, buf, sizeof(buf)));
	return -EINVAL;
}

static bool is_int(const struct bt_type *t)
{
	return t->kind == BT_T_INT || t->kind == BT_T_PTR || t->kind == BT_T_KSYM;
}

static int binop(struct bt_sema *s, struct bt_node *n)
{
	int e1 = bt_sema_expr(s, n->a), e2 = bt_sema_expr(s, n->b);
	if (e1 || e2)
		return -EINVAL;
	struct bt_type *l = n->a->type, *r = n->b->type;
	if (l->kind == BT_T_STR && r->kind == BT_T_STR) {
		if (n->op != BT_OP_EQ && n->op != BT_OP_NE) {
			bt_sema_err(s, &n->loc, "strings can only be compared with == and !=");
			return -EINVAL;
		}
		n->type = bt_sema_int64(s, false);
		return 0;
	}
	if (bt_sema_agg_compare(s, n))
		return 0; /* $s1 == $s2, $a1 != $a2 */
	if (!is_int(l) || !is_int(r)) {
		char b1[64], b2[64];
		bt_sema_err(s, &n->loc, "invalid operands: %s and %s",
			    bt_type_str(l, b1, sizeof(b1)), bt_type_str(r, b2, sizeof(b2)));
		return -EINVAL;
	}
	if (l->kind == BT_T_PTR || r->kind == BT_T_PTR)
		return bt_sema_ptr_binop(s, n);
	if (bt_op_is_bool(n->op)) {
		n->type = bt_sema_int64(s, false);
		return 0;
	}
	bool sign = (l->kind == BT_T_INT && l->is_signed) || (r->kind == BT_T_INT && r->is_signed);
	if (l->kind == BT_T_INT && r->kind == BT_T_INT && (!l->is_signed || !r->is_signed))
		sign = l->is_signed && r->is_signed;
	n->type = bt_sema_int64(s, sign);
	return 0;
}

static int incdec(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *t = n->a;
	if (t->kind == BT_N_VAR) {
		if (bt_sema_var_read(s, t))
			return -EINVAL;
		if (t->type->kind != BT_T_INT && t->type->kind != BT_T_PTR) {
			bt_sema_err(s, &n->loc, "'++'/'--' need an integer or pointer variable");
			return -EINVAL;
		}
		n->type = t->type;
		return 0;
	}
	if (t->kind == BT_N_MAP) {
		if (bt_sema_map_ref(s, t, true))
			return -EINVAL;
		/* a map holding a pointer steps by its pointee; anything else counts */
		struct bt_type *vt =
			t->type && t->type->kind == BT_T_PTR ? t->type : bt_sema_int64(s, true);
		if (bt_sema_map_value(s, t, vt))
			return -EINVAL;
		n->type = t->type;
		return 0;
	}
	bt_sema_err(s, &n->loc, "'++'/'--' need a variable or a map");
	return -EINVAL;
}

static int unop(struct bt_sema *s, struct bt_node *n)
{
	if (n->op == BT_OP_PREINC || n->op == BT_OP_PREDEC || n->op == BT_OP_POSTINC ||
	    n->op == BT_OP_POSTDEC)
		return incdec(s, n);
	if (bt_sema_expr(s, n->a))
		return -EINVAL;
	struct bt_type *t = n->a->type;
	char buf[64];
	switch (n->op) {
	case BT_OP_DEREF:
		if (t->kind == BT_T_INT) {
			/* an integer holding an address: bpftrace reads an integer of its
			 * size and sign there (*kaddr("avenrun"): 64 bits), a 64-bit value */
			n->type = bt_sema_int64(s, t->is_signed);
			return 0;
		}
		if (t->kind != BT_T_PTR) {
			bt_sema_err(s, &n->loc, "cannot dereference %s",
				    bt_type_str(t, buf, sizeof(buf)));
			return -EINVAL;
		}
		n->type = t->elem ? t->elem : u64(s);
		if (n->type->kind == BT_T_INT && !t->elem)
			n->type = u64(s);
		if (t->user)
			n->type = bt_sema_in_user(s, n->type);
		return 0;
	case BT_OP_ADDR: {
		/* &x->field, &p[i], &*p: an address in memory; not of variables or maps */
		struct bt_ann *xa = n->a->sema;
		bool mem = (n->a->kind == BT_N_FIELD || n->a->kind == BT_N_INDEX) && xa &&
			   xa->acc == BT_ACC_MEM && !xa->bit_size;
		if (!mem && !(n->a->kind == BT_N_UNOP && n->a->op == BT_OP_DEREF)) {
			bt_sema_err(s, &n->loc,
				    "'&' needs a struct member or array element in memory "
				    "(&p->field, &p[i])");
			return -EINVAL;
		}
		n->type = bt_t_ptr(s->pool, t);
		if (n->a->kind != BT_N_UNOP)
			n->type->user = bt_sema_chain_user(n->a);
		else
			n->type->user = n->a->a->type->user;
		return 0;
	}
	default:
		if (!is_int(t) || (t->kind == BT_T_PTR && n->op != BT_OP_LNOT)) {
			bt_sema_err(s, &n->loc, "invalid operand: %s",
				    bt_type_str(t, buf, sizeof(buf)));
			return -EINVAL;
		}
		n->type = bt_sema_int64(
			s, n->op == BT_OP_LNOT ? false : (n->op == BT_OP_NEG || t->is_signed));
		return 0;
	}
}

static int cast(struct bt_sema *s, struct bt_node *n)
{
	if (bt_sema_expr(s, n->a))
		return -EINVAL;
	struct bt_type *t = bt_sema_typename(s, n->tname, &n->loc);
	if (!t)
		return -EINVAL;
	struct bt_type *from = n->a->type;
	if ((t->kind == BT_T_INT || t->kind == BT_T_PTR) && is_int(from)) {
		n->type = t;
		bt_sema_cast_space(s, t, n->a);
		return 0;
	}
	if (t->kind == BT_T_PTR && from->kind == BT_T_ARRAY && n->a->sema &&
	    (n->a->kind == BT_N_FIELD || n->a->kind == BT_N_INDEX) &&
	    ((struct bt_ann *)n->a->sema)->acc == BT_ACC_MEM) {
		n->type = t; /* (struct x *)p->array: the array's address */
		bt_sema_cast_space(s, t, n->a);
		return 0;
	}
	if (t->kind == BT_T_ARRAY && from->kind == BT_T_INT) {
		n->type = t;
		return 0;
	}
	char b1[64], b2[64];
	bt_sema_err(s, &n->loc, "cannot cast %s to %s", bt_type_str(from, b1, sizeof(b1)),
		    bt_type_str(t, b2, sizeof(b2)));
	return -EINVAL;
}

static int positional(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	a->id = BT_B_CONST;
	if (n->flag) { /* $# */
		a->ival = s->nargs;
		n->type = bt_sema_int64(s, false);
		return 0;
	}
	const char *v = (int)n->num <= s->nargs ? s->args[n->num - 1] : "";
	char *end;
	long long x = strtoll(v, &end, 0);
	if (*v && *end) {
		bt_sema_err(s, &n->loc, "$%llu is not a number ('%s'): use str($%llu)",
			    (unsigned long long)n->num, v, (unsigned long long)n->num);
		return -EINVAL;
	}
	a->ival = x;
	n->type = bt_sema_int64(s, true);
	return 0;
}

/* @m, @m[k] read in an expression: not an aggregation */
static int map_read(struct bt_sema *s, struct bt_node *n)
{
	if (bt_sema_map_ref(s, n, false))
		return -EINVAL;
	struct bt_type *t = n->type;
	if (!t) {
		if (s->pass == 2) {
			bt_sema_err(s, &n->loc, "map @%s is read but never assigned", n->str);
			return -EINVAL;
		}
		n->type = bt_sema_int64(s, true);
		return 0;
	}
	if (t->kind == BT_T_AGG) {
		/* kept per CPU: a read in the program would see one CPU's share */
		bt_sema_err(s, &n->loc,
			    "@%s holds a per-CPU aggregation (%s): its value can only be printed "
			    "(@%s++ or @%s += N keep a value the program can read)",
			    n->str,
			    t->agg == BT_AGG_COUNT ? "count()"
			    : t->agg == BT_AGG_SUM ? "sum()"
						   : "hist/stats/...",
			    n->str, n->str);
		return -EINVAL;
	}
	return 0;
}

/* c ? a : b */
static int ternary(struct bt_sema *s, struct bt_node *n)
{
	int e = bt_sema_expr(s, n->a) | bt_sema_expr(s, n->b) | bt_sema_expr(s, n->c);
	if (e)
		return -EINVAL;
	if (n->a->type->kind != BT_T_INT && n->a->type->kind != BT_T_PTR) {
		bt_sema_err(s, &n->a->loc, "the condition of '?:' must be an integer");
		return -EINVAL;
	}
	struct bt_type *x = n->b->type, *y = n->c->type;
	if (!bt_t_equal(x, y) && !(is_int(x) && is_int(y))) {
		bt_sema_err(s, &n->loc, "the two branches of '?:' have different types");
		return -EINVAL;
	}
	if (x->kind == BT_T_STR)
		n->type = x->size >= y->size ? x : y;
	else if (x->kind == BT_T_INT || is_int(x))
		n->type = bt_sema_int64(s, x->is_signed || y->is_signed);
	else
		n->type = x;
	return 0;
}

/* (a, b, ...) */
static int tuple(struct bt_sema *s, struct bt_node *n)
{
	struct bt_type *el[32];
	size_t i;
	struct bt_node *k;
	int err = 0;
	if (n->list.n > 32) {
		bt_sema_err(s, &n->loc, "tuples have at most 32 elements");
		return -EINVAL;
	}
	bt_list_for_each (&n->list, i, k) {
		if (bt_sema_expr(s, k)) {
			err = -EINVAL;
			continue;
		}
		el[i] = k->type;
		if (el[i]->kind == BT_T_INT && el[i]->size != 8)
			el[i] = bt_t_int(s->pool, 8, el[i]->is_signed);
		if (el[i]->kind == BT_T_CTX || el[i]->kind == BT_T_NONE ||
		    el[i]->kind == BT_T_AGG || (el[i]->kind == BT_T_RECORD && !el[i]->rec)) {
			bt_sema_err(s, &k->loc, "this value cannot be a tuple element");
			err = -EINVAL;
		}
	}
	if (err)
		return err;
	n->type = bt_t_tuple(s->pool, el, n->list.n);
	return 0;
}

/* sizeof(type) and sizeof(expr): a constant */
static int sizeof_(struct bt_sema *s, struct bt_node *n)
{
	struct bt_ann *a = bt_sema_ann(s, n);
	struct bt_type *t;
	if (!n->tname && n->a->kind == BT_N_BUILTIN) {
		/* sizeof(atomic_t): a typedef name parses as an identifier */
		int64_t v;
		if (!bt_const_lookup(n->a->str, &v) && !bt_kenum_value(n->a->str, &v) &&
		    (bt_sema_find_typedef(s, n->a->str) || bt_ktype_find(n->a->str) > 0)) {
			n->tname = calloc(1, sizeof(*n->tname));
			if (!n->tname)
				return -ENOMEM;
			n->tname->name = strdup(n->a->str);
			n->tname->array = -1;
		}
	}
	if (n->tname) {
		t = bt_sema_typename(s, n->tname, &n->loc);
	} else {
		if (bt_sema_expr(s, n->a))
			return -EINVAL;
		t = n->a->type;
	}
	if (!t)
		return -EINVAL;
	a->id = BT_B_CONST;
	a->ival = t->size;
	n->type = bt_sema_int64(s, false);
	return 0;
}

/* offsetof(struct, member): a constant */
static int offsetof_(struct bt_sema *s, struct bt_node *n)
{
	struct bt_type *t = bt_sema_typename(s, n->tname, &n->loc);
	if (!t)
		return -EINVAL;
	if (t->kind != BT_T_RECORD) {
		bt_sema_err(s, &n->loc, "offsetof needs a struct");
		return -EINVAL;
	}
	struct bt_node tmp = *n;
	tmp.sema = NULL;
	if (field_of_record(s, &tmp, t, BT_ACC_MEM))
		return -EINVAL;
	struct bt_ann *a = bt_sema_ann(s, n);
	a->id = BT_B_CONST;
	a->ival = ((struct bt_ann *)tmp.sema)->off;
	n->type = bt_sema_int64(s, false);
	return 0;
}

int bt_sema_expr(struct bt_sema *s, struct bt_node *n)
{
	switch (n->kind) {
	case BT_N_INT:
		n->type = bt_sema_int64(s, n->num <= (uint64_t)INT64_MAX);
		return 0;
	case BT_N_STR:
		if (n->str_len >= bt_strlen_default()) {
			bt_sema_err(
				s, &n->loc,
				"string literal is longer than %u characters (BPFTRACE_STRLEN=%u)",
				bt_strlen_default() - 1, bt_strlen_default());
			return -EINVAL;
		}
		n->type = bt_t_str(s->pool, (uint32_t)n->str_len + 1);
		return 0;
	case BT_N_BUILTIN:
		return bt_sema_builtin(s, n);
	case BT_N_POSITIONAL:
		return positional(s, n);
	case BT_N_VAR:
		return bt_sema_var_read(s, n);
	case BT_N_MAP:
		return map_read(s, n);
	case BT_N_CALL:
		return bt_sema_call(s, n, NULL);
	case BT_N_BINOP:
		return binop(s, n);
	case BT_N_UNOP:
		return unop(s, n);
	case BT_N_TERNARY:
		return ternary(s, n);
	case BT_N_FIELD:
		if (field(s, n))
			return -EINVAL;
		if (((struct bt_ann *)n->sema)->acc == BT_ACC_MEM && bt_sema_chain_user(n))
			n->type = bt_sema_in_user(s, n->type);
		return 0;
	case BT_N_INDEX: {
		int e = bt_sema_expr(s, n->a) | bt_sema_expr(s, n->b);
		if (e)
			return -EINVAL;
		struct bt_type *t = n->a->type;
		struct bt_ann *a = bt_sema_ann(s, n);
		if (n->b->type->kind != BT_T_INT) {
			bt_sema_err(s, &n->b->loc, "an index must be an integer");
			return -EINVAL;
		}
		if ((t->kind == BT_T_ARRAY || t->kind == BT_T_STR) && n->b->kind == BT_N_INT &&
		    n->b->num >= (t->kind == BT_T_ARRAY ? t->count : t->size)) {
			bt_sema_err(s, &n->b->loc,
				    "the index %llu is out of bounds for %s of size %u",
				    (unsigned long long)n->b->num,
				    t->kind == BT_T_ARRAY ? "an array" : "a string",
				    t->kind == BT_T_ARRAY ? t->count : t->size);
			return -EINVAL;
		}
		if (t->kind == BT_T_ARRAY || (t->kind == BT_T_PTR && t->elem)) {
			n->type = t->user ? bt_sema_in_user(s, t->elem) : t->elem;
			a->acc = t->kind == BT_T_PTR || bt_sema_in_memory(n->a) ? BT_ACC_MEM
										: BT_ACC_VALUE;
			return 0;
		}
		if (t->kind == BT_T_STR) {
			n->type = bt_t_int(s->pool, 1, true);
			a->acc = BT_ACC_VALUE;
			return 0;
		}
		char buf[64];
		bt_sema_err(s, &n->loc, "cannot index %s", bt_type_str(t, buf, sizeof(buf)));
		return -EINVAL;
	}
	case BT_N_CAST:
		return cast(s, n);
	case BT_N_TUPLE:
		return tuple(s, n);
	case BT_N_SIZEOF:
		return sizeof_(s, n);
	case BT_N_OFFSETOF:
		return offsetof_(s, n);
	case BT_N_ASSIGN:
		bt_sema_err(s, &n->loc, "an assignment is not an expression");
		return -EINVAL;
	default:
		bt_sema_err(s, &n->loc, "unexpected statement in an expression");
		return -EINVAL;
	}
}
