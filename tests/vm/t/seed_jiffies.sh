# SPDX-License-Identifier: GPL-2.0
# what: jiffies.bt unchanged: kaddr("jiffies") read every second grows by ~HZ (250)
# timeout: 20
# expect: ^Attaching 1 probe\.\.\.$
# assert: awk '/^[0-9]+$/ { if (n++ && ($1 - p < 175 || $1 - p > 325)) exit 1; p = $1 } END { exit n < 3 }' "$out"
timeout -s INT 9 bt /seed/jiffies.bt
