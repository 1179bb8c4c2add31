# SPDX-License-Identifier: GPL-2.0
# what: oncpu -F 999 -c dd (profile; no kprobe mode): dd's kernel and user stacks counted
# timeout: 40
# expect: ^@\[$
# expect: ^ +[a-z_]+[a-z0-9_.]*\+[0-9]+$
# expect: ^, dd\]: [0-9]+$
oncpu -F 999 -c 'dd if=/dev/zero of=/dev/null bs=64k count=20000'
