# SPDX-License-Identifier: GPL-2.0
# what: biolat --kprobe: latency of 50 direct reads of /dev/nullb0
# timeout: 40
# expect: ^@dist\[nullb0\]: *$
# expect: ^@stat\[nullb0\]: count 50, average [0-9]+, total [0-9]+$
# biolat takes no -c (IO completes in interrupt context): start the reads once it has attached
biolat --kprobe 8 1 > /tmp/b 2>&1 &
n=0; while ! grep -q Attaching /tmp/b && [ $((n += 1)) -lt 100 ]; do sleep 0.2; done
sleep 2
vmtarget dio /dev/nullb0 50
wait
cat /tmp/b
