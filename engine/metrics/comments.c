// SPDX-License-Identifier: GPL-2.0
/*
 * `// labels: a, b` and `// unit: us` comments. The lexer drops comments, so
 * they are read from the raw script text: on the line of the map's first
 * assignment, or in the comment lines right above it; one comment may carry
 * both, separated by ';' (`// labels: disk; unit: us`).
 */
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"

static const struct bt_src *find_src(const struct bt_diag *d, const char *file)
{
	for (const struct bt_src *s = d ? d->srcs : NULL; s; s = s->next)
		if (file && !strcmp(s->name, file))
			return s;
	return NULL;
}

/* Start of line `line` (1-based) in src, or NULL. */
static const char *line_at(const struct bt_src *src, int line)
{
	const char *p = src->text;

	for (int i = 1; i < line && p; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return p;
}

/* The value of "key:" in the line's // comment, whose parts are separated
 * by ';' ("// labels: disk; unit: us"), or NULL; *n its length. */
static const char *comment_value(const char *p, const char *key, size_t *n)
{
	const char *end = strchr(p, '\n'), *c;
	size_t kl = strlen(key);

	if (!end)
		end = p + strlen(p);
	for (c = p; c + 1 < end && !(c[0] == '/' && c[1] == '/'); c++)
		;
	if (c + 1 >= end)
		return NULL;
	for (c += 2; c < end;) {
		const char *part_end = memchr(c, ';', end - c);

		if (!part_end)
			part_end = end;
		while (c < part_end && (*c == ' ' || *c == '\t'))
			c++;
		if ((size_t)(part_end - c) > kl && !strncmp(c, key, kl) && c[kl] == ':') {
			*n = part_end - (c + kl + 1);
			return c + kl + 1;
		}
		c = part_end + 1;
	}
	return NULL;
}

static bool comment_only(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p[0] == '/' && p[1] == '/';
}

/* `// key: value` on the map's line or the comment lines just above it. */
char *bt_mcomment(const struct bt_diag *d, const struct bt_loc *loc, const char *key)
{
	const struct bt_src *src = loc ? find_src(d, loc->file) : NULL;
	const char *p, *v;
	size_t n;

	if (!src)
		return NULL;
	for (int line = loc->line; line >= 1; line--) {
		p = line_at(src, line);
		if (!p)
			return NULL;
		if (line != loc->line && !comment_only(p))
			return NULL;
		v = comment_value(p, key, &n);
		if (v) {
			while (n && (*v == ' ' || *v == '\t'))
				v++, n--;
			while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
				n--;
			return strndup(v, n);
		}
	}
	return NULL;
}
