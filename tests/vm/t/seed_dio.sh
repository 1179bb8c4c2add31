# SPDX-License-Identifier: GPL-2.0
# what: dio.bt unchanged on direct reads of /dev/nullb0 (blkdev_direct_IO is blkdev_direct_IO.part.0)
# timeout: 40
# expect: ^@usecs\[$
# expect: ^ +blkdev_direct_IO[a-z0-9_.]*\+[0-9]+$
# expect: ^\[[0-9]+[KM]?, [0-9]+[KM]?\) +[0-9]+ \|@+ *\|$
bt -c 'vmtarget dio /dev/nullb0 50' /seed/dio.bt
