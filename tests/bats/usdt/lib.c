/* SPDX-License-Identifier: GPL-2.0 */
/* libusdt_lib.so: the usdt suite's probe in a shared library (see prog.c). */
#include <sys/sdt.h>

void lib_tick(int i)
{
	DTRACE_PROBE2(usdt_lib, libprobe, i, i * 2);
}
