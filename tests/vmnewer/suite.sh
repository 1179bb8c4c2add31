#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The VM suite's probe tests again on Debian 12's newer stock kernel (6.12,
# the linux-image-6.12-amd64 package): it has kprobe_multi links (CONFIG_FPROBE),
# which 6.1 lacks; and the golden tests (tests/vm/golden/linux-image-6.12-amd64/).
# Ends in "vmnewer: N passed, N failed, N skipped".
cd "$(dirname "$0")/../.." || exit 1
# The golden tests but gold_tools and gold_partial: with kprobe_multi,
# bpftrace 0.17 counts a kprobe wildcard as one probe, fails whole where one
# function of it cannot be attached (vfsstat.bt), and cannot skip one attach
# point of several (bt-language(7), Differences): no golden to compare with.
gold="gold_kaddr,gold_kfunc,gold_kprobe_args,gold_list,gold_mixed,gold_refused"
tests="kprobe,kprobe_multi,kprobe_match,kprobe_partial,kretprobe,kfunc_args,rawtp_args,tool_offcpu_kprobe,tool_biolat_kprobe,syscall_task,$gold"
if ! apt-cache show linux-image-6.12-amd64 >/dev/null 2>&1; then
	echo "vmnewer: skipped: apt knows no linux-image-6.12-amd64"
	echo "vmnewer: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
BT_VM_KERNEL=linux-image-6.12-amd64 BT_VM_SYSMAP=0 BT_VM_ONLY=$tests sh tests/vm/suite.sh |
	sed 's/^vm: \([0-9]* passed\)/vmnewer: \1/'
