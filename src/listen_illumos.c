/*
 * listen_illumos.c: exdump -W on illumos, where the kernel itself writes
 * a final record for every process that exits (acctadm(8)).
 */
#include "exdump.h"
#include "listen.h"

int
listen_run(const char *path, int rcvbuf)
{
	(void) rcvbuf;
	warn_file(path != NULL ? path : "-W", "the illumos kernel writes "
	    "every exit record itself: turn it on with acctadm -e extended "
	    "-f FILE process (-W is for Linux)");
	return (EXIT_OPEN);
}
