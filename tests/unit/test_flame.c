// SPDX-License-Identifier: GPL-2.0
/* tools/flame*.c: the tracer's BPF frames, folded lines, merging, the SVG. */
#include <stdarg.h>
#include <stdlib.h>

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

/* flame_strip_leaf() takes tool.c's char *frames[] */
#define S(lit) ((char *)(lit))

static void test_bpf_frames(void)
{
	/* a rawtracepoint:sched_switch kstack here, leaf first */
	char *raw[] = { S("bpf_prog_36f5bf3a4dca59b5_bt_prog_0"), S("bpf_trace_run4"), S("__schedule"),
			S("schedule") };
	/* fentry: the program, then its trampoline, then the traced function */
	char *fentry[] = { S("bpf_prog_0123456789abcdef"), S("bpf_trampoline_6442528841"),
			   S("__kmalloc_noprof"), S("seq_read_iter") };
	/* the kernel's own bpf functions stay */
	char *load[] = { S("__kvmalloc_node_noprof"), S("bpf_check"), S("bpf_prog_load"), S("__sys_bpf") };
	char *glue_only[] = { S("bpf_trace_run4"), S("__schedule") };
	/* a perf-event tracepoint shared with another program: no BPF frame */
	char *iter[] = { S("__traceiter_sched_switch"), S("__schedule"), S("schedule") };

	CHECK_INT(flame_strip_leaf(raw, 4), 2);
	CHECK_INT(flame_strip_leaf(fentry, 4), 2);
	CHECK_INT(flame_strip_leaf(load, 4), 0);
	CHECK_INT(flame_strip_leaf(load + 2, 2), 0); /* bpf_prog_load at the leaf */
	CHECK_INT(flame_strip_leaf(glue_only, 2), 0);
	CHECK_INT(flame_strip_leaf(iter, 3), 1);
	CHECK_INT(flame_strip_leaf(iter + 1, 2), 0);
	CHECK_INT(flame_strip_leaf(raw, 0), 0);
	CHECK(flame_bpf_frame("bpf_prog_36f5bf3a4dca59b5"));
	CHECK(!flame_bpf_frame("bpf_prog_36f5bf3a4dca59b"));
	CHECK(!flame_bpf_frame("bpf_prog_36f5bf3a4dca59bx_x"));
	CHECK(!flame_bpf_frame("bpf_prog_run_generic_xdp"));
	CHECK(!flame_bpf_frame("bpf_trampoline_link_prog"));
	CHECK(flame_bpf_frame("__bpf_trace_sched_switch"));
	CHECK(flame_bpf_frame("__traceiter_sched_switch"));
}

static void test_parse(void)
{
	int64_t c = 0;

	CHECK_INT(flame_parse_line("dd;a;b 12", 9, &c), 6);
	CHECK_INT(c, 12);
	CHECK_INT(flame_parse_line("dd -3", 5, &c), 2);
	CHECK_INT(c, -3);
	CHECK_INT(flame_parse_line("a;std::vector<int, x> 7", 23, &c), 21);
	CHECK_INT(flame_parse_line("12:00:01", 8, &c), 0);
	CHECK_INT(flame_parse_line("[4K, ...)  11 |@@@|", 19, &c), 0);
	CHECK_INT(flame_parse_line("  5", 3, &c), 0);
	CHECK_INT(flame_parse_line("a  5", 4, &c), 0);
	CHECK_INT(flame_parse_line("a 5x", 4, &c), 0);
	CHECK_INT(flame_parse_line("a ", 2, &c), 0);
	CHECK_INT(flame_parse_line("a 99999999999999999999", 22, &c), 0);
}

static char *folded(const char *in)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	flame_print_folded(in, f);
	fclose(f);
	return buf;
}

static void test_folded(void)
{
	char *s = folded("\n\ndd;a;b 1\ndd;a 2\ndd;a;b 4\nx 1\n12:00:01\ndd;a 1\ndd;a 1\n");

	/* runs merged and sorted by count; empty lines dropped */
	CHECK_STR(s, "x 1\ndd;a 2\ndd;a;b 5\n12:00:01\ndd;a 2\n");
	free(s);
}

static void test_merge_order(void)
{
	struct flame_stacks st = { 0 };

	/* "a;b!" sorts after "a;b;c": b's stacks stay together */
	flame_collect("a;b 1\na;b! 1\na;b;c 1\na;b 2\nz 0\n", &st);
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

	flame_collect(in, &st);
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
	test_parse();
	test_folded();
	test_merge_order();
	test_svg();
	return unit_done("test_flame");
}
