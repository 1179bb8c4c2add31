/* SPDX-License-Identifier: GPL-2.0 */
/* A growable string. */
#ifndef BT_STRBUF_H
#define BT_STRBUF_H

#include <stddef.h>

struct bt_strbuf {
	char *s; /* always NUL-terminated once anything was added; may be NULL when empty */
	size_t len, cap;
};

/* Each returns 0 or -ENOMEM. */
int bt_sb_add(struct bt_strbuf *b, const char *s, size_t n);
int bt_sb_puts(struct bt_strbuf *b, const char *s);
int bt_sb_printf(struct bt_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for n more bytes at the end (and the NUL after them): where to write
 * them, then bt_sb_end() with the end of what was written. NULL: no memory. */
char *bt_sb_reserve(struct bt_strbuf *b, size_t n);
void bt_sb_end(struct bt_strbuf *b, char *end);
/* Returns the string ("" when empty); still owned by b. */
const char *bt_sb_str(const struct bt_strbuf *b);
/* Hands the string to the caller (never NULL unless out of memory); b is empty after. */
char *bt_sb_take(struct bt_strbuf *b);
void bt_sb_free(struct bt_strbuf *b);

#endif
