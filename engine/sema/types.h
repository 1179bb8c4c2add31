/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Value types, as sema infers them and as they are laid out in BPF memory
 * (map keys and values, ringbuf records). The runtime and printers read
 * bytes laid out by these types; codegen writes them.
 *
 * Storage rules (little endian, natural alignment within tuples):
 *  INT      size 1/2/4/8 bytes; in map keys, values and records always 8
 *           bytes (sign- or zero-extended per is_signed)
 *  STR      size bytes, NUL-padded (comm: 16, str(): BT strlen, default 64)
 *  KSTACK   8 bytes: u32 stack id in the low half of a u64 (stack map BT_STACKMAP),
 *           -1 (all ones) when the stack could not be read
 *  USTACK   16 bytes: u64 stack id, u64 pid (for symbolization)
 *  KSYM     8 bytes: kernel address, printed as the symbol name
 *  USYM     16 bytes: u64 address, u32 pid, u32 probe cookie + 1 for a uprobe's
 *           'func' (named from the probe's target even after the process exits), else 0
 *  PROBE    8 bytes: index into bt_prog.probe_names
 *  TUPLE    elements at offs[i], size = sum rounded up to 8
 *  PTR      8 bytes; elem = pointee (RECORD, INT, ...); user: user address space
 *  RECORD   a struct/union by value (size bytes); btf_id or a script struct
 *  ARRAY    count elems of elem
 *  BUF      u32 length + bytes (buf())
 *  INET     u64 family + 16 address bytes (ntop)
 *  TIMESTAMP 8 bytes: ns since boot (strftime), printed with the format in name
 *  CGPATH   8 bytes: cgroup id, printed as its paths (cgroup_path)
 *  FN       size bytes made by builtin fn (strerror: the errno), printed by its row
 *  NONE     statements/void calls
 */
#ifndef BT_TYPES_H
#define BT_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum bt_tkind {
	BT_T_NONE,
	BT_T_INT,
	BT_T_STR,
	BT_T_KSTACK,
	BT_T_USTACK,
	BT_T_KSYM,
	BT_T_USYM,
	BT_T_PROBE,
	BT_T_TUPLE,
	BT_T_PTR,
	BT_T_RECORD,
	BT_T_ARRAY,
	BT_T_BUF,
	BT_T_INET,
	BT_T_USERNAME,	/* 8 bytes: uid, printed as user name */
	BT_T_CTX,	/* 'args' of a tracepoint/tp_btf/kfunc: pointer to a record */
	BT_T_AGG,	/* a map value filled by count() etc.: see enum bt_agg */
	BT_T_TIMESTAMP, /* strftime(): u64 ns since boot; name holds the strftime format */
	BT_T_CGPATH,	/* cgroup_path(): u64 cgroup id; name holds the filter or NULL */
	BT_T_FN,	/* a value printed by its builtin's printer (bt_builtins[fn].print) */
};

/* Aggregation kinds of a map value (BT_T_AGG). */
enum bt_agg {
	BT_AGG_NONE,
	BT_AGG_COUNT, /* u64 per CPU */
	BT_AGG_SUM,   /* s64 per CPU (u64 when the argument is unsigned) */
	BT_AGG_MIN,   /* struct { s64 value; u64 set; } per CPU */
	BT_AGG_MAX,   /* same */
	BT_AGG_AVG,   /* struct { s64 total; u64 count; } per CPU */
	BT_AGG_STATS, /* same as AVG */
	BT_AGG_HIST,  /* u64 count per CPU; bucket index appended to the key (u64) */
	BT_AGG_LHIST, /* same; params lhist_min/max/step */
};

/* Stack modes as bpftrace names them. */
enum bt_stack_mode { BT_STACK_BPFTRACE, BT_STACK_PERF, BT_STACK_RAW };

struct bt_record;

struct bt_type {
	enum bt_tkind kind;
	uint32_t size;	/* bytes this value takes in keys/values/records */
	bool is_signed; /* INT; also SUM/MIN/MAX signedness */
	bool user;	/* PTR/STR source address space: user memory */
	bool kernel;	/* INT/PTR from a kernel probe's argN/sargN/retval: read as kernel memory */
	struct bt_type *elem;	/* PTR: pointee; ARRAY: element */
	uint32_t count;		/* ARRAY: element count; TUPLE: number of elems */
	struct bt_type **elems; /* TUPLE elements */
	uint32_t *offs;		/* TUPLE element offsets */
	/* RECORD (also PTR->RECORD's elem): a kernel BTF type or a script struct */
	int btf_id;		     /* > 0 for kernel types */
	const struct bt_record *rec; /* script-defined struct, or NULL */
	const char *name;	     /* "struct task_struct", "int32", ... for messages */
	/* KSTACK/USTACK */
	enum bt_stack_mode stack_mode;
	int stack_depth; /* frames, default 127 */
	/* AGG */
	enum bt_agg agg;
	int64_t lhist_min, lhist_max, lhist_step;
	int fn; /* FN: the enum bt_builtin_id that made it */
};

/* A script-defined struct (struct X { ... } in the script). */
struct bt_record_field {
	char *name;
	struct bt_type *type;
	uint32_t off;
	uint32_t bit_off, bit_size; /* a bitfield: bits at off (bit_size 0: not one) */
	bool data_loc;		    /* tracepoint __data_loc field: u32 (len << 16 | offset) */
};

struct bt_record {
	char *name; /* "struct X" */
	uint32_t size;
	uint32_t align; /* script structs: gcc's alignment */
	bool defined;	/* script structs: the body was seen (not only "struct X;") */
	struct bt_record_field *fields;
	size_t nfields;
};

/* Returns a human-readable name ("uint64", "string[16]", "kstack") into buf. */
const char *bt_type_str(const struct bt_type *t, char *buf, size_t len);

#endif
