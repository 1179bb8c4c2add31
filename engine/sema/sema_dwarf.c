// SPDX-License-Identifier: GPL-2.0
/*
 * Types from the DWARF of a user-space probe's binary (sym/dwarf.h): the
 * parameters of a uprobe's function ('args', sema_uargs.c) and the structs
 * a script casts to ((struct item *)arg0) when neither the script nor the
 * kernel's BTF defines them (a script struct of the same name wins). Structs
 * become records like a script's; pointers in them point to user memory.
 * Bit-fields and floating-point members are left out.
 */
#include <dwarf.h>
#include <string.h>

#include "prog.h"
#include "sema/sema.h"
#include "sym/dwarf.h"

#define MAX_DEPTH 8
#define MAX_STRUCTS 64

/* The structs converted so far, by DIE offset: a struct pointing to its own
 * kind (a list) is one record. */
struct conv {
	struct bt_sema *s;
	Dwarf_Off offs[MAX_STRUCTS];
	struct bt_type *types[MAX_STRUCTS];
	size_t n;
};

static struct bt_type *conv(struct conv *c, Dwarf_Die *die, int depth);

static struct bt_type *inner(struct conv *c, Dwarf_Die *die, int depth)
{
	Dwarf_Attribute at;
	Dwarf_Die in;

	if (!dwarf_attr_integrate(die, DW_AT_type, &at) || !dwarf_formref_die(&at, &in))
		return NULL; /* void */
	return conv(c, &in, depth + 1);
}

static struct bt_type *array(struct conv *c, Dwarf_Die *die, int depth)
{
	struct bt_type *el = inner(c, die, depth), *a;
	Dwarf_Word total = 0;
	Dwarf_Die peeled = *die;
	uint32_t count;

	if (!el || dwarf_aggregate_size(&peeled, &total) || !bt_t_storage(el))
		return NULL;
	count = (uint32_t)(total / (el->kind == BT_T_INT ? el->size : bt_t_storage(el)));
	if (el->kind == BT_T_INT && el->size == 1)
		return bt_t_str(c->s->pool, count);
	a = bt_t_new(c->s->pool, BT_T_ARRAY, (uint32_t)total);
	a->elem = el;
	a->count = count;
	return a;
}

static struct bt_type *record(struct conv *c, Dwarf_Die *die, int depth)
{
	struct bt_record *r = bt_pool_alloc(c->s->pool, sizeof(*r));
	const char *name = dwarf_diename(die);
	struct bt_type *t;
	Dwarf_Die m;
	size_t n = 0;
	char buf[300];

	for (size_t i = 0; i < c->n; i++) {
		if (c->offs[i] == dwarf_dieoffset(die))
			return c->types[i];
	}
	if (!r || c->n == MAX_STRUCTS)
		return NULL;
	snprintf(buf, sizeof(buf), "%s %s",
		 dwarf_tag(die) == DW_TAG_union_type ? "union" : "struct", name ? name : "");
	r->name = bt_pool_strdup(c->s->pool, buf);
	r->size = (uint32_t)dwarf_bytesize(die);
	t = bt_t_new(c->s->pool, BT_T_RECORD, r->size);
	t->rec = r;
	t->name = r->name;
	c->offs[c->n] = dwarf_dieoffset(die);
	c->types[c->n++] = t;
	if (dwarf_child(die, &m) == 0) {
		do
			n += dwarf_tag(&m) == DW_TAG_member;
		while (dwarf_siblingof(&m, &m) == 0);
	}
	r->fields = bt_pool_alloc(c->s->pool, (n + 1) * sizeof(*r->fields));
	if (!r->fields || dwarf_child(die, &m))
		return t;
	do {
		struct bt_record_field *f = &r->fields[r->nfields];
		Dwarf_Attribute at;
		Dwarf_Word off = 0;

		if (dwarf_tag(&m) != DW_TAG_member || dwarf_hasattr(&m, DW_AT_bit_size) ||
		    !dwarf_diename(&m))
			continue;
		if (dwarf_attr(&m, DW_AT_data_member_location, &at))
			dwarf_formudata(&at, &off);
		f->type = inner(c, &m, depth);
		if (!f->type)
			continue;
		f->name = bt_pool_strdup(c->s->pool, dwarf_diename(&m));
		f->off = (uint32_t)off;
		r->nfields++;
	} while (dwarf_siblingof(&m, &m) == 0);
	return t;
}

/* The bt type of a DWARF type DIE; NULL for void and what bt cannot hold. */
static struct bt_type *conv(struct conv *c, Dwarf_Die *die, int depth)
{
	struct bt_type *t;
	Dwarf_Attribute at;
	Dwarf_Word enc = 0;
	Dwarf_Die p;
	int size;

	if (depth > MAX_DEPTH || dwarf_peel_type(die, &p))
		return NULL;
	size = dwarf_bytesize(&p);
	switch (dwarf_tag(&p)) {
	case DW_TAG_base_type:
		if (dwarf_attr(&p, DW_AT_encoding, &at))
			dwarf_formudata(&at, &enc);
		if (enc == DW_ATE_float || enc == DW_ATE_complex_float || size < 1 || size > 8)
			return NULL;
		return bt_t_int(c->s->pool, (uint32_t)size,
				enc == DW_ATE_signed || enc == DW_ATE_signed_char);
	case DW_TAG_enumeration_type:
		return bt_t_int(c->s->pool, size > 0 && size <= 8 ? (uint32_t)size : 4, true);
	case DW_TAG_pointer_type:
		t = bt_t_ptr(c->s->pool, inner(c, &p, depth));
		t->user = true;
		return t;
	case DW_TAG_array_type:
		return array(c, &p, depth);
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
		return record(c, &p, depth);
	default:
		return NULL;
	}
}

size_t bt_sema_dwarf_params(struct bt_sema *s, const char *bin, const char *func,
			    const char **names, struct bt_type **types, size_t max)
{
	struct conv c = {.s = s};
	Dwarf_Die fn, child;
	size_t n = 0;
	int fd;
	Dwarf *dw = bt_dwarf_open(bin, &fd);

	if (dw && bt_dwarf_func(dw, func, &fn) && dwarf_child(&fn, &child) == 0) {
		do {
			const char *name = dwarf_diename(&child);

			if (dwarf_tag(&child) != DW_TAG_formal_parameter || n == max)
				continue;
			names[n] = bt_pool_strdup(s->pool, name ? name : "");
			types[n++] = inner(&c, &child, 0);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	bt_dwarf_close(dw, fd);
	return n;
}

struct bt_type *bt_sema_dwarf_typename(struct bt_sema *s, const char *name)
{
	struct conv c = {.s = s};
	const struct bt_probe *pr;
	const char *target, *end;
	struct bt_type *t = NULL;
	char bin[4096];
	Dwarf_Die die;
	Dwarf *dw;
	int fd;

	if (!s->cur || !s->cur->pv->user)
		return NULL;
	pr = &s->prog->probes[s->cur->first_probe];
	if (!pr->ntargets)
		return NULL;
	target = pr->targets[0].target; /* BIN:FUNC, BIN:PROV:NAME */
	end = strrchr(target, ':');
	if (end && pr->pv && pr->pv->argn == BT_ARGN_USDT)
		while (end > target && *--end != ':')
			;
	if (!end || (size_t)(end - target) >= sizeof(bin))
		return NULL;
	snprintf(bin, sizeof(bin), "%.*s", (int)(end - target), target);
	dw = bt_dwarf_open(bin, &fd);
	if (dw && bt_dwarf_type(dw, name, &die))
		t = record(&c, &die, 0);
	bt_dwarf_close(dw, fd);
	return t;
}
