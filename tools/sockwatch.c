// SPDX-License-Identifier: GPL-2.0
/*
 * sockwatch: find one TCP socket by ports, addresses or process and print
 * struct tcp_sock fields every interval (seed: sock_read.bt).
 *
 * --field names are the one thing that must become script text: each is
 * checked against [A-Za-z_][A-Za-z0-9_]* and against the kernel's BTF
 * (a number-valued member of struct tcp_sock, directly or through an
 * anonymous struct/union) before a printf() is generated from them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/kernel.h>

#include "tool.h"
#include "sockwatch.bt.h"

static const char doc[] =
	"Find one TCP socket and print its struct tcp_sock fields every interval.\n"
	"\n"
	"USAGE: sockwatch [--sport PORT] [--dport PORT] [--saddr IP] [--daddr IP]\n"
	"                 [--field FIELD[,FIELD...]] [-x] [-p PID] [interval] [count]\n"
	"\v"
	"The first socket that matches when its process sends or receives is\n"
	"watched (`got sk from COMM/PID'); when it closes, the next match. Default\n"
	"line: `data segs out N una N wnd N'; with --field, `FIELD VALUE'\n"
	"pairs, in decimal (--hex: hex). Besides the members, --field takes the\n"
	"derived rtt_us (srtt_us >> 3) and rttvar_us (mdev_us >> 2), as ss -ti.\n"
	"Addresses are IPv4; ports match IPv4 and IPv6 sockets.\n"
	"\n"
	"EXAMPLES:\n"
	"    sockwatch --sport 22 --dport 42666   # one ssh connection, by its ports\n"
	"    sockwatch -p 1234 5                  # a socket of PID 1234, every 5 s\n"
	"    sockwatch --daddr 10.0.0.1 --field snd_cwnd,rtt_us,rttvar_us,total_retrans\n"
	"    sockwatch --dport 443 --hex          # values in hex\n";

enum { OPT_SPORT = TOOL_KEY_USER, OPT_DPORT, OPT_SADDR, OPT_DADDR, OPT_FIELD, OPT_HEX };

static const struct argp_option opts[] = {
	{"sport", OPT_SPORT, "PORT", 0, "Local port", 0},
	{"dport", OPT_DPORT, "PORT", 0, "Remote port", 0},
	{"saddr", OPT_SADDR, "IP", 0, "Local IPv4 address", 0},
	{"daddr", OPT_DADDR, "IP", 0, "Remote IPv4 address", 0},
	{"field", OPT_FIELD, "FIELD[,...]", 0, "struct tcp_sock members to print", 0},
	{"hex", OPT_HEX, NULL, 0, "Print values in hex", 0},
	{0},
};

#define MAX_FIELDS 16

static struct {
	long sport, dport;
	bool has_saddr, has_daddr, hex;
	uint32_t saddr, daddr; /* as the kernel's __be32, loaded on this host */
	char *fields[MAX_FIELDS];
	int nfields;
} my;

static bool is_ident(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static uint32_t parse_ip(struct argp_state *state, const char *arg, const char *what)
{
	struct in_addr a;

	if (inet_pton(AF_INET, arg, &a) != 1)
		tool_usage_error(state, "invalid IPv4 address '%s' for %s", arg, what);
	return a.s_addr;
}

static void parse_fields(struct argp_state *state, const char *arg)
{
	char *list = strdup(arg), *save = NULL, *tok;

	if (!list)
		tool_die("out of memory");
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!is_ident(tok))
			tool_usage_error(state, "invalid field name '%s' for --field", tok);
		if (my.nfields == MAX_FIELDS)
			tool_usage_error(state, "at most %d fields for --field", MAX_FIELDS);
		my.fields[my.nfields++] = tok;
	}
	if (!my.nfields)
		tool_usage_error(state, "no field names in '%s' for --field", arg);
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_SPORT:
		my.sport = tool_parse_long(state, arg, "--sport", 1, 65535);
		break;
	case OPT_DPORT:
		my.dport = tool_parse_long(state, arg, "--dport", 1, 65535);
		break;
	case OPT_SADDR:
		my.saddr = parse_ip(state, arg, "--saddr");
		my.has_saddr = true;
		break;
	case OPT_DADDR:
		my.daddr = parse_ip(state, arg, "--daddr");
		my.has_daddr = true;
		break;
	case OPT_FIELD:
		parse_fields(state, arg);
		break;
	case OPT_HEX:
		my.hex = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Fields derived from a member, as ss -ti shows them: the kernel keeps
 * srtt_us as 8 x the smoothed RTT and mdev_us as 4 x its mean deviation. */
static const struct derived {
	const char *name, *member;
	int shift;
} derived[] = {
	{"rtt_us", "srtt_us", 3},
	{"rttvar_us", "mdev_us", 2},
};

static const struct derived *find_derived(const char *name)
{
	for (size_t i = 0; i < sizeof(derived) / sizeof(derived[0]); i++)
		if (!strcmp(name, derived[i].name))
			return &derived[i];
	return NULL;
}

/* Checks every --field against BTF and builds the line
 * `#define SOCK_FIELDS printf("f1 %u f2 %u\n", @tcp->f1, @tcp->f2)`. */
static char *fields_define(void)
{
	char fmt[1024] = "", args[1024] = "", *line;

	for (int i = 0; i < my.nfields; i++) {
		const char *f = my.fields[i], *conv;
		const struct derived *dv = find_derived(f);
		struct bt_kmember km;
		char close[512];
		int err = bt_kmember_find("struct tcp_sock", dv ? dv->member : f, &km, close,
					  sizeof(close));

		if (err == -ENODATA)
			tool_die("--field needs the kernel's BTF (/sys/kernel/btf/vmlinux)");
		if (err == -ESRCH)
			tool_die("no struct tcp_sock in the kernel's BTF");
		if (err) {
			fprintf(stderr, "sockwatch: struct tcp_sock has no field '%s'%s%s%s\n", f,
				*close ? " (close: " : "", close, *close ? ")" : "");
			exit(2);
		}
		if (!km.number) {
			fprintf(stderr,
				"sockwatch: field '%s' of struct tcp_sock is not a number\n", f);
			exit(2);
		}
		if (my.hex)
			conv = km.size == 8 ? "0x%lx" : "0x%x";
		else if (km.is_signed)
			conv = km.size == 8 ? "%ld" : "%d";
		else
			conv = km.size == 8 ? "%lu" : "%u";
		size_t fl = strlen(fmt), al = strlen(args);
		snprintf(fmt + fl, sizeof(fmt) - fl, "%s%s %s", i ? " " : "", f, conv);
		if (dv)
			snprintf(args + al, sizeof(args) - al, ", (@tcp->%s >> %d)", dv->member,
				 dv->shift);
		else
			snprintf(args + al, sizeof(args) - al, ", @tcp->%s", f);
	}
	if (asprintf(&line, "#define SOCK_FIELDS printf(\"%s\\n\"%s)", fmt, args) < 0)
		tool_die("out of memory");
	return line;
}

int main(int argc, char **argv)
{
	struct tool t = {
		.name = "sockwatch",
		.doc = doc,
		.args_doc = NULL,
		.options = opts,
		.parser = parse_arg,
		.flags = TOOL_PERIODIC | TOOL_ATTACH,
		.script = sockwatch_bt,
		.script_name = "sockwatch.bt",
		.scope = 0,
		.depth = 0,
		.no_timestamp = NULL,
		.once_without_interval = false,
	};
	struct tool_env env;
	char *script = NULL;

	tool_parse(&t, &env, argc, argv);
	if (my.sport)
		tool_define_int(&env, "SPORT", my.sport);
	if (my.dport)
		tool_define_int(&env, "DPORT", my.dport);
	if (my.has_saddr)
		tool_define_int(&env, "SADDR", my.saddr);
	if (my.has_daddr)
		tool_define_int(&env, "DADDR", my.daddr);
	if (my.hex)
		tool_define_flag(&env, "HEX");
	if (my.nfields) {
		/* the script's first line is a comment: the define takes its place,
		 * so diagnostics keep the script's line numbers */
		char *def = fields_define();
		const char *rest = strchr(sockwatch_bt, '\n');

		if (asprintf(&script, "%s%s", def, rest ? rest : "\n") < 0)
			tool_die("out of memory");
		free(def);
		t.script = script;
	}
	int ret = tool_run(&t, &env);
	free(script);
	return ret;
}
