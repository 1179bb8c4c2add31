# SPDX-License-Identifier: GPL-2.0
# what: kfunc/kretfunc typed args and retval; -l and -lv of vmlinux and module kfuncs (kfunc:MODULE:FUNC); probe and func of kfunc:FUNC, kfunc:vmlinux:FUNC and a wildcard: as bpftrace 0.17
# golden
# timeout: 120
$BT -e 'kfunc:vfs_read /comm == "dd"/ { @c[args->count] = count(); }
	kretfunc:vfs_read /comm == "dd"/ { @r = lhist(retval, 0, 128, 32); @s = stats(args->count); }' \
	-c 'dd if=/seed/bio.bt of=/dev/null bs=64' 2>/dev/null
echo "exit $?"
$BT -lv 'kfunc:vfs_read' 2>/dev/null
echo "exit $?"
$BT -l 'kfunc:vfs_rea*' 2>/dev/null
echo "exit $?"
$BT -l 'kretfunc:vmlinux:vfs_readv' 2>/dev/null
echo "exit $?"
$BT -l 'kfunc:null_blk:*' 2>/dev/null | sort | head -n 5
echo "exit $?"
$BT -l 'kfunc:*:null_handle_rq' 2>/dev/null
echo "exit $?"
$BT -lv 'kfunc:null_blk:null_handle_rq' 2>/dev/null
echo "exit $?"
$BT -e 'kfunc:vmlinux:vfs_read /comm == "dd"/ { @[probe] = count(); }' -c 'dd if=/proc/version of=/dev/null count=1' 2>/dev/null
echo "exit $?"
$BT -e 'kfunc:vfs_read /comm == "dd"/ { @[probe] = count(); }' -c 'dd if=/proc/version of=/dev/null count=1' 2>/dev/null
echo "exit $?"
$BT -e 'kretfunc:vfs_rea* /comm == "dd"/ { printf("%s\n", probe); }' -c 'dd if=/proc/version of=/dev/null count=1' 2>/dev/null
echo "exit $?"
