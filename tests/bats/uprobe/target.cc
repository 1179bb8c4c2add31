// SPDX-License-Identifier: GPL-2.0
// The C++ target of ustack.bats: names print demangled, as bpftrace's do.
#include <unistd.h>

namespace ns {
struct K {
	__attribute__((noinline)) int f(int x)
	{
		__asm__ volatile("");
		return x + 1;
	}
};
} // namespace ns

__attribute__((noinline)) int g(int x)
{
	ns::K k;
	return k.f(x) * 2;
}

int main()
{
	volatile int s = 0;
	for (int i = 0;; i++) {
		usleep(10000);
		s += g(i);
	}
}
