# SPDX-License-Identifier: GPL-2.0
# what: offcpu --kprobe -c 'sleep 1': ~1 s (in us, the default unit) off-CPU by kernel and user stack for sleep
# timeout: 40
# expect: ^@off\[$
# assert: awk -F': ' '/^, sleep\]: [0-9]+$/ && $2 > 900000 && $2 < 1500000 { ok = 1 } END { exit !ok }' "$out"
offcpu --kprobe -c 'sleep 1'
