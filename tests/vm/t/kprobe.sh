# SPDX-License-Identifier: GPL-2.0
# what: kprobe:vfs_read counts the reads of the traced command
# expect: ^Attaching 1 probe\.\.\.$
# expect: ^@\[dd\]: [0-9]+$
bt -c 'dd if=/proc/version of=/dev/null' -e 'k:vfs_read /pid == cpid/ { @[comm] = count(); }'
