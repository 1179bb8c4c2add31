# SPDX-License-Identifier: GPL-2.0
# what: irq.bt probing handle_irq_event: the serial port's IRQ 4 counted by cpu
# timeout: 30
# expect: ^@irq\[[0-9]+, 4, ttyS0\]: [0-9]+$
sed 's/handle_irq_event_percpu/handle_irq_event/' /seed/irq.bt > /tmp/irq2.bt
bt /tmp/irq2.bt > /tmp/i 2>&1 &
pid=$!
vm-attached $pid 1 || { cat /tmp/i; exit 1; }
for i in 1 2 3 4 5 6 7 8 9 10; do echo "irq-noise $i" > /dev/console; sleep 0.3; done
kill -INT $pid
wait
cat /tmp/i
