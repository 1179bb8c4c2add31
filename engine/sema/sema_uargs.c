// SPDX-License-Identifier: GPL-2.0
/*
 * 'args' in a uprobe: the function's parameters from DWARF (sema_dwarf.c),
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

static const uint32_t arg_regs[] = {112, 104, 96, 88, 72, 64}; /* di si dx cx r8 r9 */

static struct bt_type *record(struct bt_sema *s, const char *bin, const char *func)
{
	struct bt_record *r = bt_pool_alloc(s->pool, sizeof(*r));
	const size_t max = sizeof(arg_regs) / sizeof(arg_regs[0]);
	const char *names[sizeof(arg_regs) / sizeof(arg_regs[0])];
	struct bt_type *types[sizeof(arg_regs) / sizeof(arg_regs[0])], *t;
	size_t n = bt_sema_dwarf_params(s, bin, func, names, types, max);
	char name[300];

	snprintf(name, sizeof(name), "struct %s_args", func);
	r->name = bt_pool_strdup(s->pool, name);
	r->fields = bt_pool_alloc(s->pool, (n + 1) * sizeof(*r->fields));
	for (size_t i = 0; i < n; i++) {
		struct bt_record_field *f = &r->fields[r->nfields++];

		f->name = (char *)names[i];
		/* a struct passed by value, a float: the register as it is */
		f->type = types[i] && (types[i]->kind == BT_T_INT || types[i]->kind == BT_T_PTR)
				  ? types[i]
				  : bt_sema_int64(s, false);
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
			bt_sema_err(s, &n->loc,
				    "'args' needs a probe on one function (this one has %zu): "
				    "write them as separate probes",
				    pr->ntargets);
			return -EINVAL;
		}
		if (strpbrk(colon + 1, "+") || (colon[1] >= '0' && colon[1] <= '9')) {
			bt_sema_err(s, &n->loc, "'args' is only available at a function's entry");
			return -EINVAL;
		}
		snprintf(bin, sizeof(bin), "%.*s", (int)(colon - target), target);
		err = bt_dwarf_params(bin, colon + 1, &v, &nv);
		if (err == -ENODATA)
			bt_sema_err(s, &n->loc,
				    "'args': %s has no DWARF debug info (build it with -g or "
				    "install its debug symbols)",
				    bin);
		else if (err == -ENOENT)
			bt_sema_err(s, &n->loc, "'args': the DWARF of %s does not describe %s", bin,
				    colon + 1);
		else if (err)
			bt_sema_err(s, &n->loc, "'args': cannot read the DWARF of %s", bin);
		if (err)
			return -EINVAL;
		s->cur->args = record(s, bin, colon + 1);
		bt_dwarf_params_free(v, nv);
	}
	n->type = bt_t_new(s->pool, BT_T_CTX, 8);
	n->type->elem = s->cur->args;
	return 0;
}
