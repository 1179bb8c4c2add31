# SPDX-License-Identifier: GPL-2.0
# what: openat.bt unchanged attaches (do_sys_open is inlined on 6.1: no event) and exits 0
# expect: ^Attaching 2 probes\.\.\.$
# expect-not: open .* err
bt -c 'cat /proc/1/mapss' /seed/openat.bt
