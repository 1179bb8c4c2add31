/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lexer: reads the preprocessor's chunks in order (switching bt_src
 * where an #include was) and expands macros at identifier tokens; tokens
 * from a macro body take the location of the identifier that named it.
 *
 * Attach points are context dependent ('/' is a path separator in
 * "uprobe:/bin/sh:main" and division elsewhere), so the parser says when
 * one may come: with spec_mode set, a word such as
 * "tracepoint:syscalls:sys_enter_*" or "kprobe:f+0x10" is one T_SPEC token.
 */
#ifndef BT_LEXER_H
#define BT_LEXER_H

#include <stdbool.h>
#include <stdint.h>

#include "front/diag.h"
#include "front/pp.h"

enum bt_tok {
	T_EOF,
	T_INT,	    /* num */
	T_STR,	    /* str, str_len: escapes decoded */
	T_IDENT,    /* str */
	T_VAR,	    /* str: "$name" without '$' */
	T_POS,	    /* num: $N */
	T_POSCOUNT, /* $# */
	T_MAP,	    /* str: "@name" without '@' ("" for '@') */
	T_SPEC,	    /* str: attach point text (spec_mode only) */
	T_ENDPRED,  /* a '/' followed by '{': ends a predicate */
	/* keywords */
	T_IF,
	T_ELSE,
	T_UNROLL,
	T_WHILE,
	T_FOR,
	T_BREAK,
	T_CONTINUE,
	T_RETURN,
	T_SIZEOF,
	T_OFFSETOF,
	T_STRUCT,
	T_UNION,
	T_ENUM,
	/* punctuation */
	T_LBRACE,
	T_RBRACE,
	T_LPAREN,
	T_RPAREN,
	T_LBRACKET,
	T_RBRACKET,
	T_SEMI,
	T_COMMA,
	T_DOT,
	T_ARROW,
	T_QUESTION,
	T_COLON,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_PERCENT,
	T_AMP,
	T_PIPE,
	T_CARET,
	T_TILDE,
	T_BANG,
	T_LT,
	T_GT,
	T_LE,
	T_GE,
	T_EQ,
	T_NE,
	T_SHL,
	T_SHR,
	T_LAND,
	T_LOR,
	T_ASSIGN,
	T_ADD_ASSIGN,
	T_SUB_ASSIGN,
	T_MUL_ASSIGN,
	T_DIV_ASSIGN,
	T_MOD_ASSIGN,
	T_AND_ASSIGN,
	T_OR_ASSIGN,
	T_XOR_ASSIGN,
	T_SHL_ASSIGN,
	T_SHR_ASSIGN,
	T_INC,
	T_DEC,
	T_NTOKS,
};

struct bt_token {
	enum bt_tok kind;
	struct bt_loc loc;
	char *str; /* owned (NUL-terminated); NULL for tokens without text */
	size_t str_len;
	uint64_t num;
};

#define BT_LEX_FRAMES 64

struct bt_lexer {
	struct bt_diag *d;
	const struct bt_pp *pp;
	size_t chunk; /* index of the chunk being read */
	struct {
		const char *p, *end;
		const struct bt_macro *m; /* NULL: fr[0], the chunk */
		struct bt_loc loc;	  /* macro frames: the invoking identifier */
	} fr[BT_LEX_FRAMES];
	int nfr;
	int line; /* position in fr[0] */
	const char *line_start;
	struct bt_loc end_loc; /* just after the last token, for "end of file" */
	bool spec_mode;	       /* set by the parser: an attach point may come */
};

/* Starts reading pp's chunks (pp must outlive the lexer). */
void bt_lex_init(struct bt_lexer *lx, struct bt_diag *d, const struct bt_pp *pp);

/*
 * Reads the next token into *t (T_EOF at the end, repeatedly). Returns 0,
 * -EINVAL after a located diagnostic, or -ENOMEM. Free t with
 * bt_token_fini().
 */
int bt_lex_next(struct bt_lexer *lx, struct bt_token *t);
void bt_token_fini(struct bt_token *t);

/* How a token kind reads in messages: "'}'", "'if'", "identifier", "end of file". */
const char *bt_tok_name(enum bt_tok k);

#endif
