// SPDX-License-Identifier: GPL-2.0
/*
 * 'args' in a uprobe: the function's parameters from DWARF (sym/dwarf.c),
 * as a record whose fields sit at the struct pt_regs offsets of the x86-64
 * argument registers, so args->name compiles to a plain context load (the
 * tracepoint path); a 4-byte int reads the register's low half. Only one
 * function per probe (one layout) and the first six parameters (registers).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe/probe.h"
#include "sema/sema.h"
#include "sym/usym.h"

static const uint32_t arg_regs[] = { 112, 104, 96, 88, 72, 64 }; /* di si dx cx r8 r9 */

/* "struct Foo*": the script's struct Foo (bpftrace reads args->f->a through it). */
static struct bt_type *script_struct(struct bt_sema *s, const char *dwtype)
{
	char name[256];
	size_t n = strlen(dwtype);
	if (n < 2 || n >= sizeof(name) || dwtype[n - 1] != '*' || dwtype[n - 2] == '*')
		return NULL;
	memcpy(name, dwtype, n - 1);
	name[n - 1] = 0;
	if (!bt_sema_find_record(s, name))
		return NULL;
	struct bt_typename tn = { .name = name, .array = -1 };
	return bt_sema_in_user(s, bt_sema_typename(s, &tn, NULL));
}

static struct bt_type *param_type(struct bt_sema *s, const struct bt_dwparam *p)
{
	struct bt_type *t;

	switch (p->kind) {
	case BT_DW_INT:
		return bt_t_int(s->pool, (uint32_t)p->size, p->is_signed);
	case BT_DW_PTR:
		t = bt_t_ptr(s->pool, p->char_ptr ? bt_t_int(s->pool, 1, true) : NULL);
		t->user = true;
		if (!p->char_ptr && p->type)
			t->elem = script_struct(s, p->type);
		return t;
	default:
		return bt_sema_int64(s, false);
	}
}

static struct bt_type *record(struct bt_sema *s, const char *func, struct bt_dwparam *v, size_t n)
{
	struct bt_record *r = bt_pool_alloc(s->pool, sizeof(*r));
	struct bt_type *t;
	char name[300];

	snprintf(name, sizeof(name), "struct %s_args", func);
	r->name = bt_pool_strdup(s->pool, name);
	r->fields = bt_pool_alloc(s->pool, (n + 1) * sizeof(*r->fields));
	for (size_t i = 0; i < n && i < sizeof(arg_regs) / sizeof(arg_regs[0]); i++) {
		struct bt_record_field *f = &r->fields[r->nfields++];

		f->name = bt_pool_strdup(s->pool, v[i].name);
		f->type = param_type(s, &v[i]);
		f->off = arg_regs[i];
	}
	r->size = 168; /* sizeof(struct pt_regs) */
	t = bt_t_new(s->pool, BT_T_RECORD, r->size);
	t->rec = r;
	t->name = r->name;
	return t;
}

int bt_sema_uprobe_args(struct bt_sema *s, struct bt_node *n)
{
	const struct bt_probe *pr = &s->prog->probes[s->cur->first_probe];
	const char *target = pr->targets[0].target, *colon = strrchr(target, ':');
	struct bt_dwparam *v;
	char bin[4096];
	size_t nv;
	int err;

	if (!s->cur->args) {
		if (pr->ntargets != 1) {
			bt_sema_err(s, &n->loc, "'args' needs a probe on one function (this one has %zu): "
				    "write them as separate probes", pr->ntargets);
			return -EINVAL;
		}
		if (strpbrk(colon + 1, "+") || (colon[1] >= '0' && colon[1] <= '9')) {
			bt_sema_err(s, &n->loc, "'args' is only available at a function's entry");
			return -EINVAL;
		}
		snprintf(bin, sizeof(bin), "%.*s", (int)(colon - target), target);
		err = bt_dwarf_params(bin, colon + 1, &v, &nv);
		if (err == -ENODATA)
			bt_sema_err(s, &n->loc, "'args': %s has no DWARF debug info (build it with -g or "
				    "install its debug symbols)", bin);
		else if (err == -ENOENT)
			bt_sema_err(s, &n->loc, "'args': the DWARF of %s does not describe %s", bin,
				    colon + 1);
		else if (err)
			bt_sema_err(s, &n->loc, "'args': cannot read the DWARF of %s", bin);
		if (err)
			return -EINVAL;
		s->cur->args = record(s, colon + 1, v, nv);
		bt_dwarf_params_free(v, nv);
	}
	n->type = bt_t_new(s->pool, BT_T_CTX, 8);
	n->type->elem = s->cur->args;
	return 0;
}
