# SPDX-License-Identifier: GPL-2.0
# what: sockwatch --kprobe: the loopback socket 22 -> 42666 (busybox nc server, vmtarget client bound to 42666) and its fields every second
# timeout: 40
# expect: ^got sk from [^/]+/[0-9]+$
# expect: ^data segs out [0-9]+ una [0-9]+ wnd [0-9]+$
(while :; do echo hello; sleep 0.2; done) | nc -l -p 22 >/dev/null &
sleep 0.5
vmtarget tcp 42666 22 20 &
sockwatch --kprobe --sport 22 --dport 42666 1 3
