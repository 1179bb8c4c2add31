# SPDX-License-Identifier: GPL-2.0
# what: kaddr() of kernel data read as a struct, a string and through * of an integer (64 bits), the name from a positional parameter: as bpftrace 0.17
# golden
$BT -e 'BEGIN {
	$t = (struct task_struct *)kaddr("init_task");
	printf("%s %d %d\n", $t->comm, $t->pid, $t->tgid);
	printf("[%s]\n", str(kaddr("linux_banner"), 14));
	$p = kaddr("linux_banner");
	printf("%lx %x\n", *$p, *($p + 8) & 0xffff);
	exit();
}' 2>/dev/null
echo "exit $?"
$BT -e 'BEGIN { printf("%s\n", ((struct task_struct *)kaddr(str($1)))->comm); exit(); }' init_task 2>/dev/null
echo "exit $?"
$BT -e 'BEGIN { printf("%d\n", kaddr("no_such_symbol_here") > 0); exit(); }' 2>/dev/null
echo "exit $?"
