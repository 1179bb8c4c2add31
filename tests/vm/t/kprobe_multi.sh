# SPDX-License-Identifier: GPL-2.0
# what: many kprobes as one kprobe_multi link where the kernel has them (bt --info says): same functions, counts and probe names as one kprobe each (BT_NO_KPROBE_MULTI=1); kretprobe too
# timeout: 120
# expect: ^multi ok$
# expect: ^same functions$
# expect: ^@r\[kretprobe:vfs_read\]: [0-9]+$
# expect: ^@p\[kprobe:vfs_read\]: [0-9]+$
if bt --info | grep -q '^  kprobe_multi: yes$'; then
	bt -v --dry-run -e 'k:vfs_* { @ = count(); }' 2>&1 | grep -q 'kprobe\.multi' && echo "multi ok"
else
	bt -v --dry-run -e 'k:vfs_* { @ = count(); }' 2>&1 | grep -q 'kprobe\.multi' || echo "multi ok"
fi
bt -e 'k:vfs_* /pid == cpid/ { @[func] = count(); }' -c 'dd if=/proc/version of=/dev/null' | grep '^@\[' | cut -d: -f1 | sort > /tmp/multi
BT_NO_KPROBE_MULTI=1 bt -e 'k:vfs_* /pid == cpid/ { @[func] = count(); }' -c 'dd if=/proc/version of=/dev/null' | grep '^@\[' | cut -d: -f1 | sort > /tmp/single
cat /tmp/multi
[ -s /tmp/multi ] && cmp -s /tmp/multi /tmp/single && echo "same functions"
bt -e 'kr:vfs_r* /pid == cpid/ { @r[probe] = count(); } k:vfs_rea*,k:vfs_write /pid == cpid/ { @p[probe] = count(); }' -c 'dd if=/proc/version of=/dev/null'
