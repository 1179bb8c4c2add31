# SPDX-License-Identifier: GPL-2.0
# what: programs bpftrace 0.17 refuses (a kretprobe on a spin-lock function, a kprobe on a missing function) and the ones it runs (a kprobe on that spin lock): exit status and stdout as bpftrace 0.17
# golden
# bpftrace 0.17 prints "Attaching 1 probe..." before it finds it cannot
# attach and exits 255 for a missing function; bt refuses before it attaches,
# exit 1 (bt-language(7), Differences): the refusals are compared as refusals
refused() { $BT -e "$1" >/dev/null 2>&1 && echo "ran: $1" || echo "refused: $1"; }
refused 'kretprobe:_raw_spin_lock { exit(); }'
$BT -e 'kprobe:_raw_spin_lock { @ = 1; exit(); }' 2>/dev/null
echo "exit $?"
refused 'kprobe:no_such_function_here { exit(); }'
refused 'kfunc:no_such_function_here { exit(); }'
refused 'kretprobe:_raw_spin_unlock_irqrestore { exit(); }'
