// SPDX-License-Identifier: GPL-2.0
/* The preprocessor: directives, #if arithmetic, typed defines, #include, errors. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bt/bt.h"
#include "front/consts.h"
#include "front/pp.h"
#include "unit.h"

/* The preprocessed text of text, or the diagnostics when it fails. */
static char *pp(const char *name, const char *text, const struct bt_define *defs, size_t n)
{
	struct bt_diag d;
	char *out = NULL, *err = NULL;
	size_t errlen = 0;
	int rc;

	bt_diag_init(&d, "bt");
	d.out = open_memstream(&err, &errlen);
	rc = bt_preprocess(&d, bt_diag_add_src(&d, name, strdup(text), strlen(text)), defs, n,
			   &out);
	fclose(d.out);
	bt_diag_fini(&d);
	if (rc) {
		free(out);
		return err;
	}
	free(err);
	return out;
}

#define PP(text, want) PPD(text, NULL, 0, want)
#define PPD(text, defs, n, want)                          \
	do {                                              \
		char *got_ = pp("t.bt", text, defs, n);   \
		CHECK_STR(got_, want);                    \
		free(got_);                               \
	} while (0)

int main(void)
{
	/* directive lines stay as empty lines; macros expand, not in strings, $vars, @maps */
	PP("#include <linux/sched.h>\n#define X 5 // five\nBEGIN { $X = X; @X = \"X\"; }\n",
	   "\n\nBEGIN { $X = 5; @X = \"X\"; }\n");
	PP("#!/usr/bin/bt\nBEGIN {}", "\nBEGIN {}\n");
	/* conditionals */
	PP("#if 1 + 2 * 3 == 7 && (8 >> 1) == 4 && -1 < 0 && !0 && ~0 == -1\na\n#else\nb\n#endif\n",
	   "\na\n");
	PP("#define V 2\n#if V == 1\na\n#elif V == 2\nb\n#else\nc\n#endif\n", "\n\n\n\nb\n");
	PP("#if defined(X) || defined Y\na\n#elif 0\nb\n#else\nc\n#endif", "\n\n\n\n\nc\n");
	PP("#ifdef X\na\n#if 1\nb\n#endif\n#else\nc\n#endif\n", "\n\n\n\n\n\nc\n");
	PP("#ifndef I\n#define I 1\n#endif\nI\n#undef I\nI\n", "\n\n\n1\n\nI\n");
	PP("#if UNKNOWN\na\n#endif\n#if 10 % 3 == 1 ? 0x10 == 16 : 0\nb\n#endif\n", "\n\n\n\nb\n");
	PP("#define A B\n#define B A\nA B\n", "\n\nA B\n");
	PP("/*\n#error no\n*/ x\n", "/*\n#error no\n*/ x\n");
	/* typed defines */
	{
		struct bt_define defs[] = {
			{ "F", BT_DEF_FLAG, 0, NULL },
			{ "I", BT_DEF_INT, -42, NULL },
			{ "S", BT_DEF_STR, 0, "\"); system(\"x\\\n" },
			{ "R", BT_DEF_RAW, 0, "pid == 1" },
		};

		PPD("#if F && I < 0\nF I S R\n#endif\n", defs, 4,
		    "\n1 -42 \"\\\"); system(\\\"x\\\\\\n\" pid == 1\n");
	}
	{
		struct bt_define bad = { "1x", BT_DEF_FLAG, 0, NULL };

		PPD("x", &bad, 1, "bt: error: invalid macro name '1x'\n");
	}
	/* includes: relative to the including file, lexed as their own source */
	{
		char dir[] = "/tmp/bt_pp_XXXXXX", path[64], main_name[64];
		FILE *f;

		CHECK(mkdtemp(dir) != NULL);
		snprintf(path, sizeof(path), "%s/inc.h", dir);
		f = fopen(path, "w");
		fputs("#define Z 7\nz\n", f);
		fclose(f);
		snprintf(main_name, sizeof(main_name), "%s/main.bt", dir);
		char *got = pp(main_name, "a\n#include \"inc.h\"\nZ\n", NULL, 0);
		CHECK_STR(got, "a\nz\n\n7\n");
		free(got);
		got = pp(main_name, "#include \"nope.h\"\n", NULL, 0);
		CHECK(got && strstr(got, "main.bt:1:1: error: cannot open '/tmp/bt_pp_") &&
		      strstr(got, "nope.h': No such file or directory\n#include \"nope.h\"\n^~~~~~~~\n"));
		free(got);
		unlink(path);
		rmdir(dir);
	}
	/* errors */
	PP("a\n  #if 1\nb\n", "t.bt:2:3: error: unterminated #if\n  #if 1\n  ^~~\n");
	PP("#else\n", "t.bt:1:1: error: #else without #if\n#else\n^~~~~\n");
	PP("#endif\n", "t.bt:1:1: error: #endif without #if\n#endif\n^~~~~~\n");
	PP("#if 1\n#else\n#else\n#endif\n",
	   "t.bt:3:1: error: #else after #else\n#else\n^~~~~\n");
	PP("#frob x\n", "t.bt:1:1: error: unknown preprocessor directive '#frob'\n#frob x\n^~~~~\n");
	PP("#define F(x) x\n",
	   "t.bt:1:1: error: function-like macros are not supported\n#define F(x) x\n^~~~~~~\n");
	PP("#if 1 / 0\n#endif\n", "t.bt:1:1: error: division by zero in #if\n#if 1 / 0\n^~~\n");
	PP("#if (1\n#endif\n", "t.bt:1:1: error: missing ')' in #if expression\n#if (1\n^~~\n");
	PP("#if\n#endif\n", "t.bt:1:1: error: #if with no expression\n#if\n^~~\n");
	PP("#if \"s\"\n#endif\n",
	   "t.bt:1:1: error: invalid token in #if expression\n#if \"s\"\n^~~\n");
	PP("#error stop here\n", "t.bt:1:1: error: #error stop here\n#error stop here\n^~~~~~\n");
	/* the constants table scripts use without headers */
	{
		static const struct {
			const char *name;
			int64_t val;
		} want[] = {
			{ "AF_INET", 2 },     { "AF_INET6", 10 },   { "AF_UNIX", 1 },
			{ "IPPROTO_TCP", 6 }, { "IPPROTO_UDP", 17 }, { "O_RDONLY", 0 },
			{ "O_WRONLY", 1 },    { "O_CREAT", 0100 },  { "EPERM", 1 },
			{ "ENOENT", 2 },      { "EAGAIN", 11 },     { "SIGKILL", 9 },
			{ "S_IFREG", 0100000 }, { "DT_REG", 8 },    { "ICMP_ECHO", 8 },
			{ "PROT_READ", 1 },   { "MAP_SHARED", 1 },  { "CLONE_THREAD", 0x10000 },
			{ "SOCK_STREAM", 1 }, { "SOCK_DGRAM", 2 },  { "TASK_RUNNING", 0 },
			{ "TASK_UNINTERRUPTIBLE", 2 }, { "__TASK_STOPPED", 4 }, { "TASK_DEAD", 128 },
		};
		int64_t v = -1;

		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			v = -1;
			CHECK(bt_const_lookup(want[i].name, &v));
			CHECK_INT(v, want[i].val);
		}
		CHECK(!bt_const_lookup("NOT_A_CONSTANT", &v));
		CHECK(!bt_const_lookup("", &v));
	}
	return unit_done("test_pp");
}
