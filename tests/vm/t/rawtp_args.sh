# SPDX-License-Identifier: GPL-2.0
# what: rawtracepoint arg0 typed from btf_trace_*: request->q->disk->disk_name on null_blk
# expect: ^@\[nullb0\]: [0-9]+$
bt -c 'vmtarget dio /dev/nullb0 8' -e '
rawtracepoint:block_rq_issue { @[((struct request *)arg0)->q->disk->disk_name] = count(); }'
