// SPDX-License-Identifier: GPL-2.0
/*
 * C definitions of a script (parser_cdef.c): structs and unions laid out as
 * gcc lays them out on x86-64 (natural alignment, bitfields packed into
 * units of their type that they do not straddle, __attribute__((packed))),
 * enums whose members are constants in expressions, typedefs. A script's
 * definition wins over BTF's type of the same name; two definitions of one
 * name are an error.
 */
#include <bpf/btf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "front/consts.h"
#include "kernel/ktypes.h"
#include "sema/sema.h"

struct bt_cdef_name {
	const char *name;
	struct bt_type *type; /* typedef */
	int64_t value;	      /* enum member */
};

static struct bt_cdef_name *find_name(struct bt_cdef_name *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

const struct bt_record *bt_sema_find_record(struct bt_sema *s, const char *name)
{
	for (size_t i = 0; i < s->nrecs; i++)
		if (!strcmp(s->recs[i]->name, name))
			return s->recs[i];
	return NULL;
}

struct bt_type *bt_sema_find_typedef(struct bt_sema *s, const char *name)
{
	struct bt_cdef_name *d = find_name(s->typedefs, s->ntypedefs, name);
	return d ? d->type : NULL;
}

bool bt_sema_enum_value(struct bt_sema *s, const char *name, int64_t *v)
{
	struct bt_cdef_name *e = find_name(s->enums, s->nenums, name);
	if (e)
		*v = e->value;
	return e;
}

static int add_name(struct bt_sema *s, struct bt_cdef_name **v, size_t *n, const char *name)
{
	if (bt_vec_push(*v, *n))
		return -ENOMEM;
	(*v)[*n] = (struct bt_cdef_name){.name = bt_pool_strdup(s->pool, name)};
	(*n)++;
	return 0;
}

/* The value of a constant expression (array sizes, bitfield widths, enum values). */
static int fold(struct bt_sema *s, const struct bt_node *n, int64_t *v)
{
	int64_t x, y;

	switch (n->kind) {
	case BT_N_INT:
		*v = (int64_t)n->num;
		return 0;
	case BT_N_BUILTIN:
		if (bt_sema_enum_value(s, n->str, v) || bt_const_lookup(n->str, v) ||
		    bt_kenum_value(n->str, v))
			return 0;
		break;
	case BT_N_UNOP:
		if (fold(s, n->a, &x))
			return -EINVAL;
		if (n->op == BT_OP_NEG || n->op == BT_OP_BNOT || n->op == BT_OP_LNOT) {
			*v = n->op == BT_OP_NEG ? -x : n->op == BT_OP_BNOT ? ~x : !x;
			return 0;
		}
		break;
	case BT_N_BINOP:
		if (fold(s, n->a, &x) || fold(s, n->b, &y))
			return -EINVAL;
		switch (n->op) {
		case BT_OP_ADD:
			*v = x + y;
			return 0;
		case BT_OP_SUB:
			*v = x - y;
			return 0;
		case BT_OP_MUL:
			*v = x * y;
			return 0;
		case BT_OP_DIV:
			*v = y ? x / y : 0;
			return y ? 0 : -EINVAL;
		case BT_OP_SHL:
			*v = (int64_t)((uint64_t)x << (y & 63));
			return 0;
		case BT_OP_SHR:
			*v = x >> (y & 63);
			return 0;
		case BT_OP_BOR:
			*v = x | y;
			return 0;
		case BT_OP_BAND:
			*v = x & y;
			return 0;
		default:
			break;
		}
		break;
	default:
		break;
	}
	bt_sema_err(s, &n->loc, "a constant is needed here");
	return -EINVAL;
}

static uint32_t align_of(const struct bt_type *t)
{
	switch (t->kind) {
	case BT_T_INT:
	case BT_T_PTR:
		return t->size ? t->size : 1;
	case BT_T_ARRAY:
		return t->elem ? align_of(t->elem) : 1;
	case BT_T_RECORD:
		if (t->rec)
			return t->rec->align ? t->rec->align : 1;
		if (t->btf_id > 0 && bt_kbtf()) {
			int a = btf__align_of(bt_kbtf(), (uint32_t)t->btf_id);
			return a > 0 ? (uint32_t)a : 8;
		}
		return 8;
	default:
		return 1;
	}
}

/* The type of member f: base type, '*'s, then dimensions (innermost last). */
static struct bt_type *decl_type(struct bt_sema *s, const struct bt_node *f)
{
	struct bt_typename tn = {.name = f->tname->name, .ptr = f->tname->ptr, .array = -1};
	struct bt_type *t = bt_sema_typename(s, &tn, &f->loc);

	for (size_t i = f->list.n; t && i-- > 0;) {
		int64_t n;
		if (fold(s, f->list.v[i], &n))
			return NULL;
		if (n < 0 || n > (1 << 24)) {
			bt_sema_err(s, &f->list.v[i]->loc, "bad array size %lld", (long long)n);
			return NULL;
		}
		struct bt_type *a;
		if (t->kind == BT_T_INT && t->size == 1 && t->is_signed) {
			a = bt_t_str(s->pool,
				     (uint32_t)n); /* char[N]; unsigned char[N] is an array */
		} else {
			a = bt_t_new(s->pool, BT_T_ARRAY, t->size * (uint32_t)n);
			a->elem = t;
			a->count = (uint32_t)n;
		}
		t = a;
	}
	return t;
}

/* Where the next member goes, in bits, and the record's alignment. */
struct layout {
	struct bt_record *r;
	size_t cap;
	uint64_t bitpos, end; /* bits */
	uint32_t align;
	bool packed, is_union;
};

static int push_field(struct bt_sema *s, struct layout *l, const char *name, struct bt_type *t,
		      uint32_t off, uint32_t bit_off, uint32_t bit_size)
{
	struct bt_record *r = l->r;
	if (r->nfields == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct bt_record_field *v = bt_pool_alloc(s->pool, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		if (r->nfields)
			memcpy(v, r->fields, r->nfields * sizeof(*v));
		r->fields = v;
		l->cap = cap;
	}
	r->fields[r->nfields++] = (struct bt_record_field){
		.name = bt_pool_strdup(s->pool, name),
		.type = t,
		.off = off,
		.bit_off = bit_off,
		.bit_size = bit_size,
	};
	return 0;
}

/* One member: a bitfield, an anonymous struct/union (its fields are ours), or a plain one. */
static int member(struct bt_sema *s, struct layout *l, const struct bt_node *f)
{
	struct bt_type *t = decl_type(s, f);
	int64_t w = -1;

	if (!t || (f->b && fold(s, f->b, &w)))
		return -EINVAL;
	if (t->kind == BT_T_RECORD && t->rec && !t->rec->defined) {
		bt_sema_err(s, &f->loc,
			    "'%s' is not defined yet: only a pointer to it can be a member",
			    t->rec->name);
		return -EINVAL;
	}
	uint32_t al = l->packed ? 1 : align_of(t), ab = al * 8;
	uint64_t pos = l->is_union ? 0 : l->bitpos;
	if (f->b) {
		if (t->kind != BT_T_INT || w < 0 || w > t->size * 8) {
			bt_sema_err(s, &f->b->loc, "bad bitfield width %lld", (long long)w);
			return -EINVAL;
		}
		if (!w) { /* int :0 closes the unit */
			l->bitpos = (pos + ab - 1) / ab * ab;
			return 0;
		}
		if (!l->packed && pos / ab != (pos + (uint64_t)w - 1) / ab)
			pos = (pos + ab - 1) / ab * ab;
		uint32_t off = (uint32_t)(l->packed ? pos / 8 : pos / ab * al);
		if (f->str &&
		    push_field(s, l, f->str, t, off, (uint32_t)(pos - off * 8), (uint32_t)w))
			return -ENOMEM;
		pos += (uint64_t)w;
	} else {
		if (!f->str && (t->kind != BT_T_RECORD || !t->rec))
			return 0; /* enum { A, B }; declares the enumerators only */
		pos = (pos + ab - 1) / ab * ab;
		if (!f->str) {
			for (size_t i = 0; i < t->rec->nfields; i++) {
				const struct bt_record_field *x = &t->rec->fields[i];
				if (push_field(s, l, x->name, x->type, (uint32_t)(pos / 8) + x->off,
					       x->bit_off, x->bit_size))
					return -ENOMEM;
			}
		} else if (push_field(s, l, f->str, t, (uint32_t)(pos / 8), 0, 0)) {
			return -ENOMEM;
		}
		pos += (uint64_t)t->size * 8;
	}
	if ((f->str || !f->b) && al > l->align)
		l->align = al; /* an unnamed bitfield does not align the struct */
	if (!l->is_union)
		l->bitpos = pos;
	if (pos > l->end)
		l->end = pos;
	return 0;
}

static int define(struct bt_sema *s, struct bt_node *def);

static bool same_record(const struct bt_record *a, const struct bt_record *b)
{
	if (a->size != b->size || a->nfields != b->nfields)
		return false;
	for (size_t i = 0; i < a->nfields; i++) {
		const struct bt_record_field *x = &a->fields[i], *y = &b->fields[i];
		if (strcmp(x->name, y->name) || x->off != y->off || x->bit_off != y->bit_off ||
		    x->bit_size != y->bit_size || x->type->kind != y->type->kind ||
		    x->type->size != y->type->size)
			return false;
	}
	return true;
}

static struct bt_record *record_named(struct bt_sema *s, const char *name)
{
	struct bt_record *r = (struct bt_record *)bt_sema_find_record(s, name);
	if (r)
		return r;
	if (bt_vec_push(s->recs, s->nrecs) || !(r = bt_pool_alloc(s->pool, sizeof(*r))))
		return NULL;
	r->name = bt_pool_strdup(s->pool, name);
	r->align = 1;
	s->recs[s->nrecs++] = r;
	return r;
}

static int define_enum(struct bt_sema *s, struct bt_node *def)
{
	int64_t next = 0;
	size_t i;
	struct bt_node *e;
	bt_list_for_each (&def->list, i, e) {
		if (e->a && fold(s, e->a, &next))
			return -EINVAL;
		if (find_name(s->enums, s->nenums, e->str)) {
			bt_sema_err(s, &e->loc, "enumerator '%s' is defined twice", e->str);
			return -EINVAL;
		}
		if (add_name(s, &s->enums, &s->nenums, e->str))
			return -ENOMEM;
		s->enums[s->nenums - 1].value = next++;
	}
	return 0;
}

static int define(struct bt_sema *s, struct bt_node *def)
{
	const char *name = def->tname->name;
	if (!strncmp(name, "enum ", 5))
		return def->num ? define_enum(s, def) : 0;
	struct bt_record *r = record_named(s, name);
	if (!r)
		return -ENOMEM;
	if (!def->num)
		return 0; /* struct X; */
	struct bt_record again = {.name = r->name};
	if (r->defined)
		r = &again; /* a header included twice: the same layout is fine */
	r->defined = true;
	struct layout l = {
		.r = r, .align = 1, .packed = def->flag, .is_union = !strncmp(name, "union ", 6)};
	size_t i;
	struct bt_node *f;
	int err = 0;
	bt_list_for_each (&def->list, i, f) {
		if (f->kind == BT_N_STRUCTDEF)
			err = define(s, f);
		else
			err = member(s, &l, f);
		if (err)
			return err;
	}
	uint64_t bytes = (l.end + 7) / 8;
	r->align = l.align;
	r->size = (uint32_t)((bytes + l.align - 1) / l.align * l.align);
	if (r == &again && !same_record(bt_sema_find_record(s, name), r)) {
		bt_sema_err(s, &def->loc, "'%s' is defined twice", name);
		return -EINVAL;
	}
	return 0;
}

static int define_typedef(struct bt_sema *s, struct bt_node *td)
{
	struct bt_type *t = decl_type(s, td);
	if (!t)
		return -EINVAL;
	if (find_name(s->typedefs, s->ntypedefs, td->str)) {
		bt_sema_err(s, &td->loc, "typedef '%s' is defined twice", td->str);
		return -EINVAL;
	}
	if (add_name(s, &s->typedefs, &s->ntypedefs, td->str))
		return -ENOMEM;
	s->typedefs[s->ntypedefs - 1].type = t;
	return 0;
}

/* Pointers to a struct made before its body was seen (struct node *next
 * inside struct node, or after "struct node;") get its final size. */
static void fix_sizes(struct bt_sema *s)
{
	for (size_t i = 0; i < s->nrecs; i++)
		for (size_t j = 0; j < s->recs[i]->nfields; j++) {
			struct bt_type *t = s->recs[i]->fields[j].type;
			while (t && (t->kind == BT_T_PTR || t->kind == BT_T_ARRAY)) {
				t = t->elem;
				if (t && t->kind == BT_T_RECORD && t->rec)
					t->size = t->rec->size;
			}
		}
	for (size_t i = 0; i < s->ntypedefs; i++) {
		struct bt_type *t = s->typedefs[i].type;
		while (t && (t->kind == BT_T_PTR || t->kind == BT_T_ARRAY))
			t = t->elem;
		if (t && t->kind == BT_T_RECORD && t->rec)
			t->size = t->rec->size;
	}
}

int bt_sema_cdefs(struct bt_sema *s)
{
	size_t i;
	struct bt_node *n;
	int err = 0;
	bt_list_for_each (&s->root->list, i, n) {
		if (n->kind == BT_N_STRUCTDEF && define(s, n))
			err = -EINVAL;
		else if (n->kind == BT_N_TYPEDEF && define_typedef(s, n))
			err = -EINVAL;
	}
	fix_sizes(s);
	return err;
}

void bt_sema_cdefs_free(struct bt_sema *s)
{
	free(s->typedefs);
	free(s->enums);
	s->typedefs = s->enums = NULL;
	s->ntypedefs = s->nenums = 0;
}

/* C integer types as written: word sets in any order ("long unsigned int"),
 * <stdint.h> and kernel names (uint8_t, __u32, ssize_t). */
bool bt_sema_c_int(const char *name, uint32_t *size, bool *sign)
{
	static const struct {
		const char *name;
		uint32_t size;
		bool sign;
	} named[] = {
		{"int8_t", 1, true},	{"int16_t", 2, true},	{"int32_t", 4, true},
		{"int64_t", 8, true},	{"uint8_t", 1, false},	{"uint16_t", 2, false},
		{"uint32_t", 4, false}, {"uint64_t", 8, false}, {"__u8", 1, false},
		{"__u16", 2, false},	{"__u32", 4, false},	{"__u64", 8, false},
		{"__s8", 1, true},	{"__s16", 2, true},	{"__s32", 4, true},
		{"__s64", 8, true},	{"ssize_t", 8, true},	{"uintptr_t", 8, false},
		{"intptr_t", 8, true},	{"_Bool", 1, false},	{"off_t", 8, true},
		{"uid_t", 4, false},	{"gid_t", 4, false},	{"loff_t", 8, true},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(name, named[i].name)) {
			*size = named[i].size;
			*sign = named[i].sign;
			return true;
		}
	int longs = 0, shorts = 0, chars = 0, ints = 0, uns = 0, sig = 0;
	const char *p = name;
	while (*p) {
		size_t n = strcspn(p, " ");
		if (n == 4 && !strncmp(p, "long", 4))
			longs++;
		else if (n == 5 && !strncmp(p, "short", 5))
			shorts++;
		else if (n == 4 && !strncmp(p, "char", 4))
			chars++;
		else if (n == 3 && !strncmp(p, "int", 3))
			ints++;
		else if (n == 8 && !strncmp(p, "unsigned", 8))
			uns++;
		else if ((n == 6 && !strncmp(p, "signed", 6)) ||
			 (n == 10 && !strncmp(p, "__signed__", 10)))
			sig++;
		else
			return false;
		p += n;
		p += *p == ' ';
	}
	if (uns + sig > 1 || ints > 1 || chars + shorts + (longs > 0) > 1 || longs > 2 ||
	    (chars && ints))
		return false;
	*size = chars ? 1 : shorts ? 2 : longs ? 8 : 4;
	*sign = !uns;
	return true;
}
