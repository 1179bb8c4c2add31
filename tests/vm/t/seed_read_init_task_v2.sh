# SPDX-License-Identifier: GPL-2.0
# what: read_init_task_v2.bt unchanged runs (its pad is the seed kernel's 2872); with 2976 it reads swapper/0
# expect: ^init task name
# expect: ^v2976: init task name swapper/0$
bt /seed/read_init_task_v2.bt || exit 1
sed 's/pad\[2872\]/pad[2976]/' /seed/read_init_task_v2.bt > /tmp/v2976.bt
bt /tmp/v2976.bt | sed 's/^init/v2976: init/'
