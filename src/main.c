/*
 * main.c: options, and the dispatch to the dump, the reports and the sweep.
 */
#include <errno.h>
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
	    "usage: exdump [-nv] file\n");
	exit(EXIT_DAMAGE);
}

int
main(int argc, char *argv[])
{
	struct opts op;
	int ch, status;

	memset(&op, 0, sizeof (op));
	while ((ch = getopt(argc, argv, "nv")) != -1) {
		switch (ch) {
		case 'n':
			op.op_n = 1;
			break;
		case 'v':
			op.op_v = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	out_init(out_std, STDOUT_FILENO);
	if (argc != 1)
		usage();
	status = dump_file(argv[0], &op);
	if (out_close(out_std) == -1) {
		(void) fprintf(stderr, "%s: write error: %s\n", progname,
		    strerror(errno));
		if (status == EXIT_OK)
			status = EXIT_OPEN;
	}
	return (status);
}
