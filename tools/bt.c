// SPDX-License-Identifier: GPL-2.0
/*
 * bt: a drop-in for the bpftrace 0.17 command line. Parses bpftrace's
 * options, reads the script, and hands everything to bt_run() / bt_list().
 * Option errors are one line naming the problem (bpftrace dumps the usage).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bt/bt.h>
#include <bt/vec.h>

static const char usage_text[] =
	"USAGE:\n"
	"    bt [options] filename [args]\n"
	"    bt [options] - <stdin input>\n"
	"    bt [options] -e 'program' [args]\n"
	"\n"
	"OPTIONS:\n"
	"    -B MODE        output buffering mode ('line', 'full', 'none')\n"
	"    -f FORMAT      output format ('text', 'json')\n"
	"    -o file        redirect bt output to file\n"
	"    -e 'program'   execute this program\n"
	"    -h, --help     show this help message\n"
	"    -I DIR         add the directory to the include search path\n"
	"    --include FILE add an #include file before preprocessing\n"
	"    -l [search]    list probes\n"
	"    -p PID         trace PID only where the probe allows (uprobes)\n"
	"    -c 'CMD'       run CMD and trace it (cpid); stop when it exits\n"
	"    --usdt-file-activation\n"
	"                   accepted for bpftrace compatibility\n"
	"    --unsafe       allow unsafe builtin functions\n"
	"    -q             keep messages quiet\n"
	"    -k, -kk        warn when a BPF helper fails (-k: map updates, deletes; -kk: all)\n"
	"    -D NAME[=VAL]  define a preprocessor macro\n"
	"    --dry-run      compile and load through the verifier, attach nothing\n"
	"    --script       print the preprocessed script and exit\n"
	"    --no-cache     do not use the compile cache\n"
	"    --stats        print each probe's run count and run time at exit (stderr)\n"
	"    --no-warnings  disable all warning messages\n"
	"    --emit-elf FILE  (dry run) write the BPF ELF object to FILE\n"
	"    --emit-llvm FILE write LLVM IR to FILE.original.ll and FILE.optimized.ll\n"
	"    -V, --version  bt version\n"
	"    --info         what this kernel supports: probe types tried for real\n"
	"\n"
	"METRICS OPTIONS (serve the maps to Prometheus instead of printing them):\n"
	"    --metrics HOST:PORT   serve /metrics over HTTP (Prometheus, OpenMetrics)\n"
	"    --metrics-file PATH   write them to PATH atomically (node_exporter textfile)\n"
	"    --metrics-interval N  seconds between --metrics-file writes (default 15)\n"
	"    --interval N          alias of --metrics-interval\n"
	"    --label-names a,b     label names of the map keys (default key0,key1..)\n"
	"    --unit UNIT           unit of hist/stats values, e.g. us (shown in seconds)\n"
	"    --max-series N        series per map at most (default 10000)\n"
	"\n"
	"TROUBLESHOOTING OPTIONS:\n"
	"    -v             verbose messages (libbpf and the verifier log)\n"
	"    -d, -dd        (dry run) debug info\n"
	"\n"
	"ENVIRONMENT:\n"
	"    BPFTRACE_STRLEN             [default: 64] bytes on BPF stack per str()\n"
	"    BPFTRACE_NO_CPP_DEMANGLE    [default: 0] disable C++ symbol demangling\n"
	"    BPFTRACE_MAP_KEYS_MAX       [default: 4096] max keys in a map\n"
	"    BPFTRACE_CAT_BYTES_MAX      [default: 10k] maximum bytes read by cat builtin\n"
	"    BPFTRACE_MAX_PROBES         [default: 512] max number of probes\n"
	"    BPFTRACE_MAX_BPF_PROGS      [default: 512] max number of generated BPF programs\n"
	"    BPFTRACE_LOG_SIZE           [default: 1000000] log size in bytes\n"
	"    BPFTRACE_PERF_RB_PAGES      [default: 1 or 32 MiB in all] pages per CPU for the ring "
	"buffer\n"
	"    (bt's own BT_* switches: bt(8) ENVIRONMENT)\n"
	"\n"
	"EXAMPLES:\n"
	"bt -l '*sleep*'\n"
	"    list probes containing \"sleep\"\n"
	"bt -e 'tracepoint:syscalls:sys_enter_nanosleep { printf(\"PID %d sleeping...\\n\", pid); "
	"}'\n"
	"    trace processes calling sleep\n"
	"bt -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'\n"
	"    count syscalls by process name\n"
	"bt -c 'ls /tmp' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { "
	"printf(\"%s\\n\", str(args->filename)); }'\n"
	"    show the files a command opens\n"
	"bt --metrics 127.0.0.1:9435 -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); "
	"}'\n"
	"    serve syscall counts by process name to Prometheus\n";

enum {
	OPT_INCLUDE = 256,
	OPT_USDT_FILE,
	OPT_UNSAFE,
	OPT_DRY_RUN,
	OPT_NO_CACHE,
	OPT_SCRIPT,
	OPT_STATS,
	OPT_METRICS,
	OPT_METRICS_FILE,
	OPT_INTERVAL,
	OPT_LABEL_NAMES,
	OPT_UNIT,
	OPT_MAX_SERIES,
	OPT_INFO,
	OPT_NO_WARNINGS,
	OPT_EMIT_LLVM,
	OPT_EMIT_ELF,
};

static const struct option long_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"info", no_argument, NULL, OPT_INFO},
	{"include", required_argument, NULL, OPT_INCLUDE},
	{"usdt-file-activation", no_argument, NULL, OPT_USDT_FILE},
	{"unsafe", no_argument, NULL, OPT_UNSAFE},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"no-cache", no_argument, NULL, OPT_NO_CACHE},
	{"script", no_argument, NULL, OPT_SCRIPT},
	{"stats", no_argument, NULL, OPT_STATS},
	{"metrics", required_argument, NULL, OPT_METRICS},
	{"metrics-file", required_argument, NULL, OPT_METRICS_FILE},
	{"interval", required_argument, NULL, OPT_INTERVAL},
	{"metrics-interval", required_argument, NULL, OPT_INTERVAL},
	{"label-names", required_argument, NULL, OPT_LABEL_NAMES},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"max-series", required_argument, NULL, OPT_MAX_SERIES},
	{"no-warnings", no_argument, NULL, OPT_NO_WARNINGS},
	{"emit-llvm", required_argument, NULL, OPT_EMIT_LLVM},
	{"emit-elf", required_argument, NULL, OPT_EMIT_ELF},
	{0},
};

static void __attribute__((format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fputs("bt: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bt: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (try 'bt --help')\n", stderr);
	exit(1);
}

/* Reads all of f; NULL with errno set on failure. */
static char *read_stream(FILE *f, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	do {
		if (bt_vec_reserve(buf, cap, n + 4096)) {
			free(buf);
			errno = ENOMEM;
			return NULL;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static char *read_script(const char *path, size_t *len)
{
	struct stat st;
	char *text;
	FILE *f;

	if (!strcmp(path, "-"))
		return read_stream(stdin, len);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		die("cannot read '%s': %s", path, strerror(EISDIR));
	f = fopen(path, "re");
	if (!f)
		die("cannot read '%s': %s", path, strerror(errno));
	text = read_stream(f, len);
	if (!text)
		die("cannot read '%s': %s", path, strerror(errno));
	fclose(f);
	return text;
}

/* --metrics-interval, --max-series: an integer >= 1 */
static int parse_count(const char *s, const char *opt)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0 || v > INT_MAX)
		usage_error("invalid value '%s' for %s", s, opt);
	return (int)v;
}

static int parse_pid(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0 || v > INT_MAX)
		usage_error("invalid PID: '%s'", s);
	return (int)v;
}

static void add_define(struct bt_define **defs, size_t *n, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct bt_define *d;
	char *name;

	if (eq == arg || !*arg)
		usage_error("invalid define: '-D %s'", arg);
	name = eq ? strndup(arg, eq - arg) : strdup(arg);
	if (!name || bt_vec_push(*defs, *n))
		die("%s", strerror(ENOMEM));
	d = *defs;
	d[*n] = (struct bt_define){
		.name = name,
		.kind = eq ? BT_DEF_RAW : BT_DEF_FLAG,
		.ival = 1,
		.sval = eq ? eq + 1 : NULL,
	};
	(*n)++;
}

static void set_buffering(const char *mode)
{
	if (!strcmp(mode, "line"))
		setvbuf(stdout, NULL, _IOLBF, 0);
	else if (!strcmp(mode, "full"))
		setvbuf(stdout, NULL, _IOFBF, 0);
	else if (!strcmp(mode, "none"))
		setvbuf(stdout, NULL, _IONBF, 0);
	else
		usage_error("invalid buffering mode: '%s' (expected line, full or none)", mode);
}

/* What the command line gives besides bt_run_opts. */
struct cli {
	struct bt_run_opts o;
	struct bt_define *defs;
	size_t ndefs;
	char **includes;
	size_t nincludes;
	const char *prog_text;
	bool list;
};

/* An unknown option or a missing argument: the error, then the usage, as bpftrace. */
static void __attribute__((noreturn)) bad_option(const char *opt, bool missing)
{
	if (missing)
		fprintf(stderr, "bt: error: option '%s' needs an argument\n", opt);
	else
		fprintf(stderr, "bt: error: unknown option '%s'\n", opt);
	fputs(usage_text, stderr);
	exit(1);
}

static void __attribute__((noreturn)) bad_getopt(char **argv)
{
	char opt[3] = {'-', (char)optopt, 0};

	if (optopt >= OPT_INCLUDE)
		bad_option(argv[optind - 1], true);
	if (optopt && strchr("BfoeIpcD", optopt))
		bad_option(opt, true);
	bad_option(optopt ? opt : argv[optind - 1], false);
}

/* Options without an argument that only set a flag; false if c is not one. */
static bool flag_opt(struct cli *cl, int c)
{
	struct bt_run_opts *o = &cl->o;

	switch (c) {
	case 'l':
		cl->list = true;
		break;
	case 'q':
		o->quiet = true;
		break;
	case 'v':
		o->verbose++;
		break;
	case 'k':
		o->helper_errors++;
		break;
	case 'd':
		o->dry_run = true;
		o->verbose++;
		break; /* bpftrace's -d/-dd: debug dry run */
	case OPT_USDT_FILE:
		break;
	case OPT_UNSAFE:
		o->unsafe = true;
		break;
	case OPT_DRY_RUN:
		o->dry_run = true;
		break;
	case OPT_NO_CACHE:
		o->no_cache = true;
		break;
	case OPT_SCRIPT:
		o->print_script = true;
		break;
	case OPT_STATS:
		o->stats = true;
		break;
	case OPT_NO_WARNINGS:
		o->no_warnings = true;
		break;
	default:
		return false;
	}
	return true;
}

/* Options with an argument; false if c is not one. */
static bool arg_opt(struct cli *cl, int c, const char *arg)
{
	struct bt_run_opts *o = &cl->o;

	switch (c) {
	case 'B':
		set_buffering(arg);
		break;
	case 'f':
		if (strcmp(arg, "json") && strcmp(arg, "text"))
			usage_error("invalid output format: '%s' (expected text or json)", arg);
		o->format = strcmp(arg, "json") ? BT_FMT_TEXT : BT_FMT_JSON;
		break;
	case 'o':
		o->output_path = arg;
		break;
	case 'e':
		cl->prog_text = arg;
		break;
	case 'I':
		break; /* bt_run_opts has no include path yet: accepted, not used */
	case OPT_INCLUDE:
		if (bt_vec_push(cl->includes, cl->nincludes))
			die("%s", strerror(ENOMEM));
		cl->includes[cl->nincludes++] = (char *)arg;
		break;
	case 'p':
		o->pid = parse_pid(arg);
		break;
	case 'c':
		o->cmd = arg;
		break;
	case 'D':
		add_define(&cl->defs, &cl->ndefs, arg);
		break;
	case OPT_METRICS:
		o->metrics_addr = arg;
		break;
	case OPT_METRICS_FILE:
		if (!*arg)
			usage_error("empty file name for --metrics-file");
		o->metrics_file = arg;
		break;
	case OPT_INTERVAL:
		o->metrics_interval = parse_count(arg, "--metrics-interval");
		break;
	case OPT_LABEL_NAMES:
		o->label_names = arg;
		break;
	case OPT_UNIT:
		o->unit = arg;
		break;
	case OPT_MAX_SERIES:
		o->max_series = parse_count(arg, "--max-series");
		break;
	case OPT_EMIT_LLVM:
		o->emit_llvm = arg;
		break;
	case OPT_EMIT_ELF:
		o->emit_elf = arg;
		break;
	default:
		return false;
	}
	return true;
}

/* Parses the options; returns -1 to go on, or the exit status (-h, -V, --info). */
static int parse_opts(struct cli *cl, int argc, char **argv)
{
	int c;

	opterr = 0;
	/* options may follow positionals, as with bpftrace; "--" ends them */
	while ((c = getopt_long(argc, argv, "B:f:o:e:hI:lp:c:qvkVdD:", long_opts, NULL)) != -1) {
		if (flag_opt(cl, c) || arg_opt(cl, c, optarg))
			continue;
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("bt v%s\n", BT_VERSION);
			return 0;
		case OPT_INFO:
			return bt_info(stdout);
		default:
			bad_getopt(argv);
		}
	}
	return -1;
}

/* The script from -e or the first positional; the rest are its arguments. */
static char *take_script(struct cli *cl, int argc, char **argv)
{
	struct bt_run_opts *o = &cl->o;
	char *script;
	size_t len;

	if (cl->prog_text) {
		len = strlen(cl->prog_text);
		script = strdup(cl->prog_text);
		if (!script)
			die("%s", strerror(ENOMEM));
		o->script_name = "stdin";
	} else {
		if (optind >= argc)
			usage_error("no program given: use -e 'program' or a script file");
		o->script_name = argv[optind];
		script = read_script(argv[optind], &len);
		if (!strcmp(o->script_name, "-"))
			o->script_name = "stdin";
		optind++;
	}
	o->script = script;
	o->script_len = len;
	o->args = argv + optind;
	o->nargs = argc - optind;
	return script;
}

int main(int argc, char **argv)
{
	struct cli cl = {.o = {.prog_name = "bt"}};
	struct bt_run_opts *o = &cl.o;
	char *script;
	int status;

	bt_stdout_buffer();
	status = parse_opts(&cl, argc, argv);
	if (status >= 0)
		return status;
	if (cl.list) {
		/* bpftrace 0.17 lists by the pattern alone: so does bt, saying so */
		if (cl.prog_text && !o->no_warnings)
			fputs("bt: warning: -l lists by its search pattern; the -e program is "
			      "ignored\n",
			      stderr);
		if (argc - optind > 1)
			usage_error("-l takes one search pattern");
		if (o->pid)
			return bt_list_pid(optind < argc ? argv[optind] : NULL, o->verbose > 0,
					   o->pid);
		return bt_list(optind < argc ? argv[optind] : NULL, o->verbose > 0);
	}
	script = take_script(&cl, argc, argv);
	o->defines = cl.defs;
	o->n_defines = cl.ndefs;
	o->includes = (const char *const *)cl.includes;
	o->n_includes = cl.nincludes;
	if (o->pid && o->cmd)
		usage_error("-p and -c cannot be used together");
	if (o->metrics_interval && !o->metrics_file)
		usage_error("--metrics-interval needs --metrics-file");

	if (!o->print_script && !o->emit_elf && !bt_can_trace())
		die("bt needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs");

	status = bt_run(o);

	free(script);
	while (cl.ndefs--)
		free((char *)cl.defs[cl.ndefs].name);
	free(cl.defs);
	free(cl.includes);
	return status;
}
