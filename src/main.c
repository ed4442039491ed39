/*
 * main.c: options, and the dispatch to the dump, the reports and the sweep.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exdump.h"
#include "fields.h"
#include "filter.h"
#include "listen.h"
#include "out.h"
#include "split.h"
#include "version.h"

const char *progname = "exdump";

/* The usage text, as the manual's SYNOPSIS has it. */
static const char usage_text[] =
    "usage: exdump [-nv] file\n"
    "       exdump -c [-HKn] [-C command] [-e time] [-F text|csv|json]\n"
    "                 [-k final|partial|interval] [-o field,...] "
    "[-s time]\n"
    "                 [-t proc|task|flow] [-u user] [-z zone] file ...\n"
    "       exdump -i [-fHKnS] [-C command] [-e time] "
    "[-F text|csv|json|svg]\n"
    "                 [-g key,...] [-k final|partial|interval] "
    "[-o field,...]\n"
    "                 [-P host=file] [-s time] [-t proc|task|flow] "
    "[-u user]\n"
    "                 [-z zone] [file ...]\n"
    "       exdump -i -R statefile [-NS] [-F text|csv|json] [-o field,...]\n"
    "                 [options] file ...\n"
    "       exdump -w [-T] [-c | -i | -nv] [options] [file]\n"
    "       exdump -w -q [-T] [file]\n"
    "       exdump -W [-B bytes] [file]\n"
    "       exdump -h | -V\n";

static void
usage(void)
{
	(void) fputs(usage_text, stderr);
	exit(EXIT_DAMAGE);
}

/* What is wrong with the command line, then the usage: exit 2. */
static void
bad(const char *fmt, const char *arg)
{
	(void) fprintf(stderr, "%s: ", progname);
	(void) fprintf(stderr, fmt, arg);
	(void) fputc('\n', stderr);
	usage();
}

/*
 * -h and -V answer on standard output, exit 0; a write that fails (a
 * closed or full output) is said, exit 1, so a script sees it.
 */
static void
answer(const char *text)
{
	if (fputs(text, stdout) == EOF || fflush(stdout) == EOF) {
		(void) fprintf(stderr, "%s: write error: %s\n", progname,
		    strerror(errno));
		exit(EXIT_OPEN);
	}
	exit(EXIT_OK);
}

/*
 * What is wrong with option letter c.  getopt's own messages are off
 * (opterr is 0): they start with argv[0], not "exdump:", and read
 * differently from one libc to another.  A byte that is not printable is
 * shown escaped, as everything else from outside is.
 */
static void
bad_opt(const char *fmt, int c)
{
	char opt[8];

	if (c > 0x20 && c < 0x7f)
		(void) snprintf(opt, sizeof (opt), "-%c", c);
	else
		(void) snprintf(opt, sizeof (opt), "-\\%03o",
		    (unsigned)(unsigned char)c);
	bad(fmt, opt);
}

/* An option that may be given once. */
static void
once(int *seen, int c)
{
	if (*seen)
		bad_opt("%s can be given only once", c);
	*seen = 1;
}

/* -u USER: a number, or a name of this system (not with -n). */
static void
parse_user(struct filt *f, const char *s, int nflag)
{
	const struct passwd *pw;
	unsigned long long v = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (unsigned)(*p - '0')) > UINT32_MAX)
			bad("-u: user number \"%s\" is out of range", s);
	if (p != s && *p == '\0') {
		f->f_uid = (uint32_t)v;
		f->f_have_uid = 1;
		return;
	}
	if (*s == '\0')
		bad("%s", "-u takes a user name or number, not \"\"");
	if (nflag)
		bad("-u: with -n (no name look-ups) the user is a number, not "
		    "\"%s\"", s);
	if ((pw = getpwnam(s)) == NULL)
		bad("-u: no user \"%s\" on this system (give the number)", s);
	f->f_uid = (uint32_t)pw->pw_uid;
	f->f_have_uid = 1;
}

/*
 * A standard descriptor the caller closed would be the next file opened
 * (a spool, the state file) and get the other's bytes: /dev/null takes
 * its place.  Which were closed: 1 << the descriptor.
 */
static int
std_fds(void)
{
	int fd, n, out = 0;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		out |= 1 << fd;
		n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n != fd) {
			if (n != -1)
				(void) close(n);
			exit(EXIT_OPEN);
		}
	}
	return (out);
}

/*
 * -R STATEFILE: with what it can be used; and the options that choose
 * which rows it prints, which the state is kept for.
 */
static void
check_resume(struct opts *op, const struct filt *ft)
{
	static const char *const kinds[] = { "final", "partial", "interval" };
	char *p = op->op_Rsig;
	size_t n = sizeof (op->op_Rsig);

	if (ft->f_have_s || ft->f_have_e)
		bad("%s", "-R prints what is new: -s and -e cannot be used "
		    "with it");
	(void) snprintf(p, n, "%s", op->op_S ? "S" : "rows");
	if (ft->f_have_uid)
		(void) snprintf(p + strlen(p), n - strlen(p), " -u%lu",
		    (unsigned long)ft->f_uid);
	if (ft->f_have_cmd)
		(void) snprintf(p + strlen(p), n - strlen(p), " -C%.*s",
		    (int)ft->f_cmdlen, ft->f_cmd);
	if (ft->f_have_zone)
		(void) snprintf(p + strlen(p), n - strlen(p), " -z%.*s",
		    (int)ft->f_zonelen, ft->f_zone);
	if (ft->f_kind >= 0 && ft->f_kind <= 2)
		(void) snprintf(p + strlen(p), n - strlen(p), " -k%s",
		    kinds[ft->f_kind]);
	if (ft->f_K)
		(void) snprintf(p + strlen(p), n - strlen(p), " -K");
	if (!op->op_i || op->op_w)
		bad("%s", "-R keeps where -i stopped: it needs -i, without -w");
	if (op->op_table != TBL_ALL && op->op_table != TBL_PROC)
		bad("%s", "-R prints process rows or -S rows only: -t can only "
		    "be proc");
	if (op->op_ng > 0 || op->op_f)
		bad("%s", "-R: -g and -f cannot be used with it (sum by key "
		    "in the database)");
	if (op->op_fmt == FMT_SVG)
		bad("%s", "-R: -F svg draws a whole range, not a part");
	op->op_table = TBL_PROC;
}

/* -o help: every field, the rows it is in, what it is. */
static void
fields_help(void)
{
	static const struct {
		unsigned	bit;
		const char	*name;
	} kinds[] = { { FL_PROC, "proc" }, { FL_TASK, "task" },
	    { FL_SUM, "sum" }, { FL_FLOW, "flow" }, { FL_CONN, "conn" } };
	char rows[40];
	int i, k;

	(void) printf("%-13s%-16s%s\n", "FIELD", "ROWS", "MEANING");
	for (i = 0; i < F_N; i++) {
		rows[0] = '\0';
		for (k = 0; k < 5; k++) {
			if (!(fld_tab[i].f_kinds & kinds[k].bit))
				continue;
			if (rows[0] != '\0')
				(void) strcat(rows, ",");
			(void) strcat(rows, kinds[k].name);
		}
		(void) printf("%-13s%-16s%s\n", fld_tab[i].f_name, rows,
		    fld_tab[i].f_what);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		(void) fprintf(stderr, "%s: write error: %s\n", progname,
		    strerror(errno));
		exit(EXIT_OPEN);
	}
	exit(EXIT_OK);
}

/*
 * -o: the fields that can have a value in these rows, each once in a
 * JSON object.
 */
static void
check_fields(const struct opts *op, const struct fsel *sel)
{
	static const int keyf[SK_N] = { F_USER, F_GROUP, F_PROJECT, F_ZONE,
	    F_COMMAND, -1 };
	size_t i, j, k;
	int id, have;

	for (i = 0; i < sel->fs_n; i++) {
		id = sel->fs_id[i];
		for (j = 0; j < i && op->op_fmt == FMT_JSON; j++) {
			if (sel->fs_id[j] == id)
				bad("-o: %s is given twice: a JSON object has "
				    "each key once", fld_tab[id].f_name);
		}
		if (!op->op_i && (id == F_END || id == F_START ||
		    id == F_LEN))
			bad("-o: %s is of the intervals: a field of -i rows, "
			    "not of -c", fld_tab[id].f_name);
		if (!op->op_S)
			continue;
		if (id == F_SHARE && op->op_ng == 0)
			bad("%s", "-o: share is a key's share: a field of -S "
			    "-g rows");
		if (id == F_CAPTURE && op->op_ng > 0)
			bad("%s", "-o: capture is the host's: with -g, share is "
			    "the key's");
		for (k = 0; k < SK_N; k++) {
			if (keyf[k] != id)
				continue;
			for (j = have = 0; j < op->op_ng; j++)
				have |= op->op_gkey[j] == k;
			if (!have) {
				char m[96];

				(void) snprintf(m, sizeof (m), "-o: %s is a "
				    "field of -S rows only with -g %s",
				    fld_tab[id].f_name, fld_tab[id].f_name);
				bad("%s", m);
			}
		}
	}
}

/*
 * -o FIELD[,FIELD...]: the columns of one table: the process rows, those
 * of -t task or -t flow, or -S's.
 */
static void
parse_fields(struct opts *op, const char *list, struct fsel *sel)
{
	char err[160];
	unsigned kind;

	if (!op->op_c && !op->op_i)
		bad("%s", "-o chooses the columns of -c and -i: it needs one "
		    "of them");
	if (op->op_fmt == FMT_SVG)
		bad("%s", "-o chooses columns: -F svg has none");
	if (op->op_S)
		kind = FL_SUM;
	else if (op->op_table == TBL_TASK)
		kind = FL_TASK;
	else if (op->op_table == TBL_FLOW)
		kind = op->op_i ? FL_CONN : FL_FLOW;
	else
		kind = FL_PROC;
	if (fld_parse(list, kind, sel, err, sizeof (err)) == -1)
		bad("-o: %s", err);
	check_fields(op, sel);
	/* One table: the process table unless -t names another. */
	if (op->op_table == TBL_ALL)
		op->op_table = TBL_PROC;
	op->op_osel = sel;
}

/* -g KEY[,KEY...]: the keys of the split -S rows, in order. */
static void
parse_keys(struct opts *op, const char *s)
{
	static const char *const names[SK_N] = {
		"user", "group", "project", "zone", "command", "host"
	};
	static char msg[160];
	const char *p = s, *e;
	size_t n, k, i;

	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		for (k = 0; k < SK_N; k++) {
			if (strlen(names[k]) == n &&
			    memcmp(names[k], p, n) == 0)
				break;
		}
		if (k == SK_N) {
			(void) snprintf(msg, sizeof (msg), "-g: unknown key "
			    "\"%.*s\" (user, group, project, zone, command or "
			    "host)", (int)(n < 32 ? n : 32), p);
			bad("%s", msg);
		}
		for (i = 0; i < op->op_ng; i++) {
			if (op->op_gkey[i] == k)
				bad("-g: the key \"%s\" is given twice",
				    names[k]);
		}
		op->op_gkey[op->op_ng++] = (unsigned char)k;
		if (e == NULL)
			break;
		p = e + 1;
	}
}

/* -s or -e TIME. */
static void
parse_when(const char *s, int c, uint64_t *ns)
{
	static char msg[512];
	const char *why;

	if (filt_time(s, time(NULL), ns, &why) == -1) {
		(void) snprintf(msg, sizeof (msg), "-%c: \"%.200s\" is not a "
		    "time: %s", c, s, why);
		bad("%s", msg);
	}
}

/* Too many operands: how many were given. */
static void
bad_count(const char *fmt, int n)
{
	char num[16];

	(void) snprintf(num, sizeof (num), "%d", n);
	bad(fmt, num);
}

/*
 * The inputs of -i: the -P files (each with its host), then the operands.
 * Both lists point into argv; the arrays are the only allocation.
 */
static char **in_files, **in_hosts;
static int in_n;

static void
add_input(char *file, char *host)
{
	static int cap;

	if (in_n == cap) {
		int n = cap == 0 ? 8 : cap * 2;
		char **f = realloc(in_files, (size_t)n * sizeof (*f));
		char **h;

		if (f == NULL) {
			(void) fprintf(stderr, "%s: %s\n", progname,
			    strerror(errno));
			exit(EXIT_OPEN);
		}
		in_files = f;
		if ((h = realloc(in_hosts, (size_t)n * sizeof (*h))) == NULL) {
			(void) fprintf(stderr, "%s: %s\n", progname,
			    strerror(errno));
			exit(EXIT_OPEN);
		}
		in_hosts = h;
		cap = n;
	}
	in_files[in_n] = file;
	in_hosts[in_n++] = host;
}

/*
 * -B's size: bytes, or with a k or m suffix (KiB, MiB); 4 KiB to 1 GiB.
 */
static int
parse_bytes(const char *s)
{
	unsigned long long v = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++)
		if (v <= (1ull << 40))
			v = v * 10 + (unsigned)(*p - '0');
	if (p == s)
		bad("-B takes a size in bytes (k or m, either case, for KiB or MiB), not "
		    "\"%s\"", s);
	if (*p == 'k' || *p == 'K')
		v <<= 10, p++;
	else if (*p == 'm' || *p == 'M')
		v <<= 20, p++;
	if (*p != '\0')
		bad("-B takes a size in bytes (k or m, either case, for KiB or MiB), not "
		    "\"%s\"", s);
	if (v < 4096 || v > (1ull << 30))
		bad("-B: \"%s\" is out of range (4k to 1024m)", s);
	return ((int)v);
}

/*
 * "-", standard input, can be read once: a pipe has no second reading.
 * Every file named to be read (operands, -P) comes through here.
 */
static void
count_stdin(const char *file, int *nstdin)
{
	if (strcmp(file, "-") == 0 && ++*nstdin > 1)
		bad("%s", "- (standard input) can be given only once");
}

int
main(int argc, char *argv[])
{
	static struct filt ft;
	static struct fsel osel;
	struct opts op;
	const char *user = NULL, *olist = NULL;
	int seen_C = 0, seen_z = 0, seen_k = 0, seen_s = 0, seen_e = 0;
	int seen_g = 0, seen_o = 0, seen_R = 0;
	char readpath[PATH_MAX], *eq;
	int ch, i, q = 0, nstdin = 0, npfile = 0, status = EXIT_OK;
	int listen = 0, rcvbuf = 0, other = 0, closed_out;

	closed_out = std_fds();
	memset(&op, 0, sizeof (op));
	filt_init(&ft);
	opterr = 0;
	/* The leading ':' makes a missing argument ':', apart from '?'. */
	while ((ch = getopt(argc, argv, ":B:C:ce:F:fg:HhiKk:Nno:P:qR:Ss:Tt:u:Vvz:Ww")) != -1) {
		if (ch != 'W' && ch != 'B' && other == 0)
			other = ch == ':' || ch == '?' ? optopt : ch;
		switch (ch) {
		case 'P':
			/* HOST=FILE: the host the records of FILE belong to */
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg || eq[1] == '\0')
				bad("-P takes host=file, not \"%s\"", optarg);
			if ((size_t)(eq - optarg) >= 256)
				bad("%s", "-P: the host name is too long");
			*eq = '\0';
			count_stdin(eq + 1, &nstdin);
			add_input(eq + 1, optarg);
			npfile++;
			break;
		case 'B':
			rcvbuf = parse_bytes(optarg);
			break;
		case 'c':
			op.op_c = 1;
			break;
		case 'C':
			once(&seen_C, ch);
			if ((ft.f_cmdlen = strlen(optarg)) == 0 ||
			    ft.f_cmdlen > FILT_CMD_MAX)
				bad("-C: a command is 1 to 15 bytes, as "
				    "recorded, not \"%s\"", optarg);
			memcpy(ft.f_cmd, optarg, ft.f_cmdlen);
			ft.f_have_cmd = ft.f_any = 1;
			break;
		case 'e':
			once(&seen_e, ch);
			parse_when(optarg, ch, &ft.f_e);
			ft.f_have_e = ft.f_any = 1;
			break;
		case 'K':
			ft.f_K = ft.f_any = 1;
			break;
		case 'k':
			once(&seen_k, ch);
			if (strcmp(optarg, "final") == 0)
				ft.f_kind = EXK_FINAL;
			else if (strcmp(optarg, "partial") == 0)
				ft.f_kind = EXK_PARTIAL;
			else if (strcmp(optarg, "interval") == 0)
				ft.f_kind = EXK_INTERVAL;
			else
				bad("unknown kind \"%s\" for -k (final, "
				    "partial or interval)", optarg);
			ft.f_any = 1;
			break;
		case 's':
			once(&seen_s, ch);
			parse_when(optarg, ch, &ft.f_s);
			ft.f_have_s = ft.f_any = 1;
			break;
		case 'u':
			if (user != NULL)
				bad_opt("%s can be given only once", ch);
			user = optarg;
			ft.f_any = 1;
			break;
		case 'z':
			once(&seen_z, ch);
			if ((ft.f_zonelen = strlen(optarg)) == 0 ||
			    ft.f_zonelen > FILT_ZONE_MAX)
				bad("-z: a zone name is 1 to 63 bytes, not "
				    "\"%s\"", optarg);
			memcpy(ft.f_zone, optarg, ft.f_zonelen);
			ft.f_have_zone = ft.f_any = 1;
			break;
		case 'F':
			if (strcmp(optarg, "text") == 0)
				op.op_fmt = FMT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				op.op_fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				op.op_fmt = FMT_JSON;
			else if (strcmp(optarg, "svg") == 0)
				op.op_fmt = FMT_SVG;
			else
				bad("unknown format \"%s\" for -F", optarg);
			break;
		case 'H':
			op.op_H = 1;
			break;
		case 'h':
			answer(usage_text);
			break;
		case 'i':
			op.op_i = 1;
			break;
		case 'n':
			op.op_n = 1;
			break;
		case 'q':
			q = 1;
			break;
		case 'S':
			op.op_S = 1;
			break;
		case 'g':
			once(&seen_g, ch);
			parse_keys(&op, optarg);
			break;
		case 'f':
			op.op_f = 1;
			break;
		case 'R':
			once(&seen_R, ch);
			if (optarg[0] == '\0')
				bad("%s", "-R takes a state file, not \"\"");
			op.op_R = optarg;
			break;
		case 'N':
			op.op_N = 1;
			break;
		case 'o':
			once(&seen_o, ch);
			if (strcmp(optarg, "help") == 0)
				fields_help();
			olist = optarg;
			break;
		case 'T':
			op.op_T = 1;
			break;
		case 't':
			if (strcmp(optarg, "proc") == 0)
				op.op_table = TBL_PROC;
			else if (strcmp(optarg, "task") == 0)
				op.op_table = TBL_TASK;
			else if (strcmp(optarg, "flow") == 0)
				op.op_table = TBL_FLOW;
			else
				bad("unknown table \"%s\" for -t", optarg);
			break;
		case 'V':
			answer("exdump " EXDUMP_VERSION "\n");
			break;
		case 'v':
			op.op_v = 1;
			break;
		case 'W':
			listen = 1;
			break;
		case 'w':
			op.op_w = 1;
			break;
		case ':':
			bad_opt("%s needs an argument", optopt);
			break;
		default:
			/* "--name" comes here as the option letter '-'. */
			if (optopt == '-')
				bad("%s", "unknown option --: the options are "
				    "single letters");
			bad_opt("unknown option %s", optopt);
		}
	}
	argc -= optind;
	argv += optind;

	if (rcvbuf != 0 && !listen)
		bad("%s", "-B needs -W");
	if (listen) {
		if (other != 0)
			bad_opt("-W listens and writes: %s cannot be used with "
			    "it (only -B and a file)", other);
		if (argc > 1)
			bad_count("-W takes one file or none, not %s", argc);
		if (argc == 1 && strcmp(argv[0], "-") == 0)
			bad("%s", "-W appends to its file: it cannot be - "
			    "(standard input)");
		return (listen_run(argc == 1 ? argv[0] : NULL, rcvbuf));
	}
	if (op.op_c && op.op_i)
		bad("%s", "-c and -i cannot be used together");
	if (op.op_fmt == FMT_SVG && (!op.op_i || !op.op_S))
		bad("%s", "-F svg draws the summary: it needs -i -S");
	if (op.op_fmt == FMT_SVG && (op.op_ng > 0 || op.op_f ||
	    op.op_table != TBL_ALL))
		bad("%s", "-F svg draws each host's commands: -g, -f and -t "
		    "cannot be used with it");
	if ((op.op_c || op.op_i) && op.op_v)
		bad("%s", "-v is for the classic dump, not -c or -i");
	if (!op.op_c && !op.op_i && (op.op_H || op.op_fmt != FMT_TEXT ||
	    op.op_table != TBL_ALL))
		bad("%s", "-F, -H and -t need -c or -i");
	if (op.op_S && !op.op_i)
		bad("%s", "-S needs -i");
	if (op.op_ng > 0 && !op.op_S)
		bad("%s", "-g splits the summary: it needs -S");
	if (op.op_f && op.op_ng == 0)
		bad("%s", "-f folds the split summary: it needs -S -g");
	if (ft.f_any && !op.op_c && !op.op_i)
		bad("%s", "-C, -e, -K, -k, -s, -u and -z filter a report: they "
		    "need -c or -i");
	if (user != NULL)
		parse_user(&ft, user, op.op_n);	/* after -n, wherever it is */
	if (ft.f_have_s && ft.f_have_e && ft.f_s > ft.f_e)
		bad("%s", "-s is after -e: no record can end in that range");
	if (ft.f_any)
		op.op_filt = &ft;
	if (op.op_S && op.op_table != TBL_ALL && op.op_table != TBL_PROC)
		bad("%s", "-S summarises processes: -t can only be proc");
	if (olist != NULL)
		parse_fields(&op, olist, &osel);
	if (op.op_N && op.op_R == NULL)
		bad("%s", "-N starts a new state: it needs -R");
	if (op.op_R != NULL)
		check_resume(&op, &ft);
	if (op.op_T && !op.op_w)
		bad("%s", "-T needs -w");
	if (q && !op.op_w)
		bad("%s", "-q needs -w");
	if (q && (op.op_c || op.op_i || op.op_n || op.op_v))
		bad("%s", "-q reads nothing: -c, -i, -n and -v cannot be "
		    "used with it");
	if (npfile > 0 && (!op.op_i || op.op_w))
		bad("%s", "-P is for -i, without -w");
	if (op.op_w) {
		if (argc > 1)
			bad_count("-w takes one file or none, not %s", argc);
		/* The sweep writes its file: standard input is none. */
		if (argc == 1 && strcmp(argv[0], "-") == 0)
			bad("%s", "-w appends to its file: it cannot be - "
			    "(standard input)");
	} else if (argc == 0 && npfile == 0) {
		bad("%s", op.op_c ? "-c needs a file" : op.op_i ?
		    "-i needs a file, or -P host=file" : "no file given");
	} else if (!op.op_c && !op.op_i && argc != 1) {
		bad_count("the classic dump reads one file, not %s", argc);
	}
	for (i = 0; !op.op_w && i < argc; i++)
		count_stdin(argv[i], &nstdin);
	/* What would be printed would be lost: said, as a write error. */
	if ((closed_out & 1 << STDIN_FILENO) && nstdin > 0) {
		(void) fprintf(stderr, "%s: cannot open -: standard input is "
		    "closed\n", progname);
		return (EXIT_OPEN);
	}
	if ((closed_out & 1 << STDOUT_FILENO) && !q) {
		(void) fprintf(stderr, "%s: write error: standard output is "
		    "closed\n", progname);
		return (EXIT_OPEN);
	}

	out_init(out_std, STDOUT_FILENO);
	if (op.op_w) {
		status = sweep_run(argc == 1 ? argv[0] : NULL, &op, readpath,
		    sizeof (readpath));
		/* -q: the sweep alone, as cron runs it; nothing is read. */
		if (q || readpath[0] == '\0')
			return (status);
		argv[0] = readpath;
		argc = 1;
	}

	{
		int r;

		if (op.op_c)
			r = report_files(argc, argv, &op);
		else if (op.op_i) {
			for (i = 0; i < argc; i++)
				add_input(argv[i], NULL);
			r = interval_files(in_n, in_files, in_hosts, &op);
		}
		else
			r = dump_file(argv[0], &op);
		if (r > status)
			status = r;
	}
	if (out_close(out_std) == -1) {
		(void) fprintf(stderr, "%s: write error: %s\n", progname,
		    strerror(errno));
		if (status == EXIT_OK)
			status = EXIT_OPEN;
	} else if (op.op_R != NULL && interval_save() == -1) {
		status = EXIT_OPEN;
	}
	return (status);
}
