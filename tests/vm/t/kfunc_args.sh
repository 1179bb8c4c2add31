# SPDX-License-Identifier: GPL-2.0
# what: kfunc:vfs_read typed args->count, kretfunc retval and args
# expect: ^@count\[1000\]: 2$
# expect: ^@ret\[5, 1000\]: 1$
# expect: ^@ret\[0, 1000\]: 1$
printf hello > /tmp/f5
bt -c 'dd if=/tmp/f5 of=/dev/null bs=1000' -e '
kfunc:vfs_read /pid == cpid/ { @count[args->count] = count(); }
kretfunc:vfs_read /pid == cpid/ { @ret[retval, args->count] = count(); }'
