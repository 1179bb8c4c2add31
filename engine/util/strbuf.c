// SPDX-License-Identifier: GPL-2.0
#include "util/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

static int grow(struct bt_strbuf *b, size_t extra)
{
	return bt_vec_reserve(b->s, b->cap, b->len + extra + 1);
}

int bt_sb_add(struct bt_strbuf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return -ENOMEM;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

char *bt_sb_reserve(struct bt_strbuf *b, size_t n)
{
	return grow(b, n) ? NULL : b->s + b->len;
}

void bt_sb_end(struct bt_strbuf *b, char *end)
{
	b->len = (size_t)(end - b->s);
	*end = '\0';
}

int bt_sb_puts(struct bt_strbuf *b, const char *s)
{
	return bt_sb_add(b, s, strlen(s));
}

int bt_sb_printf(struct bt_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if (grow(b, (size_t)n))
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *bt_sb_str(const struct bt_strbuf *b)
{
	return b->s ? b->s : "";
}

char *bt_sb_take(struct bt_strbuf *b)
{
	char *s = b->s ? b->s : strdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void bt_sb_free(struct bt_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
