# SPDX-License-Identifier: GPL-2.0
# what: -l lists kprobes but not their compiler clones (f.isra.0, as bpftrace 0.17); -lv lists kfunc arguments from BTF, named kfunc:vmlinux:FUNC as bpftrace 0.17 names them
# expect: ^kprobe:blkdev_direct_IO$
# expect-not: ^kprobe:.*\.(isra|part)\.0$
# expect: ^kfunc:vmlinux:vfs_read$
# expect: ^    struct file \* file$
# expect: ^    size_t count$
# expect: ^    ssize_t retval$
# expect: ^kretfunc:vmlinux:vfs_read$
bt -l 'kprobe:finish_task_switch*'
bt -l 'kprobe:blkdev_direct_IO*'
bt -lv 'kfunc:vfs_read'
bt -l 'kretfunc:vfs_read'
