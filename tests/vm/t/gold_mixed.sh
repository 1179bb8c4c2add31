# SPDX-License-Identifier: GPL-2.0
# what: a tracepoint and a kprobe in one probe (sockstat.bt's form), probe named per attach point (printf: a map's entries of equal value print in bpftrace's hash order); ctx of a kprobe as pt_regs: as bpftrace 0.17
# golden
$BT -e 'tracepoint:syscalls:sys_enter_openat, kprobe:do_sys_openat2 /comm == "cat"/ { printf("%s\n", probe); }' \
	-c 'cat /nonexistent/file' 2>/dev/null
echo "exit $?"
$BT -e 'kprobe:vfs_read /comm == "dd"/ { $r = (struct pt_regs *)ctx; @e[$r->di == arg0, $r->dx == arg2] = count(); }
	kretprobe:vfs_read /comm == "dd"/ { $r = (struct pt_regs *)ctx; @x[$r->ax == retval] = count(); }' \
	-c 'dd if=/proc/version of=/dev/null count=1' 2>/dev/null
echo "exit $?"
