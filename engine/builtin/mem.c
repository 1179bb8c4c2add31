// SPDX-License-Identifier: GPL-2.0
/* Addresses, registers, bytes: kaddr, uaddr, uptr, kptr, reg, bswap. */
#include <string.h>

#include "builtin/check.h"
#include "sym/ksym.h"

/* x86-64 struct pt_regs member offsets, by bpftrace's register names. */
static const struct {
	const char *name;
	uint32_t off;
} regs[] = {
	{"r15", 0},	{"r14", 8},  {"r13", 16}, {"r12", 24},	    {"bp", 32},	 {"bx", 40},
	{"r11", 48},	{"r10", 56}, {"r9", 64},  {"r8", 72},	    {"ax", 80},	 {"cx", 88},
	{"dx", 96},	{"si", 104}, {"di", 112}, {"orig_ax", 120}, {"ip", 128}, {"cs", 136},
	{"flags", 144}, {"sp", 152}, {"ss", 160},
};

int bt_chk_kaddr(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)to;
	s->prog->uncacheable = true; /* KASLR: the address changes at each boot */
	if (!bt_sema_str_literal(s, x)) {
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

int bt_chk_uaddr(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	bt_sema_str_literal(s, n->list.v[0]); /* uaddr(str($1)) */
	return bt_sema_uaddr(s, n);
}

int bt_chk_xptr(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	int id = a->id;
	(void)to;
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (!bt_is_addr(x->type)) {
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

int bt_chk_reg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	struct bt_node *x = n->list.v[0];
	if (!(s->cur->pv->allows & BT_PA_REG)) {
		bt_sema_err(
			s, &n->loc,
			"reg() can only be used in kprobe, uprobe, profile and software probes");
		return -EINVAL;
	}
	if (!bt_sema_str_literal(s, x)) {
		bt_sema_err(s, &x->loc, "reg() takes a register name as a string literal");
		return -EINVAL;
	}
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (!strcmp(x->str, regs[i].name)) {
			a->ival = regs[i].off;
			n->type = bt_t_int(s->pool, 8, false);
			return 0;
		}
	bt_sema_err(s, &x->loc, "reg(): '%s' is not an x86-64 register", x->str);
	return -EINVAL;
}

int bt_chk_bswap(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	struct bt_node *x = n->list.v[0];
	(void)a, (void)to;
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		bt_sema_err(s, &x->loc, "bswap() needs an integer");
		return -EINVAL;
	}
	n->type = bt_t_int(s->pool, x->type->size, false);
	return 0;
}
