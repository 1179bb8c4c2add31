// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics: "NAME:LINE:COL: error: MESSAGE", the source line as written,
 * then a caret line that copies the source's tabs so the caret lines up
 * whatever the terminal's tab width.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void bt_diag_init(struct bt_diag *d, const char *prog)
{
	memset(d, 0, sizeof(*d));
	d->prog = prog ? prog : "bt";
}

void bt_diag_fini(struct bt_diag *d)
{
	struct bt_src *s = d->srcs;

	while (s) {
		struct bt_src *next = s->next;

		free(s->name);
		free(s->text);
		free(s);
		s = next;
	}
	d->srcs = NULL;
}

struct bt_src *bt_diag_add_src(struct bt_diag *d, const char *name, char *text, size_t len)
{
	struct bt_src *s = calloc(1, sizeof(*s));
	struct bt_src **tail;

	if (!s)
		return NULL;
	s->name = strdup(name ? name : "stdin");
	if (!s->name) {
		free(s);
		return NULL;
	}
	s->text = text;
	s->len = len;
	/* Append: sources stay in the order they were read. */
	for (tail = &d->srcs; *tail; tail = &(*tail)->next)
		;
	*tail = s;
	return s;
}

static const struct bt_src *find_src(const struct bt_diag *d, const char *file)
{
	const struct bt_src *s;

	for (s = d->srcs; s; s = s->next)
		if (s->name == file)
			return s;
	for (s = d->srcs; s; s = s->next)
		if (file && strcmp(s->name, file) == 0)
			return s;
	return NULL;
}

/* Finds line `line` (1-based) in s; returns its start and sets *len. */
static const char *src_line(const struct bt_src *s, int line, size_t *len)
{
	const char *p = s->text, *end = s->text + s->len;
	const char *nl;

	for (int i = 1; i < line; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	return p;
}

static void print_context(FILE *out, const struct bt_src *s, const struct bt_loc *loc)
{
	size_t len = 0;
	const char *line = src_line(s, loc->line, &len);

	if (!line)
		return;
	fwrite(line, 1, len, out);
	fputc('\n', out);
	for (int i = 0; i < loc->col - 1; i++)
		fputc((size_t)i < len && line[i] == '\t' ? '\t' : ' ', out);
	fputc('^', out);
	for (int i = 1; i < loc->len; i++)
		fputc('~', out);
	fputc('\n', out);
}

void bt_vdiag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt,
	      va_list ap)
{
	static const char *const sevs[] = { "error", "warning", "note" };
	FILE *out = d->out ? d->out : stderr;
	const struct bt_src *s;

	if (sev == BT_SEV_ERROR)
		d->errors++;
	else if (sev == BT_SEV_WARNING)
		d->warnings++;
	if (loc && loc->file)
		fprintf(out, "%s:%d:%d: %s: ", loc->file, loc->line, loc->col, sevs[sev]);
	else
		fprintf(out, "%s: %s: ", d->prog ? d->prog : "bt", sevs[sev]);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	if (loc && loc->file && (s = find_src(d, loc->file)))
		print_context(out, s, loc);
}

void bt_diag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bt_vdiag(d, sev, loc, fmt, ap);
	va_end(ap);
}
