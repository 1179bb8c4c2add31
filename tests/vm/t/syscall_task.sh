# SPDX-License-Identifier: GPL-2.0
# what: comm == on a dispatched syscall tracepoint (BT_SYSDISP=1: three probes of one syscall are below the dispatch threshold) counts 100 short-lived processes (reusing each other's kernel stacks, renamed midway) by their own names, with the dispatch's task cache where bt --info says it is on (6.12) and without (6.1)
# expect: ^  task cache of the syscall dispatch: (yes|no \(needs bpf_rdonly_cast)
# expect: ^@a: 1250$
# expect: ^@b: 1250$
# expect: ^@c: 700$
# assert: ! grep -Eq '^kernel 6\.(1[0-9]|[2-9][0-9])' "$out" || grep -q 'dispatch: yes' "$out"
echo "kernel $(uname -r)"
bt --info | grep 'task cache'
BT_SYSDISP=1 bt -c 'vmtarget tasks 100' -e '
t:syscalls:sys_enter_write /comm == "bt_ra"/ { @a = count(); }
t:syscalls:sys_enter_write /comm == "bt_rb"/ { @b = count(); }
t:syscalls:sys_enter_write /comm == "bt_rc"/ { @c = count(); }'
