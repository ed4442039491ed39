/*
 * sweep.c: the /proc walk and the illumos wracct(2) error policy.
 *
 * Nothing here calls the system: wracct, the psinfo read and acctctl come
 * in through struct sweep_sys, so the same policy runs on illumos for real
 * and on every OS under the tests' fake system calls.  The policy: a
 * process that exited during the walk (ESRCH) is no error; a missing
 * privilege (EPERM), accounting that is off (ENOTACTIVE), or a kernel
 * that cannot write the accounting file (ENOSPC, EIO, EFBIG) is told
 * once, with the cause, and ends the walk, since every later call would
 * fail the same way; any other failure is counted and told once at the
 * end.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exdump.h"
#include "sweep.h"

/* Largest pid we take from a name; both systems stay far below it. */
#define	SW_PID_MAX	2147483647L

int
sweep_pid_name(const char *name, long *pid)
{
	long v = 0;
	const char *p;

	if (name[0] < '0' || name[0] > '9')
		return (0);
	/* One name per pid: "0" is sched on illumos, "007" is no pid. */
	if (name[0] == '0' && name[1] != '\0')
		return (0);
	for (p = name; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return (0);
		if (v > (SW_PID_MAX - (*p - '0')) / 10)
			return (0);
		v = v * 10 + (*p - '0');
	}
	*pid = v;
	return (1);
}

int
sweep_walk(const char *procdir, int (*fn)(void *, long), void *arg)
{
	DIR *d;
	struct dirent *de;
	long pid;
	int r = 0, e;

	if ((d = opendir(procdir)) == NULL)
		return (-1);
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL) {
			if (errno != 0)
				r = -1;
			break;
		}
		if (!sweep_pid_name(de->d_name, &pid))
			continue;
		if ((r = fn(arg, pid)) != 0)
			break;
	}
	e = errno;
	(void) closedir(d);
	errno = e;
	return (r);
}

/* One policy run. */
struct policy {
	const struct sweep_sys	*po_sys;
	struct sweep_result	*po_res;
	const char		*po_file;	/* for the advice */
	int			po_tasks;	/* -T */
	long			*po_tids;	/* tasks seen */
	size_t			po_ntids;
	size_t			po_captids;
	int			po_nomem;
	/* The first failure that is neither ESRCH, EPERM nor ENOTACTIVE. */
	unsigned long		po_nother;
	const char		*po_fkind;
	long			po_fid;
	int			po_ferr;
};

static void
pol_warn(const struct policy *po, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
pol_warn(const struct policy *po, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	(void) vsnprintf(msg, sizeof (msg), fmt, ap);
	va_end(ap);
	if (po->po_sys->ss_warn != NULL)
		po->po_sys->ss_warn(po->po_sys->ss_arg, msg);
	else
		(void) fprintf(stderr, "%s: %s\n", progname, msg);
}

static void
pol_add_task(struct policy *po, long tid)
{
	long *n;
	size_t cap;

	if (!po->po_tasks || po->po_nomem)
		return;
	/* Processes of one task are often neighbours: skip the repeat. */
	if (po->po_ntids > 0 && po->po_tids[po->po_ntids - 1] == tid)
		return;
	if (po->po_ntids == po->po_captids) {
		cap = po->po_captids == 0 ? 256 : po->po_captids * 2;
		if (cap > SIZE_MAX / sizeof (long) ||
		    (n = realloc(po->po_tids, cap * sizeof (long))) == NULL) {
			po->po_nomem = 1;
			return;
		}
		po->po_tids = n;
		po->po_captids = cap;
	}
	po->po_tids[po->po_ntids++] = tid;
}

/*
 * A failed wracct: 0 to go on, 1 to stop.  what is "process" or "task".
 */
static int
pol_failed(struct policy *po, const char *what, long id, int e)
{
	if (e == ESRCH)			/* it ended meanwhile */
		return (0);
	po->po_res->sr_failed++;
	if (e == EPERM) {
		pol_warn(po, "cannot force accounting records: no sys_acct "
		    "privilege; run exdump -w as root (or with the sys_acct "
		    "privilege)");
		po->po_res->sr_stopped = 1;
		return (1);
	}
	if (e == SW_ENOTACTIVE && strcmp(what, "task") == 0) {
		pol_warn(po, "task accounting is not active or has no file, so "
		    "-T wrote no task records; turn it on with `acctadm -e "
		    "extended -f /var/adm/exacct/task task`");
		po->po_res->sr_stopped = 1;
		return (1);
	}
	if (e == SW_ENOTACTIVE) {
		pol_warn(po, "process accounting is not active or has no file, "
		    "so no partial records were written; turn it on with "
		    "`acctadm -e extended -f %s process`", po->po_file);
		po->po_res->sr_stopped = 1;
		return (1);
	}
	if (e == ENOSPC || e == EIO || e == EFBIG) {
		/* The kernel cannot write the file: nor will it next time. */
		pol_warn(po, "%s: the kernel cannot write the accounting file "
		    "(wracct on %s %ld: %s); stopped after %lu records",
		    po->po_file, what, id, strerror(e),
		    po->po_res->sr_written);
		po->po_res->sr_stopped = 1;
		return (1);
	}
	if (po->po_nother++ == 0) {
		po->po_fkind = what;
		po->po_fid = id;
		po->po_ferr = e;
	}
	return (0);
}

static int
pol_proc(void *arg, long pid)
{
	struct policy *po = arg;
	const struct sweep_sys *sys = po->po_sys;
	struct sweep_pinfo pi;
	int known = 1;

	if (sys->ss_pinfo(sys->ss_arg, sys->ss_procdir, pid, &pi) == -1) {
		if (errno == ENOENT || errno == ESRCH)
			return (0);		/* gone since the readdir */
		/* Unreadable: still worth a record, but no task for -T. */
		known = 0;
	} else if (pi.sp_zombie) {
		/*
		 * Its final record is written.  wracct would still find it
		 * (a zombie is found until it is reaped) and write a partial
		 * record after the final one: CPU and start real, the
		 * per-thread counters 0, finish now.  A process that turns
		 * zombie after this read still gets one: a race the manual
		 * tells of.
		 */
		return (0);
	}
	po->po_res->sr_procs++;
	if (sys->ss_wracct(sys->ss_arg, SW_P_PID, pid, SW_EW_PARTIAL) == 0) {
		po->po_res->sr_written++;
	} else {
		int e = errno;

		if (e == ESRCH)
			return (0);
		if (pol_failed(po, "process", pid, e))
			return (1);
	}
	if (known)
		pol_add_task(po, pi.sp_taskid);
	return (0);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x < y ? -1 : x > y);
}

/* wracct(P_TASKID, EW_INTERVAL) once per distinct task seen. */
static void
pol_tasks(struct policy *po)
{
	const struct sweep_sys *sys = po->po_sys;
	size_t i;

	if (po->po_nomem) {
		pol_warn(po, "out of memory for the task list; -T wrote no "
		    "task records");
		po->po_res->sr_failed++;
		return;
	}
	qsort(po->po_tids, po->po_ntids, sizeof (long), cmp_long);
	for (i = 0; i < po->po_ntids; i++) {
		if (i > 0 && po->po_tids[i] == po->po_tids[i - 1])
			continue;
		po->po_res->sr_tasks++;
		if (sys->ss_wracct(sys->ss_arg, SW_P_TASKID, po->po_tids[i],
		    SW_EW_INTERVAL) == 0)
			continue;
		if (pol_failed(po, "task", po->po_tids[i], errno))
			return;
	}
}

int
sweep_policy_run(const struct sweep_sys *sys, const char *path, int tasks,
    char *readpath, size_t len, struct sweep_result *res)
{
	struct policy po;
	int r;

	memset(&po, 0, sizeof (po));
	memset(res, 0, sizeof (*res));
	po.po_sys = sys;
	po.po_res = res;
	po.po_tasks = tasks;
	readpath[0] = '\0';
	if (path != NULL) {
		if (strlen(path) >= len) {
			pol_warn(&po, "%s: file name too long", path);
			return (EXIT_OPEN);
		}
		(void) strcpy(readpath, path);
	} else if (sys->ss_acctfile(sys->ss_arg, readpath, len) == -1) {
		int e = errno;

		readpath[0] = '\0';
		if (e == SW_ENOTACTIVE)
			pol_warn(&po, "process accounting is not active or has "
			    "no file, so there is nothing to sweep into; turn "
			    "it on with `acctadm -e extended -f "
			    "/var/adm/exacct/proc process`");
		else
			pol_warn(&po, "cannot find the process accounting "
			    "file: %s", strerror(e));
		return (EXIT_OPEN);
	}
	po.po_file = readpath;

	r = sweep_walk(sys->ss_procdir, pol_proc, &po);
	if (r == -1) {
		pol_warn(&po, "%s: %s", sys->ss_procdir, strerror(errno));
		res->sr_failed++;
	} else if (r == 0 && tasks) {
		pol_tasks(&po);
	}
	if (po.po_fkind != NULL)
		pol_warn(&po, "wracct failed %lu time%s (first: %s %ld: %s); "
		    "those records are missing", po.po_nother,
		    po.po_nother == 1 ? "" : "s", po.po_fkind, po.po_fid,
		    strerror(po.po_ferr));
	free(po.po_tids);
	return (res->sr_failed != 0 ? EXIT_OPEN : EXIT_OK);
}
