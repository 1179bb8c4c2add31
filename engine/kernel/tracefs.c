// SPDX-License-Identifier: GPL-2.0
/*
 * tracefs: where it is (mounting it when nobody did), which tracepoints
 * exist, and what their records look like (events/CAT/EV/format).
 */
#include "kernel/tracefs.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bt/vec.h>

static bool has_events(const char *root)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/events", root);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *bt_tracefs_root(void)
{
	static const char tracing[] = "/sys/kernel/tracing";
	static const char debug[] = "/sys/kernel/debug/tracing";

	if (has_events(tracing))
		return tracing;
	if (has_events(debug))
		return debug;
	/* Many machines boot without tracefs mounted; mounting it is what
	 * `perf` and the tracing tools do, and it is harmless when repeated. */
	if (mount("nodev", tracing, "tracefs", 0, NULL) == 0 && has_events(tracing))
		return tracing;
	if (!errno)
		errno = ENOENT;
	return NULL;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (bt_vec_reserve(buf, cap, len + 4096)) {
			free(buf);
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

static char *trimmed_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

static bool num_after(const char *line, const char *key, unsigned long *v)
{
	const char *p = strstr(line, key);

	if (!p)
		return false;
	*v = strtoul(p + strlen(key), NULL, 10);
	return true;
}

/*
 * One "field:TYPE NAME[N];\toffset:O;\tsize:S;\tsigned:G;" line. The name is
 * the last identifier of the declaration; what precedes it is the type.
 */
static int parse_field(const char *line, struct bt_tp_field *f)
{
	const char *decl = line + strlen("field:");
	const char *semi = strchr(decl, ';');
	const char *end, *name_end, *name;
	unsigned long v;

	memset(f, 0, sizeof(*f));
	f->array = -1;
	if (!semi)
		return -EINVAL;
	end = semi;
	while (end > decl && isspace((unsigned char)end[-1]))
		end--;
	name_end = end;
	if (end > decl && end[-1] == ']') {
		const char *lb = end;

		while (lb > decl && *lb != '[')
			lb--;
		if (*lb != '[')
			return -EINVAL;
		f->array = (int)strtol(lb + 1, NULL, 10);
		name_end = lb;
	}
	name = name_end;
	while (name > decl && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
		name--;
	if (name == name_end)
		return -EINVAL;
	f->name = strndup(name, name_end - name);
	if (strncmp(decl, "__data_loc", 10) == 0) {
		/* "__data_loc char[] filename": the record holds a u32 locator */
		f->data_loc = true;
		f->type = trimmed_dup(decl + 10, name - decl - 10);
		f->array = -1;
	} else {
		f->type = trimmed_dup(decl, name - decl);
	}
	if (!f->name || !f->type)
		return -ENOMEM;
	if (!f->type[0])
		return -EINVAL; /* "field:int;": a name without a type */
	if (!num_after(semi, "offset:", &v))
		return -EINVAL;
	f->off = v;
	if (!num_after(semi, "size:", &v))
		return -EINVAL;
	f->size = v;
	if (num_after(semi, "signed:", &v))
		f->is_signed = v != 0;
	f->common = strncmp(f->name, "common_", 7) == 0;
	return 0;
}

int bt_tp_format_parse(const char *text, struct bt_tp_format *out)
{
	const char *line = text;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->id = -1;
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		const char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "ID:", 3) == 0) {
			out->id = atoi(p + 3);
		} else if (strncmp(p, "field:", 6) == 0) {
			if (bt_vec_push(out->fields, out->nfields)) {
				err = -ENOMEM;
				goto err_free;
			}
			err = parse_field(p, &out->fields[out->nfields]);
			out->nfields++;
			if (err)
				goto err_free;
		} else if (strncmp(p, "print fmt:", 10) == 0) {
			break;
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;

err_free:
	bt_tp_format_free(out);
	return err;
}

int bt_tp_format_read(const char *cat, const char *ev, struct bt_tp_format *out)
{
	const char *root = bt_tracefs_root();
	char path[PATH_MAX];
	char *text;
	int err;

	memset(out, 0, sizeof(*out));
	if (!root)
		return -errno;
	/* a '/' or ".." would walk out of events/ */
	if (strchr(cat, '/') || strchr(ev, '/') || cat[0] == '.' || ev[0] == '.')
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/%s/%s/format", root, cat, ev);
	text = read_all(path);
	if (!text)
		return -errno;
	err = bt_tp_format_parse(text, out);
	free(text);
	if (err)
		return err;
	out->category = strdup(cat);
	out->event = strdup(ev);
	if (!out->category || !out->event) {
		bt_tp_format_free(out);
		return -ENOMEM;
	}
	return 0;
}

void bt_tp_format_free(struct bt_tp_format *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->nfields; i++) {
		free(f->fields[i].name);
		free(f->fields[i].type);
	}
	free(f->fields);
	free(f->category);
	free(f->event);
	memset(f, 0, sizeof(*f));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (!s)
		return -ENOMEM;
	if (bt_vec_reserve(*v, *cap, *n + 1)) {
		free(s);
		return -ENOMEM;
	}
	(*v)[(*n)++] = s;
	return 0;
}

static bool is_dir_entry(const struct dirent *de)
{
	return de->d_name[0] != '.' && (de->d_type == DT_DIR || de->d_type == DT_UNKNOWN);
}

int bt_tp_glob(const char *cat_pat, const char *ev_pat, char ***names, size_t *n)
{
	const char *root = bt_tracefs_root();
	char path[PATH_MAX];
	struct dirent *cd, *ed;
	DIR *cats = NULL, *evs;
	char **v = NULL;
	size_t nv = 0, cap = 0;
	int err = 0;

	*names = NULL;
	*n = 0;
	if (!root)
		return -errno;
	snprintf(path, sizeof(path), "%s/events", root);
	cats = opendir(path);
	if (!cats)
		return -errno;
	while ((cd = readdir(cats))) {
		/* ftrace's own events (function, print...) are not tracepoints a
		 * program can attach to; available_events leaves them out too */
		if (!is_dir_entry(cd) || !strcmp(cd->d_name, "ftrace") ||
		    fnmatch(cat_pat, cd->d_name, 0))
			continue;
		snprintf(path, sizeof(path), "%s/events/%s", root, cd->d_name);
		evs = opendir(path);
		if (!evs)
			continue; /* "enable", "header_page": files, not categories */
		while ((ed = readdir(evs))) {
			char *s;

			if (!is_dir_entry(ed) || fnmatch(ev_pat, ed->d_name, 0))
				continue;
			if (asprintf(&s, "%s:%s", cd->d_name, ed->d_name) < 0)
				s = NULL;
			err = push(&v, &nv, &cap, s);
			if (err)
				break;
		}
		closedir(evs);
		if (err)
			goto err_free;
	}
	closedir(cats);
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_str);
	*names = v;
	*n = nv;
	return 0;

err_free:
	closedir(cats);
	bt_strv_free(v, nv);
	return err;
}

void bt_strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
