// SPDX-License-Identifier: GPL-2.0
/*
 * The flame graph SVG (--svg), drawn like flamegraph.pl: one rect per frame,
 * its width proportional to its count, stacks merged by prefix (the input
 * is sorted by frames, so equal prefixes are adjacent), the root "all" at
 * the bottom, a warm palette hashed from the name (the same frame gets the
 * same color in every graph), <title> tooltips with the count and percent,
 * and embedded JavaScript: click to zoom, Reset Zoom, Search (Ctrl-F).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "flame.h"
#include "tool.h"

#define WIDTH 1200
#define PAD 10 /* left and right */
#define FONT 12
#define ROW 16		       /* frame height, including a 1 px gap */
#define TOP (FONT * 3)	       /* title and buttons */
#define BOTTOM (FONT * 2 + 10) /* details line */
#define SPAN ((double)(WIDTH - 2 * PAD))
#define MIN_WIDTH 0.1 /* px: narrower frames are left out */

struct node {
	const char *name;
	size_t len;
	int depth;
	uint64_t x, w; /* in counts */
};

struct graph {
	struct node *v;
	size_t n, cap;
	int max_depth;
	uint64_t total;
	/* the frames open while walking the sorted stacks */
	struct node *open;
	size_t nopen, open_cap;
};

/* closes the open frames above depth keep, at x */
static void close_to(struct graph *g, size_t keep, uint64_t x)
{
	while (g->nopen > keep) {
		struct node nd = g->open[--g->nopen];

		nd.w = x - nd.x;
		if (bt_vec_reserve(g->v, g->cap, g->n + 1))
			tool_die("%s", strerror(ENOMEM));
		g->v[g->n++] = nd;
	}
}

static void push(struct graph *g, const char *name, size_t len, uint64_t x)
{
	int depth = (int)g->nopen;

	if (bt_vec_reserve(g->open, g->open_cap, g->nopen + 1))
		tool_die("%s", strerror(ENOMEM));
	g->open[g->nopen++] = (struct node){.name = name, .len = len, .depth = depth, .x = x};
	if (depth > g->max_depth)
		g->max_depth = depth;
}

/* the flow: stacks sorted by frames become frames merged by prefix */
static void build(struct graph *g, const struct flame_stacks *s)
{
	uint64_t x = 0;
	size_t i;

	push(g, "all", 3, 0);
	for (i = 0; i < s->n; i++) {
		const char *p = s->v[i].stack, *e;
		size_t d = 1;

		/* the frames shared with the previous stack stay open */
		while (p) {
			e = strchrnul(p, ';');
			if (d >= g->nopen || g->open[d].len != (size_t)(e - p) ||
			    memcmp(g->open[d].name, p, e - p))
				break;
			d++;
			p = *e ? e + 1 : NULL;
		}
		close_to(g, d, x);
		for (; p; p = *e ? e + 1 : NULL) {
			e = strchrnul(p, ';');
			push(g, p, e - p, x);
		}
		x += (uint64_t)s->v[i].count;
	}
	close_to(g, 0, x);
	g->total = x;
}

/* XML-escaped, invalid UTF-8 and control bytes as '?' */
static void put_esc(FILE *out, const char *s, size_t n)
{
	size_t i, k, len;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&')
			fputs("&amp;", out);
		else if (c == '<')
			fputs("&lt;", out);
		else if (c == '>')
			fputs("&gt;", out);
		else if (c == '"')
			fputs("&quot;", out);
		else if (c < 0x20 || c == 0x7f)
			fputc('?', out);
		else if (c < 0x80)
			fputc(c, out);
		else {
			len = c >= 0xf0 && c < 0xf5   ? 4
			      : c >= 0xe0	      ? 3
			      : c >= 0xc2 && c < 0xe0 ? 2
						      : 0;
			if (c >= 0xf5)
				len = 0;
			for (k = 1; len && k < len; k++)
				if (i + k >= n || ((unsigned char)s[i + k] & 0xc0) != 0x80)
					len = 0;
			if (!len) {
				fputc('?', out);
				continue;
			}
			fwrite(s + i, 1, len, out);
			i += len - 1;
		}
	}
}

/* 1234567 -> "1,234,567" */
static const char *commas(char *buf, uint64_t v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v), i, o = 0;

	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* flamegraph.pl's "hot" palette, from a hash of the name */
static void color(const struct node *nd, int *r, int *g, int *b)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	if (nd->len == 2 && !memcmp(nd->name, "--", 2)) {
		*r = *g = *b = 160; /* separator between two stacks */
		return;
	}
	for (i = 0; i < nd->len; i++)
		h = (h ^ (unsigned char)nd->name[i]) * 0x100000001b3ull;
	h ^= h >> 29;
	*r = 205 + (int)(50 * ((h >> 32) & 0xffff) / 0xffff);
	*g = (int)(230 * (h & 0xffff) / 0xffff);
	*b = (int)(55 * ((h >> 16) & 0xffff) / 0xffff);
}

static void put_frame(FILE *out, const struct graph *g, const struct node *nd, const char *unit,
		      int height)
{
	double x = PAD + nd->x * SPAN / g->total, w = nd->w * SPAN / g->total;
	int y = height - BOTTOM - (nd->depth + 1) * ROW, r, gr, b;
	size_t fit = w > 3 ? (size_t)((w - 3) / (FONT * 0.6)) : 0, len = nd->len;
	char num[32];

	if (w < MIN_WIDTH)
		return;
	color(nd, &r, &gr, &b);
	fprintf(out, "<g fg:x=\"%llu\" fg:w=\"%llu\" fg:d=\"%d\"><title>",
		(unsigned long long)nd->x, (unsigned long long)nd->w, nd->depth);
	put_esc(out, nd->name, nd->len);
	fprintf(out, " (%s %s, %.2f%%)</title>", commas(num, nd->w), unit,
		100.0 * nd->w / g->total);
	fprintf(out,
		"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"rgb(%d,%d,%d)\" "
		"rx=\"2\" ry=\"2\"/><text x=\"%.1f\" y=\"%d\">",
		x, y, w, ROW - 1, r, gr, b, x + 3, y + 11);
	if (fit >= 3) {
		if (len > fit) {
			len = fit - 2;
			while (len && ((unsigned char)nd->name[len] & 0xc0) == 0x80)
				len--;
		}
		put_esc(out, nd->name, len);
		if (len < nd->len)
			fputs("..", out);
	}
	fputs("</text></g>\n", out);
}

void flame_svg(FILE *out, const struct flame_stacks *s, const char *title, const char *unit)
{
	struct graph g = {0};
	int height;
	size_t i;

	build(&g, s);
	height = TOP + BOTTOM + (g.total ? g.max_depth + 1 : 3) * ROW;
	fprintf(out,
		"<?xml version=\"1.0\" standalone=\"no\"?>\n"
		"<svg version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"onload=\"init(evt)\" xmlns=\"http://www.w3.org/2000/svg\" "
		"xmlns:fg=\"https://github.com/brendangregg/FlameGraph\" "
		"fg:pad=\"%d\" fg:font=\"%d\" fg:total=\"%llu\">\n",
		WIDTH, height, WIDTH, height, PAD, FONT, (unsigned long long)g.total);
	fprintf(out, "<defs><linearGradient id=\"background\" y1=\"0\" y2=\"1\" x1=\"0\" x2=\"0\">"
		     "<stop stop-color=\"#eeeeee\" offset=\"5%%\"/>"
		     "<stop stop-color=\"#eeeeb0\" offset=\"95%%\"/></linearGradient></defs>\n");
	fprintf(out,
		"<style type=\"text/css\">\n"
		"text { font-family: monospace; font-size: %dpx; fill: rgb(0,0,0); }\n"
		"#title { text-anchor: middle; font-size: %dpx; }\n"
		"#search, #matched { text-anchor: end; }\n"
		"#unzoom, #search, #frames > g { cursor: pointer; }\n"
		"#frames > g:hover > rect { stroke: black; stroke-width: 0.5; }\n"
		".parent { opacity: 0.5; }\n"
		".hide { display: none; }\n"
		"</style>\n",
		FONT, FONT + 5);
	fprintf(out, "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n", flame_js);
	fprintf(out,
		"<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"url(#background)\"/>\n",
		WIDTH, height);
	fputs("<text id=\"title\" x=\"600\" y=\"24\">", out);
	put_esc(out, title, strlen(title));
	fprintf(out,
		"</text>\n"
		"<text id=\"unzoom\" class=\"hide\" x=\"%d\" y=\"24\">Reset Zoom</text>\n"
		"<text id=\"search\" x=\"%d\" y=\"24\">Search</text>\n"
		"<text id=\"details\" x=\"%d\" y=\"%d\"> </text>\n"
		"<text id=\"matched\" class=\"hide\" x=\"%d\" y=\"%d\"> </text>\n",
		PAD, WIDTH - PAD, PAD, height - 17, WIDTH - PAD, height - 17);
	if (!g.total)
		fprintf(out,
			"<text x=\"600\" y=\"%d\" text-anchor=\"middle\">No stacks were "
			"recorded</text>\n",
			TOP + 2 * ROW);
	fputs("<g id=\"frames\">\n", out);
	for (i = 0; g.total && i < g.n; i++)
		put_frame(out, &g, &g.v[i], unit, height);
	fputs("</g>\n</svg>\n", out);
	free(g.v);
	free(g.open);
}
