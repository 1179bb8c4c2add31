#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Record what bpftrace 0.17 prints for the VM suite's golden tests (the
# tests/vm/t/*.sh with a "# golden" line): boot each kernel with this
# machine's bpftrace (Debian 12's 0.17, with its libraries) in the initramfs
# as $BT, and write each test's output to tests/vm/golden/KERNEL/NAME.out.
# The suite then runs the same scripts with bt and compares byte for byte.
# Usage: tests/vm/golden.sh [KERNEL_PACKAGE...]
#        (default: linux-image-amd64 linux-image-6.12-amd64, as the suites boot)
# A developer tool, not run by `make check`; commit the files it writes.
cd "$(dirname "$0")/../.." || exit 1
bpftrace=$(command -v bpftrace) || { echo "golden.sh: no bpftrace (apt-get install bpftrace)" >&2; exit 1; }
"$bpftrace" --version | grep -q 'v0\.17\.' || { echo "golden.sh: $("$bpftrace" --version) is not 0.17" >&2; exit 1; }
names=$(grep -l '^# golden$' tests/vm/t/*.sh | sed 's|.*/||; s|\.sh$||' | paste -sd, -)
[ -n "$names" ] || { echo "golden.sh: no golden tests" >&2; exit 1; }
for k in ${*:-linux-image-amd64 linux-image-6.12-amd64}; do
	if [ "$k" = linux-image-amd64 ]; then
		unset BT_VM_KERNEL BT_VM_SYSMAP
	else
		export BT_VM_KERNEL=$k BT_VM_SYSMAP=0
	fi
	BT_VM_BT=bpftrace BT_VM_EXTRA=$bpftrace BT_VM_RECORD=1 BT_VM_ONLY=$names sh tests/vm/suite.sh
done
