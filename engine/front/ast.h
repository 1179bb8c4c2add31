/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AST of a bpftrace-language script. Every node carries its position
 * (struct bt_loc). One generic node type keeps the walker simple; the
 * comment on each kind says which fields it uses.
 */
#ifndef BT_AST_H
#define BT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bt_type;

/* A position in a script. file is owned by the source (struct bt_src). */
struct bt_loc {
	const char *file;
	int line; /* 1-based */
	int col;  /* 1-based, in bytes */
	int len;  /* length of the underlined span, >= 1 */
};

/* Operators: binary, unary and assignment ops use these. */
enum bt_op {
	BT_OP_NONE,
	BT_OP_ADD,
	BT_OP_SUB,
	BT_OP_MUL,
	BT_OP_DIV,
	BT_OP_MOD,
	BT_OP_BAND,
	BT_OP_BOR,
	BT_OP_BXOR,
	BT_OP_SHL,
	BT_OP_SHR,
	BT_OP_LAND,
	BT_OP_LOR,
	BT_OP_EQ,
	BT_OP_NE,
	BT_OP_LT,
	BT_OP_LE,
	BT_OP_GT,
	BT_OP_GE,
	/* unary */
	BT_OP_NEG,   /* -x */
	BT_OP_LNOT,  /* !x */
	BT_OP_BNOT,  /* ~x */
	BT_OP_DEREF, /* *x */
	BT_OP_ADDR,  /* &x */
	BT_OP_PREINC,
	BT_OP_PREDEC,
	BT_OP_POSTINC,
	BT_OP_POSTDEC,
};

/* Whether binary operator op yields a truth value (0 or 1, typed uint64):
 * the comparisons, && and ||. */
static inline bool bt_op_is_bool(enum bt_op op)
{
	switch (op) {
	case BT_OP_LAND:
	case BT_OP_LOR:
	case BT_OP_EQ:
	case BT_OP_NE:
	case BT_OP_LT:
	case BT_OP_LE:
	case BT_OP_GT:
	case BT_OP_GE:
		return true;
	default:
		return false;
	}
}

/* The operator as written ("+", "==", "!"); "=" for BT_OP_NONE and "pre++",
 * "post--" for the increments (for messages and the AST dump). */
const char *bt_op_str(enum bt_op op);

enum bt_node_kind {
	/* --- expressions --- */
	BT_N_INT,	 /* num (value bits); flag: literal had a sign/suffix? unused */
	BT_N_STR,	 /* str, str_len: string literal, escapes decoded */
	BT_N_BUILTIN,	 /* str: pid tid comm args arg0 retval kstack nsecs cpid ... */
	BT_N_POSITIONAL, /* num: N for $N; num == 0 and flag for $# */
	BT_N_VAR,	 /* str: name without '$' */
	BT_N_MAP,	 /* str: name without '@' ("" for '@'); list: key exprs
			  * (empty list: no [] given) */
	BT_N_CALL,	 /* str: function name; list: arguments */
	BT_N_BINOP,	 /* op; a, b */
	BT_N_UNOP,	 /* op; a */
	BT_N_TERNARY,	 /* a ? b : c */
	BT_N_FIELD,	 /* a.str or a->str (flag: arrow); $t.0 gives str "0" */
	BT_N_INDEX,	 /* a[b] on an array or pointer */
	BT_N_CAST,	 /* (tname) a */
	BT_N_TUPLE,	 /* (list...) with >= 2 elements */
	BT_N_SIZEOF,	 /* sizeof(tname) when tname != NULL, else sizeof(a) */
	BT_N_OFFSETOF,	 /* offsetof(tname, str) */
	/* --- statements --- */
	BT_N_EXPR_STMT, /* a */
	BT_N_ASSIGN,	/* a (VAR or MAP) op= b; op BT_OP_NONE for plain '=' */
	BT_N_IF,	/* if (a) b else c; b and c are BLOCKs, c may be NULL
			 * (else-if: c is a BLOCK holding one IF) */
	BT_N_UNROLL,	/* unroll (a) b */
	BT_N_WHILE,	/* while (a) b */
	BT_N_FOR,	/* for ($str : a) b  (a is a MAP) */
	BT_N_BREAK,
	BT_N_CONTINUE,
	BT_N_RETURN,
	BT_N_BLOCK, /* list: statements */
	/* --- top level --- */
	BT_N_ATTACH,	 /* str: raw text as written; parts/nparts: split at ':' */
	BT_N_PROBE,	 /* list: ATTACH nodes; a: predicate or NULL; b: BLOCK */
	BT_N_FIELD_DECL, /* tname str: one member of a script struct */
	BT_N_STRUCTDEF,	 /* tname (the struct's name); list: FIELD_DECLs (parser_cdef.c) */
	BT_N_TYPEDEF,	 /* typedef: a FIELD_DECL whose str is the new name */
	BT_N_PROGRAM,	 /* list: STRUCTDEFs then PROBEs, in source order */
};

/*
 * A type as written in a cast, sizeof or struct member:
 * "struct task_struct" + ptr 1, "uint64" + ptr 1, "char" + array 16.
 */
struct bt_typename {
	char *name; /* "int32", "unsigned int", "struct task_struct", "union x" */
	int ptr;    /* number of '*' */
	long array; /* [N] count, or -1 when not an array */
};

struct bt_nodelist {
	struct bt_node **v;
	size_t n, cap;
};

struct bt_node {
	enum bt_node_kind kind;
	struct bt_loc loc;
	enum bt_op op;
	char *str;
	size_t str_len;
	uint64_t num;
	bool flag;
	struct bt_node *a, *b, *c;
	struct bt_nodelist list;
	struct bt_typename *tname;
	char **parts; /* ATTACH only */
	size_t nparts;

	/* filled by sema */
	struct bt_type *type;
	void *sema;
};

struct bt_node *bt_node_new(enum bt_node_kind kind, struct bt_loc loc);
/* Appends n to l. Returns 0 or -ENOMEM. */
int bt_list_push(struct bt_nodelist *l, struct bt_node *n);
/* Frees n and everything it owns (not the sema annotations: see sema). */
void bt_node_free(struct bt_node *n);

#define bt_list_for_each(l, i, node)                                                               \
	for ((i) = 0; (i) < (l)->n && (((node) = (l)->v[(i)]), 1); (i)++)

/*
 * Walks the tree depth first: pre before the children, post after. A
 * negative return from either stops the walk and is returned.
 */
typedef int (*bt_walk_fn)(struct bt_node *n, void *ctx);
int bt_ast_walk(struct bt_node *n, bt_walk_fn pre, bt_walk_fn post, void *ctx);

/* Whether n or a node below it has a kind in the mask kinds (bit 1 << kind)
 * and a str in names (NULL-terminated): "does this probe take kstack". */
bool bt_ast_uses(const struct bt_node *n, unsigned kinds, const char *const *names);
#define BT_AST_KIND(k) (1u << (k))

/* Prints an S-expression dump of n (unit tests compare it). */
struct bt_strbuf;
void bt_ast_dump(const struct bt_node *n, struct bt_strbuf *out);

#endif
