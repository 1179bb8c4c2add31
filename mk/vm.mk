# SPDX-License-Identifier: GPL-2.0
# VM suite (tests/vm/suite.sh, also run by make check): Debian 12's stock
# kernel (kprobes, fentry, KALLSYMS_ALL) under qemu TCG with a busybox
# initramfs; the kernel package is fetched with apt-get download into $(B)/vm.
TEST_PKGS += qemu-system-x86 busybox-static cpio lz4 xz-utils

.PHONY: check-vm
# BT_VM_ONLY=name,name runs a subset of tests/vm/t
check-vm: all
	@BT_BUILD=$(abspath $(B)) sh tests/vm/suite.sh
