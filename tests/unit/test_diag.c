// SPDX-License-Identifier: GPL-2.0
/* Diagnostics: the header line, the source line and the caret line. */
#include <stdlib.h>
#include <string.h>

#include "front/diag.h"
#include "unit.h"

static char *buf;
static size_t buflen;

static void open_diag(struct bt_diag *d, const char *name, const char *text)
{
	bt_diag_init(d, "tool");
	d->out = open_memstream(&buf, &buflen);
	bt_diag_add_src(d, name, strdup(text), strlen(text));
}

static void close_diag(struct bt_diag *d)
{
	fclose(d->out);
	bt_diag_fini(d);
}

int main(void)
{
	struct bt_diag d;
	const char *text = "BEGIN\n{\n\tprintf(\"%s\\n\", args->fname);\n}\n";
	struct bt_loc loc;

	open_diag(&d, "openerr.bt", text);
	/* the name by pointer */
	loc = (struct bt_loc){d.srcs->name, 3, 23, 5};
	bt_diag(&d, BT_SEV_ERROR, &loc, "unknown field '%s'", "fname");
	fflush(d.out);
	CHECK_STR(buf, "openerr.bt:3:23: error: unknown field 'fname'\n"
		       "\tprintf(\"%s\\n\", args->fname);\n"
		       "\t                     ^~~~~\n");
	CHECK_INT(d.errors, 1);
	close_diag(&d);
	free(buf);

	open_diag(&d, "a.bt", "x\ny  z");
	/* the name by value, a warning, a note, no location */
	loc = (struct bt_loc){"a.bt", 2, 4, 1};
	bt_diag(&d, BT_SEV_WARNING, &loc, "w");
	loc.line = 1;
	loc.col = 1;
	bt_diag(&d, BT_SEV_NOTE, &loc, "n");
	bt_diag(&d, BT_SEV_ERROR, NULL, "no probes: %d", 0);
	/* a file not in the list: header only */
	loc.file = "other.bt";
	bt_diag(&d, BT_SEV_ERROR, &loc, "e");
	/* a line past the end: header only */
	loc = (struct bt_loc){"a.bt", 9, 1, 1};
	bt_diag(&d, BT_SEV_ERROR, &loc, "far");
	fflush(d.out);
	CHECK_STR(buf, "a.bt:2:4: warning: w\ny  z\n   ^\n"
		       "a.bt:1:1: note: n\nx\n^\n"
		       "tool: error: no probes: 0\n"
		       "other.bt:1:1: error: e\n"
		       "a.bt:9:1: error: far\n");
	CHECK_INT(d.errors, 3);
	CHECK_INT(d.warnings, 1);
	/* a source's place in the list and back (the compile cache's warnings) */
	bt_diag_add_src(&d, "inc.h", strdup("#define X 1\n"), 12);
	CHECK_INT(bt_diag_src_index(&d, "a.bt"), 0);
	CHECK_INT(bt_diag_src_index(&d, d.srcs->next->name), 1);
	CHECK_INT(bt_diag_src_index(&d, "other.bt"), -1);
	CHECK_INT(bt_diag_src_index(&d, NULL), -1);
	CHECK_STR(bt_diag_src_name(&d, 1), "inc.h");
	CHECK(bt_diag_src_name(&d, 2) == NULL);
	CHECK(bt_diag_src_name(&d, -1) == NULL);
	close_diag(&d);
	free(buf);
	return unit_done("test_diag");
}
