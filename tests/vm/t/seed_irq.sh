# SPDX-License-Identifier: GPL-2.0
# what: irq.bt unchanged attaches (handle_irq_event_percpu is inlined on 6.1) and prints the time every 2 s
# timeout: 20
# expect: ^Attaching 2 probes\.\.\.$
# expect: ^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$
timeout -s INT 8 bt /seed/irq.bt
