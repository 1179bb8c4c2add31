// SPDX-License-Identifier: GPL-2.0
/*
 * Sema driver: script structs, probes, statements, variables and maps.
 * Runs twice over the probe bodies: pass 1 infers map types (a map may be
 * read in a probe written before the one that assigns it), pass 2 checks and
 * reports. Errors are printed in pass 2 only.
 */
#include "sema/sema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>
#include "settings.h"

#include "kernel/ktypes.h"
#include "output/hist.h"
#include "sema/sema_arith.h"

void bt_sema_err(struct bt_sema *s, const struct bt_loc *loc, const char *fmt, ...)
{
	va_list ap;
	if (s->pass < 2)
		return; /* pass 1 only infers types: pass 2 reports */
	va_start(ap, fmt);
	bt_vdiag(s->d, BT_SEV_ERROR, loc, fmt, ap);
	va_end(ap);
}

void bt_sema_warn(struct bt_sema *s, const struct bt_loc *loc, const char *fmt, ...)
{
	struct bt_prog *p = s->prog;
	char *msg = NULL;
	va_list ap;
	int n;

	if (s->pass < 2)
		return;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	bt_diag(s->d, BT_SEV_WARNING, loc, "%s", msg);
	if (bt_vec_push(p->warnings, p->nwarnings)) {
		free(msg); /* printed; only a cache hit would miss it */
		return;
	}
	p->warnings[p->nwarnings++] = (struct bt_warning){
		.src = loc ? bt_diag_src_index(s->d, loc->file) : -1,
		.line = loc ? loc->line : 0,
		.col = loc ? loc->col : 0,
		.len = loc ? loc->len : 0,
		.msg = msg,
	};
}

struct bt_ann *bt_sema_ann(struct bt_sema *s, struct bt_node *n)
{
	if (!n->sema) {
		struct bt_ann *a = bt_pool_alloc(s->pool, sizeof(*a));
		if (!a)
			return NULL;
		a->map = -1;
		a->fmt = -1;
		n->sema = a;
	}
	return n->sema;
}

struct bt_type *bt_sema_int64(struct bt_sema *s, bool is_signed)
{
	return bt_t_int(s->pool, 8, is_signed);
}

int bt_sema_add_fmt(struct bt_sema *s, const char *fmt, struct bt_type *args,
		    const struct bt_node *n)
{
	struct bt_prog *p = s->prog;
	if (s->pass < 2)
		return -1;
	if (bt_vec_push(p->fmts, p->nfmts))
		return -1;
	struct bt_fmt *v = p->fmts;
	v[p->nfmts].fmt = strdup(fmt);
	v[p->nfmts].args = args;
	v[p->nfmts].node = n;
	v[p->nfmts].compiled = NULL;
	return (int)p->nfmts++;
}

static const struct {
	const char *name;
	uint32_t size;
	bool sign;
} int_names[] = {
	{"int8", 1, true},
	{"int16", 2, true},
	{"int32", 4, true},
	{"int64", 8, true},
	{"uint8", 1, false},
	{"uint16", 2, false},
	{"uint32", 4, false},
	{"uint64", 8, false},
	{"char", 1, true},
	{"short", 2, true},
	{"int", 4, true},
	{"long", 8, true},
	{"bool", 1, false},
	{"unsigned char", 1, false},
	{"unsigned short", 2, false},
	{"unsigned int", 4, false},
	{"unsigned long", 8, false},
	{"unsigned", 4, false},
	{"long long", 8, true},
	{"unsigned long long", 8, false},
	{"signed char", 1, true},
	{"u8", 1, false},
	{"u16", 2, false},
	{"u32", 4, false},
	{"u64", 8, false},
	{"s8", 1, true},
	{"s16", 2, true},
	{"s32", 4, true},
	{"s64", 8, true},
	{"pid_t", 4, true},
	{"size_t", 8, false},
};

struct bt_type *bt_sema_typename(struct bt_sema *s, const struct bt_typename *tn,
				 const struct bt_loc *loc)
{
	struct bt_type *t = NULL;
	for (size_t i = 0; i < sizeof(int_names) / sizeof(int_names[0]); i++)
		if (!strcmp(tn->name, int_names[i].name)) {
			t = bt_t_int(s->pool, int_names[i].size, int_names[i].sign);
			t->name = int_names[i].name;
			break;
		}
	uint32_t isz;
	bool isg;
	if (!t && bt_sema_c_int(tn->name, &isz, &isg)) {
		t = bt_t_int(s->pool, isz, isg);
		t->name = NULL;
	}
	if (!t && (t = bt_sema_find_typedef(s, tn->name)) && tn->ptr + (tn->array >= 0) == 0)
		return t;
	if (!t && !strncmp(tn->name, "enum ", 5))
		t = bt_t_int(s->pool, 4, false);
	if (!t) {
		const struct bt_record *r = bt_sema_find_record(s, tn->name);
		if (r) {
			t = bt_t_new(s->pool, BT_T_RECORD, r->size);
			t->rec = r;
			t->name = r->name;
		}
	}
	if (!t && (!strncmp(tn->name, "struct ", 7) || !strncmp(tn->name, "union ", 6)))
		t = bt_sema_dwarf_typename(s, tn->name); /* a uprobe's binary's own */
	if (!t && !strcmp(tn->name, "void") && tn->ptr > 0)
		t = NULL;
	else if (!t) {
		int id = bt_ktype_find(tn->name);
		if (id < 0) {
			bt_sema_err(s, loc, "unknown type '%s'%s", tn->name,
				    bt_kbtf() ? "" : " (this kernel has no BTF)");
			return NULL;
		}
		t = bt_ktype(s->pool, id);
		if (t && t->kind == BT_T_RECORD)
			t->btf_id = id;
	}
	if (t && t->kind == BT_T_INT && tn->ptr == 0 && tn->array < 0 &&
	    !strcmp(tn->name, "char") && 0)
		t = NULL;
	for (int i = 0; i < tn->ptr; i++)
		t = bt_t_ptr(s->pool, t);
	if (tn->array >= 0) {
		if (t && t->kind == BT_T_INT && t->size == 1) {
			t = bt_t_str(s->pool, (uint32_t)tn->array);
		} else {
			struct bt_type *a = bt_t_new(s->pool, BT_T_ARRAY,
						     t ? bt_t_storage(t) * (uint32_t)tn->array : 0);
			if (t && t->kind == BT_T_INT)
				a->size = t->size * (uint32_t)tn->array;
			a->elem = t;
			a->count = (uint32_t)tn->array;
			t = a;
		}
	}
	if (!t) /* void * */
		t = bt_t_ptr(s->pool, NULL);
	return t;
}

/* a and b are bt_t_equal: the type that holds both (strings, also inside tuples, of the
 * larger size). Returns a when it already does. */
static struct bt_type *merge_type(struct bt_sema *s, struct bt_type *a, struct bt_type *b)
{
	if (a->kind == BT_T_STR)
		return b->size > a->size ? b : a;
	if (a->kind != BT_T_TUPLE || a->count != b->count || a->count > 32)
		return a;
	struct bt_type *el[32];
	bool changed = false;
	for (uint32_t i = 0; i < a->count; i++) {
		el[i] = merge_type(s, a->elems[i], b->elems[i]);
		changed |= el[i] != a->elems[i];
	}
	return changed ? bt_t_tuple(s->pool, el, a->count) : a;
}

/* ---- maps ---- */

/* Whether n is 0 or a power of two: a pool array of n grows (doubles) when n is. */
static bool full(size_t n)
{
	return (n & (n - 1)) == 0;
}

static struct bt_smap *find_map(struct bt_sema *s, const char *name, int *idx)
{
	int i = bt_strmap_get(&s->map_index, name);
	if (i < 0)
		return NULL;
	*idx = i;
	return &s->smaps[i];
}

static struct bt_smap *get_map(struct bt_sema *s, struct bt_node *m, int *idx)
{
	char name[256];
	snprintf(name, sizeof(name), "@%s", m->str);
	struct bt_smap *sm = find_map(s, name, idx);
	if (sm)
		return sm;
	if (bt_vec_push(s->smaps, s->nsmaps))
		return NULL;
	sm = &s->smaps[s->nsmaps];
	memset(sm, 0, sizeof(*sm));
	sm->name = bt_pool_strdup(s->pool, name);
	if (!sm->name || bt_strmap_put(&s->map_index, sm->name, (int)s->nsmaps))
		return NULL;
	sm->first = m;
	*idx = (int)s->nsmaps++;
	return sm;
}

/* Key element type as stored: ints widen to 64-bit. */
static struct bt_type *key_elem(struct bt_sema *s, struct bt_type *t)
{
	if (t->kind == BT_T_INT && t->size != 8)
		return bt_t_int(s->pool, 8, t->is_signed);
	return t;
}

/* Resolves @m[keys] (types the keys, unifies with earlier uses). */
int bt_sema_map_ref(struct bt_sema *s, struct bt_node *m, bool for_write)
{
	int idx;
	struct bt_smap *sm = get_map(s, m, &idx);
	struct bt_ann *a = bt_sema_ann(s, m);
	if (!sm || !a)
		return -ENOMEM;
	a->map = idx;
	size_t i;
	struct bt_node *k;
	int err = 0;
	struct bt_type *elems[16];
	if (m->list.n > 16) {
		bt_sema_err(s, &m->loc, "too many map keys (at most 16)");
		return -EINVAL;
	}
	bt_list_for_each (&m->list, i, k) {
		if (bt_sema_expr(s, k)) {
			err = -EINVAL;
			continue;
		}
		struct bt_type *t = k->type;
		if (t->kind == BT_T_NONE || t->kind == BT_T_AGG || t->kind == BT_T_CTX ||
		    (t->kind == BT_T_RECORD && !t->rec) || (t->kind == BT_T_ARRAY && !t->elem)) {
			char buf[64];
			bt_sema_err(s, &k->loc, "%s cannot be used as a map key",
				    bt_type_str(t, buf, sizeof(buf)));
			err = -EINVAL;
			continue;
		}
		elems[i] = key_elem(s, t);
	}
	if (err)
		return err;
	sm = &s->smaps[idx]; /* a key may have added a map: smaps moved */
	struct bt_type *key = m->list.n ? bt_t_tuple(s->pool, elems, m->list.n) : NULL;
	if (!sm->keyed_known) {
		sm->key = key;
		sm->keyed_known = true;
	} else if ((!sm->key) != (!key) || (key && !bt_t_equal(sm->key, key))) {
		char b1[128], b2[128];
		bt_sema_err(s, &m->loc, "map %s used with different key types: %s here, %s before",
			    sm->name, key ? bt_type_str(key, b1, sizeof(b1)) : "no key",
			    sm->key ? bt_type_str(sm->key, b2, sizeof(b2)) : "no key");
		return -EINVAL;
	} else if (key) {
		/* strings: keep the larger size */
		for (uint32_t j = 0; j < key->count; j++)
			if (key->elems[j]->kind == BT_T_STR &&
			    key->elems[j]->size > sm->key->elems[j]->size) {
				sm->key = key;
				break;
			}
	}
	(void)for_write;
	m->type = sm->value;
	if (!sm->value && sm->poisoned && s->pass == 2)
		return -EINVAL;
	return 0;
}

int bt_sema_map_value(struct bt_sema *s, struct bt_node *m, struct bt_type *t)
{
	struct bt_smap *sm = &s->smaps[((struct bt_ann *)m->sema)->map];
	if (t->kind == BT_T_INT && t->size != 8)
		t = bt_t_int(s->pool, 8, t->is_signed);
	if (!sm->value) {
		sm->value = t;
	} else if (!bt_t_equal(sm->value, t)) {
		char b1[64], b2[64];
		bt_sema_err(s, &m->loc, "map %s assigned %s here but holds %s", sm->name,
			    bt_type_str(t, b1, sizeof(b1)), bt_type_str(sm->value, b2, sizeof(b2)));
		return -EINVAL;
	} else if (t->kind == BT_T_STR || t->kind == BT_T_TUPLE) {
		sm->value = merge_type(s, sm->value, t);
	}
	m->type = sm->value;
	return 0;
}

/* A whole map (print/clear/zero): no key unification. */
int bt_sema_map_whole(struct bt_sema *s, struct bt_node *m)
{
	int idx;
	struct bt_smap *sm = get_map(s, m, &idx);
	struct bt_ann *a = bt_sema_ann(s, m);
	if (!sm || !a)
		return -ENOMEM;
	a->map = idx;
	sm->clears = true;
	if (sm->value)
		m->type = sm->value;
	return 0;
}

/* ---- variables ---- */

/* s->var_index for s->cur: rebuilt when sema moves to another probe. */
static int var_index(struct bt_sema *s)
{
	struct bt_sprobe *sp = s->cur;
	if (s->var_index_of == sp)
		return 0;
	bt_strmap_clear(&s->var_index);
	s->var_index_of = NULL;
	for (size_t i = 0; i < sp->nvars; i++)
		if (bt_strmap_put(&s->var_index, sp->vars[i]->name, (int)i))
			return -ENOMEM;
	s->var_index_of = sp;
	return 0;
}

static struct bt_var *find_var(struct bt_sema *s, const char *name)
{
	int i;
	if (var_index(s))
		return NULL;
	i = bt_strmap_get(&s->var_index, name);
	return i < 0 ? NULL : s->cur->vars[i];
}

static struct bt_var *new_var(struct bt_sema *s, struct bt_node *n)
{
	struct bt_sprobe *sp = s->cur;
	struct bt_var *v = bt_pool_alloc(s->pool, sizeof(*v));
	if (!v || var_index(s))
		return NULL;
	if (full(sp->nvars)) { /* pool memory: the old array stays until the pool goes */
		struct bt_var **vv =
			bt_pool_alloc(s->pool, (sp->nvars ? 2 * sp->nvars : 1) * sizeof(*vv));
		if (!vv)
			return NULL;
		if (sp->nvars)
			memcpy(vv, sp->vars, sp->nvars * sizeof(*vv));
		sp->vars = vv;
	}
	v->name = bt_pool_strdup(s->pool, n->str);
	if (!v->name || bt_strmap_put(&s->var_index, v->name, (int)sp->nvars))
		return NULL;
	v->first = n;
	sp->vars[sp->nvars++] = v;
	return v;
}

/* A variable read ($x in an expression). */
int bt_sema_var_read(struct bt_sema *s, struct bt_node *n)
{
	struct bt_var *v = find_var(s, n->str);
	if (v && v->poisoned)
		return -EINVAL;
	if (!v || !v->type) {
		bt_sema_err(s, &n->loc, "variable '$%s' used before assignment", n->str);
		return -EINVAL;
	}
	bt_sema_ann(s, n)->var = v;
	n->type = v->type;
	return 0;
}

static int assign_var(struct bt_sema *s, struct bt_node *target, struct bt_type *t)
{
	struct bt_var *v = find_var(s, target->str);
	if (!v)
		v = new_var(s, target);
	if (!v)
		return -ENOMEM;
	bt_sema_ann(s, target)->var = v;
	if (t->kind == BT_T_NONE || t->kind == BT_T_AGG) {
		bt_sema_err(s, &target->loc, "cannot assign a value of no type to '$%s'",
			    target->str);
		return -EINVAL;
	}
	if (!v->type) {
		v->type = t;
	} else if (!bt_t_equal(v->type, t)) {
		char b1[64], b2[64];
		bt_sema_err(s, &target->loc, "type mismatch for '$%s': assigning %s, holds %s",
			    target->str, bt_type_str(t, b1, sizeof(b1)),
			    bt_type_str(v->type, b2, sizeof(b2)));
		return -EINVAL;
	} else if (t->kind == BT_T_STR || t->kind == BT_T_TUPLE) {
		v->type = merge_type(s, v->type, t);
	} else if (t->kind == BT_T_INT) {
		/* keeps its width and sign, but widens where a wider value is assigned:
		 * never truncates (bpftrace 0.17 loses such values) */
		v->type = bt_sema_int_merge(s, v->type, t);
	}
	target->type = v->type;
	v->assigned = true;
	return 0;
}

/* ---- statements ---- */

static int stmt(struct bt_sema *s, struct bt_node *n);

static int block(struct bt_sema *s, struct bt_node *b)
{
	int err = 0;
	size_t i;
	struct bt_node *n;
	if (!b)
		return 0;
	if (b->kind != BT_N_BLOCK)
		return stmt(s, b);
	bt_list_for_each (&b->list, i, n) {
		if (stmt(s, n))
			err = -EINVAL;
	}
	return err;
}

/* count(), hist(), ...: the rows whose check is the aggregations' (builtin/agg.c) */
static bool is_agg_call(const struct bt_node *n)
{
	const struct bt_builtin *b =
		n->kind == BT_N_CALL ? bt_builtin_find(n->str, true, NULL) : NULL;
	return b && b->check == bt_chk_agg;
}

static int assign(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *t = n->a, *v = n->b;
	if (t->kind == BT_N_MAP) {
		if (bt_sema_map_ref(s, t, true))
			return -EINVAL;
		if (is_agg_call(v)) {
			if (n->op != BT_OP_NONE) {
				bt_sema_err(s, &n->loc,
					    "aggregations take '=', not a compound assignment");
				return -EINVAL;
			}
			return bt_sema_call(s, v, t);
		}
	}
	if (bt_sema_expr(s, v)) {
		if (t->kind == BT_N_VAR && n->op == BT_OP_NONE) {
			struct bt_var *var = find_var(s, t->str);
			if (!var)
				var = new_var(s, t);
			if (var && !var->type)
				var->poisoned = true;
		}
		return -EINVAL;
	}
	struct bt_type *vt = v->type;
	if (n->op != BT_OP_NONE) {
		if (vt->kind != BT_T_INT) {
			bt_sema_err(s, &v->loc, "compound assignment needs an integer");
			return -EINVAL;
		}
		if (t->kind == BT_N_VAR && bt_sema_var_read(s, t))
			return -EINVAL;
		if (t->type && t->type->kind == BT_T_PTR)
			return bt_sema_ptr_compound(s, n, t->type); /* still the pointer */
		if (t->kind == BT_N_MAP && t->type && t->type->kind != BT_T_INT &&
		    !(t->type->kind == BT_T_AGG &&
		      (t->type->agg == BT_AGG_COUNT || t->type->agg == BT_AGG_SUM))) {
			bt_sema_err(s, &t->loc, "compound assignment needs an integer map");
			return -EINVAL;
		}
		if (t->type && t->type->kind != BT_T_INT)
			return 0;
		vt = bt_sema_int64(s, vt->is_signed);
	}
	if (vt->kind == BT_T_NONE) {
		bt_sema_err(s, &v->loc, "this expression has no value to assign");
		return -EINVAL;
	}
	if (t->kind == BT_N_VAR)
		return assign_var(s, t, vt);
	if (vt->kind == BT_T_CTX) {
		bt_sema_err(s, &v->loc, "'args' cannot be stored in a map");
		return -EINVAL;
	}
	return bt_sema_map_value(s, t, vt);
}

/* The condition of if/while: an integer or a pointer, as a predicate. */
static int cond(struct bt_sema *s, struct bt_node *e, const char *what)
{
	if (bt_sema_expr(s, e))
		return -EINVAL;
	if (e->type->kind != BT_T_INT && e->type->kind != BT_T_PTR) {
		bt_sema_err(s, &e->loc, "the condition of '%s' must be an integer", what);
		return -EINVAL;
	}
	return 0;
}

static int stmt(struct bt_sema *s, struct bt_node *n)
{
	int err = 0;
	switch (n->kind) {
	case BT_N_BLOCK:
		return block(s, n);
	case BT_N_EXPR_STMT:
		if (n->a->kind == BT_N_CALL)
			return bt_sema_call(s, n->a, NULL);
		if (n->a->kind == BT_N_MAP && n->a->list.n == 0 && 0)
			return 0;
		return bt_sema_expr(s, n->a);
	case BT_N_ASSIGN:
		return assign(s, n);
	case BT_N_IF:
		if (cond(s, n->a, "if"))
			err = -EINVAL;
		if (block(s, n->b))
			err = -EINVAL;
		if (block(s, n->c))
			err = -EINVAL;
		return err;
	case BT_N_UNROLL: {
		int64_t v = 0;
		if (bt_sema_expr(s, n->a))
			return -EINVAL;
		if (!bt_sema_is_const_int(n->a) || bt_sema_const_int(s, n->a, &v) || v < 1 ||
		    v > 100) {
			bt_sema_err(s, &n->a->loc, "unroll needs an integer from 1 to 100");
			return -EINVAL;
		}
		n->a->kind = BT_N_INT; /* unroll($1): the count, for codegen */
		n->a->num = (uint64_t)v;
		n->a->flag = false;
		return block(s, n->b);
	}
	case BT_N_WHILE:
		if (cond(s, n->a, "while"))
			err = -EINVAL;
		s->in_loop++;
		if (block(s, n->b))
			err = -EINVAL;
		s->in_loop--;
		return err;
	case BT_N_FOR:
		bt_sema_err(s, &n->loc,
			    "for loops over maps need bpftrace 0.19 features bt does not have yet");
		return -EINVAL;
	case BT_N_BREAK:
	case BT_N_CONTINUE:
		if (!s->in_loop) {
			bt_sema_err(s, &n->loc, "'%s' outside of a loop",
				    n->kind == BT_N_BREAK ? "break" : "continue");
			return -EINVAL;
		}
		return 0;
	case BT_N_RETURN:
		return 0;
	default:
		return bt_sema_expr(s, n);
	}
}

static int probe_body(struct bt_sema *s, struct bt_node *p)
{
	struct bt_sprobe *sp = p->sema;
	int err = 0;
	s->cur = sp;
	s->cur_probe = p;
	for (size_t i = 0; i < sp->nvars; i++)
		sp->vars[i]->assigned = false;
	if (p->a) {
		if (bt_sema_expr(s, p->a))
			err = -EINVAL;
		else if (p->a->type->kind != BT_T_INT && p->a->type->kind != BT_T_PTR) {
			bt_sema_err(s, &p->a->loc, "a predicate must be an integer");
			err = -EINVAL;
		}
	}
	if (block(s, p->b))
		err = -EINVAL;
	return err;
}

static uint32_t value_size(const struct bt_type *t)
{
	if (t->kind != BT_T_AGG)
		return bt_t_storage(t);
	switch (t->agg) {
	case BT_AGG_MIN:
	case BT_AGG_MAX:
	case BT_AGG_AVG:
	case BT_AGG_STATS:
		return 16;
	default:
		return 8;
	}
}

static int build_maps(struct bt_sema *s)
{
	struct bt_prog *p = s->prog;
	p->maps = calloc(s->nsmaps ? s->nsmaps : 1, sizeof(*p->maps));
	if (!p->maps)
		return -ENOMEM;
	for (size_t i = 0; i < s->nsmaps; i++) {
		struct bt_smap *sm = &s->smaps[i];
		struct bt_map *m = &p->maps[i];
		uint32_t tids = 0; /* array slots: by tid (sema_tidmap.c), or hist buckets */
		if (!sm->value) {
			bt_sema_err(s, &sm->first->loc, "map %s is used but never assigned",
				    sm->name);
			return -EINVAL;
		}
		char bpf[64];
		snprintf(bpf, sizeof(bpf), "AT_%.*s", 40, sm->name + 1);
		if (!sm->name[1])
			snprintf(bpf, sizeof(bpf), "AT_");
		snprintf(bpf + strlen(bpf), sizeof(bpf) - strlen(bpf), "_%zu", i);
		m->name = strdup(sm->name);
		m->bpf_name = strdup(bpf);
		m->key = sm->key;
		m->value = sm->value;
		m->key_size = sm->key ? sm->key->size : 8;
		m->value_size = value_size(sm->value);
		m->max_entries = bt_settings()->map_keys_max;
		m->printed_at_exit = true;
		m->fd = -1;
		if (sm->value->kind == BT_T_AGG) {
			if (sm->value->agg == BT_AGG_HIST || sm->value->agg == BT_AGG_LHIST) {
				m->kind = BT_MAP_HIST_HASH;
				m->key_size += 8;
				/* keyless: a per-CPU array of buckets (prog.h); zero() would
				 * need the buckets it zeroes to stay apart from unused ones */
				m->array = !sm->key && !bt_sema_map_zeroed(s, (int)i);
				if (m->array)
					tids = (uint32_t)(sm->value->agg == BT_AGG_HIST
								  ? BT_HIST_NBUCKETS
								  : bt_lhist_nbuckets(
									    sm->value->lhist_min,
									    sm->value->lhist_max,
									    sm->value->lhist_step));
			} else {
				m->kind = BT_MAP_PERCPU_HASH;
				m->array = !sm->key && sm->value->agg == BT_AGG_COUNT;
				/* @[tid] = count(): a per-CPU array by tid (sema_tidmap.c);
				 * a count is never 0 where a hash has the key */
				if (sm->key && sm->value->agg == BT_AGG_COUNT &&
				    !bt_sema_map_zeroed(s, (int)i))
					m->array =
						(tids = bt_sema_tidmap_slots(s, (int)i, true)) != 0;
			}
		} else {
			m->kind = BT_MAP_HASH;
			m->slot = m->value_size == 8 &&
				  (sm->value->kind == BT_T_INT || sm->value->kind == BT_T_PTR) &&
				  (!sm->key || (tids = bt_sema_tidmap_slots(s, (int)i, false)));
		}
		if (m->array || m->slot) {
			m->key_size = 4;
			m->max_entries = tids ? tids : 1;
		}
		p->nmaps++;
	}
	return 0;
}

/* Maps assigned in a probe whose attach points failed: their readers must
 * not pile up errors after the one that says why. */
static int poison_maps(struct bt_node *n, void *ctx)
{
	struct bt_sema *s = ctx;
	struct bt_node *m = NULL;
	if (n->kind == BT_N_ASSIGN && n->a->kind == BT_N_MAP)
		m = n->a;
	else if (n->kind == BT_N_UNOP && n->a && n->a->kind == BT_N_MAP)
		m = n->a;
	if (m) {
		int idx;
		struct bt_smap *sm = get_map(s, m, &idx);
		if (sm)
			sm->poisoned = true;
	}
	return 0;
}

int bt_sema_run(struct bt_sema *s)
{
	size_t i;
	struct bt_node *n;
	int err = 0;
	int errors0 = s->d->errors;

	s->pass = 2; /* struct and probe errors are reported at once */
	if (bt_sema_cdefs(s))
		err = -EINVAL;
	bt_list_for_each (&s->root->list, i, n) {
		if (n->kind != BT_N_PROBE)
			continue;
		struct bt_sprobe *sp = bt_pool_alloc(s->pool, sizeof(*sp));
		if (!sp)
			return -ENOMEM;
		n->sema = sp;
		if (bt_sema_probe_targets(s, n, sp)) {
			sp->failed = true;
			err = -EINVAL;
		}
	}
	bt_list_for_each (&s->root->list, i, n) {
		if (n->kind == BT_N_PROBE && ((struct bt_sprobe *)n->sema)->failed)
			bt_ast_walk(n->b, poison_maps, NULL, s);
	}
	for (s->pass = 1; s->pass <= 2; s->pass++) {
		bt_list_for_each (&s->root->list, i, n) {
			if (n->kind != BT_N_PROBE || ((struct bt_sprobe *)n->sema)->failed)
				continue;
			if (probe_body(s, n) && s->pass == 2)
				err = -EINVAL;
		}
	}
	s->pass = 2;
	if (!err && build_maps(s))
		err = -EINVAL;
	if (!err)
		bt_sema_task_offsets(s);
	if (s->d->errors > errors0)
		err = -EINVAL;
	return err;
}

void bt_sema_fini(struct bt_sema *s)
{
	free(s->smaps);
	free(s->recs);
	bt_sema_cdefs_free(s);
	bt_strmap_free(&s->map_index);
	bt_strmap_free(&s->var_index);
	s->var_index_of = NULL;
	s->smaps = NULL;
	s->recs = NULL;
}
