/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The usdt suite's target (built by <sys/sdt.h>, gcc -O2): per loop i of N
 * (N < 0: forever), D ms apart:
 *   usdt_args:reg_s/reg_u     8/16/32/64-bit signed/unsigned values in registers
 *   usdt_args:const_s/const_u the same sizes as constants
 *   usdt_args:mem_s/mem_u     globals (SYM(%rip) memory operands)
 *   usdt_args:idx             array elements ("-2@-80(%rsp,%rdi,2)") and a
 *                             field behind a pointer ("8@8(%rbx)")
 *   usdt_other:twice          inlined at two sites that pass arg0 differently
 *                             (a register and a constant)
 *   usdt_other:guarded        behind a semaphore (guarded.c): fires only while traced
 *   usdt_other:"quoted"     a name with quotes in it (written as a string)
 *   usdt_lib:libprobe         in libusdt_lib.so, which the program is linked with
 * Prints nothing, so that the tracer's output is all there is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/sdt.h>

int8_t g_s8 = -8;
uint8_t g_u8 = 200;
int16_t g_s16 = -1600;
uint16_t g_u16 = 60000;
int32_t g_s32 = -320000;
uint32_t g_u32 = 4000000000u;
int64_t g_s64 = -6400000000LL;
uint64_t g_u64 = 18000000000000000000ULL;

struct pair {
	uint64_t a, b;
};

void lib_tick(int i);
void guarded(int i);

__attribute__((noinline)) void indexed(int i, struct pair *p)
{
	volatile int16_t a16[4] = { -1, -2, -3, -4 };
	volatile uint32_t a32[4] = { 4000000001u, 4000000002u, 4000000003u, 4000000004u };
	int k = i & 3;

	DTRACE_PROBE3(usdt_args, idx, a16[k], a32[k], p->b);
}

static inline __attribute__((always_inline)) void twice(int v)
{
	DTRACE_PROBE1(usdt_other, twice, v);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	int d = argc > 2 ? atoi(argv[2]) : 0;

	for (int i = 0; n < 0 || i < n; i++) {
		int8_t s8 = -i - 1;
		uint8_t u8 = 250 + i;
		int16_t s16 = -i * 1000;
		uint16_t u16 = 65000 + i;
		int32_t s32 = -i * 100000;
		uint32_t u32 = 4000000000u + i;
		int64_t s64 = -(int64_t)i * 10000000000LL;
		uint64_t u64 = 18000000000000000000ULL + i;
		struct pair p = { 1, 100 + i };

		if (d)
			usleep(d * 1000);
		DTRACE_PROBE4(usdt_args, reg_s, s8, s16, s32, s64);
		DTRACE_PROBE4(usdt_args, reg_u, u8, u16, u32, u64);
		DTRACE_PROBE4(usdt_args, const_s, (int8_t)-5, (int16_t)-500, (int32_t)-50000,
			      (int64_t)-5000000000LL);
		DTRACE_PROBE4(usdt_args, const_u, (uint8_t)250, (uint16_t)65000,
			      (uint32_t)4000000000u, (uint64_t)18000000000000000000ULL);
		DTRACE_PROBE4(usdt_args, mem_s, g_s8, g_s16, g_s32, g_s64);
		DTRACE_PROBE4(usdt_args, mem_u, g_u8, g_u16, g_u32, g_u64);
		indexed(i, &p);
		twice(i);
		twice(7);
		guarded(i);
		DTRACE_PROBE1(usdt_other, "quoted", i);
		lib_tick(i);
	}
	return 0;
}
