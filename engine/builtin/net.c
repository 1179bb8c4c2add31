// SPDX-License-Identifier: GPL-2.0
/* Network addresses: ntop, pton, macaddr. */
#include <arpa/inet.h>
#include <sys/socket.h>

#include "builtin/check.h"
#include "util/strbuf.h"

int bt_chk_ntop(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	struct bt_node *addr = n->list.v[n->list.n - 1];
	if (n->list.n == 2) {
		struct bt_node *af = n->list.v[0];
		if (bt_sema_expr(s, af))
			return -EINVAL;
		if (af->type->kind != BT_T_INT) {
			bt_sema_err(s, &af->loc,
				    "ntop(af, addr): af must be an integer (AF_INET or AF_INET6)");
			return -EINVAL;
		}
	}
	if (bt_sema_expr(s, addr))
		return -EINVAL;
	const struct bt_type *t = addr->type;
	if (!(t->kind == BT_T_INT || (bt_is_bytes(t) && (t->size == 4 || t->size == 16)))) {
		char buf[64];
		bt_sema_err(s, &addr->loc,
			    "ntop() takes an integer or a 4- or 16-byte array, not %s",
			    bt_type_str(t, buf, sizeof(buf)));
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_INET, 24);
	return 0;
}

int bt_chk_macaddr(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	struct bt_node *x = n->list.v[0];
	if (bt_sema_expr(s, x))
		return -EINVAL;
	const struct bt_type *t = x->type;
	if (!bt_is_addr(t) && !bt_is_bytes(t)) {
		bt_sema_err(s, &x->loc, "macaddr() takes a pointer or a 6-byte array");
		return -EINVAL;
	}
	if (bt_is_bytes(t) && t->size != 6) {
		bt_sema_err(s, &x->loc, "macaddr() argument must be 6 bytes in size (%u given)",
			    t->size);
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_FN, 8); /* 6 address bytes, 2 zero bytes */
	n->type->fn = a->id;
	return 0;
}

int bt_print_macaddr(const uint8_t *p, struct bt_strbuf *sb)
{
	return bt_sb_printf(sb, "%02X:%02X:%02X:%02X:%02X:%02X", p[0], p[1], p[2], p[3], p[4],
			    p[5]);
}

/* pton("addr"): the address bytes, an array of 4 or 16 uint8. */
int bt_chk_pton(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	struct bt_node *x = n->list.v[0];
	unsigned char b[16];
	uint32_t len;
	if (!bt_sema_str_literal(s, x)) {
		bt_sema_err(s, &x->loc, "pton() takes an address as a string literal");
		return -EINVAL;
	}
	if (inet_pton(AF_INET, x->str, b) == 1)
		len = 4;
	else if (inet_pton(AF_INET6, x->str, b) == 1)
		len = 16;
	else {
		bt_sema_err(s, &x->loc, "pton(): '%s' is not an IPv4 or IPv6 address", x->str);
		return -EINVAL;
	}
	struct bt_type *t = bt_t_new(s->pool, BT_T_ARRAY, len);
	t->elem = bt_t_int(s->pool, 1, false);
	t->count = len;
	n->type = t;
	return 0;
}
