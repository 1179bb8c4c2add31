// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostics: "NAME:LINE:COL: error: MESSAGE", the source line as written,
 * then a caret line that copies the source's tabs so the caret lines up
 * whatever the terminal's tab width.
 */
#include "front/diag.h"

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

int bt_diag_src_index(const struct bt_diag *d, const char *file)
{
	const struct bt_src *want = find_src(d, file), *s;
	int i = 0;

	for (s = d->srcs; want && s; s = s->next, i++)
		if (s == want)
			return i;
	return -1;
}

const char *bt_diag_src_name(const struct bt_diag *d, int i)
{
	const struct bt_src *s;

	for (s = d->srcs; s && i > 0; s = s->next)
		i--;
	return s && i == 0 ? s->name : NULL;
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

/* The length of the valid UTF-8 sequence at p[0..n), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t want = p[0] >= 0xc2 && p[0] <= 0xdf   ? 2
		      : p[0] >= 0xe0 && p[0] <= 0xef ? 3
		      : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4
						     : 0;

	if (!want || want > n)
		return 0;
	for (size_t i = 1; i < want; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return want;
}

/* The source line as text a terminal shows safely: control bytes and broken
 * UTF-8 become '?', so a script cannot send escape sequences to the terminal. */
static void print_context(FILE *out, const struct bt_src *s, const struct bt_loc *loc)
{
	size_t len = 0, i, n;
	const unsigned char *line = (const unsigned char *)src_line(s, loc->line, &len);

	if (!line)
		return;
	for (i = 0; i < len; i += n) {
		n = line[i] >= 0x80 ? utf8_len(line + i, len - i) : 1;
		if (n > 1)
			fwrite(line + i, 1, n, out);
		else
			fputc((line[i] < 0x20 && line[i] != '\t') || line[i] >= 0x7f ? '?'
										     : line[i],
			      out);
		n = n ? n : 1;
	}
	fputc('\n', out);
	/* one blank per character before the column (a tab where the line has one) */
	for (i = 0; i + 1 < (size_t)loc->col; i += n) {
		n = i < len && line[i] >= 0x80 ? utf8_len(line + i, len - i) : 1;
		n = n ? n : 1;
		fputc(i < len && line[i] == '\t' ? '\t' : ' ', out);
	}
	fputc('^', out);
	for (int k = 1; k < loc->len; k++)
		fputc('~', out);
	fputc('\n', out);
}

void bt_vdiag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt,
	      va_list ap)
{
	static const char *const sevs[] = {"error", "warning", "note"};
	FILE *dest = d->out ? d->out : stderr, *out;
	const struct bt_src *s;
	char *buf = NULL;
	size_t len = 0;

	if (sev == BT_SEV_ERROR)
		d->errors++;
	else if (sev == BT_SEV_WARNING)
		d->warnings++;
	if (sev == BT_SEV_WARNING && d->no_warnings)
		return;
	/* Composed in memory, then written at once: stderr is unbuffered, and
	 * the caret line of a long line would be one write per column. */
	out = open_memstream(&buf, &len);
	if (!out)
		out = dest;

	if (loc && loc->file)
		fprintf(out, "%s:%d:%d: %s: ", loc->file, loc->line, loc->col, sevs[sev]);
	else
		fprintf(out, "%s: %s: ", d->prog ? d->prog : "bt", sevs[sev]);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	if (loc && loc->file && (s = find_src(d, loc->file)))
		print_context(out, s, loc);
	if (out != dest) {
		if (fclose(out) == 0)
			fwrite(buf, 1, len, dest);
		free(buf);
	}
}

void bt_diag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bt_vdiag(d, sev, loc, fmt, ap);
	va_end(ap);
}
