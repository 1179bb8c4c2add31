#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM suite's probe tests again on Debian 12's newer stock kernel (6.12,
# the linux-image-6.12-amd64 package): it has kprobe_multi links (CONFIG_FPROBE),
# which 6.1 lacks; and the golden tests (tests/vm/golden/linux-image-6.12-amd64/).
# Ends in "vmnewer: N passed, N failed, N skipped".
cd "$(dirname "$0")/../.." || exit 1
tests="kprobe,kprobe_multi,kprobe_match,kprobe_partial,kretprobe,kfunc_args,rawtp_args,tool_offcpu_kprobe,tool_biolat_kprobe,syscall_task,$(grep -l "^# golden$" tests/vm/t/*.sh | sed "s|.*/||; s|\.sh$||" | paste -sd, -)"
if ! apt-cache show linux-image-6.12-amd64 >/dev/null 2>&1; then
	echo "vmnewer: skipped: apt knows no linux-image-6.12-amd64"
	echo "vmnewer: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
BT_VM_KERNEL=linux-image-6.12-amd64 BT_VM_SYSMAP=0 BT_VM_ONLY=$tests sh tests/vm/suite.sh |
	sed 's/^vm: \([0-9]* passed\)/vmnewer: \1/'
