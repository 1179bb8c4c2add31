# SPDX-License-Identifier: GPL-2.0
# what: openerr --kfunc: the failed open of cat
# expect: ^[0-9]+ +cat +ENOENT +/proc/1/mapss$
openerr --kfunc -c 'cat /proc/1/mapss'
