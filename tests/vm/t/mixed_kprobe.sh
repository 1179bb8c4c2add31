# SPDX-License-Identifier: GPL-2.0
# what: one probe with a tracepoint and a kprobe attach point (sockstat.bt): each counts under its own name
# timeout: 60
# expect: ^Attaching 2 probes\.\.\.$
# expect: ^@\[tracepoint:syscalls:sys_enter_bind\]: 1$
# expect: ^@\[kprobe:sock_recvmsg\]: [1-9][0-9]*$
bt -c "sh -c 'nc -l -p 5555 > /dev/null & sleep 1; echo hi | nc -w 1 127.0.0.1 5555; wait'" \
	-e 'tracepoint:syscalls:sys_enter_bind, kprobe:sock_recvmsg /comm == "nc"/ { @[probe] = count(); }'
