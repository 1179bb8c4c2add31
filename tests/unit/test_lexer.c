// SPDX-License-Identifier: GPL-2.0
/* The lexer: token kinds, values and exact positions; lexical errors. */
#include <stdlib.h>
#include <string.h>

#include "front/lexer.h"
#include "util/strbuf.h"
#include "unit.h"

/* Lexes text (spec_mode fixed) into "kind[:text]@line:col+len ..." or the diagnostics. */
static char *lexdump(const char *text, size_t len, bool spec)
{
	struct bt_strbuf sb = { 0 };
	struct bt_diag d;
	struct bt_lexer lx;
	struct bt_token t;
	struct bt_pp pp;
	char *err = NULL;
	size_t errlen = 0;
	char *copy = malloc(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	bt_diag_init(&d, "bt");
	d.out = open_memstream(&err, &errlen);
	if (bt_pp_scan(&d, bt_diag_add_src(&d, "t.bt", copy, len), NULL, 0, &pp))
		goto out;
	bt_lex_init(&lx, &d, &pp);
	lx.spec_mode = spec;
	for (int i = 0; i < 100; i++) {
		if (bt_lex_next(&lx, &t))
			break;
		bt_sb_printf(&sb, "%s%s", sb.len ? " " : "", bt_tok_name(t.kind));
		if (t.kind == T_INT || t.kind == T_POS)
			bt_sb_printf(&sb, ":%llu", (unsigned long long)t.num);
		else if (t.str)
			bt_sb_printf(&sb, ":%s", t.str);
		bt_sb_printf(&sb, "@%d:%d+%d", t.loc.line, t.loc.col, t.loc.len);
		bt_token_fini(&t);
		if (t.kind == T_EOF)
			break;
	}
out:
	bt_pp_free(&pp);
	fclose(d.out);
	bt_diag_fini(&d);
	if (errlen) {
		bt_sb_free(&sb);
		return err;
	}
	free(err);
	return bt_sb_take(&sb);
}

#define LEX(text, spec, want)                                        \
	do {                                                         \
		char *got_ = lexdump(text, sizeof(text) - 1, spec);  \
		CHECK_STR(got_, want);                               \
		free(got_);                                          \
	} while (0)

int main(void)
{
	LEX("$x = @m[1] + $1 - $# ;", false,
	    "variable:x@1:1+2 '='@1:4+1 map:m@1:6+2 '['@1:8+1 integer:1@1:9+1 ']'@1:10+1 "
	    "'+'@1:12+1 positional parameter:1@1:14+2 '-'@1:17+1 '$#'@1:19+2 ';'@1:22+1 "
	    "end of file@1:23+1");
	LEX("@ = count()", false,
	    "map:@1:1+1 '='@1:3+1 identifier:count@1:5+5 '('@1:10+1 ')'@1:11+1 "
	    "end of file@1:12+1");
	LEX("a->b <<= c >>= d ++ -- != == <= >= && || ? : ~ ! ^ % &= |= ^= %= /= *= -= +=",
	    false,
	    "identifier:a@1:1+1 '->'@1:2+2 identifier:b@1:4+1 '<<='@1:6+3 identifier:c@1:10+1 "
	    "'>>='@1:12+3 identifier:d@1:16+1 '++'@1:18+2 '--'@1:21+2 '!='@1:24+2 '=='@1:27+2 "
	    "'<='@1:30+2 '>='@1:33+2 '&&'@1:36+2 '||'@1:39+2 '?'@1:42+1 ':'@1:44+1 '~'@1:46+1 "
	    "'!'@1:48+1 '^'@1:50+1 '%'@1:52+1 '&='@1:54+2 '|='@1:57+2 '^='@1:60+2 '%='@1:63+2 "
	    "'/='@1:66+2 '*='@1:69+2 '-='@1:72+2 '+='@1:75+2 end of file@1:77+1");
	/* numbers: hex, octal, separators, suffixes, 1e3 */
	LEX("0x1F 010 1_000 5u 7ul 8ULL 1e3 0", false,
	    "integer:31@1:1+4 integer:8@1:6+3 integer:1000@1:10+5 integer:5@1:16+2 "
	    "integer:7@1:19+3 integer:8@1:23+4 integer:1000@1:28+3 integer:0@1:32+1 "
	    "end of file@1:33+1");
	LEX("18446744073709551615", false, "integer:18446744073709551615@1:1+20 end of file@1:21+1");
	LEX("if else unroll while for break continue return sizeof offsetof struct union enum",
	    false,
	    "'if'@1:1+2 'else'@1:4+4 'unroll'@1:9+6 'while'@1:16+5 'for'@1:22+3 'break'@1:26+5 "
	    "'continue'@1:32+8 'return'@1:41+6 'sizeof'@1:48+6 'offsetof'@1:55+8 "
	    "'struct'@1:64+6 'union'@1:71+5 'enum'@1:77+4 end of file@1:81+1");
	/* comments and lines; a tab is one column */
	LEX("// c\n\t/* a\n b */ x /* */\n  y", false,
	    "identifier:x@3:7+1 identifier:y@4:3+1 end of file@4:4+1");
	/* strings: escapes decoded, position of the literal */
	LEX("f(\"a\\n\\t\\\"\\\\\\x41\\101\\0z\")", false,
	    "identifier:f@1:1+1 '('@1:2+1 string:a\n\t\"\\AA@1:3+22 ')'@1:25+1 "
	    "end of file@1:26+1");
	/* attach points in spec mode */
	LEX("tracepoint:syscalls:sys_enter_* /comm == 1/ {", true,
	    "attach point:tracepoint:syscalls:sys_enter_*@1:1+31 '/'@1:33+1 "
	    "attach point:comm@1:34+4 '=='@1:39+2 attach point:1@1:42+1 '/'@1:43+1 "
	    "'{'@1:45+1 end of file@1:46+1");
	LEX("uprobe:/bin/bash:readline,usdt:/usr/lib/x.so:prov:probe,\n"
	    "kprobe:func+0x10 i:s:5 BEGIN{ k:f/pid/ uprobe:./a.out:main software:cpu-clock:1000",
	    true,
	    "attach point:uprobe:/bin/bash:readline@1:1+25 ','@1:26+1 "
	    "attach point:usdt:/usr/lib/x.so:prov:probe@1:27+29 ','@1:56+1 "
	    "attach point:kprobe:func+0x10@2:1+16 attach point:i:s:5@2:18+5 "
	    "attach point:BEGIN@2:24+5 '{'@2:29+1 attach point:k:f@2:31+3 '/'@2:34+1 "
	    "attach point:pid@2:35+3 '/'@2:38+1 attach point:uprobe:./a.out:main@2:40+19 "
	    "attach point:software:cpu-clock:1000@2:60+23 end of file@2:83+1");
	/* a '/' before '{' ends a predicate */
	LEX("a / b /\n {", false,
	    "identifier:a@1:1+1 '/'@1:3+1 identifier:b@1:5+1 '/'@1:7+1 '{'@2:2+1 "
	    "end of file@2:3+1");
	/* errors, with carets */
	LEX("x \"abc\n", false,
	    "t.bt:1:3: error: unterminated string\nx \"abc\n  ^~~~\n");
	LEX("x\n  /* abc", false,
	    "t.bt:2:3: error: unterminated comment\n  /* abc\n  ^~\n");
	LEX("\tx ` y", false, "t.bt:1:4: error: invalid character '`'\n\tx ` y\n\t  ^\n");
	LEX("x \0 y", false, "t.bt:1:3: error: invalid character '\\x00'\nx ? y\n  ^\n");
	LEX("18446744073709551616", false,
	    "t.bt:1:1: error: integer literal too large\n18446744073709551616\n"
	    "^~~~~~~~~~~~~~~~~~~~\n");
	LEX("0x", false, "t.bt:1:1: error: invalid hexadecimal literal\n0x\n^~\n");
	LEX("12ab", false, "t.bt:1:1: error: invalid integer literal\n12ab\n^~~~\n");
	LEX("09", false, "t.bt:1:1: error: invalid octal literal\n09\n^~\n");
	LEX("$ x", false, "t.bt:1:1: error: invalid character '$'\n$ x\n^\n");
	/* macros: expanded tokens take the identifier's place */
	LEX("#define N 1 + M\n#define M N\nx = N;", false,
	    "identifier:x@3:1+1 '='@3:3+1 integer:1@3:5+1 '+'@3:5+1 identifier:N@3:5+1 "
	    "';'@3:6+1 end of file@3:7+1");
	LEX("#define P kprobe:f\n#define Q\nP Q {", true,
	    "attach point:kprobe:f@3:1+1 '{'@3:5+1 end of file@3:6+1");
	return unit_done("test_lexer");
}
