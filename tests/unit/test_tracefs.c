// SPDX-License-Identifier: GPL-2.0
/* tracefs: format-file parsing (rootless), then tracefs itself when root. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/tracefs.h"
#include "unit.h"

static const char exec_format[] =
	"name: sched_process_exec\n"
	"ID: 365\n"
	"format:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
	"\n"
	"\tfield:__data_loc char[] filename;\toffset:8;\tsize:4;\tsigned:0;\n"
	"\tfield:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;\n"
	"\tfield:char prev_comm[16];\toffset:16;\tsize:16;\tsigned:0;\n"
	"\tfield:const char * name;\toffset:32;\tsize:8;\tsigned:0;\n"
	"\tfield:unsigned long args[];\toffset:40;\tsize:0;\tsigned:0;\n"
	"\n"
	"print fmt: \"filename=%s pid=%d\", __get_str(filename), REC->pid\n";

static void test_parse(void)
{
	struct bt_tp_format f;
	const struct bt_tp_field *x;

	CHECK_INT(bt_tp_format_parse(exec_format, &f), 0);
	CHECK_INT(f.id, 365);
	CHECK_INT(f.nfields, 9);
	if (f.nfields != 9)
		return;
	x = &f.fields[0];
	CHECK_STR(x->name, "common_type");
	CHECK_STR(x->type, "unsigned short");
	CHECK(x->common && !x->is_signed && x->off == 0 && x->size == 2 && x->array == -1);
	x = &f.fields[3];
	CHECK(x->common && x->is_signed && x->off == 4 && x->size == 4);
	x = &f.fields[4];
	CHECK_STR(x->name, "filename");
	CHECK_STR(x->type, "char[]");
	CHECK(x->data_loc && !x->common && x->off == 8 && x->size == 4 && x->array == -1);
	x = &f.fields[5];
	CHECK_STR(x->type, "pid_t");
	CHECK(x->is_signed && !x->data_loc);
	x = &f.fields[6];
	CHECK_STR(x->name, "prev_comm");
	CHECK_STR(x->type, "char");
	CHECK_INT(x->array, 16);
	CHECK_INT(x->size, 16);
	x = &f.fields[7];
	CHECK_STR(x->name, "name");
	CHECK_STR(x->type, "const char *");
	x = &f.fields[8];
	CHECK_STR(x->name, "args");
	CHECK_STR(x->type, "unsigned long");
	CHECK_INT(x->array, 0);
	bt_tp_format_free(&f);
	CHECK(f.fields == NULL && f.nfields == 0);
}

static void test_parse_bad(void)
{
	struct bt_tp_format f;

	CHECK_INT(bt_tp_format_parse("\tfield:int;\toffset:0;\tsize:4;\n", &f), -EINVAL);
	CHECK(f.fields == NULL);
	CHECK_INT(bt_tp_format_parse("\tfield:int x;\tsize:4;\n", &f), -EINVAL);
	CHECK_INT(bt_tp_format_parse("", &f), 0);
	CHECK_INT(f.nfields, 0);
	bt_tp_format_free(&f);
}

static void test_live(void)
{
	struct bt_tp_format f;
	char **names;
	size_t n, i;
	bool found = false;

	if (geteuid() != 0) {
		printf("test_tracefs: skipping tracefs checks: not root\n");
		return;
	}
	if (!bt_tracefs_root()) {
		printf("test_tracefs: skipping tracefs checks: no tracefs\n");
		return;
	}
	CHECK_INT(bt_tp_format_read("sched", "sched_switch", &f), 0);
	CHECK_STR(f.category, "sched");
	CHECK_STR(f.event, "sched_switch");
	CHECK(f.id > 0 && f.nfields > 4);
	bt_tp_format_free(&f);
	CHECK_INT(bt_tp_format_read("sched", "no_such_event", &f), -ENOENT);
	CHECK_INT(bt_tp_format_read("..", "sched", &f), -ENOENT);
	CHECK_INT(bt_tp_glob("sch?d", "sched_sw*", &names, &n), 0);
	for (i = 0; i < n; i++)
		found |= !strcmp(names[i], "sched:sched_switch");
	for (i = 1; i < n; i++)
		CHECK(strcmp(names[i - 1], names[i]) < 0);
	CHECK(found);
	bt_strv_free(names, n);
	CHECK_INT(bt_tp_glob("ftrace", "*", &names, &n), 0);
	CHECK_INT(n, 0);
	bt_strv_free(names, n);
}

int main(void)
{
	test_parse();
	test_parse_bad();
	test_live();
	return unit_done("test_tracefs");
}
