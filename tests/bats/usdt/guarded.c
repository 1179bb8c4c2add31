/* SPDX-License-Identifier: GPL-2.0 */
/* usdt_other:guarded, behind a semaphore (see prog.c): <sys/sdt.h> gives
 * every probe of a file with _SDT_HAS_SEMAPHORES one, hence a file of its own. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

unsigned short usdt_other_guarded_semaphore __attribute__((section(".probes"), used));

void guarded(int i)
{
	if (usdt_other_guarded_semaphore)
		DTRACE_PROBE1(usdt_other, guarded, i);
}
