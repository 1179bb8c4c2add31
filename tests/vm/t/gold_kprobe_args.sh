# SPDX-License-Identifier: GPL-2.0
# what: kprobe/kretprobe args and retval: a user path read with str(arg1), reads counted and summed, retval as hist: as bpftrace 0.17
# golden
$BT -e 'kprobe:do_sys_openat2 /comm == "cat"/ { printf("open %s\n", str(arg1)); }
	kretprobe:do_sys_openat2 /comm == "cat"/ { printf("ret %d\n", retval); }' \
	-c 'cat /nonexistent/file' 2>/dev/null
echo "exit $?"
$BT -e 'kprobe:vfs_read /comm == "dd"/ { @n = count(); @b = sum(arg2); @c[arg2] = count(); }
	kretprobe:vfs_read /comm == "dd"/ { @r = hist(retval); @s = stats(retval > 0 ? 1 : 0); }' \
	-c 'dd if=/seed/bio.bt of=/dev/null bs=64' 2>/dev/null
echo "exit $?"
