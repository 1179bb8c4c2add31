# SPDX-License-Identifier: GPL-2.0
# what: wqlat --kprobe 2 1: work items' run time by function
# timeout: 40
# expect: ^@run\[[a-z_0-9]+\]: count [0-9]+, average [0-9]+, total [0-9]+$
wqlat --kprobe 2 1
