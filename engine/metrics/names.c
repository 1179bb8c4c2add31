// SPDX-License-Identifier: GPL-2.0
/*
 * Names and escaping for the exposition formats: metric names match
 * [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*; label values
 * escape '\\', '"' and newlines, HELP text '\\' and newlines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"

static bool name_byte(char c, bool colon)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (colon && c == ':');
}

/* Appends s as name bytes, others as '_', runs of '_' from bad bytes squeezed. */
static void put_name(char *out, size_t *n, const char *s, size_t len, bool colon)
{
	for (size_t i = 0; i < len; i++) {
		char c = name_byte(s[i], colon) ? s[i] : '_';

		if (c == '_' && !name_byte(s[i], colon) && *n && out[*n - 1] == '_')
			continue;
		out[(*n)++] = c;
	}
	out[*n] = '\0';
}

char *bt_mname(const char *script, const char *map)
{
	size_t sl = strlen(script), ml = map ? strlen(map) : 0, n = 0;
	char *s = malloc(sl + ml + 8);

	if (!s)
		return NULL;
	memcpy(s, "bt_", 3);
	n = 3;
	put_name(s, &n, script, sl, true);
	if (ml) {
		s[n++] = '_';
		put_name(s, &n, map, ml, true);
	}
	/* "bt__x" from a script named "_x" is fine; trailing '_' is not pretty */
	while (n > 3 && s[n - 1] == '_')
		s[--n] = '\0';
	return s;
}

char *bt_mlabel(const char *s, size_t len)
{
	char *out = malloc(len + 2);
	size_t n = 0;

	if (!out)
		return NULL;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len || (*s >= '0' && *s <= '9'))
		out[n++] = '_';
	put_name(out, &n, s, len, false);
	/* names starting with "__" are reserved by Prometheus */
	while (n > 1 && out[0] == '_' && out[1] == '_') {
		memmove(out, out + 1, n--);
	}
	return out;
}

char *bt_mscript(const struct bt_run_opts *o)
{
	const char *s = o->script_name, *b;
	size_t n;

	if (!s || !strcmp(s, "stdin") || !strcmp(s, "-"))
		return strdup("bt");
	b = strrchr(s, '/');
	b = b ? b + 1 : s;
	n = strlen(b);
	if (n > 3 && !strcmp(b + n - 3, ".bt"))
		n -= 3;
	return n ? strndup(b, n) : strdup("bt");
}

int bt_mesc_label(struct bt_strbuf *sb, const char *s, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		if (s[i] == '\\')
			err = bt_sb_puts(sb, "\\\\");
		else if (s[i] == '"')
			err = bt_sb_puts(sb, "\\\"");
		else if (s[i] == '\n')
			err = bt_sb_puts(sb, "\\n");
		else
			err = bt_sb_add(sb, s + i, 1);
	}
	return err;
}

int bt_mesc_help(struct bt_strbuf *sb, const char *s)
{
	int err = 0;

	for (; *s && !err; s++) {
		if (*s == '\\')
			err = bt_sb_puts(sb, "\\\\");
		else if (*s == '\n')
			err = bt_sb_puts(sb, "\\n");
		else if (*s == '"')
			/* OpenMetrics wants \" here, the 0.0.4 format shows it as is */
			err = bt_sb_puts(sb, "'");
		else
			err = bt_sb_add(sb, s, 1);
	}
	return err;
}
