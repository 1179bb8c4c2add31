# SPDX-License-Identifier: GPL-2.0
# what: openerr --kprobe: the failed open of cat
# expect: ^cat open /proc/1/mapss err -2$
openerr --kprobe -c 'cat /proc/1/mapss'
