# SPDX-License-Identifier: GPL-2.0
# what: -l lists kprobes (clones by their own names); -lv lists kfunc arguments from BTF, named kfunc:vmlinux:FUNC as bpftrace 0.17 names them
# expect: ^kprobe:finish_task_switch\.isra\.0$
# expect: ^kprobe:blkdev_direct_IO\.part\.0$
# expect: ^kfunc:vmlinux:vfs_read$
# expect: ^    struct file \* file$
# expect: ^    size_t count$
# expect: ^    ssize_t retval$
# expect: ^kretfunc:vmlinux:vfs_read$
bt -l 'kprobe:finish_task_switch*'
bt -l 'kprobe:blkdev_direct_IO*'
bt -lv 'kfunc:vfs_read'
bt -l 'kretfunc:vfs_read'
