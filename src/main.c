/*
 * main.c: options, and the dispatch to the dump, the reports and the sweep.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exdump.h"
#include "out.h"

const char *progname = "exdump";

static void
usage(void)
{
	(void) fprintf(stderr,
	    "usage: exdump [-nv] file\n"
	    "       exdump -c [-Hn] [-F text|csv|json] [-t proc|task|flow] "
	    "file ...\n"
	    "       exdump -i [-HnS] [-F text|csv|json] [-P host=file] "
	    "[-t proc|task|flow]\n"
	    "                 [file ...]\n"
	    "       exdump -w [-T] [-c | -i | -nv] [options] [file]\n");
	exit(EXIT_DAMAGE);
}

static void
bad(const char *fmt, const char *arg)
{
	(void) fprintf(stderr, "%s: ", progname);
	(void) fprintf(stderr, fmt, arg);
	(void) fputc('\n', stderr);
	usage();
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

int
main(int argc, char *argv[])
{
	struct opts op;
	char readpath[PATH_MAX], *eq;
	int ch, i, npfile = 0, status = EXIT_OK;

	memset(&op, 0, sizeof (op));
	while ((ch = getopt(argc, argv, "cF:HinP:STt:vw")) != -1) {
		switch (ch) {
		case 'P':
			/* HOST=FILE: the host the records of FILE belong to */
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg || eq[1] == '\0')
				bad("-P takes host=file, not \"%s\"", optarg);
			if ((size_t)(eq - optarg) >= 256)
				bad("%s", "-P: the host name is too long");
			*eq = '\0';
			add_input(eq + 1, optarg);
			npfile++;
			break;
		case 'c':
			op.op_c = 1;
			break;
		case 'F':
			if (strcmp(optarg, "text") == 0)
				op.op_fmt = FMT_TEXT;
			else if (strcmp(optarg, "csv") == 0)
				op.op_fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				op.op_fmt = FMT_JSON;
			else
				bad("unknown format \"%s\" for -F", optarg);
			break;
		case 'H':
			op.op_H = 1;
			break;
		case 'i':
			op.op_i = 1;
			break;
		case 'n':
			op.op_n = 1;
			break;
		case 'S':
			op.op_S = 1;
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
		case 'v':
			op.op_v = 1;
			break;
		case 'w':
			op.op_w = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (op.op_c && op.op_i)
		bad("%s", "-c and -i cannot be used together");
	if ((op.op_c || op.op_i) && op.op_v)
		bad("%s", "-v is for the classic dump, not -c or -i");
	if (!op.op_c && !op.op_i && (op.op_H || op.op_fmt != FMT_TEXT ||
	    op.op_table != TBL_ALL))
		bad("%s", "-F, -H and -t need -c or -i");
	if (op.op_S && !op.op_i)
		bad("%s", "-S needs -i");
	if (op.op_S && op.op_table != TBL_ALL && op.op_table != TBL_PROC)
		bad("%s", "-S summarises processes: -t can only be proc");
	if (op.op_T && !op.op_w)
		bad("%s", "-T needs -w");
	if (npfile > 0 && (!op.op_i || op.op_w))
		bad("%s", "-P is for -i, without -w");

	out_init(out_std, STDOUT_FILENO);
	if (op.op_w) {
		if (argc > 1)
			usage();
		status = sweep_run(argc == 1 ? argv[0] : NULL, &op, readpath,
		    sizeof (readpath));
		if (readpath[0] == '\0')
			return (status);
		argv[0] = readpath;
		argc = 1;
	} else if ((argc == 0 && npfile == 0) ||
	    (!op.op_c && !op.op_i && argc != 1)) {
		usage();
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
	}
	return (status);
}
