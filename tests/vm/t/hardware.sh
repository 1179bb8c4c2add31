# SPDX-License-Identifier: GPL-2.0
# what: hardware: the emulated CPU has no PMU: one located error, nothing attached
# rc: 1
# expect: ^stdin:1:1: error: hardware:cycles:1000000: this kernel/CPU has no hardware performance counters
# expect-not: ^Attaching
bt -e 'hardware:cycles:1000000 { @ = count(); }'
