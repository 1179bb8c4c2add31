# SPDX-License-Identifier: GPL-2.0
# what: -l of kprobe wildcards and a kprobe wildcard's probe count: as bpftrace 0.17
# golden
$BT -l 'kprobe:vfs_rea*' 2>/dev/null
echo "exit $?"
$BT -l 'kprobe:*_sys_openat*' 2>/dev/null | sort
echo "exit $?"
$BT -e 'kprobe:vfs_rea* { @[probe] = count(); }' -c true 2>/dev/null | head -n 1
echo "exit $?"
