# SPDX-License-Identifier: GPL-2.0
# what: kmallocstack --kprobe: dd's 4 KiB seq_file buffer from reading /proc/version
# timeout: 40
# expect: ^@detail\[dd, ?$
# expect: ^\[4K, \.\.\.\) +[0-9]+ \|@+ *\|$
kmallocstack --kprobe -c 'dd if=/proc/version of=/dev/null'
