# SPDX-License-Identifier: GPL-2.0
# what: openat.bt probing do_sys_openat2 instead: the failed open of cat
# expect: ^cat open /proc/1/mapss err -2$
sed 's/^\(kr*:do_sys_open\)$/\1at2/' /seed/openat.bt > /tmp/openat2.bt
grep -c do_sys_openat2 /tmp/openat2.bt
bt -c 'cat /proc/1/mapss' /tmp/openat2.bt
