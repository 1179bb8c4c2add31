# SPDX-License-Identifier: GPL-2.0
# what: read_init_task.bt unchanged: init_task through BTF's struct task_struct
# expect: ^init task name swapper/0$
bt /seed/read_init_task.bt
