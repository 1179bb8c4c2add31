/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracefs: mount it when absent, list events, read event formats
 * (engine/kernel/tracefs.c).
 */
#ifndef BT_TRACEFS_H
#define BT_TRACEFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the tracefs root ("/sys/kernel/tracing"), mounting it if needed,
 * or NULL (errno set) when it cannot be had. */
const char *bt_tracefs_root(void);

struct bt_tp_field {
	char *name; /* "filename" */
	char *type; /* as written in the format file, without the name:
		     * "const char *", "int", "unsigned long[6]" -> "unsigned long", array 6 */
	uint32_t off, size;
	bool is_signed;
	bool data_loc; /* __data_loc: a u32 (len << 16 | offset) in the record */
	int array;     /* element count for "type name[N]" (0 for "name[]"), -1 otherwise;
			* for __data_loc fields type is "char[]" and array is -1 */
	bool common;   /* common_* fields */
};

struct bt_tp_format {
	char *category, *event;
	int id;
	struct bt_tp_field *fields; /* common fields first, as in the file */
	size_t nfields;
};

/* Reads events/CAT/EV/format. Returns 0, -ENOENT when there is no such event. */
int bt_tp_format_read(const char *cat, const char *ev, struct bt_tp_format *out);
void bt_tp_format_free(struct bt_tp_format *f);

/* Parses the text of a format file (what bt_tp_format_read reads; unit tests
 * call it directly). category and event are left NULL. Returns 0, -EINVAL on
 * a malformed field line, -ENOMEM. On failure *out is empty. */
int bt_tp_format_parse(const char *text, struct bt_tp_format *out);

/* Lists "cat:event" names matching the glob patterns (fnmatch, '*' '?' '[...]'),
 * sorted. *names is a malloc'd array of malloc'd strings. Returns 0 or -errno. */
int bt_tp_glob(const char *cat_pat, const char *ev_pat, char ***names, size_t *n);
void bt_strv_free(char **v, size_t n);

#endif
