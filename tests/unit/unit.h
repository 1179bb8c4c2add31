/* SPDX-License-Identifier: GPL-2.0 */
/* A tiny unit-test framework: checks print file:line on failure; main() ends
 * with unit_done(), which prints "N passed, N failed" for this file. */
#ifndef BT_UNIT_H
#define BT_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_pass, unit_fail;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (cond) {                                                              \
			unit_pass++;                                                     \
		} else {                                                                 \
			unit_fail++;                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want)                                                             \
	do {                                                                             \
		const char *g_ = (got), *w_ = (want);                                    \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                                   \
			unit_pass++;                                                     \
		} else {                                                                 \
			unit_fail++;                                                     \
			fprintf(stderr, "%s:%d: got:\n%s\n--- want:\n%s\n", __FILE__, __LINE__, \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");                 \
		}                                                                        \
	} while (0)

#define CHECK_INT(got, want)                                                             \
	do {                                                                             \
		long long g_ = (long long)(got), w_ = (long long)(want);                 \
		if (g_ == w_) {                                                          \
			unit_pass++;                                                     \
		} else {                                                                 \
			unit_fail++;                                                     \
			fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, \
				#got, g_, w_);                                           \
		}                                                                        \
	} while (0)

static inline int unit_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, unit_pass, unit_fail);
	return unit_fail ? 1 : 0;
}

#endif
