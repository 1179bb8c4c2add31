/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one growable-array helper of the engine and the tools: capacity grows
 * geometrically (doubling), out of memory is -ENOMEM with the array left as
 * it was.
 *
 *	struct x *v = NULL;
 *	size_t n = 0, cap = 0;
 *
 *	if (bt_vec_reserve(v, cap, n + 1))      // explicit capacity
 *		return -ENOMEM;
 *	v[n++] = x;
 *
 *	if (bt_vec_push(p->probes, p->nprobes)) // only a count: room for v[n]
 *		return -ENOMEM;
 *	p->probes[p->nprobes++] = probe;
 */
#ifndef BT_VEC_H
#define BT_VEC_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* realloc of the array *arrp (any T *, passed as its address) to ncap elements */
static inline int bt_vec_realloc_(void *arrp, size_t ncap, size_t esz)
{
	void *arr, *p;

	if (esz && ncap > SIZE_MAX / esz)
		return -ENOMEM;
	memcpy(&arr, arrp, sizeof(arr));
	p = realloc(arr, ncap * esz);
	if (!p)
		return -ENOMEM;
	memcpy(arrp, &p, sizeof(p));
	return 0;
}

/* Room for need elements of esz bytes in *arrp with *cap allocated: doubles,
 * 16 at first. Call it directly when the element size is known at run time. */
static inline int bt_vec_grow(void *arrp, size_t *cap, size_t need, size_t esz)
{
	size_t ncap = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (bt_vec_realloc_(arrp, ncap, esz))
		return -ENOMEM;
	*cap = ncap;
	return 0;
}

/*
 * Room for element n of an array that keeps only its count n: the capacity
 * is implied by n (8, then the next power of two), so every element must be
 * added through here, and n may shrink but the array is never reallocated
 * smaller elsewhere.
 */
static inline int bt_vec_push_(void *arrp, size_t n, size_t esz)
{
	if (n && (n < 8 || (n & (n - 1))))
		return 0; /* n < implied capacity */
	return bt_vec_realloc_(arrp, n ? 2 * n : 8, esz);
}

/* arr: an lvalue of pointer type; cap: a size_t lvalue. 0 or -ENOMEM. */
#define bt_vec_reserve(arr, cap, need) bt_vec_grow(&(arr), &(cap), (need), sizeof(*(arr)))
#define bt_vec_push(arr, n) bt_vec_push_(&(arr), (size_t)(n), sizeof(*(arr)))

#endif
