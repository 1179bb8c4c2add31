# SPDX-License-Identifier: GPL-2.0
# what: ctx in a kprobe and a kretprobe is the struct pt_regs: ->di is arg0, ->ax is retval
# expect: ^Attaching 2 probes\.\.\.$
# expect: ^entry 1 1$
# expect: ^return 1$
# expect-not: ^entry 0|^return 0
bt -c 'dd if=/proc/version of=/dev/null count=1' -e 'k:vfs_read /pid == cpid/ { $r = (struct pt_regs *)ctx; printf("entry %d %d\n", $r->di == arg0, $r->dx == arg2); } kr:vfs_read /pid == cpid/ { $r = (struct pt_regs *)ctx; printf("return %d\n", $r->ax == retval); }'
