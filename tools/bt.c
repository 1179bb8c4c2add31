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
	"    -k, -kk        accepted for bpftrace compatibility\n"
	"    -D NAME[=VAL]  define a preprocessor macro\n"
	"    --dry-run      compile and load through the verifier, attach nothing\n"
	"    --script       print the preprocessed script and exit\n"
	"    --no-cache     do not use the compile cache\n"
	"    --stats        print each probe's run count and run time at exit (stderr)\n"
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
	"EXAMPLES:\n"
	"bt -l '*sleep*'\n"
	"    list probes containing \"sleep\"\n"
	"bt -e 'tracepoint:syscalls:sys_enter_nanosleep { printf(\"PID %d sleeping...\\n\", pid); }'\n"
	"    trace processes calling sleep\n"
	"bt -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'\n"
	"    count syscalls by process name\n"
	"bt -c 'ls /tmp' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf(\"%s\\n\", str(args->filename)); }'\n"
	"    show the files a command opens\n"
	"bt --metrics 127.0.0.1:9435 -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'\n"
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
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "info", no_argument, NULL, OPT_INFO },
	{ "include", required_argument, NULL, OPT_INCLUDE },
	{ "usdt-file-activation", no_argument, NULL, OPT_USDT_FILE },
	{ "unsafe", no_argument, NULL, OPT_UNSAFE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "script", no_argument, NULL, OPT_SCRIPT },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "metrics", required_argument, NULL, OPT_METRICS },
	{ "metrics-file", required_argument, NULL, OPT_METRICS_FILE },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "metrics-interval", required_argument, NULL, OPT_INTERVAL },
	{ "label-names", required_argument, NULL, OPT_LABEL_NAMES },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "max-series", required_argument, NULL, OPT_MAX_SERIES },
	{ 0 },
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
	char *buf = NULL, *nb;
	size_t cap = 0, n = 0, got;

	do {
		if (cap - n < 4096) {
			nb = realloc(buf, cap + 65536);
			if (!nb) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap += 65536;
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
	d = realloc(*defs, (*n + 1) * sizeof(**defs));
	if (!name || !d)
		die("%s", strerror(ENOMEM));
	*defs = d;
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

int main(int argc, char **argv)
{
	struct bt_run_opts o = { .prog_name = "bt" };
	struct bt_define *defs = NULL;
	size_t ndefs = 0, nincludes = 0;
	char **includes = NULL;
	const char *prog_text = NULL;
	bool list = false;
	char *script;
	size_t len;
	int c, status;

	opterr = 0;
	bt_stdout_buffer();
	/* options may follow positionals, as with bpftrace; "--" ends them */
	while ((c = getopt_long(argc, argv, "B:f:o:e:hI:lp:c:qvkVdD:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'B':
			set_buffering(optarg);
			break;
		case 'f':
			if (!strcmp(optarg, "json"))
				o.format = BT_FMT_JSON;
			else if (!strcmp(optarg, "text"))
				o.format = BT_FMT_TEXT;
			else
				usage_error("invalid output format: '%s' (expected text or json)",
					    optarg);
			break;
		case 'o':
			o.output_path = optarg;
			break;
		case 'e':
			prog_text = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case OPT_INFO:
			return bt_info(stdout);
		case 'I':
			/* bt_run_opts has no include path yet: accepted, not used */
			break;
		case OPT_INCLUDE:
			includes = realloc(includes, (nincludes + 1) * sizeof(*includes));
			if (!includes)
				die("%s", strerror(ENOMEM));
			includes[nincludes++] = optarg;
			break;
		case 'l':
			list = true;
			break;
		case 'p':
			o.pid = parse_pid(optarg);
			break;
		case 'c':
			o.cmd = optarg;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'v':
			o.verbose++;
			break;
		case 'k':
		case OPT_USDT_FILE:
			break;
		case 'V':
			printf("bt v%s\n", BT_VERSION);
			return 0;
		case 'd':
			/* bpftrace's -d/-dd: a dry run with debug output */
			o.dry_run = true;
			o.verbose++;
			break;
		case 'D':
			add_define(&defs, &ndefs, optarg);
			break;
		case OPT_UNSAFE:
			o.unsafe = true;
			break;
		case OPT_DRY_RUN:
			o.dry_run = true;
			break;
		case OPT_NO_CACHE:
			o.no_cache = true;
			break;
		case OPT_SCRIPT:
			o.print_script = true;
			break;
		case OPT_STATS:
			o.stats = true;
			break;
		case OPT_METRICS:
			o.metrics_addr = optarg;
			break;
		case OPT_METRICS_FILE:
			if (!*optarg)
				usage_error("empty file name for --metrics-file");
			o.metrics_file = optarg;
			break;
		case OPT_INTERVAL:
			o.metrics_interval = parse_count(optarg, "--metrics-interval");
			break;
		case OPT_LABEL_NAMES:
			o.label_names = optarg;
			break;
		case OPT_UNIT:
			o.unit = optarg;
			break;
		case OPT_MAX_SERIES:
			o.max_series = parse_count(optarg, "--max-series");
			break;
		case '?':
		default:
			if (optopt >= OPT_METRICS && optopt <= OPT_MAX_SERIES)
				usage_error("option '%s' needs an argument", argv[optind - 1]);
			if (optopt && strchr("BfoeIpcD", optopt))
				usage_error("option '-%c' needs an argument", optopt);
			if (optopt)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}

	if (list) {
		if (prog_text)
			usage_error("-l and -e cannot be used together");
		if (argc - optind > 1)
			usage_error("-l takes one search pattern");
		return bt_list(optind < argc ? argv[optind] : NULL, o.verbose > 0);
	}

	if (prog_text) {
		len = strlen(prog_text);
		script = strdup(prog_text);
		if (!script)
			die("%s", strerror(ENOMEM));
		o.script_name = "stdin";
	} else {
		if (optind >= argc)
			usage_error("no program given: use -e 'program' or a script file");
		o.script_name = argv[optind];
		script = read_script(argv[optind], &len);
		if (!strcmp(o.script_name, "-"))
			o.script_name = "stdin";
		optind++;
	}
	o.script = script;
	o.script_len = len;
	o.args = argv + optind;
	o.nargs = argc - optind;
	o.defines = defs;
	o.n_defines = ndefs;
	o.includes = (const char *const *)includes;
	o.n_includes = nincludes;
	if (o.pid && o.cmd)
		usage_error("-p and -c cannot be used together");
	if (o.metrics_interval && !o.metrics_file)
		usage_error("--metrics-interval needs --metrics-file");

	if (!o.print_script && !bt_can_trace())
		die("bt needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs");

	status = bt_run(&o);

	free(script);
	while (ndefs--)
		free((char *)defs[ndefs].name);
	free(defs);
	free(includes);
	return status;
}
