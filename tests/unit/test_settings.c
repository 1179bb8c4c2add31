// SPDX-License-Identifier: GPL-2.0
/*
 * engine/settings.c: the environment is read once, with bpftrace's names,
 * aliases and defaults; a bad value keeps its default and fails the load.
 * (Read once per process: one environment per test program.)
 */
#include <stdio.h>
#include <stdlib.h>

#include "front/diag.h"
#include "settings.h"
#include "unit.h"

int main(void)
{
	const struct bt_settings *s;
	struct bt_diag d;
	char *err = NULL;
	size_t len = 0;

	setenv("BT_STRLEN", "100", 1);            /* the alias, BPFTRACE_STRLEN unset */
	setenv("BPFTRACE_MAP_KEYS_MAX", "7", 1);
	setenv("BT_MAP_KEYS_MAX", "9", 1);        /* bpftrace's name wins */
	setenv("BPFTRACE_PERF_RB_PAGES", "12", 1); /* not a power of 2: an error */
	setenv("BT_SYSDISP", "0", 1);
	setenv("BT_NO_TASK_CACHE", "0", 1);       /* 0: off */
	setenv("BT_CODEGEN", "", 1);              /* empty: unset */
	setenv("BPFTRACE_NO_CPP_DEMANGLE", "1", 1);
	unsetenv("BPFTRACE_MAX_PROBES");
	unsetenv("BT_NO_CACHE");

	bt_diag_init(&d, "tool");
	d.out = open_memstream(&err, &len);
	CHECK_INT(bt_settings_load(&d), -22);
	fclose(d.out);
	CHECK_STR(err, "tool: error: BPFTRACE_PERF_RB_PAGES='12' is not a power of 2\n");
	free(err);
	bt_diag_fini(&d);

	s = bt_settings();
	CHECK_INT(s->strlen, 100);
	CHECK_INT(s->map_keys_max, 7);
	CHECK_INT(s->perf_rb_pages, 0);
	CHECK_INT(s->max_probes, 512);
	CHECK_INT(s->max_bpf_progs, 512);
	CHECK_INT(s->cat_bytes_max, 10240);
	CHECK_INT(s->log_size, 1000000);
	CHECK_INT(s->sysdisp_off, 1);
	CHECK_INT(s->no_task_cache, 0);
	CHECK_INT(s->no_cache, 0);
	CHECK_INT(s->no_cpp_demangle, 1);
	CHECK(s->codegen == NULL);
	/* read once: a later change of the environment is not seen */
	setenv("BT_STRLEN", "20", 1);
	CHECK_INT(bt_settings()->strlen, 100);
	CHECK(bt_settings() == s);
	return unit_done("test_settings");
}
