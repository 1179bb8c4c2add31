# SPDX-License-Identifier: GPL-2.0
# what: a probe with several kprobe attach points where a wildcard matches nothing (dropped); kprobe wildcards and -l skip compiler clones: as bpftrace 0.17
# golden
# timeout: 60
# A missing function among several attach points (counted, skipped) is
# compared in gold_tools (biolatency.bt): alone, bpftrace 0.17 fails after
# it skips one ("Code not generated for probe" when the body reads probe,
# exit 255 on exit(), its -c child lost).
$BT -e 'kretprobe:bt_no_such_fn_*, kretprobe:vfs_read /comm == "dd"/ { @[probe] = count(); }' \
	-c 'dd if=/proc/version of=/dev/null count=1' 2>/dev/null
echo "exit $?"
$BT -e 'kprobe:vfs_kern_mount* { exit(); }' -c true 2>/dev/null | head -n 1
$BT -l 'kprobe:vfs_statfs*' 2>/dev/null
echo "exit $?"
