# SPDX-License-Identifier: GPL-2.0
# what: biolat --kfunc: latency of 50 direct reads of /dev/nullb0, printed at Ctrl-C
# timeout: 40
# expect: ^@dist\[nullb0\]: *$
# expect: ^@stat\[nullb0\]: count 50, average [0-9]+, total [0-9]+$
# biolat takes no -c (IO completes in interrupt context): start the reads once
# its probes are attached, stop it once they completed (no interval to miss)
biolat --kfunc > /tmp/b 2>&1 &
pid=$!
vm-attached $pid 2 || { cat /tmp/b; exit 1; }
vmtarget dio /dev/nullb0 50
sleep 1
kill -INT $pid
wait
cat /tmp/b
