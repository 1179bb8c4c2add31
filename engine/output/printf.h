/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpftrace 0.17's printf conversions (engine/output/printf.c), exposed so sema
 * can count and type-check arguments the same way the printer consumes them.
 */
#ifndef BT_OUTPUT_PRINTF_H
#define BT_OUTPUT_PRINTF_H

#include <stdbool.h>
#include <stddef.h>

/* Widths and precisions stop growing here (sema refuses larger ones). */
#define BT_PRINTF_MAX_WIDTH 100000

struct bt_printf_spec {
	size_t len; /* characters of the conversion, from the '%' */
	bool left;  /* '-' */
	bool zero;  /* width starts with '0' */
	int width;
	int prec;  /* -1: none */
	int bits;  /* 8 (hh), 16 (h), 32 (none), 64 (l, ll, j, z, t) */
	char conv; /* d o u x X c s p; for buf(): 'r', 'x' (%rx), 'h' (%rh) */
	bool buf;  /* %r, %rx, %rh: the argument must be a buf() */
	/* "%10r", "%-3.1rh": width or precision before r, a buf() that bpftrace 0.17
	 * hands to snprintf, which prints the conversion's text and not the buffer */
	bool verbatim;
};

/* 1 when s starts with a conversion bpftrace recognizes (filled into *sp), else 0.
 * "%%d" is not one at its first '%', but is at the second: bpftrace's quirk. */
int bt_printf_spec(const char *s, struct bt_printf_spec *sp);
/* How many arguments fmt consumes. */
size_t bt_printf_count(const char *fmt);
/* Where the text after fmt's last conversion starts (fmt itself when it has
 * none): bpftrace prints it as it is, a lone '%' too ("%5s%\n"). */
const char *bt_printf_tail(const char *fmt);

#endif
