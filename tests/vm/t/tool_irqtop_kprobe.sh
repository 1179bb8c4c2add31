# SPDX-License-Identifier: GPL-2.0
# what: irqtop -C --kprobe 1 4 (counts: --kprobe/--kfunc do not time handlers): the serial port's IRQ 4 counted by cpu
# timeout: 40
# expect: ^@irq\[[0-9]+, 4, ttyS0\]: [0-9]+$
irqtop -C --kprobe 1 4 > /tmp/i 2>&1 &
pid=$!
vm-attached $pid 1 || { cat /tmp/i; exit 1; }
for i in 1 2 3 4 5 6 7 8; do echo "irq-noise $i" > /dev/console; sleep 0.2; done
wait
cat /tmp/i
