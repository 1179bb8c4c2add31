# SPDX-License-Identifier: GPL-2.0
# what: offcpu --kfunc: 6.1's BTF has no finish_task_switch (the kernel has only finish_task_switch.isra.0): one located error
# rc: 1
# expect: ^offcpu\.bt:[0-9]+:1: error: kfunc:finish_task_switch: no BTF for function 'finish_task_switch'
offcpu --kfunc -c 'sleep 1'
