// SPDX-License-Identifier: GPL-2.0
/*
 * Function parameters from DWARF (libdw), for uprobe 'args' and -lv: the
 * binary's own .debug_info, else its separate debug file. Type names are
 * written as bpftrace 0.17 writes them ("char**", "const char*",
 * "struct foo*").
 */
#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <elfutils/libdw.h>

#include <bt/vec.h>

#include "sym/dwarf.h"
#include "sym/usym.h"

void bt_dwarf_params_free(struct bt_dwparam *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].name);
		free(v[i].type);
	}
	free(v);
}

static int type_name(Dwarf_Die *t, char *buf, size_t len, int depth);

/* The type a DIE's DW_AT_type refers to; false for none (void). */
static bool type_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute at;

	return dwarf_attr_integrate(die, DW_AT_type, &at) && dwarf_formref_die(&at, out);
}

static int inner_name(Dwarf_Die *t, char *buf, size_t len, int depth, const char *none)
{
	Dwarf_Die in;

	if (!type_of(t, &in))
		return snprintf(buf, len, "%s", none);
	return type_name(&in, buf, len, depth + 1);
}

static int type_name(Dwarf_Die *t, char *buf, size_t len, int depth)
{
	const char *name = dwarf_diename(t);
	int n;

	if (depth > 16)
		return snprintf(buf, len, "?");
	switch (dwarf_tag(t)) {
	case DW_TAG_base_type:
	case DW_TAG_typedef:
		return snprintf(buf, len, "%s", name ? name : "?");
	case DW_TAG_structure_type:
		return snprintf(buf, len, "struct %s", name ? name : "");
	case DW_TAG_union_type:
		return snprintf(buf, len, "union %s", name ? name : "");
	case DW_TAG_enumeration_type:
		return snprintf(buf, len, "enum %s", name ? name : "");
	case DW_TAG_pointer_type:
	case DW_TAG_array_type:
		n = inner_name(t, buf, len, depth, "void");
		if (n >= 0 && (size_t)n < len)
			n += snprintf(buf + n, len - n, "*");
		return n;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		n = snprintf(buf, len, "%s ",
			     dwarf_tag(t) == DW_TAG_const_type ? "const" : "volatile");
		if (n >= 0 && (size_t)n < len)
			n += inner_name(t, buf + n, len - n, depth, "void");
		return n;
	default:
		return snprintf(buf, len, "%s", name ? name : "?");
	}
}

/* What bt can read of it: an integer (size, signedness) or a pointer. */
static void classify(Dwarf_Die *t, struct bt_dwparam *p)
{
	Dwarf_Die peeled, in;
	Dwarf_Attribute at;
	Dwarf_Word enc = 0;
	int size;

	p->kind = BT_DW_OTHER;
	if (dwarf_peel_type(t, &peeled))
		return;
	size = dwarf_bytesize(&peeled);
	switch (dwarf_tag(&peeled)) {
	case DW_TAG_base_type:
		if (dwarf_attr(&peeled, DW_AT_encoding, &at))
			dwarf_formudata(&at, &enc);
		if (enc == DW_ATE_float || enc == DW_ATE_complex_float || size < 1 || size > 8)
			return;
		p->kind = BT_DW_INT;
		p->size = size;
		p->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
		return;
	case DW_TAG_enumeration_type:
		p->kind = BT_DW_INT;
		p->size = size > 0 && size <= 8 ? size : 4;
		return;
	case DW_TAG_pointer_type:
		p->kind = BT_DW_PTR;
		p->size = 8;
		p->char_ptr = type_of(&peeled, &in) && !dwarf_peel_type(&in, &in) &&
			      dwarf_tag(&in) == DW_TAG_base_type && dwarf_bytesize(&in) == 1;
		return;
	default:
		return;
	}
}

struct find {
	const char *func;
	Dwarf_Die die;
	bool found;
};

static int find_cb(Dwarf_Die *die, void *arg)
{
	struct find *f = arg;
	const char *name = dwarf_diename(die);

	if (!name || strcmp(name, f->func) || dwarf_hasattr(die, DW_AT_declaration))
		return DWARF_CB_OK;
	f->die = *die;
	f->found = true;
	return DWARF_CB_ABORT;
}

static int params(Dwarf *dw, const char *func, struct bt_dwparam **v, size_t *n)
{
	Dwarf_Die fn, child;
	char buf[256];

	if (!bt_dwarf_func(dw, func, &fn))
		return -ENOENT;
	if (dwarf_child(&fn, &child))
		return 0;
	do {
		struct bt_dwparam *p;
		const char *name = dwarf_diename(&child);
		Dwarf_Die t;

		if (dwarf_tag(&child) != DW_TAG_formal_parameter)
			continue;
		if (bt_vec_push(*v, *n))
			return -ENOMEM;
		p = &(*v)[(*n)++];
		memset(p, 0, sizeof(*p));
		if (type_of(&child, &t)) {
			type_name(&t, buf, sizeof(buf), 0);
			classify(&t, p);
		} else {
			snprintf(buf, sizeof(buf), "void");
		}
		p->name = strdup(name ? name : "");
		p->type = strdup(buf);
		if (!p->name || !p->type)
			return -ENOMEM;
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

Dwarf *bt_dwarf_open(const char *path, int *fd)
{
	char dbg[4200];
	const char *files[2] = {path, NULL};

	if (bt_elf_debug_path(path, dbg, sizeof(dbg)))
		files[1] = dbg;
	for (int i = 0; i < 2 && files[i]; i++) {
		Dwarf *dw;

		*fd = open(files[i], O_RDONLY | O_CLOEXEC);
		dw = *fd >= 0 ? dwarf_begin(*fd, DWARF_C_READ) : NULL;
		if (dw)
			return dw;
		if (*fd >= 0)
			close(*fd);
	}
	*fd = -1;
	return NULL;
}

void bt_dwarf_close(Dwarf *dw, int fd)
{
	if (dw)
		dwarf_end(dw);
	if (fd >= 0)
		close(fd);
}

bool bt_dwarf_func(Dwarf *dw, const char *func, Dwarf_Die *out)
{
	struct find f = {.func = func};
	Dwarf_Off off = 0, next;
	size_t hsize;
	Dwarf_Die cu;

	while (!f.found && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		if (dwarf_offdie(dw, off + hsize, &cu))
			dwarf_getfuncs(&cu, find_cb, &f, 0);
		off = next;
	}
	if (f.found)
		*out = f.die;
	return f.found;
}

bool bt_dwarf_type(Dwarf *dw, const char *name, Dwarf_Die *out)
{
	int tag = !strncmp(name, "struct ", 7)	? DW_TAG_structure_type
		  : !strncmp(name, "union ", 6) ? DW_TAG_union_type
						: -1;
	const char *bare = tag < 0 ? NULL : strchr(name, ' ') + 1;
	Dwarf_Off off = 0, next;
	size_t hsize;
	Dwarf_Die cu, child;

	while (bare && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		bool more = dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &child) == 0;

		for (; more; more = dwarf_siblingof(&child, &child) == 0) {
			const char *n = dwarf_diename(&child);

			if (dwarf_tag(&child) == tag && n && !strcmp(n, bare) &&
			    !dwarf_hasattr(&child, DW_AT_declaration)) {
				*out = child;
				return true;
			}
		}
		off = next;
	}
	return false;
}

int bt_dwarf_params(const char *path, const char *func, struct bt_dwparam **v, size_t *n)
{
	int fd, err = -ENODATA;
	Dwarf *dw = bt_dwarf_open(path, &fd);

	*v = NULL;
	*n = 0;
	if (dw)
		err = params(dw, func, v, n);
	bt_dwarf_close(dw, fd);
	if (err) {
		bt_dwarf_params_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return err;
}
