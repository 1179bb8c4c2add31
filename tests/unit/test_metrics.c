// SPDX-License-Identifier: GPL-2.0
/* Metrics mode's naming (engine/metrics/): metric and label names, escaping,
 * and what each map of a parsed script becomes (kind, name, unit, labels,
 * HELP) from made-up map types, comments read from the raw text. */
#include <stdlib.h>
#include <string.h>

#include "bt/bt.h"
#include "metrics/metrics.h"
#include "front/parser.h"
#include "unit.h"

static void names(void)
{
	struct bt_run_opts o = { 0 };
	struct bt_strbuf sb = { 0 };
	char *s;

	s = bt_mname("my-script", "us_dist");
	CHECK_STR(s, "bt_my_script_us_dist");
	free(s);
	s = bt_mname("bt", "");
	CHECK_STR(s, "bt_bt");
	free(s);
	s = bt_mlabel(" cpu id ", 8);
	CHECK_STR(s, "cpu_id");
	free(s);
	s = bt_mlabel("0x", 2);
	CHECK_STR(s, "_0x");
	free(s);
	s = bt_mlabel("__x", 3);
	CHECK_STR(s, "_x");
	free(s);
	o.script_name = "stdin";
	s = bt_mscript(&o);
	CHECK_STR(s, "bt");
	free(s);
	o.script_name = "/a/b/biolat.bt";
	s = bt_mscript(&o);
	CHECK_STR(s, "biolat");
	free(s);
	bt_mesc_label(&sb, "a\"b\\c\nd", 7);
	bt_sb_puts(&sb, "|");
	bt_mesc_help(&sb, "say \"x\"\\\n");
	CHECK_STR(bt_sb_str(&sb), "a\\\"b\\\\c\\nd|say 'x'\\\\\\n");
	bt_sb_free(&sb);
}

static const char script[] = "tracepoint:block:block_rq_complete\n"
			     "{\n"
			     "\t// labels: disk, op; unit: us\n"
			     "\t@us_lat[$a, $b] = hist(1);\n"
			     "\t@n[kstack] = count(); // labels: who\n"
			     "\t@c = count();\n"
			     "\t@start[tid] = 1;\n"
			     "\tdelete(@start[tid]);\n"
			     "\t@__x = 1;\n"
			     "\t@off[kstack] = sum(1); // unit: ns\n"
			     "}\n"
			     "interval:s:1 { clear(@c); }\n";

static void meta(void)
{
	struct bt_type i64 = { .kind = BT_T_INT, .size = 8, .is_signed = true };
	struct bt_type str = { .kind = BT_T_STR, .size = 16 };
	struct bt_type stk = { .kind = BT_T_KSTACK, .size = 8 };
	struct bt_type hist = { .kind = BT_T_AGG, .agg = BT_AGG_HIST };
	struct bt_type cnt = { .kind = BT_T_AGG, .agg = BT_AGG_COUNT };
	struct bt_type sum = { .kind = BT_T_AGG, .agg = BT_AGG_SUM };
	struct bt_type *k2[] = { &str, &str }, *k1[] = { &stk };
	uint32_t offs[] = { 0, 16 };
	struct bt_type key2 = { .kind = BT_T_TUPLE, .count = 2, .elems = k2, .offs = offs };
	struct bt_type key1 = { .kind = BT_T_TUPLE, .count = 1, .elems = k1, .offs = offs };
	struct bt_map maps[] = {
		{ .name = (char *)"@us_lat", .key = &key2, .value = &hist },
		{ .name = (char *)"@n", .key = &key1, .value = &cnt },
		{ .name = (char *)"@c", .value = &cnt },
		{ .name = (char *)"@start", .key = &key1, .value = &i64 },
		{ .name = (char *)"@__x", .value = &i64 },
		{ .name = (char *)"@off", .key = &key1, .value = &sum },
	};
	struct bt_prog prog = { .maps = maps, .nmaps = 6 };
	struct bt_run_opts o = { .script_name = "t.bt" };
	struct bt_mmeta m;
	struct bt_diag d;
	struct bt_node *root = NULL;
	char *text = strdup(script);

	bt_diag_init(&d, "bt");
	CHECK_INT(bt_parse(&d, bt_diag_add_src(&d, "t.bt", text, strlen(script)), NULL, 0, &root),
		  0);
	CHECK_INT(bt_mmeta_build(&m, &o, root, &prog, &d), 0);
	CHECK_INT(m.nmaps, 6);
	CHECK_INT(m.max_series, 10000);
	CHECK_INT(m.maps[0].kind, BT_MK_HIST);
	CHECK_STR(m.maps[0].name, "bt_t_lat_seconds");
	CHECK_STR(m.maps[0].labels[0], "disk");
	CHECK_STR(m.maps[0].labels[1], "op");
	CHECK(m.maps[0].scale == 1e-6);
	CHECK_STR(m.maps[0].help,
		  "bt map @us_lat, hist() in tracepoint:block:block_rq_complete; log2 buckets, "
		  "le = the largest integer in the bucket; _sum estimated from bucket lower "
		  "bounds; in seconds (the script's us times 1e-06)");
	CHECK_INT(m.maps[1].kind, BT_MK_COUNTER);
	CHECK_STR(m.maps[1].name, "bt_t_n");
	CHECK_STR(m.maps[1].labels[0], "who");
	CHECK_INT(m.maps[2].kind, BT_MK_GAUGE); /* cleared */
	CHECK_INT(m.maps[2].nlabels, 0);
	CHECK_INT(m.maps[3].kind, BT_MK_SKIP); /* deleted scratch state */
	CHECK_INT(m.maps[4].kind, BT_MK_SKIP); /* @__ */
	bt_mmeta_fini(&m);

	/* --label-names, --unit (wins over the comment), --max-series */
	o.label_names = "a,b";
	o.unit = "ms";
	o.max_series = 7;
	CHECK_INT(bt_mmeta_build(&m, &o, root, &prog, &d), 0);
	CHECK_INT(m.max_series, 7);
	CHECK_STR(m.maps[0].labels[0], "disk");
	CHECK_STR(m.maps[0].name, "bt_t_us_lat_seconds");
	CHECK(m.maps[0].scale == 1e-3);
	CHECK_STR(m.maps[1].labels[0], "who");
	CHECK_STR(m.maps[1].name, "bt_t_n");
	/* a sum keeps its comment's unit: a tool sums in ns, divides when printing */
	CHECK_STR(m.maps[5].name, "bt_t_off_seconds");
	CHECK(m.maps[5].scale == 1e-9);
	bt_mmeta_fini(&m);
	bt_node_free(root);
	bt_diag_fini(&d);
}

int main(void)
{
	names();
	meta();
	return unit_done("test_metrics");
}
