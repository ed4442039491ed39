/*
 * sweep_illumos.c: the three illumos system interfaces behind -w:
 * wracct(2), acctctl(2) for the process accounting file (as lastcomm
 * finds it), and /proc/PID/psinfo for a process's task and whether it is
 * a zombie.  The walk and the error policy are in sweep.c.  Compiled only
 * on illumos; the tests on other systems drive sweep.c with fakes.
 */
#include <sys/types.h>
#include <sys/procset.h>
#include <sys/exacct.h>
#include <sys/acctctl.h>
#include <errno.h>
#include <fcntl.h>
#include <procfs.h>
#include <stdio.h>
#include <unistd.h>

#include "exdump.h"
#include "sweep.h"

static int
ill_wracct(void *arg, int idtype, long id, int flags)
{
	(void) arg;
	/* The kernel takes exactly one of EW_PARTIAL and EW_INTERVAL. */
	return (wracct(idtype == SW_P_TASKID ? P_TASKID : P_PID, (id_t)id,
	    flags == SW_EW_INTERVAL ? EW_INTERVAL : EW_PARTIAL));
}

static int
ill_pinfo(void *arg, const char *procdir, long pid, struct sweep_pinfo *pi)
{
	char path[64];
	psinfo_t ps;
	ssize_t n;
	int fd, e;

	(void) arg;
	if (snprintf(path, sizeof (path), "%s/%ld/psinfo", procdir, pid) >=
	    (int)sizeof (path)) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((fd = open(path, O_RDONLY)) == -1)
		return (-1);
	n = read(fd, &ps, sizeof (ps));
	e = errno;
	(void) close(fd);
	if (n != (ssize_t)sizeof (ps)) {
		errno = n == -1 ? e : EIO;
		return (-1);
	}
	/* A zombie has no lwps left (they are all in pr_nzomb). */
	pi->sp_zombie = ps.pr_nlwp == 0;
	pi->sp_taskid = (long)ps.pr_taskid;
	return (0);
}

static int
ill_acctfile(void *arg, char *buf, size_t len)
{
	(void) arg;
	return (acctctl(AC_PROC | AC_FILE_GET, buf, len));
}

int
sweep_run(const char *path, const struct opts *op, char *readpath,
    size_t len)
{
	struct sweep_sys sys;
	struct sweep_result res;

	sys.ss_wracct = ill_wracct;
	sys.ss_pinfo = ill_pinfo;
	sys.ss_acctfile = ill_acctfile;
	sys.ss_warn = NULL;
	sys.ss_procdir = "/proc";
	sys.ss_arg = NULL;
	return (sweep_policy_run(&sys, path, op->op_T, readpath, len, &res));
}
