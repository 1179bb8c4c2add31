// SPDX-License-Identifier: GPL-2.0
/* Whether this process may load and attach BPF programs (bt and every tool). */
#include <linux/capability.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bt/bt.h>

/* root, or CAP_BPF + CAP_PERFMON (or CAP_SYS_ADMIN) in the effective set */
bool bt_can_trace(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	if (geteuid() == 0)
		return true;
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data))
		return false;
#define HAS_CAP(c) (data[(c) / 32].effective & (1U << ((c) % 32)))
	if (HAS_CAP(CAP_SYS_ADMIN))
		return true;
#ifdef CAP_BPF
	return HAS_CAP(CAP_BPF) && HAS_CAP(CAP_PERFMON);
#else
	return false;
#endif
#undef HAS_CAP
}
