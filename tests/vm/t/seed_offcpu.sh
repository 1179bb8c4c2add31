# SPDX-License-Identifier: GPL-2.0
# what: offcpu.bt unchanged with -c 'sleep 1': kprobe on finish_task_switch (.isra.0 clone), ~1 s off-CPU for sleep
# timeout: 40
# expect: ^@off\[$
# expect: ^ +[a-z_]+[a-z0-9_.]*\+[0-9]+$
# assert: awk -F': ' '/^, sleep\]: [0-9]+$/ && $2 > 900000000 && $2 < 1500000000 { ok = 1 } END { exit !ok }' "$out"
bt -c 'sleep 1' /seed/offcpu.bt
