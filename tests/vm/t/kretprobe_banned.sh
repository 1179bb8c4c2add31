# SPDX-License-Identifier: GPL-2.0
# what: kretprobes on the spin-lock functions bpftrace bans are refused, by name and through a wildcard; a kprobe on one is not
# rc: 1
# expect: ^stdin:1:1: error: kretprobe:_raw_spin_lock: a kretprobe on _raw_spin_lock can't be used as it might lock up your system$
# expect: ^stdin:1:1: error: kr:_raw_spin_lock_irq\*: a kretprobe on _raw_spin_lock_irqsave can't be used as it might lock up your system$
# expect: ^k ok$
# expect-not: ^Attaching
bt -e 'kretprobe:_raw_spin_lock { exit(); }'
bt -e 'kr:_raw_spin_lock_irq* { exit(); }'
bt --dry-run -e 'k:_raw_spin_lock { exit(); }' && echo "k ok"
exit 1
