// SPDX-License-Identifier: GPL-2.0
/* tools/flame*.c: the tracer's BPF frames, folding typed entries, merging, the SVG. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../tools/flame.h"
#include "../../tools/tool.h"

void tool_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	exit(1);
}

/* frames as bt/maps.h gives them, leaf first */
#define F(lit) { 0, lit, 0 }

static void test_bpf_frames(void)
{
	/* a rawtracepoint:sched_switch kstack here, leaf first */
	struct bt_frame raw[] = { F("bpf_prog_36f5bf3a4dca59b5_bt_prog_0"), F("bpf_trace_run4"),
				  F("__schedule"), F("schedule") };
	/* fentry: the program, then its trampoline, then the traced function */
	struct bt_frame fentry[] = { F("bpf_prog_0123456789abcdef"), F("bpf_trampoline_6442528841"),
				     F("__kmalloc_noprof"), F("seq_read_iter") };
	/* the kernel's own bpf functions stay */
	struct bt_frame load[] = { F("__kvmalloc_node_noprof"), F("bpf_check"), F("bpf_prog_load"),
				   F("__sys_bpf") };
	struct bt_frame glue_only[] = { F("bpf_trace_run4"), F("__schedule") };
	/* tracepoint:sched:sched_switch while another probe shares it */
	struct bt_frame tp[] = { F("__traceiter_sched_switch"), F("__schedule"), F("schedule") };

	CHECK_INT(flame_strip_leaf(raw, 4), 2);
	CHECK_INT(flame_strip_leaf(fentry, 4), 2);
	CHECK_INT(flame_strip_leaf(load, 4), 0);
	CHECK_INT(flame_strip_leaf(load + 2, 2), 0); /* bpf_prog_load at the leaf */
	CHECK_INT(flame_strip_leaf(glue_only, 2), 0);
	CHECK_INT(flame_strip_leaf(raw, 0), 0);
	CHECK_INT(flame_strip_leaf(tp, 3), 1);
	CHECK_INT(flame_strip_leaf(tp + 1, 2), 0);
	CHECK(flame_bpf_frame("bpf_prog_36f5bf3a4dca59b5"));
	CHECK(!flame_bpf_frame("bpf_prog_36f5bf3a4dca59b"));
	CHECK(!flame_bpf_frame("bpf_prog_36f5bf3a4dca59bx_x"));
	CHECK(!flame_bpf_frame("bpf_prog_run_generic_xdp"));
	CHECK(!flame_bpf_frame("bpf_trampoline_link_prog"));
	CHECK(flame_bpf_frame("__bpf_trace_sched_switch"));
	CHECK(flame_bpf_frame("__traceiter_sched_switch"));
}

/* "a;b 1\nc 2\n" lines as stacks: the test's input, not tool output */
static void add_lines(struct flame_stacks *st, const char *in)
{
	for (const char *p = in, *nl; *p; p = *nl ? nl + 1 : nl) {
		const char *sp;

		nl = strchrnul(p, '\n');
		for (sp = nl; sp > p && sp[-1] != ' ';)
			sp--;
		if (sp > p)
			flame_stacks_add(st, p, (size_t)(sp - 1 - p), strtoll(sp, NULL, 10));
	}
}

static void test_print(void)
{
	struct flame_stacks st = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	/* merged and sorted by count, ties by frames */
	add_lines(&st, "dd;a;b 1\ndd;a 2\ndd;a;b 4\nx 1\nw 1\n");
	flame_print_stacks(&st, f);
	fclose(f);
	CHECK_STR(buf, "w 1\nx 1\ndd;a 2\ndd;a;b 5\n");
	CHECK_INT(st.n, 0);
	free(buf);
}

static void test_fold_entry(void)
{
	struct bt_frame k[] = { F("bpf_prog_36f5bf3a4dca59b5_x"), F("bpf_trace_run4"),
				F("__schedule"), F("schedule"), F("do_nanosleep") };
	struct bt_frame w[] = { F("try_to_wake_up"), F("hrtimer_wakeup") };
	struct bt_value keys[] = {
		{ .kind = BT_VAL_STACK, .frames = k, .nframes = 5 },
		{ .kind = BT_VAL_STR, .str = "sleep", .len = 5 },
		{ .kind = BT_VAL_STACK, .frames = NULL, .nframes = 0 }, /* no stack: no "--" */
		{ .kind = BT_VAL_STACK, .frames = w, .nframes = 2 },
		{ .kind = BT_VAL_INT, .i = -3 },
		{ .kind = BT_VAL_UINT, .u = 18446744073709551615ull },
		{ .kind = BT_VAL_STR, .str = "", .len = 0 }, /* empty parts are left out */
	};
	struct bt_entry e = { .keys = keys, .nkeys = 7, .value = { .kind = BT_VAL_UINT, .u = 9 } };
	char *s = flame_fold_entry(&e);

	CHECK_STR(s, "sleep;-3;18446744073709551615;do_nanosleep;schedule;__schedule;--;"
		     "hrtimer_wakeup;try_to_wake_up");
	free(s);
	e.nkeys = 0;
	s = flame_fold_entry(&e);
	CHECK_STR(s, "[unknown]");
	free(s);
}

/* flame_visit: maps with keys and integer values are folded, others printed */
static void test_visit(void)
{
	struct bt_frame k[] = { F("b"), F("a") };
	struct bt_value keys[] = { { .kind = BT_VAL_STR, .str = "dd", .len = 2 },
				   { .kind = BT_VAL_STACK, .frames = k, .nframes = 2 } };
	struct bt_entry e[] = {
		{ .keys = keys, .nkeys = 2, .value = { .kind = BT_VAL_UINT, .u = 4 } },
		{ .keys = keys, .nkeys = 1, .value = { .kind = BT_VAL_INT, .i = 0 } },
	};
	struct bt_map_data m = { .name = "@", .entries = e, .nentries = 2, .at_exit = true };
	struct flame_run run = { .print = false, .collect = true };

	CHECK_INT(flame_visit(&m, &run), BT_MAP_PRINT); /* --svg only: bt prints it too */
	CHECK_INT(run.all.n, 1); /* counts of 0 are not drawn */
	CHECK_STR(run.all.v[0].stack, "dd;a;b");
	m.nentries = 0;
	CHECK_INT(flame_visit(&m, &run), BT_MAP_PRINT);
	run.print = true; /* --folded: an empty map prints nothing */
	CHECK_INT(flame_visit(&m, &run), BT_MAP_TAKEN);
	e[1].value.kind = BT_VAL_TEXT;
	m.nentries = 2;
	CHECK_INT(flame_visit(&m, &run), BT_MAP_PRINT); /* a hist, say */
	CHECK_INT(run.all.n, 1);
	flame_stacks_free(&run.all);
}

static void test_merge_order(void)
{
	struct flame_stacks st = { 0 };

	/* "a;b!" sorts after "a;b;c": b's stacks stay together */
	add_lines(&st, "a;b 1\na;b! 1\na;b;c 1\na;b 2\n");
	flame_stacks_merge(&st);
	CHECK_INT(st.n, 3);
	CHECK_STR(st.v[0].stack, "a;b");
	CHECK_INT(st.v[0].count, 3);
	CHECK_STR(st.v[1].stack, "a;b;c");
	CHECK_STR(st.v[2].stack, "a;b!");
	flame_stacks_free(&st);
}

static char *svg(const char *in)
{
	struct flame_stacks st = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	add_lines(&st, in);
	flame_stacks_merge(&st);
	flame_svg(f, &st, "t <&>", "samples");
	fclose(f);
	flame_stacks_free(&st);
	return buf;
}

static void test_svg(void)
{
	char *s = svg("dd;a;b 3\ndd;a;c 1\ndd;x<y>&\"z\" 4\n");

	/* root: the whole width; a: half of it, merged from two stacks */
	CHECK(strstr(s, "<g fg:x=\"0\" fg:w=\"8\" fg:d=\"0\"><title>all (8 samples, 100.00%)"
			"</title><rect x=\"10.0\" y=\"") != NULL);
	CHECK(strstr(s, "<g fg:x=\"0\" fg:w=\"4\" fg:d=\"2\"><title>a (4 samples, 50.00%)"
			"</title><rect x=\"10.0\" y=\"") != NULL);
	CHECK(strstr(s, "width=\"590.0\"") != NULL);
	CHECK(strstr(s, "<title>b (3 samples, 37.50%)</title>") != NULL);
	CHECK(strstr(s, "<title>x&lt;y&gt;&amp;&quot;z&quot; (4 samples, 50.00%)</title>") != NULL);
	CHECK(strstr(s, ">t &lt;&amp;&gt;</text>") != NULL);
	/* 4 levels: 36 + 34 + 4 * 16 */
	CHECK(strstr(s, "<svg version=\"1.1\" width=\"1200\" height=\"134\" ") != NULL);
	CHECK(strstr(s, "]]></script>") != NULL);
	free(s);

	s = svg("");
	CHECK(strstr(s, "No stacks were recorded") != NULL);
	CHECK(strstr(s, "<g id=\"frames\">\n</g>") != NULL);
	free(s);

	/* 1,234,567 of 1,234,568: commas; the 1-count frame is < 0.1 px: left out */
	s = svg("a 1234567\nb 1\n");
	CHECK(strstr(s, "<title>a (1,234,567 samples, 100.00%)</title>") != NULL);
	CHECK(strstr(s, "<title>b (") == NULL);
	free(s);

	/* invalid UTF-8 and control bytes become '?' */
	s = svg("a\xff\x01\xc3\xa9 1\n");
	CHECK(strstr(s, "<title>a??\xc3\xa9 (1 samples, 100.00%)</title>") != NULL);
	free(s);
}

int main(void)
{
	test_bpf_frames();
	test_print();
	test_fold_entry();
	test_visit();
	test_merge_order();
	test_svg();
	return unit_done("test_flame");
}
