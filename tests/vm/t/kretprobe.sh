# SPDX-License-Identifier: GPL-2.0
# what: kretprobe:vfs_read retval: a 5-byte file reads as 5 then 0
# expect: ^@\[0\]: 1$
# expect: ^@\[5\]: 1$
# expect-not: ^@\[[^05]
printf hello > /tmp/f5
bt -c 'dd if=/tmp/f5 of=/dev/null bs=1k' -e 'kr:vfs_read /pid == cpid/ { @[retval] = count(); }'
