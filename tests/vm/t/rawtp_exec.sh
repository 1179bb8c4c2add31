# SPDX-License-Identifier: GPL-2.0
# what: rawtracepoint:sched_process_exec arg2 is a struct linux_binprm *
# expect: ^exec /bin/true$
bt -c 'true' -e 'rt:sched_process_exec /pid == cpid/ { printf("exec %s\n", str(((struct linux_binprm *)arg2)->filename)); }'
