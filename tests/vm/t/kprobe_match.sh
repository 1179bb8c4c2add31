# SPDX-License-Identifier: GPL-2.0
# what: kprobe wildcards, module:function, kretprobe on a clone by its plain name, a wildcard matching nothing
# timeout: 60
# rc: 1
# expect: ^@glob\[vfs_read\]: [0-9]+$
# expect: ^@mod: 5$
# expect: ^@ret\[finish_task_switch\.isra\.0\]: [0-9]+$
# expect: ^@n: [0-9]+$
# expect: ^stdin:1:1: error: k:bt_no_such_fn: no kernel function 'bt_no_such_fn' can be probed
# expect: ^stdin:1:1: error: k:bt_no_such_fn_\*: no kernel function matches 'bt_no_such_fn_\*'$
bt -e 'k:vfs_rea* /pid == cpid/ { @glob[func] = count(); }' -c 'dd if=/proc/version of=/dev/null' || exit 9
bt -e 'k:null_blk:null_queue_rq { @mod = count(); }' -c 'vmtarget dio /dev/nullb0 5' || exit 9
bt -e 'kr:finish_task_switch /pid == cpid/ { @ret[func] = count(); }' -c 'sleep 0.1' || exit 9
n=$(grep -c '^vfs_rea' /sys/kernel/tracing/available_filter_functions)
bt -e 'k:vfs_rea* { @n = count(); exit(); }' | grep -q "^Attaching $n probes" && echo "@n: $n"
bt -e 'k:bt_no_such_fn { @ = count(); }'
bt -e 'k:bt_no_such_fn_* { @ = count(); }'
