// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over bt's front end: preprocess + lex + parse + sema,
 * without a kernel (sema reads vmlinux BTF and tracefs; nothing is loaded or
 * attached). The input is a script; errors go to /dev/null. Built and run by
 * mk/fuzz.mk (make fuzz FUZZ_SECONDS=N); with file arguments and no -flags
 * it is also a plain reproducer: ./fuzz_front crash-file ...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/bt.h>

#include "front/diag.h"
#include "kernel/ktypes.h"
#include "front/parser.h"
#include "prog.h"
#include "sema/sema.h"
#include "sema/tpool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static FILE *devnull;

static void release(void)
{
	bt_kbtf_release();
	if (devnull)
		fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = fopen("/dev/null", "w");
	atexit(release);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const args[] = { (char *)"1", (char *)"abc" };
	static const struct bt_define defs[] = {
		{ .name = "FLAG", .kind = BT_DEF_FLAG, .ival = 1 },
		{ .name = "NUM", .kind = BT_DEF_INT, .ival = 42 },
		{ .name = "NAME", .kind = BT_DEF_STR, .sval = "a\"b\n*/" },
	};
	struct bt_diag d;
	struct bt_node *root = NULL;
	struct bt_tpool pool;
	struct bt_prog prog;
	struct bt_sema sema;
	struct bt_src *src;
	char *text;

	if (size > (1 << 20))
		return -1; /* bigger than any script worth the time */
	memset(&pool, 0, sizeof(pool));
	memset(&prog, 0, sizeof(prog));
	memset(&sema, 0, sizeof(sema));
	bt_diag_init(&d, "bt");
	d.out = devnull;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	src = bt_diag_add_src(&d, "fuzz.bt", text, size);
	if (src && bt_parse(&d, src, defs, sizeof(defs) / sizeof(defs[0]), &root) == 0) {
		sema.d = &d;
		sema.root = root;
		sema.prog = &prog;
		sema.pool = &pool;
		sema.args = args;
		sema.nargs = 2;
		bt_sema_run(&sema);
	}
	bt_sema_fini(&sema);
	if (root)
		bt_node_free(root);
	bt_prog_free(&prog);
	bt_pool_free(&pool);
	bt_diag_fini(&d);
	return 0;
}
