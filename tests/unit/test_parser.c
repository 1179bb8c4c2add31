// SPDX-License-Identifier: GPL-2.0
/* The parser: AST dumps of the seed scripts and one-liners, node locations, errors. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bt/bt.h"
#include "front/parser.h"
#include "util/strbuf.h"
#include "unit.h"

static struct bt_node *last; /* the last tree parsed, for location checks */
static struct bt_diag diag;

/* Parses text: the AST dump, or the diagnostics when it fails. */
static char *parse_n(const char *text, size_t len, const struct bt_define *defs, size_t n)
{
	struct bt_strbuf sb = { 0 };
	char *err = NULL, *copy = malloc(len + 1);
	size_t errlen = 0;
	int rc;

	bt_node_free(last);
	last = NULL;
	bt_diag_fini(&diag);
	bt_diag_init(&diag, "bt");
	memcpy(copy, text, len);
	copy[len] = '\0';
	diag.out = open_memstream(&err, &errlen);
	rc = bt_parse(&diag, bt_diag_add_src(&diag, "t.bt", copy, len), defs, n, &last);
	fclose(diag.out);
	diag.out = NULL;
	if (rc) {
		CHECK(last == NULL);
		return err;
	}
	free(err);
	bt_ast_dump(last, &sb);
	return bt_sb_take(&sb);
}

static char *parse(const char *text)
{
	return parse_n(text, strlen(text), NULL, 0);
}

#define P(text, want)                       \
	do {                                \
		char *got_ = parse(text);   \
		CHECK_STR(got_, want);      \
		free(got_);                 \
	} while (0)

#define LOC(n, l, c, len_)                          \
	do {                                        \
		CHECK_INT((n)->loc.line, l);        \
		CHECK_INT((n)->loc.col, c);         \
		CHECK_INT((n)->loc.len, len_);      \
	} while (0)

static int count_pre(struct bt_node *n, void *ctx)
{
	(void)n;
	return ++*(int *)ctx >= 100 ? -7 : 0;
}

static int count_maps(struct bt_node *n, void *ctx)
{
	((int *)ctx)[1] += n->kind == BT_N_MAP;
	return 0;
}

static void seeds(void)
{
	const char *dirs[] = { "../shared/seed", "/work/shared/seed" };
	DIR *dir = NULL;
	struct dirent *e;
	const char *path = NULL;
	int nparsed = 0;

	for (size_t i = 0; i < 2 && !dir; i++)
		if ((dir = opendir(dirs[i])))
			path = dirs[i];
	if (!dir) {
		printf("test_parser: seed scripts not found, skipping them\n");
		return;
	}
	while ((e = readdir(dir))) {
		char name[512], *text, *got;
		FILE *f;
		size_t len;

		if (!strstr(e->d_name, ".bt"))
			continue;
		snprintf(name, sizeof(name), "%s/%s", path, e->d_name);
		f = fopen(name, "r");
		text = calloc(1, 1 << 16);
		len = fread(text, 1, (1 << 16) - 1, f);
		fclose(f);
		got = parse_n(text, len, NULL, 0);
		if (!last)
			fprintf(stderr, "%s: %s\n", name, got);
		CHECK(last != NULL);
		nparsed++;
		free(got);
		free(text);
	}
	closedir(dir);
	CHECK(nparsed >= 14);
}

int main(void)
{
	struct bt_node *n;
	char *got;

	seeds();
	/* seed copies with their exact trees */
	P("k:__kmalloc,k:__kmalloc_node\n/2048 < arg0 && arg0 <= 4096/\n{\n"
	  "\t@detail[comm, kstack] = count();\n\t@size = lhist(arg0, 2048, 4096, 1024);\n}\n",
	  "(program\n (probe (attach \"k:__kmalloc\") (attach \"k:__kmalloc_node\") (pred (&& (< "
	  "(int 2048) (builtin arg0)) (<= (builtin arg0) (int 4096)))) (block (= (map @detail "
	  "[(builtin comm) (builtin kstack)]) (call count)) (= (map @size) (call lhist (builtin "
	  "arg0) (int 2048) (int 4096) (int 1024))))))");
	P("struct task_struct\n{\n\tchar pad[2872];\n\tchar comm[16];\n}\n\nBEGIN\n{\n"
	  "\t$task = (struct task_struct *)kaddr(\"init_task\");\n"
	  "\tprintf(\"init task name %s\\n\", $task->comm);\n\texit();\n}\n",
	  "(program\n (struct struct task_struct (field char[2872] pad) (field char[16] comm))\n"
	  " (probe (attach \"BEGIN\") (block (= (var $task) (cast struct task_struct* (call kaddr "
	  "(str \"init_task\")))) (expr (call printf (str \"init task name %s\\n\") (-> (var "
	  "$task) comm))) (expr (call exit)))))");
	/* C definitions (parser_cdef.c): members flattened into declarators, inline bodies
	 * as their own STRUCTDEFs first, dimensions, bitfield widths, typedefs */
	P("typedef unsigned long u_t;\nstruct S { const char *a, **b; int m[2][3]; unsigned f:4; "
	  "union { int x; short y; }; void (*fn)(int) } __attribute__((packed)); enum E { A, B = 4 };\n"
	  "BEGIN { exit(); }",
	  "(program\n (typedef unsigned long u_t)\n (struct struct S (field char* a) (field char** b) "
	  "(field int[2][3] m) (field unsigned f (int 4)) (struct union <anonymous 2:59> (field int x) "
	  "(field short y)) (field union <anonymous 2:59>) (field void* fn))\n (struct enum E (field A) "
	  "(field B (int 4)))\n (probe (attach \"BEGIN\") (block (expr (call exit)))))");
	/* one-liners */
	P("tracepoint:syscalls:sys_enter_openat /comm == \"cat\"/ { printf(\"%s %s\\n\", comm, "
	  "str(args->filename)); }",
	  "(program\n (probe (attach \"tracepoint:syscalls:sys_enter_openat\") (pred (== (builtin "
	  "comm) (str \"cat\"))) (block (expr (call printf (str \"%s %s\\n\") (builtin comm) (call "
	  "str (-> (builtin args) filename)))))))");
	P("profile:hz:99 { @[kstack] = count(); }",
	  "(program\n (probe (attach \"profile:hz:99\") (block (= (map @ [(builtin kstack)]) (call "
	  "count)))))");
	P("i:s:1 { print(@x, 5); clear(@x); }",
	  "(program\n (probe (attach \"i:s:1\") (block (expr (call print (map @x) (int 5))) (expr "
	  "(call clear (map @x))))))");
	P("BEGIN { $t = (1, \"a\"); printf(\"%d\\n\", $t.0); if (1) { @a++ } else if (2) { @b-- } "
	  "else { @c += 3 } }",
	  "(program\n (probe (attach \"BEGIN\") (block (= (var $t) (tuple (int 1) (str \"a\"))) (expr "
	  "(call printf (str \"%d\\n\") (. (var $t) 0))) (if (int 1) (block (expr (post++ (map @a)))) "
	  "(block (if (int 2) (block (expr (post-- (map @b)))) (block (+= (map @c) (int 3)))))))))");
	/* precedence, unary, casts, sizeof, offsetof, ternary, loops */
	P("BEGIN { $x = 1 + 2 * 3 - -4 << 1 | 5 & 6 ^ 7 || !8 && ~9 == 10 < 11; }",
	  "(program\n (probe (attach \"BEGIN\") (block (= (var $x) (|| (| (<< (- (+ (int 1) (* (int "
	  "2) (int 3))) (- (int 4))) (int 1)) (^ (& (int 5) (int 6)) (int 7))) (&& (! (int 8)) (== "
	  "(~ (int 9)) (< (int 10) (int 11)))))))))");
	P("k:f { $p = *(uint64 *)arg0; $q = (unsigned long long)&$p; $r = ++$x + $y--; "
	  "$s = sizeof(struct task_struct) + sizeof($x) + offsetof(struct sk, f); "
	  "$c = $a ? $b : $d ? 1 : 2; $i = $arr[1][2].f->g; $k = (uint8[4])$z; }",
	  "(program\n (probe (attach \"k:f\") (block (= (var $p) (* (cast uint64* (builtin arg0)))) "
	  "(= (var $q) (cast unsigned long long (& (var $p)))) (= (var $r) (+ (pre++ (var $x)) "
	  "(post-- (var $y)))) (= (var $s) (+ (+ (sizeof struct task_struct) (sizeof (var $x))) "
	  "(offsetof struct sk f))) (= (var $c) (? (var $a) (var $b) (? (var $d) (int 1) (int 2)))) "
	  "(= (var $i) (-> (. ([] ([] (var $arr) (int 1)) (int 2)) f) g)) (= (var $k) (cast "
	  "uint8[4] (var $z))))))");
	P("BEGIN { unroll(3) { $i++; } while ($i < 10) { $i += 1; if ($i == 5) { break; } "
	  "continue; }; for ($kv : @m) { print($kv.0) } return }; END { @x[1, \"a\"] <<= $1 + $#; }",
	  "(program\n (probe (attach \"BEGIN\") (block (unroll (int 3) (block (expr (post++ (var "
	  "$i))))) (while (< (var $i) (int 10)) (block (+= (var $i) (int 1)) (if (== (var $i) (int "
	  "5)) (block (break))) (continue))) (for $kv (map @m) (block (expr (call print (. (var $kv) "
	  "0))))) (return)))\n (probe (attach \"END\") (block (<<= (map @x [(int 1) (str \"a\")]) (+ "
	  "(pos 1) (pos #))))))");
	/* the walker visits every node; a negative return stops it */
	got = parse("BEGIN { @a = 1 + 2; }");
	free(got);
	{
		int cnt[2] = { 0, 0 };

		CHECK_INT(bt_ast_walk(last, count_pre, count_maps, cnt), 0);
		CHECK_INT(cnt[0], 9); /* program probe attach block = map + int int */
		CHECK_INT(cnt[1], 1);
		cnt[0] = 95;
		CHECK_INT(bt_ast_walk(last, count_pre, NULL, cnt), -7);
		CHECK_INT(cnt[0], 100);
	}
	P("", "bt: error: no probes in 't.bt'\n");
	P("// nothing\n", "bt: error: no probes in 't.bt'\n");
	/* locations: the field name, the call name, the builtin, the attach text, operators */
	got = parse("kprobe:do_sys_open,\n  uprobe:/bin/bash:readline\n{\n\tprintf(\"%d\", "
		    "args->fname + pid);\n}");
	free(got);
	CHECK(last != NULL);
	if (last) {
		n = last->list.v[0];
		LOC(n, 1, 1, 18);
		LOC(n->list.v[0], 1, 1, 18);
		LOC(n->list.v[1], 2, 3, 25);
		CHECK_INT(n->list.v[1]->nparts, 3);
		CHECK_STR(n->list.v[1]->parts[1], "/bin/bash");
		n = n->b->list.v[0]->a; /* printf(...) */
		LOC(n, 4, 2, 6);
		LOC(n->list.v[1], 4, 27, 1);     /* + */
		LOC(n->list.v[1]->a, 4, 21, 5);  /* fname */
		LOC(n->list.v[1]->b, 4, 29, 3);  /* pid */
		CHECK_STR(n->list.v[1]->a->a->str, "args");
		LOC(n->list.v[1]->a->a, 4, 15, 4);
	}
	/* a string define stays one harmless string literal; raw defines are script text */
	{
		struct bt_define defs[] = {
			{ "S", BT_DEF_STR, 0, "\"); system(\"x" },
			{ "R", BT_DEF_RAW, 0, "pid == 1" },
			{ "I", BT_DEF_INT, 7, NULL },
		};
		const char *text = "BEGIN /R/ { printf(S); @[I] = 1; }";

		got = parse_n(text, strlen(text), defs, 3);
		CHECK_STR(got, "(program\n (probe (attach \"BEGIN\") (pred (== (builtin pid) (int 1))) "
			       "(block (expr (call printf (str \"\\\"); system(\\\"x\"))) (= (map @ "
			       "[(int 7)]) (int 1)))))");
		free(got);
		if (last)
			LOC(last->list.v[0]->b->list.v[0]->a->list.v[0], 1, 20, 1);
	}
	/* macros as attach points, #if picking probes */
	P("#define TP t:sched:sched_switch\n#if 0\nk:f {}\n#else\nTP { }\n#endif\n",
	  "(program\n (probe (attach \"t:sched:sched_switch\") (block)))");
	/* an #included file is its own source: tokens and errors point into it */
	{
		char dir[] = "/tmp/bt_parse_XXXXXX", inc[64], src[96];
		FILE *f;

		CHECK(mkdtemp(dir) != NULL);
		snprintf(inc, sizeof(inc), "%s/probes.h", dir);
		f = fopen(inc, "w");
		fputs("#define N 3\nk:f { @x = N; }\n", f);
		fclose(f);
		snprintf(src, sizeof(src), "#include \"%s\"\nBEGIN { @y = N; }\n", inc);
		got = parse(src);
		CHECK_STR(got, "(program\n (probe (attach \"k:f\") (block (= (map @x) (int 3))))\n"
			       " (probe (attach \"BEGIN\") (block (= (map @y) (int 3)))))");
		free(got);
		if (last) {
			CHECK_STR(last->list.v[0]->loc.file, inc);
			LOC(last->list.v[0], 2, 1, 3);
			CHECK_STR(last->list.v[1]->loc.file, "t.bt");
			LOC(last->list.v[1], 2, 1, 5);
		}
		f = fopen(inc, "w");
		fputs("k:f {\n\t@x = ;\n}\n", f);
		fclose(f);
		got = parse(src);
		CHECK(strstr(got, "/probes.h:2:7: error: syntax error, unexpected ';'\n\t@x = ;\n"
				  "\t     ^\n") != NULL);
		free(got);
		unlink(inc);
		rmdir(dir);
	}
	/* errors: one located diagnostic with a caret line */
	P("BEGIN { $x = 1 $y = 2 }",
	  "t.bt:1:16: error: syntax error, unexpected variable '$y', expecting ';'\n"
	  "BEGIN { $x = 1 $y = 2 }\n               ^~\n");
	P("BEGIN {\n\t$x = ;\n}",
	  "t.bt:2:7: error: syntax error, unexpected ';'\n\t$x = ;\n\t     ^\n");
	P("BEGIN { $x = 1 }}",
	  "t.bt:1:17: error: syntax error, unexpected '}'\nBEGIN { $x = 1 }}\n"
	  "                ^\n");
	P("BEGIN { exit()",
	  "t.bt:1:15: error: syntax error, unexpected end of file, expecting ';'\n"
	  "BEGIN { exit()\n              ^\n");
	P("BEGIN", "t.bt:1:6: error: syntax error, unexpected end of file, expecting '{'\n"
		   "BEGIN\n     ^\n");
	P("k:f /pid { }", "t.bt:1:10: error: syntax error, unexpected '{', expecting '/'\n"
			  "k:f /pid { }\n         ^\n");
	P("BEGIN { printf(\"abc) }",
	  "t.bt:1:16: error: unterminated string\nBEGIN { printf(\"abc) }\n"
	  "               ^~~~~~~\n");
	P("BEGIN { /* x }", "t.bt:1:9: error: unterminated comment\nBEGIN { /* x }\n"
			    "        ^~\n");
	P("BEGIN { ` }", "t.bt:1:9: error: invalid character '`'\nBEGIN { ` }\n        ^\n");
	P("BEGIN { 1 = 2; }", "t.bt:1:9: error: cannot assign to this expression\n"
			      "BEGIN { 1 = 2; }\n        ^\n");
	P("BEGIN { @x.a = 2; }", "t.bt:1:12: error: cannot assign to this expression\n"
				 "BEGIN { @x.a = 2; }\n           ^\n");
	P("BEGIN { if 1 { } }", "t.bt:1:12: error: syntax error, unexpected integer, expecting '('\n"
				"BEGIN { if 1 { } }\n           ^\n");
	P("#if 1\nBEGIN { }\n", "t.bt:1:1: error: unterminated #if\n#if 1\n^~~\n");
	P("BEGIN { @x[] = 1 }", "t.bt:1:12: error: syntax error, unexpected ']'\n"
				"BEGIN { @x[] = 1 }\n           ^\n");
	P("BEGIN { (struct) 1 }",
	  "t.bt:1:16: error: syntax error, unexpected ')', expecting identifier\n"
	  "BEGIN { (struct) 1 }\n               ^\n");
	P("{ }", "t.bt:1:1: error: syntax error, unexpected '{'\n{ }\n^\n");
	/* deep nesting and binary garbage: an error, never a crash */
	{
		size_t deep = 100000;
		char *s = malloc(deep + 16);

		memcpy(s, "BEGIN { ", 8);
		memset(s + 8, '(', deep);
		strcpy(s + 8 + deep, "1 }");
		got = parse(s);
		CHECK(strstr(got, "error: nesting too deep") != NULL);
		free(got);
		memset(s + 8, '{', deep);
		got = parse(s);
		CHECK(strstr(got, "error: nesting too deep") != NULL);
		free(got);
		memset(s + 8, '!', deep);
		got = parse(s);
		CHECK(strstr(got, "error: nesting too deep") != NULL);
		free(got);
		free(s);
	}
	{
		unsigned char junk[512];
		unsigned seed = 1;

		for (int round = 0; round < 200; round++) {
			for (size_t i = 0; i < sizeof(junk); i++) {
				seed = seed * 1103515245 + 12345;
				junk[i] = (unsigned char)(seed >> 16);
			}
			got = parse_n((const char *)junk, sizeof(junk), NULL, 0);
			CHECK(got != NULL);
			free(got);
		}
		got = parse_n("BEGIN { \0 }", 11, NULL, 0);
		CHECK_STR(got, "t.bt:1:9: error: invalid character '\\x00'\nBEGIN { ? }\n"
			       "        ^\n");
		free(got);
	}
	bt_node_free(last);
	bt_diag_fini(&diag);
	return unit_done("test_parser");
}
