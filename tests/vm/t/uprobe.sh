# SPDX-License-Identifier: GPL-2.0
# what: uprobe and uretprobe on a test binary's function: args and retval
# expect: ^@calls\[7\]: 5$
# expect: ^@sum: 45$
bt -c 'vmtarget add 5' -e '
u:/usr/local/bin/vmtarget:bt_vm_add { @calls[arg1] = count(); }
ur:/usr/local/bin/vmtarget:bt_vm_add { @sum = sum(retval); }'
