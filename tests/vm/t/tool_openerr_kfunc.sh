# SPDX-License-Identifier: GPL-2.0
# what: openerr --kfunc: the failed open of cat
# expect: ^cat open /proc/1/mapss err -2$
openerr --kfunc -c 'cat /proc/1/mapss'
