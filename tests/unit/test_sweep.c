/*
 * test_sweep.c: the /proc walk and the illumos wracct policy, driven by a
 * fake wracct, psinfo and acctctl over a fake /proc directory; and on
 * Linux the /proc parsers, the split of the CPU time, a sweep of a fake
 * /proc (waits, the CPU's source, the cgroup walk for zones), and real
 * sweeps decoded with the codec and the reader: stopped children's CPU
 * and waits against the kernel's schedstat, stat and rusage, with
 * taskstats and with /proc alone, and delay accounting on and off.
 */
#include <sys/stat.h>
#include <sys/utsname.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "exacct.h"
#include "exdump.h"
#include "records.h"
#include "acctfile.h"
#include "sweep.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/wait.h>
#include <dirent.h>
#include <pthread.h>
#include <signal.h>

#include "taskstats.h"
#endif

const char *progname = "test_sweep";

/* The fake system. */
#define	MAXCALLS	64
#define	MAXPROCS	16

struct call {
	int	c_idtype;
	long	c_id;
	int	c_flags;
};

struct fproc {
	long	fp_pid;
	int	fp_zombie;
	long	fp_taskid;
	int	fp_pinfo_err;	/* the psinfo read fails with it */
	int	fp_err;		/* wracct(P_PID) fails with it */
};

struct fake {
	struct fproc	fk_procs[MAXPROCS];
	int		fk_nprocs;
	int		fk_all_err;	/* every wracct(P_PID) fails */
	int		fk_task_err;	/* every wracct(P_TASKID) too */
	int		fk_acct_err;	/* acctctl fails with it */
	struct call	fk_calls[MAXCALLS];
	int		fk_ncalls;
	int		fk_nwarn;
	char		fk_warn[512];	/* the first warning */
};

static struct fproc *
fk_find(struct fake *fk, long pid)
{
	int i;

	for (i = 0; i < fk->fk_nprocs; i++)
		if (fk->fk_procs[i].fp_pid == pid)
			return (&fk->fk_procs[i]);
	return (NULL);
}

static int
fk_wracct(void *arg, int idtype, long id, int flags)
{
	struct fake *fk = arg;
	struct fproc *fp;
	int e = 0;

	if (fk->fk_ncalls < MAXCALLS) {
		fk->fk_calls[fk->fk_ncalls].c_idtype = idtype;
		fk->fk_calls[fk->fk_ncalls].c_id = id;
		fk->fk_calls[fk->fk_ncalls].c_flags = flags;
	}
	fk->fk_ncalls++;
	if (idtype == SW_P_TASKID)
		e = fk->fk_task_err;
	else if (fk->fk_all_err != 0)
		e = fk->fk_all_err;
	else if ((fp = fk_find(fk, id)) != NULL)
		e = fp->fp_err;
	else
		e = ESRCH;
	if (e != 0) {
		errno = e;
		return (-1);
	}
	return (0);
}

static int
fk_pinfo(void *arg, const char *dir, long pid, struct sweep_pinfo *pi)
{
	struct fake *fk = arg;
	struct fproc *fp;

	(void) dir;
	if ((fp = fk_find(fk, pid)) == NULL) {
		errno = ENOENT;
		return (-1);
	}
	if (fp->fp_pinfo_err != 0) {
		errno = fp->fp_pinfo_err;
		return (-1);
	}
	pi->sp_zombie = fp->fp_zombie;
	pi->sp_taskid = fp->fp_taskid;
	return (0);
}

static int
fk_acctfile(void *arg, char *buf, size_t len)
{
	struct fake *fk = arg;

	if (fk->fk_acct_err != 0) {
		errno = fk->fk_acct_err;
		return (-1);
	}
	(void) snprintf(buf, len, "%s", "/var/adm/exacct/proc");
	return (0);
}

static void
fk_warn(void *arg, const char *msg)
{
	struct fake *fk = arg;

	if (fk->fk_nwarn++ == 0)
		(void) snprintf(fk->fk_warn, sizeof (fk->fk_warn), "%s", msg);
}

/* A fake /proc: a directory of the given names. */
static char procdir[64];

static void
make_procdir(const char *const names[], int n)
{
	char path[128];
	int i;

	(void) strcpy(procdir, "/tmp/test_sweep.XXXXXX");
	if (mkdtemp(procdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		(void) snprintf(path, sizeof (path), "%s/%s", procdir,
		    names[i]);
		if (mkdir(path, 0700) == -1) {
			perror(path);
			exit(1);
		}
	}
}

static void
remove_procdir(const char *const names[], int n)
{
	char path[128];
	int i;

	for (i = 0; i < n; i++) {
		(void) snprintf(path, sizeof (path), "%s/%s", procdir,
		    names[i]);
		(void) rmdir(path);
	}
	(void) rmdir(procdir);
}

static void
fk_init(struct fake *fk, struct sweep_sys *sys)
{
	memset(fk, 0, sizeof (*fk));
	sys->ss_wracct = fk_wracct;
	sys->ss_pinfo = fk_pinfo;
	sys->ss_acctfile = fk_acctfile;
	sys->ss_warn = fk_warn;
	sys->ss_procdir = procdir;
	sys->ss_arg = fk;
}

static void
fk_add(struct fake *fk, long pid, int zombie, long taskid)
{
	struct fproc *fp = &fk->fk_procs[fk->fk_nprocs++];

	memset(fp, 0, sizeof (*fp));
	fp->fp_pid = pid;
	fp->fp_zombie = zombie;
	fp->fp_taskid = taskid;
}

/* Calls of one id type, their ids sorted: readdir order is arbitrary. */
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x < y ? -1 : x > y);
}

static int
calls_of(const struct fake *fk, int idtype, int flags, long *ids)
{
	int i, n = 0;

	for (i = 0; i < fk->fk_ncalls && i < MAXCALLS; i++)
		if (fk->fk_calls[i].c_idtype == idtype &&
		    fk->fk_calls[i].c_flags == flags)
			ids[n++] = fk->fk_calls[i].c_id;
	qsort(ids, (size_t)n, sizeof (long), cmp_long);
	return (n);
}

static int
collect(void *arg, long pid)
{
	long *v = arg;

	if (v[0] < 15)
		v[++v[0]] = pid;
	return (0);
}

static int
stop_at_two(void *arg, long pid)
{
	(*(int *)arg)++;
	return (pid == 2 ? 7 : 0);
}

static void
test_pid_names(void)
{
	long pid = -1;

	CHECK(sweep_pid_name("1", &pid) && pid == 1);
	CHECK(sweep_pid_name("0", &pid) && pid == 0);
	CHECK(sweep_pid_name("4194304", &pid) && pid == 4194304);
	CHECK(sweep_pid_name("2147483647", &pid) && pid == 2147483647L);
	CHECK(!sweep_pid_name(".", &pid));
	CHECK(!sweep_pid_name("..", &pid));
	CHECK(!sweep_pid_name("", &pid));
	CHECK(!sweep_pid_name("self", &pid));
	CHECK(!sweep_pid_name("12a", &pid));
	CHECK(!sweep_pid_name("-1", &pid));
	CHECK(!sweep_pid_name("+1", &pid));
	CHECK(!sweep_pid_name(" 1", &pid));
	CHECK(!sweep_pid_name("007", &pid));
	CHECK(!sweep_pid_name("2147483648", &pid));
	CHECK(!sweep_pid_name("99999999999999999999999", &pid));
}

static void
test_walk(void)
{
	static const char *const names[] = {
		"0", "1", "2", "10", "300", "abc", "12a", "007", "-1",
		"2147483648", "2147483647", "self"
	};
	long got[16] = { 0 };
	int n = 0;

	make_procdir(names, 12);
	CHECK_INT(sweep_walk(procdir, collect, got), ==, 0);
	CHECK_INT(got[0], ==, 6);
	qsort(got + 1, (size_t)got[0], sizeof (long), cmp_long);
	CHECK_INT(got[1], ==, 0);
	CHECK_INT(got[2], ==, 1);
	CHECK_INT(got[3], ==, 2);
	CHECK_INT(got[4], ==, 10);
	CHECK_INT(got[5], ==, 300);
	CHECK_INT(got[6], ==, 2147483647L);
	/* A callback's non-zero return stops the walk and comes back. */
	CHECK_INT(sweep_walk(procdir, stop_at_two, &n), ==, 7);
	CHECK_INT(n, >=, 1);
	CHECK_INT(n, <=, 6);
	remove_procdir(names, 12);
	CHECK_INT(sweep_walk("/nonexistent/proc", collect, got), ==, -1);
	CHECK_INT(errno, ==, ENOENT);
}

static const char *const pnames[] = { "1", "2", "3", "4", "5", "6", "7",
	".hidden", "x" };

/* Processes 1-7: 3 is a zombie, 5 is gone before psinfo is read. */
static void
fk_standard(struct fake *fk)
{
	fk_add(fk, 1, 0, 5);
	fk_add(fk, 2, 0, 5);
	fk_add(fk, 3, 1, 11);
	fk_add(fk, 4, 0, 7);
	fk_add(fk, 6, 0, 9);
	fk_add(fk, 7, 0, 5);
}

static void
test_policy_ok(void)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX];
	long ids[MAXCALLS];
	int n, r;

	fk_init(&fk, &sys);
	fk_standard(&fk);
	r = sweep_policy_run(&sys, "/acct/proc", 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_STR(rp, "/acct/proc");
	CHECK_INT(fk.fk_nwarn, ==, 0);
	n = calls_of(&fk, SW_P_PID, SW_EW_PARTIAL, ids);
	CHECK_INT(n, ==, 5);			/* not the zombie, not 5 */
	CHECK_INT(fk.fk_ncalls, ==, 5);
	if (n == 5) {
		CHECK_INT(ids[0], ==, 1);
		CHECK_INT(ids[1], ==, 2);
		CHECK_INT(ids[2], ==, 4);
		CHECK_INT(ids[3], ==, 6);
		CHECK_INT(ids[4], ==, 7);
	}
	CHECK_UINT(res.sr_procs, ==, 5);
	CHECK_UINT(res.sr_written, ==, 5);
	CHECK_UINT(res.sr_tasks, ==, 0);	/* no -T: no task calls */
	CHECK_UINT(res.sr_failed, ==, 0);
	CHECK_INT(res.sr_stopped, ==, 0);
}

static void
test_policy_esrch(void)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX];
	int r;

	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_procs[1].fp_err = ESRCH;	/* pid 2 exited */
	fk.fk_procs[4].fp_err = ESRCH;		/* pid 6 too */
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_INT(fk.fk_nwarn, ==, 0);
	CHECK_UINT(res.sr_procs, ==, 5);
	CHECK_UINT(res.sr_written, ==, 3);
	CHECK_UINT(res.sr_failed, ==, 0);
	/* Task 9 had only pid 6, which was gone: no call for it. */
	CHECK_UINT(res.sr_tasks, ==, 2);
}

/* err for every process: one warning holding want, and one call only. */
static void
policy_stops(int err, const char *want, const char *want2)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX];
	int r;

	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_all_err = err;
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_STR(rp, "/acct/proc");		/* the read still happens */
	/* Stopped at the first call, and no task pass. */
	CHECK_INT(fk.fk_ncalls, ==, 1);
	CHECK_INT(fk.fk_nwarn, ==, 1);
	CHECK(strstr(fk.fk_warn, want) != NULL);
	CHECK(strstr(fk.fk_warn, want2) != NULL);
	CHECK_INT(res.sr_stopped, ==, 1);
	CHECK_UINT(res.sr_tasks, ==, 0);
}

static void
test_policy_other(void)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX], want[128];
	int r;

	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_all_err = EINVAL;
	r = sweep_policy_run(&sys, "/acct/proc", 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_STR(rp, "/acct/proc");
	CHECK_INT(fk.fk_ncalls, ==, 5);		/* the walk goes on */
	CHECK_INT(fk.fk_nwarn, ==, 1);		/* told once */
	CHECK(strstr(fk.fk_warn, "failed 5 times") != NULL);
	(void) snprintf(want, sizeof (want), "%s", strerror(EINVAL));
	CHECK(strstr(fk.fk_warn, want) != NULL);
	CHECK_UINT(res.sr_failed, ==, 5);
	CHECK_INT(res.sr_stopped, ==, 0);

	/* EINVAL for one process only: the count says 1. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_procs[3].fp_err = EINVAL;		/* pid 4 */
	r = sweep_policy_run(&sys, "/acct/proc", 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_INT(fk.fk_ncalls, ==, 5);
	CHECK_INT(fk.fk_nwarn, ==, 1);
	CHECK(strstr(fk.fk_warn, "failed 1 time (first: process 4") != NULL);
}

static void
test_policy_tasks(void)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX];
	long ids[MAXCALLS];
	int n, r, i, last_pid = -1, first_task = MAXCALLS;

	fk_init(&fk, &sys);
	fk_standard(&fk);
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_INT(fk.fk_nwarn, ==, 0);
	/* Tasks 5 (three processes), 7 and 9, once each; not the zombie's. */
	n = calls_of(&fk, SW_P_TASKID, SW_EW_INTERVAL, ids);
	CHECK_INT(n, ==, 3);
	if (n == 3) {
		CHECK_INT(ids[0], ==, 5);
		CHECK_INT(ids[1], ==, 7);
		CHECK_INT(ids[2], ==, 9);
	}
	CHECK_INT(fk.fk_ncalls, ==, 8);		/* 5 procs, 3 tasks */
	CHECK_UINT(res.sr_tasks, ==, 3);
	/* Every task call comes after the whole process walk. */
	for (i = 0; i < fk.fk_ncalls; i++) {
		if (fk.fk_calls[i].c_idtype == SW_P_PID)
			last_pid = i;
		else if (i < first_task)
			first_task = i;
	}
	CHECK_INT(last_pid, <, first_task);

	/* Task accounting off: told once, naming task accounting. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_task_err = SW_ENOTACTIVE;
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_INT(fk.fk_nwarn, ==, 1);
	CHECK(strstr(fk.fk_warn, "task accounting") != NULL);
	CHECK(strstr(fk.fk_warn, "acctadm -e extended") != NULL);
	CHECK_UINT(res.sr_written, ==, 5);	/* the process records went */
	CHECK_UINT(res.sr_tasks, ==, 1);	/* and the task pass stopped */

	/* A task that ended meanwhile is no error. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_task_err = ESRCH;
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_INT(fk.fk_nwarn, ==, 0);
	CHECK_UINT(res.sr_tasks, ==, 3);

	/* A psinfo that cannot be read: the record still, no task. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_procs[4].fp_pinfo_err = EACCES;	/* pid 6, task 9 */
	r = sweep_policy_run(&sys, "/acct/proc", 1, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_UINT(res.sr_procs, ==, 5);
	CHECK_UINT(res.sr_tasks, ==, 2);
}

static void
test_policy_file(void)
{
	struct fake fk;
	struct sweep_sys sys;
	struct sweep_result res;
	char rp[PATH_MAX], small[8];
	int r;

	/* No FILE: the kernel's process file, as lastcomm finds it. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	r = sweep_policy_run(&sys, NULL, 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_STR(rp, "/var/adm/exacct/proc");
	CHECK_INT(fk.fk_ncalls, ==, 5);

	/* Accounting without a file: told once, nothing to read. */
	fk_init(&fk, &sys);
	fk_standard(&fk);
	fk.fk_acct_err = SW_ENOTACTIVE;
	r = sweep_policy_run(&sys, NULL, 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_STR(rp, "");
	CHECK_INT(fk.fk_ncalls, ==, 0);
	CHECK_INT(fk.fk_nwarn, ==, 1);
	CHECK(strstr(fk.fk_warn, "acctadm -e extended -f") != NULL);

	/* A FILE that does not fit readpath. */
	fk_init(&fk, &sys);
	r = sweep_policy_run(&sys, "/a/long/name", 0, small, sizeof (small),
	    &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_STR(small, "");
	CHECK_INT(fk.fk_nwarn, ==, 1);
	CHECK_INT(fk.fk_ncalls, ==, 0);
}

static void
test_policy(void)
{
	make_procdir(pnames, 9);
	test_policy_ok();
	test_policy_esrch();
	policy_stops(EPERM, "sys_acct", "root");
	policy_stops(SW_ENOTACTIVE, "process accounting",
	    "acctadm -e extended -f /acct/proc process");
	/* The kernel cannot write the file: every later call would fail. */
	policy_stops(ENOSPC, strerror(ENOSPC),
	    "/acct/proc: the kernel cannot write the accounting file");
	policy_stops(EIO, strerror(EIO),
	    "/acct/proc: the kernel cannot write the accounting file");
	policy_stops(EFBIG, strerror(EFBIG),
	    "/acct/proc: the kernel cannot write the accounting file");
	test_policy_other();
	test_policy_tasks();
	test_policy_file();
	remove_procdir(pnames, 9);
}

#if defined(__linux__)
/*
 * A stat line of the kernel's 52 fields: fields 4 to 52 hold their own
 * field number, but 42 (delayacct_blkio_ticks) holds blkio.  Its length.
 */
static size_t
stat52(char *buf, size_t len, unsigned long long blkio, int upto)
{
	size_t n;
	int k;

	n = (size_t)snprintf(buf, len, "77 (w t) D");
	for (k = 4; k <= upto && n < len; k++)
		n += (size_t)snprintf(buf + n, len - n, " %llu", k == 42 ?
		    blkio : (unsigned long long)k);
	if (n < len - 1) {
		buf[n++] = '\n';
		buf[n] = '\0';
	}
	return (n);
}

/* Field 42, the block I/O wait in ticks: there when the line has it. */
static void
test_parse_stat_blkio(void)
{
	char line[512];
	struct sweep_stat st;
	size_t n;

	n = stat52(line, sizeof (line), 12345, 52);
	CHECK_INT(sweep_parse_stat(line, n, &st), ==, 0);
	CHECK(st.pst_have_blkio);
	CHECK_UINT(st.pst_blkio, ==, 12345);
	CHECK_UINT(st.pst_ppid, ==, 4);
	CHECK_UINT(st.pst_utime, ==, 14);
	CHECK_UINT(st.pst_start, ==, 22);
	/* Ending at field 42, with its newline. */
	n = stat52(line, sizeof (line), 9, 42);
	CHECK_INT(sweep_parse_stat(line, n, &st), ==, 0);
	CHECK(st.pst_have_blkio);
	CHECK_UINT(st.pst_blkio, ==, 9);
	/* Cut inside field 42 (it may have lost digits), or before it. */
	CHECK_INT(sweep_parse_stat(line, n - 1, &st), ==, 0);
	CHECK(!st.pst_have_blkio);
	n = stat52(line, sizeof (line), 9, 41);
	CHECK_INT(sweep_parse_stat(line, n, &st), ==, 0);
	CHECK(!st.pst_have_blkio);
	/* Not a number there. */
	(void) strcpy(line + n - 1, " x\n");
	CHECK_INT(sweep_parse_stat(line, strlen(line), &st), ==, 0);
	CHECK(!st.pst_have_blkio);
}

static void
test_parse_schedstat(void)
{
	uint64_t r = 0, d = 0, c = 0;

	CHECK_INT(sweep_parse_schedstat("150307657 127109071 30\n", 23, &r,
	    &d, &c), ==, 0);
	CHECK_UINT(r, ==, 150307657);
	CHECK_UINT(d, ==, 127109071);
	CHECK_UINT(c, ==, 30);
	CHECK_INT(sweep_parse_schedstat("0 0 0\n", 6, &r, &d, &c), ==, 0);
	CHECK_UINT(c, ==, 0);
	/* Two fields, no newline (cut), two spaces, a sign, letters. */
	CHECK_INT(sweep_parse_schedstat("1 2\n", 4, &r, &d, &c), ==, -1);
	CHECK_INT(sweep_parse_schedstat("1 2 3", 5, &r, &d, &c), ==, -1);
	CHECK_INT(sweep_parse_schedstat("1  2 3\n", 7, &r, &d, &c), ==, -1);
	CHECK_INT(sweep_parse_schedstat("-1 2 3\n", 7, &r, &d, &c), ==, -1);
	CHECK_INT(sweep_parse_schedstat("a b c\n", 6, &r, &d, &c), ==, -1);
	CHECK_INT(sweep_parse_schedstat("", 0, &r, &d, &c), ==, -1);
	/* The length is obeyed: the newline past it is not seen. */
	CHECK_INT(sweep_parse_schedstat("1 2 3\n", 5, &r, &d, &c), ==, -1);
}

/*
 * The split of the exact run time, against figures worked out by hand:
 * sys = run x sampled sys / sampled total, rounded down, user the rest;
 * then each no less than the kernel's own rounded-down figure.
 */
static void
test_cpu_split(void)
{
	uint64_t u = 0, s = 0, big = UINT64_C(1000000000000000000);

	/* 150 ms run, 40 of 160 ms sampled user: sys 150 x 120 / 160. */
	CHECK_INT(sweep_cpu_split(150000000, 40000000, 160000000, 0, 0, &u,
	    &s), ==, 0);
	CHECK_UINT(s, ==, 112500000);
	CHECK_UINT(u, ==, 37500000);
	/* stat says at least 40 ms of user: sys gives way. */
	CHECK_INT(sweep_cpu_split(150000000, 40000000, 160000000, 40000000,
	    0, &u, &s), ==, 0);
	CHECK_UINT(u, ==, 40000000);
	CHECK_UINT(s, ==, 110000000);
	/* ... and at least 120 ms of system: user gives way. */
	CHECK_INT(sweep_cpu_split(150000000, 40000000, 160000000, 0,
	    120000000, &u, &s), ==, 0);
	CHECK_UINT(u, ==, 30000000);
	CHECK_UINT(s, ==, 120000000);
	/* Rounding: 10 x 1 / 3 = 3.33: sys 3, user 7. */
	CHECK_INT(sweep_cpu_split(10, 2, 3, 0, 0, &u, &s), ==, 0);
	CHECK_UINT(s, ==, 3);
	CHECK_UINT(u, ==, 7);
	/* Nothing sampled: all user (the kernel's rule); all sys sampled. */
	CHECK_INT(sweep_cpu_split(5000, 0, 0, 0, 0, &u, &s), ==, 0);
	CHECK_UINT(u, ==, 5000);
	CHECK_UINT(s, ==, 0);
	CHECK_INT(sweep_cpu_split(5000, 0, 4000000, 0, 0, &u, &s), ==, 0);
	CHECK_UINT(u, ==, 0);
	CHECK_UINT(s, ==, 5000);
	/* More user than total sampled (figures read apart): all user. */
	CHECK_INT(sweep_cpu_split(5000, 9, 8, 0, 0, &u, &s), ==, 0);
	CHECK_UINT(u, ==, 5000);
	/* A run time below stat's figures: not of a piece; nothing set. */
	u = s = 1;
	CHECK_INT(sweep_cpu_split(99, 1, 2, 50, 50, &u, &s), ==, -1);
	CHECK_UINT(u, ==, 1);
	CHECK_INT(sweep_cpu_split(UINT64_MAX, 1, 2, UINT64_MAX, 1, &u, &s),
	    ==, -1);
	/* 31 years of CPU, 30% sampled user: no overflow, 2^-31 close. */
	CHECK_INT(sweep_cpu_split(big, big / 10 * 3, big, 0, 0, &u, &s), ==,
	    0);
	CHECK_UINT(u + s, ==, big);
	CHECK_UINT(s, >=, big / 10 * 7 - big / 10 * 7 / 2147483648u);
	CHECK_UINT(s, <=, big / 10 * 7 + big / 10 * 7 / 2147483648u);

	CHECK_UINT(sweep_muldiv(UINT64_C(1000000000000), 333, 1000), ==,
	    UINT64_C(333000000000));
	CHECK_UINT(sweep_muldiv(UINT64_MAX, 1, 2), ==, UINT64_MAX / 2);
	CHECK_UINT(sweep_muldiv(UINT64_MAX, 7, 7), ==, UINT64_MAX);
	CHECK_UINT(sweep_muldiv(7, 3, 2), ==, 7);	/* b > c: b is c */
	CHECK_UINT(sweep_muldiv(7, 0, 2), ==, 0);
	CHECK_UINT(sweep_muldiv(7, 1, 0), ==, 0);
}

static void
test_parse_stat(void)
{
	static const char good[] = "1234 (a) b (c) S 1 1234 1234 34816 1234 "
	    "4194624 100 5 7 0 250 30 0 0 -2 0 3 0 123456 1000 10 "
	    "18446744073709551615 1 1\n";
	static const char longc[] = "9 (abcdefghijklmnopqrstu) R 0 0 0 0 -1 "
	    "2 0 0 0 0 0 0 0 0 20 0 1 0 9 0 0\n";
	struct sweep_stat st;

	CHECK_INT(sweep_parse_stat(good, sizeof (good) - 1, &st), ==, 0);
	CHECK(!st.pst_have_blkio);		/* no field 42 */
	CHECK_STR(st.pst_comm, "a) b (c");
	CHECK_INT(st.pst_commlen, ==, 7);
	CHECK_INT(st.pst_state, ==, 'S');
	CHECK_UINT(st.pst_ppid, ==, 1);
	CHECK_UINT(st.pst_tty, ==, 34816);
	CHECK_UINT(st.pst_flags, ==, 4194624);
	CHECK_UINT(st.pst_minflt, ==, 100);
	CHECK_UINT(st.pst_majflt, ==, 7);
	CHECK_UINT(st.pst_utime, ==, 250);
	CHECK_UINT(st.pst_stime, ==, 30);
	CHECK_UINT(st.pst_nthreads, ==, 3);
	CHECK_UINT(st.pst_start, ==, 123456);

	CHECK_INT(sweep_parse_stat(longc, sizeof (longc) - 1, &st), ==, 0);
	CHECK_STR(st.pst_comm, "abcdefghijklmno");	/* cut to 15 */
	CHECK_INT(st.pst_state, ==, 'R');
	CHECK_UINT(st.pst_start, ==, 9);

	/* Cut short anywhere: refused, never read past the end. */
	CHECK_INT(sweep_parse_stat("1 (x", 4, &st), ==, -1);
	CHECK_INT(sweep_parse_stat("1 (x) S 1 2", 11, &st), ==, -1);
	CHECK_INT(sweep_parse_stat(good, 60, &st), ==, -1);
	CHECK_INT(sweep_parse_stat("", 0, &st), ==, -1);
	CHECK_INT(sweep_parse_stat("1 () S", 6, &st), ==, -1);
	test_parse_stat_blkio();
}

static void
test_parse_status(void)
{
	static const char s[] = "Name:\tx\nUmask:\t0022\nState:\tS\n"
	    "Uid:\t1000\t0\t0\t0\nGid:\t100\t100\t100\t100\n"
	    "VmPeak:\t   9999 kB\nVmHWM:\t    2080 kB\n"
	    "voluntary_ctxt_switches:\t42\n"
	    "nonvoluntary_ctxt_switches:\t7\n";
	static const char kthread[] = "Name:\tkthreadd\nUid:\t0\t0\t0\t0\n"
	    "Gid:\t0\t0\t0\t0\nvoluntary_ctxt_switches:\t1\n"
	    "nonvoluntary_ctxt_switches:\t0";
	struct sweep_status ss;
	uint64_t c = 0;

	CHECK_INT(sweep_parse_status(s, sizeof (s) - 1, &ss), ==, 0);
	CHECK_UINT(ss.pss_uid, ==, 1000);	/* the real one */
	CHECK_UINT(ss.pss_gid, ==, 100);
	CHECK(ss.pss_have & SWS_HWM);
	CHECK_UINT(ss.pss_hwm_k, ==, 2080);
	CHECK_UINT(ss.pss_nvcsw, ==, 42);
	CHECK_UINT(ss.pss_nivcsw, ==, 7);
	CHECK_INT(sweep_parse_status(kthread, sizeof (kthread) - 1, &ss), ==,
	    0);
	CHECK(!(ss.pss_have & SWS_HWM));		/* none in kthreads */
	CHECK_UINT(ss.pss_nivcsw, ==, 0);
	CHECK_INT(sweep_parse_status("Name:\tx\n", 8, &ss), ==, -1);
	/* "Uid:" cut before its number is not a uid. */
	CHECK_INT(sweep_parse_status(s, 40, &ss), ==, -1);

	CHECK_INT(sweep_parse_io("rchar: 10\nwchar: 32\nsyscr: 5\n", 28, &c),
	    ==, 0);
	CHECK_UINT(c, ==, 42);
	CHECK_INT(sweep_parse_io("rchar: 10\nsyscr: 5\n", 19, &c), ==, -1);
	CHECK_INT(sweep_parse_io("rchar: 10\nwchar:", 16, &c), ==, -1);
}

static void
test_tty(void)
{
	uint32_t ma, mi;

	sweep_tty(0, &ma, &mi);
	CHECK_UINT(ma, ==, UINT32_MAX);
	CHECK_UINT(mi, ==, UINT32_MAX);
	sweep_tty(0x8801, &ma, &mi);		/* pts/1 */
	CHECK_UINT(ma, ==, 136);
	CHECK_UINT(mi, ==, 1);
	/* minor 300: low 8 bits in 7-0, the rest in 31-20 */
	sweep_tty((1u << 20) | (136u << 8) | 44u, &ma, &mi);
	CHECK_UINT(ma, ==, 136);
	CHECK_UINT(mi, ==, 300);
}

static void
zone_is(const char *cg, const char *want)
{
	char z[EX_ZONE_MAX];
	size_t n;

	n = sweep_cgroup_zone(cg, strlen(cg), z, sizeof (z));
	CHECK_STR(z, want);
	CHECK_INT(n, ==, strlen(want));
}

static void
test_zone(void)
{
	char big[200];

	zone_is("0::/system.slice/docker-0123456789abcdef0123456789ab.scope\n",
	    "docker/0123456789ab");
	zone_is("12:pids:/docker/abcdef0123456789abcdef\n0::/\n",
	    "docker/abcdef012345");
	zone_is("0::/lxc.payload.web1/init.scope\n", "lxc/web1");
	zone_is("0::/lxc/db\n", "lxc/db");
	zone_is("0::/machine.slice/libpod-fedcba9876543210.scope/container\n",
	    "podman/fedcba987654");
	zone_is("0::/kubepods.slice/kubepods-pod1.slice/"
	    "cri-containerd-aaaaaaaaaaaa1.scope\n", "containerd/aaaaaaaaaaaa");
	zone_is("0::/system.slice/crio-bbbbbbbbbbbbbbbb.scope\n",
	    "crio/bbbbbbbbbbbb");
	zone_is("0::/machine.slice/machine-vm1.scope\n", "machine/vm1");
	zone_is("0::/user.slice/user-1000.slice/session-2.scope\n", "global");
	zone_is("0::/system.slice/docker-xyz.scope\n", "global");
	zone_is("0::/docker/abc\n", "global");	/* too short an id */
	zone_is("0::/machine-.scope\n", "global");
	zone_is("4:memory:/process_api/217d52fdb5b9b9f6\n0::/\n", "global");
	zone_is("", "global");
	zone_is("garbage without colons", "global");
	/* A long name is cut to ZONENAME_MAX - 1 bytes. */
	(void) strcpy(big, "0::/lxc/");
	memset(big + 8, 'n', 100);
	big[108] = '\0';
	{
		char z[EX_ZONE_MAX];

		CHECK_INT(sweep_cgroup_zone(big, strlen(big), z, sizeof (z)),
		    ==, EX_ZONE_MAX - 1);
		CHECK_INT(strlen(z), ==, EX_ZONE_MAX - 1);
		CHECK(strncmp(z, "lxc/nnnn", 8) == 0);
	}
}

/*
 * 1 if dir and every directory on the way to it are root's alone (owned
 * by uid 0, not writable by group or others, not a symbolic link): the
 * only places the sweep writes as root.  Read here with lstat, apart
 * from the walk under test.
 */
static int
root_only(const char *dir)
{
	char p[PATH_MAX];
	struct stat sb;
	size_t k, n = strlen(dir);

	if (n == 0 || dir[0] != '/' || n >= sizeof (p))
		return (0);
	for (k = 1; k <= n; k++) {
		if (k < n && dir[k] != '/')
			continue;
		memcpy(p, dir, k);
		p[k] = '\0';
		if (lstat(p, &sb) == -1 || !S_ISDIR(sb.st_mode) ||
		    sb.st_uid != 0 || (sb.st_mode & 022) != 0)
			return (0);
	}
	return (1);
}

/*
 * A new temporary directory, mode 0700, for the sweeps to write in: as
 * root one where root's sweep may write (not under /tmp, which others
 * can write), else under /tmp.  0, or -1 if none could be made.
 */
static int
sweep_tmpdir(char *buf, size_t len)
{
	static const char *const cand[] = { "/run", "/var/cache", "/var/lib",
	    "/root", "/" };
	size_t i;

	if (geteuid() != 0) {
		(void) snprintf(buf, len, "/tmp/test_sweep.XXXXXX");
		return (mkdtemp(buf) != NULL ? 0 : -1);
	}
	for (i = 0; i < sizeof (cand) / sizeof (cand[0]); i++) {
		if (!root_only(cand[i]))
			continue;
		(void) snprintf(buf, len, "%s/test_sweep.XXXXXX",
		    strcmp(cand[i], "/") == 0 ? "" : cand[i]);
		if (strlen(buf) < len - 1 && mkdtemp(buf) != NULL)
			return (0);
	}
	return (-1);
}

/*
 * One real sweep into a temporary file, decoded with the codec: the sweep
 * record comes first, our own record is there with the right identity,
 * and every item has the type the illumos kernel gives it (the sweep
 * record's: local ids, the types of its catalog).
 */
static void
test_real_sweep(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 8], rp[PATH_MAX];
	struct opts op;
	struct ex_src src;
	struct ex_stream st;
	struct ex_obj ob;
	uint32_t group = 0;
	uint64_t pid = 0, uid = 0, ppid = 0;
	int fd, r, nrec = 0, mine = 0, parent = 0, badtype = 0, header = 0;
	int seen_cmd = 0, seen_zone = 0, left_out = 0, n = 0, nsweep = 0;
	int sweep_at = -1, ngroup = 0, sweep_items = 0;
	struct stat sb;
	char cmd[EX_COMMAND_MAX] = "";

	if (sweep_tmpdir(dir, sizeof (dir)) == -1) {
		TEST_SKIP("mkdtemp failed");
		return;
	}
	(void) snprintf(path, sizeof (path), "%s/acct", dir);
	memset(&op, 0, sizeof (op));
	r = sweep_run(path, &op, rp, sizeof (rp));
	CHECK_INT(r, ==, EXIT_OK);
	CHECK_STR(rp, path);
	CHECK_INT(stat(path, &sb), ==, 0);
	CHECK_INT(sb.st_mode & 0777, ==, 0600);
	if ((fd = open(path, O_RDONLY)) == -1 ||
	    ex_src_open_fd(&src, fd) == -1) {
		TEST_SKIP("cannot read the sweep back");
		return;
	}
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	while ((r = ex_next(&st, &ob)) == EX_OK) {
		uint32_t id = EX_ID(ob.eo_tag);
		unsigned t = ob.eo_type;

		n++;
		if (ob.eo_depth == 0) {
			if (group == EXD_GROUP_PROC_PARTIAL && pid ==
			    (uint64_t)getpid())
				mine++;
			if (group == EXD_GROUP_PROC_PARTIAL && pid ==
			    (uint64_t)getppid())
				parent++;
			group = id;
			ngroup++;
			if (id == EXD_GROUP_HEADER) {
				header++;
			} else if (id == EXD_GROUP_PROC_PARTIAL) {
				nrec++;
			} else if (id == EXD_GROUP_SWEEP && (ob.eo_tag &
			    EX_CAT_MASK) == (uint32_t)EX_C_LOCAL << 24) {
				nsweep++;
				sweep_at = ngroup;
			} else {
				badtype++;
			}
			pid = 0;
			continue;
		}
		if (group == EXD_GROUP_SWEEP) {
			/* Local ids; ncpu a uint32, the host a string. */
			sweep_items++;
			if ((ob.eo_tag & EX_CAT_MASK) !=
			    (uint32_t)EX_C_LOCAL << 24 ||
			    t != (id == EXD_SWEEP_HOSTNAME ? EX_T_STRING :
			    id == EXD_SWEEP_NCPU || id == EXD_SWEEP_PID ?
			    EX_T_UINT32 : EX_T_UINT64))
				badtype++;
			/* The sweep's own pid: this process, which swept. */
			if (id == EXD_SWEEP_PID && ob.eo_u64 != (uint64_t)getpid())
				badtype++;
			continue;
		}
		if (group != EXD_GROUP_PROC_PARTIAL)
			continue;
		/* Ids from 0x7e0000 on are the local catalog's, others not. */
		if ((id >= 0x7e0000) != ((ob.eo_tag & EX_CAT_MASK) ==
		    (uint32_t)EX_C_LOCAL << 24))
			badtype++;
		switch (id) {
		case EXD_PROC_CPU_SOURCE:	/* local, EXCPU_* */
		case EXD_PROC_KTHREAD:		/* local, 1 */
			if (t != EX_T_UINT32)
				badtype++;
			break;
		case EXD_PROC_PID:
		case EXD_PROC_UID:
		case EXD_PROC_GID:
		case EXD_PROC_TTY_MAJOR:
		case EXD_PROC_TTY_MINOR:
		case EXD_PROC_ACCT_FLAGS:
		case EXD_PROC_ANCPID:
			if (t != EX_T_UINT32)
				badtype++;
			break;
		case EXD_PROC_COMMAND:
		case EXD_PROC_HOSTNAME:
		case EXD_PROC_ZONENAME:
			if (t != EX_T_STRING)
				badtype++;
			break;
		case EXD_PROC_TASKID:
		case EXD_PROC_PROJID:
		case EXD_PROC_MESSAGES_RCV:
		case EXD_PROC_MESSAGES_SND:
		case EXD_PROC_SIGNALS:
		case EXD_PROC_SWAPS:
		case EXD_PROC_SYSCALLS:
		case EXD_PROC_WAIT_STATUS:
		case EXD_PROC_MEM_RSS_AVG_K:
		case EXD_PROC_BLOCKS_IN:
		case EXD_PROC_BLOCKS_OUT:
			left_out++;	/* Linux cannot measure these */
			break;
		default:
			if (t != EX_T_UINT64)
				badtype++;
		}
		if (id == EXD_PROC_PID)
			pid = ob.eo_u64;
		/* The sweep leaves itself out: look at our parent. */
		if (pid != (uint64_t)getppid())
			continue;
		if (id == EXD_PROC_UID)
			uid = ob.eo_u64;
		if (id == EXD_PROC_ANCPID)
			ppid = ob.eo_u64;
		if (id == EXD_PROC_ZONENAME)
			seen_zone = 1;
		if (id == EXD_PROC_COMMAND && ob.eo_data != NULL &&
		    ob.eo_dlen > 0 && ob.eo_dlen <= sizeof (cmd)) {
			memcpy(cmd, ob.eo_data, (size_t)ob.eo_dlen);
			cmd[ob.eo_dlen - 1] = '\0';
			seen_cmd = 1;
		}
	}
	if (group == EXD_GROUP_PROC_PARTIAL && pid == (uint64_t)getpid())
		mine++;
	if (group == EXD_GROUP_PROC_PARTIAL && pid == (uint64_t)getppid())
		parent++;	/* the last record */
	CHECK_INT(r, ==, EX_END);
	CHECK_INT(header, ==, 1);
	/* One sweep record, the first group after the header. */
	CHECK_INT(nsweep, ==, 1);
	CHECK_INT(sweep_at, ==, 2);
	/* start, end, recorded, skipped at least (no host, no /proc/stat). */
	CHECK_INT(sweep_items, >=, 4);
	CHECK_INT(nrec, >=, 2);			/* us and our parent */
	CHECK_INT(badtype, ==, 0);
	CHECK_INT(left_out, ==, 0);
	CHECK_INT(mine, ==, 0);		/* not the sweep itself */
	CHECK_INT(parent, ==, 1);
	CHECK_UINT(uid, ==, getuid());
	CHECK(seen_cmd);
	/* The parent's command as the kernel names it, read here. */
	{
		char path2[64], comm[32];
		ssize_t k;
		int cfd;

		(void) snprintf(path2, sizeof (path2), "/proc/%ld/comm",
		    (long)getppid());
		comm[0] = '\0';
		if ((cfd = open(path2, O_RDONLY)) != -1) {
			k = read(cfd, comm, sizeof (comm) - 1);
			comm[k > 0 ? k - 1 : 0] = '\0';	/* the newline */
			(void) close(cfd);
		}
		CHECK_STR(cmd, comm);
	}
	(void) ppid;
	CHECK(seen_zone);
	CHECK_INT(n, >, nrec);
	ex_src_close(&src);
	(void) close(fd);
	(void) unlink(path);
	(void) rmdir(dir);
}
/* Every have bit of the cpu counters k with lo <= k < hi. */
static uint64_t
cpu_bits(int lo, int hi)
{
	uint64_t m = 0;
	int k;

	for (k = lo; k < hi; k++)
		m |= EX_BIT(EXD_SWEEP_CPU_USER + k);
	return (m);
}

/*
 * /proc/stat texts written by hand; every ns value below is ticks * 10^9
 * / hz worked out by hand (at 100 a second, a tick is 10^7 ns).
 */
static void
test_parse_cpu(void)
{
	/* Linux 2.6.33 and later: ten columns. */
	static const char ten[] =
	    "cpu  4705 150 1120 16250 520 30 45 6 12 3\n"
	    "cpu0 2400 70 560 8100 260 15 20 3 6 1\n"
	    "cpu1 2305 80 560 8150 260 15 25 3 6 2\n"
	    "intr 1234 5 6 7\nctxt 99\nbtime 1700000000\n"
	    "softirq 55 1 2 3\n";
	/* 2.6.11 to 2.6.23: no guest columns.  Tabs as separators too. */
	static const char eight[] =
	    "cpu 1 2 3 4 5 6 7 8\ncpu0\t1\t2\t3\t4\t5\t6\t7\t8\n";
	/* 2.4: four columns, four CPUs. */
	static const char four[] = "cpu  10 20 30 40\ncpu0 1 2 3 4\n"
	    "cpu1 1 2 3 4\ncpu2 1 2 3 4\ncpu3 1 2 3 4\npage 5 6\n";
	static const char nocpu[] = "intr 1 2\nctxt 3\nbtime 4\n";
	static const char only_n[] = "cpu0 1 2 3 4\ncpu1 1 2 3 4\n";
	static const char cut[] = "cpu  12 34 56 78\ncpu0 6 17 28 39\n"
	    "cpu1 6 17 28 39\n";
	static const char big[] = "cpu  20000000000 18446744073709551615 "
	    "7 600\ncpu0 1 1 1 1\n";
	static const char junk[] = "cpu  1 2 x3 4\ncpu0 1 2 3 4\n";
	struct ex_sweep sw;

	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(ten, sizeof (ten) - 1, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 10) | EX_BIT(EXD_SWEEP_NCPU));
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(47050000000));
	CHECK_UINT(sw.sw_cpu[SWC_NICE], ==, UINT64_C(1500000000));
	CHECK_UINT(sw.sw_cpu[SWC_SYSTEM], ==, UINT64_C(11200000000));
	CHECK_UINT(sw.sw_cpu[SWC_IDLE], ==, UINT64_C(162500000000));
	CHECK_UINT(sw.sw_cpu[SWC_IOWAIT], ==, UINT64_C(5200000000));
	CHECK_UINT(sw.sw_cpu[SWC_IRQ], ==, UINT64_C(300000000));
	CHECK_UINT(sw.sw_cpu[SWC_SOFTIRQ], ==, UINT64_C(450000000));
	CHECK_UINT(sw.sw_cpu[SWC_STEAL], ==, UINT64_C(60000000));
	CHECK_UINT(sw.sw_cpu[SWC_GUEST], ==, UINT64_C(120000000));
	CHECK_UINT(sw.sw_cpu[SWC_GUEST_NICE], ==, UINT64_C(30000000));
	CHECK_UINT(sw.sw_ncpu, ==, 2);
	/* The bits it does not own are left as they were. */
	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_START);
	CHECK_INT(sweep_parse_cpu(ten, sizeof (ten) - 1, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 10) | EX_BIT(EXD_SWEEP_NCPU) |
	    EX_BIT(EXD_SWEEP_START));

	/* Another clock rate: 4705 ticks at 250 a second is 18.82 s. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(ten, sizeof (ten) - 1, 250, &sw), ==, 0);
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(18820000000));
	CHECK_UINT(sw.sw_cpu[SWC_GUEST_NICE], ==, UINT64_C(12000000));

	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(eight, sizeof (eight) - 1, 100, &sw), ==,
	    0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 8) | EX_BIT(EXD_SWEEP_NCPU));
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(10000000));
	CHECK_UINT(sw.sw_cpu[SWC_STEAL], ==, UINT64_C(80000000));
	CHECK_UINT(sw.sw_ncpu, ==, 1);
	CHECK(!SW_HAS(&sw, EXD_SWEEP_CPU_GUEST));
	CHECK(!SW_HAS(&sw, EXD_SWEEP_CPU_GUEST_NICE));

	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(four, sizeof (four) - 1, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 4) | EX_BIT(EXD_SWEEP_NCPU));
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(100000000));
	CHECK_UINT(sw.sw_cpu[SWC_NICE], ==, UINT64_C(200000000));
	CHECK_UINT(sw.sw_cpu[SWC_SYSTEM], ==, UINT64_C(300000000));
	CHECK_UINT(sw.sw_cpu[SWC_IDLE], ==, UINT64_C(400000000));
	CHECK_UINT(sw.sw_ncpu, ==, 4);

	/* No cpu line: -1, nothing set, even with cpuN lines. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(nocpu, sizeof (nocpu) - 1, 100, &sw), ==,
	    -1);
	CHECK_INT(sweep_parse_cpu(only_n, sizeof (only_n) - 1, 100, &sw), ==,
	    -1);
	CHECK_INT(sweep_parse_cpu("", 0, 100, &sw), ==, -1);
	CHECK_UINT(sw.sw_have, ==, 0);
	CHECK_UINT(sw.sw_ncpu, ==, 0);
	/* A clock rate of 0 would divide by 0. */
	CHECK_INT(sweep_parse_cpu(ten, sizeof (ten) - 1, 0, &sw), ==, -1);
	CHECK_UINT(sw.sw_have, ==, 0);

	/*
	 * Cut after "cpu  12 34": 34 may be the start of 345, so it is left
	 * out; the 56 beyond len must not be read to prove it whole.  No
	 * cpuN line is in: no ncpu.
	 */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(cut, 10, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 1));
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(120000000));
	/* Cut after "34 ": that one is whole. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(cut, 11, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 2));
	CHECK_UINT(sw.sw_cpu[SWC_NICE], ==, UINT64_C(340000000));
	/* Cut in "cpu1 6": two cpuN lines have started. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(cut, 38, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 4) | EX_BIT(EXD_SWEEP_NCPU));
	CHECK_UINT(sw.sw_ncpu, ==, 2);
	CHECK_UINT(sw.sw_cpu[SWC_IDLE], ==, UINT64_C(780000000));
	/* Cut in "cpu1": "cpu" and no digit yet is no line. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(cut, 36, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_ncpu, ==, 1);
	/* Cut in "cpu" itself. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(cut, 2, 100, &sw), ==, -1);
	CHECK_UINT(sw.sw_have, ==, 0);

	/*
	 * 2 * 10^10 ticks is 2 * 10^17 ns, though ticks * 10^9 overflows;
	 * 2^64 - 1 ticks is 1.8 * 10^17 s, past 2^64 ns: left out.  At 300
	 * a second 7 ticks is 23333333.3 ns, 600 ticks 2 s.
	 */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(big, sizeof (big) - 1, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_cpu[SWC_USER], ==, UINT64_C(200000000000000000));
	CHECK(!SW_HAS(&sw, EXD_SWEEP_CPU_NICE));
	CHECK_UINT(sw.sw_have, ==, (cpu_bits(0, 4) & ~cpu_bits(1, 2)) |
	    EX_BIT(EXD_SWEEP_NCPU));
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(big, sizeof (big) - 1, 300, &sw), ==, 0);
	CHECK_UINT(sw.sw_cpu[SWC_SYSTEM], ==, UINT64_C(23333333));
	CHECK_UINT(sw.sw_cpu[SWC_IDLE], ==, UINT64_C(2000000000));

	/* A field that is not a number ends the fields. */
	memset(&sw, 0, sizeof (sw));
	CHECK_INT(sweep_parse_cpu(junk, sizeof (junk) - 1, 100, &sw), ==, 0);
	CHECK_UINT(sw.sw_have, ==, cpu_bits(0, 2) | EX_BIT(EXD_SWEEP_NCPU));
}

/*
 * A fake /proc, so that every way a process can fail to be read is
 * there: its files, made here and removed in reverse order.
 */
#define	FP_MAX	64

static char fp_root[64];
static char fp_made[FP_MAX][160];
static int fp_isdir[FP_MAX];
static int fp_n;

static void
fp_mkdir(const char *rel)
{
	char *p = fp_made[fp_n];

	(void) snprintf(p, sizeof (fp_made[0]), "%s/%s", fp_root, rel);
	if (mkdir(p, 0700) == -1) {
		perror(p);
		exit(1);
	}
	fp_isdir[fp_n++] = 1;
}

static void
fp_file(const char *rel, const char *text)
{
	char *p = fp_made[fp_n];
	FILE *f;

	(void) snprintf(p, sizeof (fp_made[0]), "%s/%s", fp_root, rel);
	if ((f = fopen(p, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF) {
		perror(p);
		exit(1);
	}
	fp_isdir[fp_n++] = 0;
}

static void
fp_remove(void)
{
	while (fp_n > 0) {
		fp_n--;
		if (fp_isdir[fp_n])
			(void) rmdir(fp_made[fp_n]);
		else
			(void) unlink(fp_made[fp_n]);
	}
	(void) rmdir(fp_root);
}

/* A stat line: pid, state, num_threads; the rest made up. */
static void
fp_stat(long pid, char state, int nthreads)
{
	char rel[32], text[256];

	(void) snprintf(rel, sizeof (rel), "%ld/stat", pid);
	(void) snprintf(text, sizeof (text), "%ld (fake%ld) %c 1 %ld %ld 0 "
	    "-1 4194560 100 0 5 0 250 30 0 0 20 0 %d 0 123 1000 10\n", pid,
	    pid, state, pid, pid, nthreads);
	fp_file(rel, text);
}

/*
 * A whole stat line (52 fields, as the kernel writes it) at rel: pid,
 * num_threads and delayacct_blkio_ticks (field 42) as given, utime 250
 * and stime 30 ticks like fp_stat's.
 */
static void
fp_stat42(const char *rel, long pid, int nthreads, unsigned blkio)
{
	char text[512];
	size_t n;
	int k;

	n = (size_t)snprintf(text, sizeof (text), "%ld (fake%ld) S 1 %ld %ld "
	    "0 -1 4194560 100 0 5 0 250 30 0 0 20 0 %d 0 123", pid, pid, pid,
	    pid, nthreads);
	for (k = 23; k <= 52 && n < sizeof (text); k++)
		n += (size_t)snprintf(text + n, sizeof (text) - n, " %u",
		    k == 42 ? blkio : 0);
	if (n < sizeof (text) - 1)
		(void) strcpy(text + n, "\n");
	fp_file(rel, text);
}

static const char fp_status[] = "Name:\tfake\nUid:\t1000\t1000\t1000\t1000\n"
    "Gid:\t100\t100\t100\t100\nVmHWM:\t    2080 kB\n"
    "voluntary_ctxt_switches:\t42\nnonvoluntary_ctxt_switches:\t7\n";

/* Read back: the sweep records and the pids of the partial ones. */
struct readback {
	int		rb_ok;		/* read to its end, no damage */
	int		rb_nsweep;
	int		rb_first;	/* the first record is the sweep */
	struct ex_sweep	rb_sw;		/* the last sweep record */
	int		rb_nproc;
	long		rb_pid[FP_MAX];
	int		rb_in_time;	/* every finish in [start, end] */
	uint64_t	rb_vol8;	/* pid 8's ctxt-vol, or 0 */
	uint64_t	rb_chars8;
};

static void
read_back(const char *path, struct readback *rb)
{
	struct rec_reader rr;
	struct ex_record rec;
	int x;

	memset(rb, 0, sizeof (*rb));
	rb->rb_in_time = 1;
	if (rec_open(&rr, path) == -1)
		return;
	rec_want(&rr, 1u << EXR_SWEEP | 1u << EXR_PROC);
	while ((x = rec_next(&rr, &rec)) == EX_OK) {
		if (rec.er_type == EXR_SWEEP) {
			if (rb->rb_nsweep++ == 0 && rb->rb_nproc == 0)
				rb->rb_first = 1;
			rb->rb_sw = rec.er_u.er_sweep;
		} else if (rec.er_type == EXR_PROC) {
			const struct ex_proc *p = &rec.er_u.er_proc;
			uint64_t fin = p->ep_finish_sec * 1000000000 +
			    p->ep_finish_nsec;

			if (rb->rb_nproc < FP_MAX)
				rb->rb_pid[rb->rb_nproc] = (long)p->ep_pid;
			rb->rb_nproc++;
			if (!EP_HAS(p, EXD_PROC_FINISH_NSEC) ||
			    fin < rb->rb_sw.sw_start || fin > rb->rb_sw.sw_end)
				rb->rb_in_time = 0;
			if (p->ep_pid == 8) {
				rb->rb_vol8 = p->ep_nvcsw;
				rb->rb_chars8 = p->ep_ioch;
			}
		}
	}
	rb->rb_ok = x == EX_END;
	rec_close(&rr);
}

/*
 * One partial record as the codec gives it, read here without the
 * project's reader: the CPU, context switches and zone, and the local
 * catalog's items (bit k of lr_have: id EXD_PROC_WAIT_CPU + k).
 * lr_bad counts what breaks the layout: a local item of the wrong type,
 * a local item before a default one, local ids not in ascending order.
 */
#define	LR_N	6
struct lrec {
	long		lr_pid;
	int		lr_seen;
	unsigned	lr_have;
	uint64_t	lr_v[LR_N];
	uint64_t	lr_user;	/* ns */
	uint64_t	lr_sys;
	int		lr_have_csw;
	uint64_t	lr_nvcsw;
	uint64_t	lr_nivcsw;
	char		lr_zone[EX_ZONE_MAX];
};

/*
 * The last record of each pid in want[0 .. n) from the file at path;
 * the number of records in the file that broke the layout, or -1 if the
 * file did not decode to its end.
 */
static int
decode_recs(const char *path, struct lrec *want, int n)
{
	struct ex_src src;
	struct ex_stream st;
	struct ex_obj ob;
	struct lrec cur;
	uint32_t group = 0, lastlocal = 0;
	int fd, r, k, bad = 0, rbad = 0, inrec = 0, local = 0;

	for (k = 0; k < n; k++)
		want[k].lr_seen = 0;
	if ((fd = open(path, O_RDONLY)) == -1 || ex_src_open_fd(&src, fd) ==
	    -1) {
		if (fd != -1)
			(void) close(fd);
		return (-1);
	}
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	memset(&cur, 0, sizeof (cur));
	for (;;) {
		r = ex_next(&st, &ob);
		if (r != EX_OK || ob.eo_depth == 0) {
			/* The record before ends. */
			if (inrec) {
				bad += rbad != 0;
				for (k = 0; k < n; k++) {
					if (want[k].lr_pid == cur.lr_pid) {
						cur.lr_seen = 1;
						want[k] = cur;
					}
				}
			}
			if (r != EX_OK)
				break;
			group = EX_ID(ob.eo_tag);
			inrec = group == EXD_GROUP_PROC_PARTIAL;
			memset(&cur, 0, sizeof (cur));
			rbad = local = 0;
			lastlocal = 0;
			(void) strcpy(cur.lr_zone, "-");
			continue;
		}
		if (!inrec)
			continue;
		if ((ob.eo_tag & EX_CAT_MASK) == (uint32_t)EX_C_LOCAL << 24) {
			uint32_t id = EX_ID(ob.eo_tag) | 0x7e0000;

			k = (int)(id - EXD_PROC_WAIT_CPU);
			if (id < EXD_PROC_WAIT_CPU || k >= LR_N ||
			    id <= lastlocal || ob.eo_type != (id ==
			    EXD_PROC_CPU_SOURCE || id == EXD_PROC_KTHREAD ?
			    EX_T_UINT32 : EX_T_UINT64)) {
				rbad++;
				continue;
			}
			lastlocal = id;
			local = 1;
			cur.lr_have |= 1u << k;
			cur.lr_v[k] = ob.eo_u64;
			continue;
		}
		if (local)
			rbad++;		/* a default item after a local one */
		switch (EX_ID(ob.eo_tag)) {
		case EXD_PROC_PID:
			cur.lr_pid = (long)ob.eo_u64;
			break;
		case EXD_PROC_CPU_USER_SEC:
			cur.lr_user += ob.eo_u64 * 1000000000;
			break;
		case EXD_PROC_CPU_USER_NSEC:
			cur.lr_user += ob.eo_u64;
			break;
		case EXD_PROC_CPU_SYS_SEC:
			cur.lr_sys += ob.eo_u64 * 1000000000;
			break;
		case EXD_PROC_CPU_SYS_NSEC:
			cur.lr_sys += ob.eo_u64;
			break;
		case EXD_PROC_CONTEXT_VOL:
			cur.lr_have_csw = 1;
			cur.lr_nvcsw = ob.eo_u64;
			break;
		case EXD_PROC_CONTEXT_INV:
			cur.lr_nivcsw = ob.eo_u64;
			break;
		case EXD_PROC_ZONENAME:
			if (ob.eo_data != NULL && ob.eo_dlen > 0 &&
			    ob.eo_dlen <= sizeof (cur.lr_zone)) {
				memcpy(cur.lr_zone, ob.eo_data,
				    (size_t)ob.eo_dlen);
				cur.lr_zone[ob.eo_dlen - 1] = '\0';
			}
			break;
		default:
			break;
		}
	}
	ex_src_close(&src);
	(void) close(fd);
	return (r == EX_END ? bad : -1);
}

/* Bits of lr_have. */
#define	LB_CPU		(1u << 0)
#define	LB_BLKIO	(1u << 1)
#define	LB_SWAPIN	(1u << 2)
#define	LB_RECLAIM	(1u << 3)
#define	LB_SOURCE	(1u << 4)
#define	LB_WAITS	(LB_CPU | LB_BLKIO | LB_SWAPIN | LB_RECLAIM)

/*
 * The sweep over a fake /proc: two processes recorded (one with one
 * thread, one with two), three live but unreadable (a stat that does not
 * parse, a stat that cannot be read, a status without ids) and counted
 * as skipped, and three that are not counted: a zombie, one gone before
 * its stat and one gone between stat and status.
 */
static void
test_fake_sweep(void)
{
	static const char stat_text[] = "cpu  300 7 120 9000 40 2 3 0 0 0\n"
	    "cpu0 100 1 40 3000 10 1 1 0 0 0\ncpu1 100 3 40 3000 20 1 1 0 0 0\n"
	    "cpu2 100 3 40 3000 10 0 1 0 0 0\nintr 5 6\nctxt 7\n";
	char path[128], rp[PATH_MAX], sp[128];
	struct readback rb;
	struct utsname un;
	struct lrec lr[3];
	uint64_t hz = (uint64_t)sysconf(_SC_CLK_TCK), before, after;
	int i, seen1 = 0, seen8 = 0;

	if (sweep_tmpdir(fp_root, sizeof (fp_root)) == -1 || hz == 0 ||
	    uname(&un) == -1) {
		TEST_SKIP("mkdtemp, sysconf or uname failed");
		return;
	}
	fp_file("stat", stat_text);
	fp_mkdir("1");
	fp_stat(1, 'S', 1);
	fp_file("1/status", fp_status);
	fp_mkdir("1/task");
	fp_mkdir("1/task/1");
	fp_file("1/task/1/io", "rchar: 100\nwchar: 23\n");
	fp_mkdir("2");
	fp_stat(2, 'Z', 1);			/* a zombie */
	fp_file("2/status", fp_status);
	fp_mkdir("3");				/* gone: no stat */
	fp_mkdir("4");
	fp_file("4/stat", "4 garbage\n");	/* unreadable */
	fp_mkdir("5");
	fp_mkdir("5/stat");			/* read(): EISDIR */
	fp_mkdir("6");
	fp_stat(6, 'R', 1);			/* gone before its status */
	fp_mkdir("7");
	fp_stat(7, 'S', 1);
	fp_file("7/status", "Name:\tfake\nState:\tS\n");	/* no ids */
	fp_mkdir("8");
	fp_stat(8, 'S', 2);			/* two threads */
	fp_file("8/status", fp_status);
	fp_mkdir("8/task");
	fp_mkdir("8/task/8");
	fp_file("8/task/8/status", fp_status);
	fp_file("8/task/8/io", "rchar: 1000\nwchar: 1\n");
	fp_mkdir("8/task/9");
	fp_file("8/task/9/status", "Uid:\t1\t1\t1\t1\nGid:\t1\t1\t1\t1\n"
	    "voluntary_ctxt_switches:\t8\nnonvoluntary_ctxt_switches:\t1\n");
	fp_file("8/task/9/io", "rchar: 10\nwchar: 5\n");
	/*
	 * The waits, delay accounting on: pid 1's CPU wait from its
	 * schedstat (no block I/O wait: its stat line stops short of field
	 * 42); pid 8's summed over its two threads' schedstat and stat
	 * files; pid 10 has a whole stat line and no schedstat.
	 */
	fp_mkdir("sys");
	fp_mkdir("sys/kernel");
	fp_file("sys/kernel/task_delayacct", "1\n");
	fp_file("1/schedstat", "5000 777 3\n");
	fp_file("8/task/8/schedstat", "100 40 2\n");
	fp_file("8/task/9/schedstat", "100 2 1\n");
	fp_stat42("8/task/8/stat", 8, 2, 3);
	fp_stat42("8/task/9/stat", 9, 2, 4);
	fp_mkdir("10");
	fp_stat42("10/stat", 10, 1, 5);
	fp_file("10/status", fp_status);
	fp_mkdir("10/task");
	fp_mkdir("10/task/10");
	fp_file("10/task/10/io", "rchar: 1\nwchar: 2\n");
	(void) snprintf(path, sizeof (path), "%s/acct", fp_root);
	fp_file("acct", "");			/* removed with the rest */
	CHECK_INT(chmod(path, 0600), ==, 0);	/* as root: root's alone */

	before = (uint64_t)time(NULL) * 1000000000;
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	after = ((uint64_t)time(NULL) + 1) * 1000000000;
	CHECK_STR(rp, path);
	read_back(path, &rb);
	CHECK(rb.rb_ok);
	CHECK_INT(rb.rb_nsweep, ==, 1);
	CHECK(rb.rb_first);
	CHECK_INT(rb.rb_nproc, ==, 3);
	for (i = 0; i < rb.rb_nproc && i < FP_MAX; i++) {
		seen1 += rb.rb_pid[i] == 1;
		seen8 += rb.rb_pid[i] == 8;
	}
	CHECK(seen1 == 1 && seen8 == 1);
	/* 42 + 8 switches, 1001 + 15 chars: both threads, not status. */
	CHECK_UINT(rb.rb_vol8, ==, 50);
	CHECK_UINT(rb.rb_chars8, ==, 1016);
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, 3);
	CHECK_UINT(rb.rb_sw.sw_nskip, ==, 3);
	/*
	 * The local items, after the default ones: the waits that have a
	 * source, and the CPU's source: clock ticks (a test's /proc has no
	 * CPU clocks), 250 and 30 of them.
	 */
	lr[0].lr_pid = 1;
	lr[1].lr_pid = 8;
	lr[2].lr_pid = 10;
	CHECK_INT(decode_recs(path, lr, 3), ==, 0);
	CHECK(lr[0].lr_seen && lr[1].lr_seen && lr[2].lr_seen);
	CHECK_UINT(lr[0].lr_have, ==, LB_CPU | LB_SOURCE);
	CHECK_UINT(lr[0].lr_v[0], ==, 777);
	CHECK_UINT(lr[0].lr_v[4], ==, EXCPU_TICKS);
	CHECK_UINT(lr[0].lr_user, ==, 250 * (UINT64_C(1000000000) / hz));
	CHECK_UINT(lr[0].lr_sys, ==, 30 * (UINT64_C(1000000000) / hz));
	CHECK_UINT(lr[1].lr_have, ==, LB_CPU | LB_BLKIO | LB_SOURCE);
	CHECK_UINT(lr[1].lr_v[0], ==, 42);
	CHECK_UINT(lr[1].lr_v[1], ==, 7 * (UINT64_C(1000000000) / hz));
	CHECK_UINT(lr[1].lr_v[4], ==, EXCPU_TICKS);
	CHECK_UINT(lr[2].lr_have, ==, LB_BLKIO | LB_SOURCE);
	CHECK_UINT(lr[2].lr_v[1], ==, 5 * (UINT64_C(1000000000) / hz));
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_NRECORDED));
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_NSKIPPED));
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_START));
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_END));
	CHECK_UINT(rb.rb_sw.sw_start, >=, before);
	CHECK_UINT(rb.rb_sw.sw_start, <=, rb.rb_sw.sw_end);
	CHECK_UINT(rb.rb_sw.sw_end, <=, after);
	CHECK(rb.rb_in_time);
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_HOSTNAME));
	CHECK_INT(rb.rb_sw.sw_hostname_len, ==, strlen(un.nodename));
	CHECK(memcmp(rb.rb_sw.sw_hostname, un.nodename,
	    strlen(un.nodename)) == 0);
	/* The fake stat's counters at this machine's clock rate. */
	CHECK_UINT(rb.rb_sw.sw_have & cpu_bits(0, 10), ==, cpu_bits(0, 10));
	CHECK_UINT(rb.rb_sw.sw_cpu[SWC_USER], ==, 300 * UINT64_C(1000000000) /
	    hz);
	CHECK_UINT(rb.rb_sw.sw_cpu[SWC_NICE], ==, 7 * UINT64_C(1000000000) /
	    hz);
	CHECK_UINT(rb.rb_sw.sw_cpu[SWC_IDLE], ==, 9000 * UINT64_C(1000000000) /
	    hz);
	CHECK_UINT(rb.rb_sw.sw_cpu[SWC_STEAL], ==, 0);
	CHECK(SW_HAS(&rb.rb_sw, EXD_SWEEP_NCPU));
	CHECK_UINT(rb.rb_sw.sw_ncpu, ==, 3);

	/*
	 * No /proc/stat: the sweep record still, without the counters.
	 * Delay accounting off: no block I/O waits; the CPU wait stays.
	 */
	(void) snprintf(sp, sizeof (sp), "%s/stat", fp_root);
	CHECK_INT(unlink(sp), ==, 0);
	(void) snprintf(sp, sizeof (sp), "%s/sys/kernel/task_delayacct",
	    fp_root);
	{
		FILE *f = fopen(sp, "w");

		CHECK(f != NULL && fputs("0\n", f) != EOF && fclose(f) == 0);
	}
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	CHECK_INT(decode_recs(path, lr, 3), ==, 0);
	CHECK_UINT(lr[0].lr_have, ==, LB_CPU | LB_SOURCE);
	CHECK_UINT(lr[1].lr_have, ==, LB_CPU | LB_SOURCE);
	CHECK_UINT(lr[2].lr_have, ==, LB_SOURCE);
	read_back(path, &rb);
	CHECK(rb.rb_ok);
	CHECK_INT(rb.rb_nsweep, ==, 2);
	CHECK_INT(rb.rb_nproc, ==, 6);
	CHECK_UINT(rb.rb_sw.sw_have & (cpu_bits(0, 10) |
	    EX_BIT(EXD_SWEEP_NCPU)), ==, 0);
	CHECK_UINT(rb.rb_sw.sw_have, ==, EX_BIT(EXD_SWEEP_HOSTNAME) |
	    EX_BIT(EXD_SWEEP_START) | EX_BIT(EXD_SWEEP_END) |
	    EX_BIT(EXD_SWEEP_NRECORDED) | EX_BIT(EXD_SWEEP_NSKIPPED));
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, 3);
	CHECK_UINT(rb.rb_sw.sw_nskip, ==, 3);
	/* The second sweep's records follow the first's end. */
	CHECK(rb.rb_in_time);
	fp_remove();
}

/* Write text to fp_root/rel, made before (fp_file) or not. */
static void
fp_write(const char *rel, const char *text)
{
	char p[160];
	FILE *f;

	(void) snprintf(p, sizeof (p), "%s/%s", fp_root, rel);
	if ((f = fopen(p, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF) {
		perror(p);
		exit(1);
	}
}

/* A mountinfo line for a cgroup hierarchy mounted at fp_root/rel. */
static void
mi_line(char *buf, size_t len, const char *dev, const char *root,
    const char *rel, const char *type, const char *opts)
{
	size_t n = strlen(buf);

	(void) snprintf(buf + n, len - n, "30 23 %s %s %s/%s rw,relatime "
	    "shared:9 - %s %s rw,%s\n", dev, root, fp_root, rel, type, type,
	    opts);
}

/*
 * The walk of the cgroup hierarchies that says whether any cgroup is a
 * container's, over a fake /proc/self (cgroup, mountinfo) and fake
 * hierarchies made here; then a sweep of that /proc, whose process is in
 * a container by its cgroup file: "global" when no cgroup is named so,
 * its container when one is.
 */
static void
test_zone_scan(void)
{
	static const char cg2[] = "0::/user.slice\n";
	static const char cgboth[] = "3:cpu:/\n0::/user.slice\n";
	static const char docker[] = "docker-0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef.scope";
	char mi[2048], path[160], rp[PATH_MAX], rel[200];
	struct lrec lr[1];

	if (sweep_tmpdir(fp_root, sizeof (fp_root)) == -1) {
		TEST_SKIP("mkdtemp failed");
		return;
	}
	fp_mkdir("self");
	fp_mkdir("v2");
	fp_mkdir("v2/system.slice");
	fp_mkdir("v2/system.slice/ssh.service");
	fp_mkdir("v2/user.slice");
	fp_mkdir("v2/user.slice/user-0.slice");
	fp_file("v2/cgroup.procs", "1\n");	/* files are not cgroups */
	fp_mkdir("v1 cpu");			/* a space: \040 in mountinfo */
	fp_mkdir("v1 cpu/batch");
	fp_file("self/cgroup", cg2);
	mi[0] = '\0';
	mi_line(mi, sizeof (mi), "0:26", "/", "v2", "cgroup2", "nsdelegate");
	fp_file("self/mountinfo", mi);
	/* No container's cgroup: every process "global" unread. */
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);
	/* A mount of part of the hierarchy only: what is above is unseen. */
	mi[0] = '\0';
	mi_line(mi, sizeof (mi), "0:26", "/user.slice", "v2", "cgroup2", "x");
	fp_write("self/mountinfo", mi);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	/* Two hierarchies listed, one mounted: the other could hide one. */
	mi[0] = '\0';
	mi_line(mi, sizeof (mi), "0:26", "/", "v2", "cgroup2", "x");
	fp_write("self/mountinfo", mi);
	fp_write("self/cgroup", cgboth);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	/* Both mounted (the v1 one twice, and with \040): both walked. */
	mi_line(mi, sizeof (mi), "0:30", "/", "v1\\040cpu", "cgroup", "cpu");
	mi_line(mi, sizeof (mi), "0:30", "/", "v1\\040cpu", "cgroup", "cpu");
	mi_line(mi, sizeof (mi), "0:40", "/", "v2", "tmpfs", "x");
	fp_write("self/mountinfo", mi);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);
	/* A container's cgroup, deep in either hierarchy. */
	(void) snprintf(rel, sizeof (rel), "v2/system.slice/%s", docker);
	fp_mkdir(rel);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	CHECK_INT(rmdir(fp_made[--fp_n]), ==, 0);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);
	fp_mkdir("v1 cpu/batch/lxc");
	fp_mkdir("v1 cpu/batch/lxc/web1");
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	CHECK_INT(rmdir(fp_made[--fp_n]), ==, 0);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);
	/* A line that is not whole; no mountinfo; no cgroup file. */
	(void) strcat(mi, "31 23 0:50 / /x rw\n");
	fp_write("self/mountinfo", mi);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	(void) snprintf(path, sizeof (path), "%s/self/mountinfo", fp_root);
	CHECK_INT(unlink(path), ==, 0);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 1);
	mi[0] = '\0';
	mi_line(mi, sizeof (mi), "0:26", "/", "v2", "cgroup2", "x");
	fp_write("self/mountinfo", mi);		/* made again */
	fp_write("self/cgroup", cg2);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);

	/* A sweep: pid 5's cgroup file names a container. */
	fp_mkdir("5");
	fp_stat(5, 'S', 1);
	fp_file("5/status", fp_status);
	(void) snprintf(rel, sizeof (rel), "0::/system.slice/%s\n", docker);
	fp_file("5/cgroup", rel);
	(void) snprintf(path, sizeof (path), "%s/acct", fp_root);
	fp_file("acct", "");
	CHECK_INT(chmod(path, 0600), ==, 0);
	lr[0].lr_pid = 5;
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	CHECK_INT(decode_recs(path, lr, 1), ==, 0);
	CHECK(lr[0].lr_seen);
	CHECK_STR(lr[0].lr_zone, "global");	/* the walk found none */
	(void) snprintf(rel, sizeof (rel), "v2/system.slice/%s", docker);
	fp_mkdir(rel);
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	CHECK_INT(decode_recs(path, lr, 1), ==, 0);
	CHECK_STR(lr[0].lr_zone, "docker/0123456789ab");
	fp_remove();
}

/*
 * A container made while the sweep walks: pid 5's stat is a FIFO that a
 * thread here feeds once the sweep opens it (during the walk); before it
 * writes, the thread makes a container's cgroup and puts a plain file in
 * the FIFO's place.  The walk after the sweep sees the container, and
 * the sweep is made again, reading each cgroup file (and the plain stat):
 * pid 5 in its container, recorded once.
 */
struct feeder {
	char		fd_fifo[200];
	char		fd_plain[200];
	char		fd_mk[200];
	char		fd_line[256];
	int		fd_served;
};

static void *
feed_stat(void *arg)
{
	struct feeder *f = arg;
	struct timespec ms = { 0, 1000000 };
	int fd, tries;

	/* No reader yet: ENXIO.  Ten seconds at most. */
	for (tries = 0; (fd = open(f->fd_fifo, O_WRONLY | O_NONBLOCK)) ==
	    -1 && tries < 10000; tries++)
		(void) nanosleep(&ms, NULL);
	if (fd == -1)
		return (NULL);
	/* The reader has the FIFO: the name can change under it. */
	if (mkdir(f->fd_mk, 0700) == 0 && rename(f->fd_plain, f->fd_fifo) ==
	    0 && write(fd, f->fd_line, strlen(f->fd_line)) ==
	    (ssize_t)strlen(f->fd_line))
		f->fd_served = 1;
	(void) close(fd);
	return (NULL);
}

static void
test_zone_rescan(void)
{
	static const char docker[] = "docker-fedcba9876543210fedcba9876543210"
	    "fedcba9876543210fedcba9876543210.scope";
	char mi[1024], path[160], rp[PATH_MAX], rel[200];
	struct feeder f;
	struct readback rb;
	struct lrec lr[1];
	pthread_t th;

	if (sweep_tmpdir(fp_root, sizeof (fp_root)) == -1) {
		TEST_SKIP("mkdtemp failed");
		return;
	}
	fp_mkdir("self");
	fp_mkdir("v2");
	fp_mkdir("v2/system.slice");
	fp_file("self/cgroup", "0::/\n");
	mi[0] = '\0';
	mi_line(mi, sizeof (mi), "0:26", "/", "v2", "cgroup2", "x");
	fp_file("self/mountinfo", mi);
	fp_mkdir("5");
	(void) snprintf(f.fd_fifo, sizeof (f.fd_fifo), "%s/5/stat", fp_root);
	if (mkfifo(f.fd_fifo, 0600) == -1) {
		TEST_SKIP("mkfifo failed");
		fp_remove();
		return;
	}
	(void) strcpy(fp_made[fp_n], f.fd_fifo);
	fp_isdir[fp_n++] = 0;
	(void) snprintf(f.fd_line, sizeof (f.fd_line), "5 (fake5) S 1 5 5 0 "
	    "-1 4194560 100 0 5 0 250 30 0 0 20 0 1 0 123 1000 10\n");
	fp_file("5/stat.plain", f.fd_line);
	(void) snprintf(f.fd_plain, sizeof (f.fd_plain), "%s/5/stat.plain",
	    fp_root);
	(void) snprintf(f.fd_mk, sizeof (f.fd_mk), "%s/v2/system.slice/%s",
	    fp_root, docker);
	f.fd_served = 0;
	fp_file("5/status", fp_status);
	(void) snprintf(rel, sizeof (rel), "0::/system.slice/%s\n", docker);
	fp_file("5/cgroup", rel);
	(void) snprintf(path, sizeof (path), "%s/acct", fp_root);
	fp_file("acct", "");
	CHECK_INT(chmod(path, 0600), ==, 0);
	CHECK_INT(sweep_zone_scan(fp_root), ==, 0);
	if (pthread_create(&th, NULL, feed_stat, &f) != 0) {
		TEST_SKIP("pthread_create failed");
		fp_remove();
		return;
	}
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	(void) pthread_join(th, NULL);
	CHECK_INT(f.fd_served, ==, 1);
	lr[0].lr_pid = 5;
	CHECK_INT(decode_recs(path, lr, 1), ==, 0);
	CHECK(lr[0].lr_seen);
	CHECK_STR(lr[0].lr_zone, "docker/fedcba987654");
	read_back(path, &rb);
	CHECK(rb.rb_ok);
	CHECK_INT(rb.rb_nproc, ==, 1);
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, 1);
	CHECK(rb.rb_in_time);
	(void) rmdir(f.fd_mk);
	fp_remove();
}

/* user + nice + system of /proc/stat's cpu line, and the cpuN lines. */
static int
proc_stat(uint64_t *ticks, unsigned *ncpu, int *ncol)
{
	char line[4096];
	unsigned long long u, n, s;
	char *p, *e;
	FILE *f;
	int got = 0;

	*ncpu = 0;
	*ncol = 0;
	if ((f = fopen("/proc/stat", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof (line), f) != NULL) {
		if (strncmp(line, "cpu ", 4) == 0 && sscanf(line,
		    "cpu %llu %llu %llu", &u, &n, &s) == 3) {
			*ticks = u + n + s;
			got = 1;
			for (p = line + 3; ; p = e) {
				(void) strtoull(p, &e, 10);
				if (e == p)
					break;
				(*ncol)++;
			}
		} else if (strncmp(line, "cpu", 3) == 0 && line[3] >= '0' &&
		    line[3] <= '9') {
			(*ncpu)++;
		}
	}
	(void) fclose(f);
	return (got ? 0 : -1);
}

/*
 * A real sweep read back with the project's reader, against what the
 * test itself reads: the uname, /proc/stat before and after, the
 * records in the file.
 */
static void
test_real_sweep_record(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 8], rp[PATH_MAX];
	struct opts op;
	struct readback rb;
	struct utsname un;
	uint64_t t0, t1, hz = (uint64_t)sysconf(_SC_CLK_TCK), ns;
	unsigned ncpu0, ncpu1;
	int ncol0, ncol1, want;

	if (sweep_tmpdir(dir, sizeof (dir)) == -1 || uname(&un) == -1 ||
	    hz == 0) {
		TEST_SKIP("mkdtemp, uname or sysconf failed");
		return;
	}
	(void) snprintf(path, sizeof (path), "%s/acct", dir);
	memset(&op, 0, sizeof (op));
	if (proc_stat(&t0, &ncpu0, &ncol0) == -1) {
		TEST_SKIP("cannot read /proc/stat");
		(void) rmdir(dir);
		return;
	}
	CHECK_INT(sweep_run(path, &op, rp, sizeof (rp)), ==, EXIT_OK);
	CHECK_INT(proc_stat(&t1, &ncpu1, &ncol1), ==, 0);
	read_back(path, &rb);
	CHECK(rb.rb_ok);
	CHECK_INT(rb.rb_nsweep, ==, 1);
	CHECK(rb.rb_first);
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, rb.rb_nproc);
	CHECK_INT(rb.rb_nproc, >=, 2);
	CHECK(rb.rb_in_time);
	CHECK_UINT(rb.rb_sw.sw_start, <=, rb.rb_sw.sw_end);
	if (geteuid() == 0)
		CHECK_UINT(rb.rb_sw.sw_nskip, ==, 0);	/* root reads all */
	CHECK_INT(rb.rb_sw.sw_hostname_len, ==, strlen(un.nodename));
	CHECK(memcmp(rb.rb_sw.sw_hostname, un.nodename,
	    strlen(un.nodename)) == 0);
	if (ncpu0 == ncpu1)
		CHECK_UINT(rb.rb_sw.sw_ncpu, ==, ncpu0);
	/* As many counters as the cpu line has columns, ten at most. */
	want = ncol0 < SWC_N ? ncol0 : SWC_N;
	CHECK_UINT(rb.rb_sw.sw_have & cpu_bits(0, SWC_N), ==,
	    cpu_bits(0, want));
	ns = rb.rb_sw.sw_cpu[SWC_USER] + rb.rb_sw.sw_cpu[SWC_NICE] +
	    rb.rb_sw.sw_cpu[SWC_SYSTEM];
	/*
	 * Between the two readings.  Each counter is cut down to its ns, so
	 * the sum may be up to 3 ns short; ticks * 10^9 / hz in two parts,
	 * since a long-running large machine's ticks times 10^9 overflow.
	 */
	CHECK_UINT(ns + 3, >=, t0 / hz * UINT64_C(1000000000) +
	    t0 % hz * UINT64_C(1000000000) / hz);
	CHECK_UINT(ns, <=, t1 / hz * UINT64_C(1000000000) +
	    t1 % hz * UINT64_C(1000000000) / hz);
	(void) unlink(path);
	(void) rmdir(dir);
}

/*
 * The kernel's own figures for a process, read here with stdio and
 * sscanf, not with the sweep's parsers: schedstat's run time and wait,
 * stat's utime, stime and delayacct_blkio_ticks (fields 14, 15, 42).
 */
static int
k_schedstat(const char *path, uint64_t *run, uint64_t *delay)
{
	unsigned long long r, d;
	FILE *f;
	int n;

	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	n = fscanf(f, "%llu %llu", &r, &d);
	(void) fclose(f);
	if (n != 2)
		return (-1);
	*run = r;
	*delay = d;
	return (0);
}

static int
k_stat(long pid, uint64_t *ut, uint64_t *st, uint64_t *blkio)
{
	char path[64], line[1024], *p, *tok;
	unsigned long long v[53];
	size_t n;
	FILE *f;
	int k = 3;

	(void) snprintf(path, sizeof (path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	n = fread(line, 1, sizeof (line) - 1, f);
	(void) fclose(f);
	line[n] = '\0';
	if ((p = strrchr(line, ')')) == NULL)
		return (-1);
	/* Field 3, the state, then the numbers. */
	for (tok = strtok(p + 1, " \n"); tok != NULL && k <= 52;
	    tok = strtok(NULL, " \n"), k++)
		v[k] = strtoull(tok, NULL, 10);
	if (k <= 42)
		return (-1);
	*ut = v[14];
	*st = v[15];
	*blkio = v[42];
	return (0);
}

/* The run time of the live threads, from each one's schedstat. */
static uint64_t
k_live_run(long pid)
{
	char path[320];
	struct dirent *de;
	uint64_t sum = 0, run, delay;
	DIR *d;

	(void) snprintf(path, sizeof (path), "/proc/%ld/task", pid);
	if ((d = opendir(path)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		(void) snprintf(path, sizeof (path), "/proc/%ld/task/%s/"
		    "schedstat", pid, de->d_name);
		if (k_schedstat(path, &run, &delay) == 0)
			sum += run;
	}
	(void) closedir(d);
	return (sum);
}

/* This process's CPU time so far, in ms. */
static long
own_cpu_ms(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) == -1)
		return (LONG_MAX);
	return ((long)t.tv_sec * 1000 + t.tv_nsec / 1000000);
}

/* Burn CPU, user and system time both, up to ms of this process's. */
static void
burn_to(long ms)
{
	volatile unsigned long x = 0;
	int i;

	while (own_cpu_ms() < ms) {
		for (i = 0; i < 20000; i++)
			x++;
		for (i = 0; i < 100; i++)
			(void) getppid();
	}
}

static pthread_mutex_t	bt_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	bt_cv = PTHREAD_COND_INITIALIZER;
static int		bt_done, bt_release;

/* A thread that burns 40 ms of CPU (of its own), then waits to end. */
static void *
burn_thread(void *arg)
{
	struct timespec t;
	volatile unsigned long x = 0;
	int i;

	(void) arg;
	do {
		for (i = 0; i < 20000; i++)
			x++;
		for (i = 0; i < 100; i++)
			(void) getppid();
		if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == -1)
			break;
	} while (t.tv_sec == 0 && t.tv_nsec < 40000000);
	(void) pthread_mutex_lock(&bt_mu);
	bt_done++;
	(void) pthread_cond_broadcast(&bt_cv);
	while (!bt_release)
		(void) pthread_cond_wait(&bt_cv, &bt_mu);
	(void) pthread_mutex_unlock(&bt_mu);
	return (NULL);
}

/*
 * Children that stop themselves (SIGSTOP) once they have burned CPU, so
 * that their figures hold still while they are swept.  kid_burner: one
 * thread, ms of CPU; with iofile, it first reads back a file it wrote,
 * fsynced and dropped from the page cache (block I/O, for the wait).
 * kid_threads: three threads burn 40 ms each and wait; it stops;
 * when continued the threads exit and are joined, the main thread burns
 * 10 ms more, and it stops again.  The pid, stopped, or -1.
 */
static pid_t
kid_stopped(pid_t c)
{
	int st;

	if (c == -1 || waitpid(c, &st, WUNTRACED) != c || !WIFSTOPPED(st))
		return (-1);
	return (c);
}

static pid_t
kid_burner(long ms, const char *iofile)
{
	static char buf[65536];
	pid_t c;
	int fd, i;

	if ((c = fork()) != 0)
		return (kid_stopped(c));
	if (iofile != NULL) {
		memset(buf, 'x', sizeof (buf));
		if ((fd = open(iofile, O_RDWR | O_CREAT | O_TRUNC, 0600)) ==
		    -1)
			_exit(1);
		for (i = 0; i < 256; i++)	/* 16 MiB */
			if (write(fd, buf, sizeof (buf)) != (ssize_t)sizeof (buf))
				_exit(1);
		if (fsync(fd) == -1 || posix_fadvise(fd, 0, 0,
		    POSIX_FADV_DONTNEED) != 0 || lseek(fd, 0, SEEK_SET) != 0)
			_exit(1);
		while (read(fd, buf, sizeof (buf)) > 0)
			;
		(void) close(fd);
	}
	burn_to(ms);
	(void) raise(SIGSTOP);
	_exit(0);
}

static pid_t
kid_threads(void)
{
	pthread_t t[3];
	pid_t c;
	int i;

	if ((c = fork()) != 0)
		return (kid_stopped(c));
	for (i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, burn_thread, NULL) != 0)
			_exit(1);
	(void) pthread_mutex_lock(&bt_mu);
	while (bt_done < 3)
		(void) pthread_cond_wait(&bt_cv, &bt_mu);
	(void) pthread_mutex_unlock(&bt_mu);
	(void) raise(SIGSTOP);
	(void) pthread_mutex_lock(&bt_mu);
	bt_release = 1;
	(void) pthread_cond_broadcast(&bt_cv);
	(void) pthread_mutex_unlock(&bt_mu);
	for (i = 0; i < 3; i++)
		(void) pthread_join(t[i], NULL);
	burn_to(own_cpu_ms() + 10);
	(void) raise(SIGSTOP);
	_exit(0);
}

/*
 * Kill a stopped child and reap it: its CPU as the kernel's rusage of
 * the reaped child gives it (getrusage(RUSAGE_CHILDREN) before and
 * after), ns to the microsecond; or UINT64_MAX.
 */
static uint64_t
kid_reap(pid_t c)
{
	struct rusage r0, r1;
	int st;

	if (c == -1 || getrusage(RUSAGE_CHILDREN, &r0) == -1 ||
	    kill(c, SIGKILL) == -1 || waitpid(c, &st, 0) != c ||
	    getrusage(RUSAGE_CHILDREN, &r1) == -1)
		return (UINT64_MAX);
	return ((uint64_t)((r1.ru_utime.tv_sec - r0.ru_utime.tv_sec +
	    r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) * 1000000 +
	    (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) +
	    (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec)) * 1000);
}

/* One sweep of the real /proc into a new file; 0, or -1. */
static int
real_sweep(const char *path)
{
	struct opts op;
	char rp[PATH_MAX];

	(void) unlink(path);
	memset(&op, 0, sizeof (op));
	return (sweep_run(path, &op, rp, sizeof (rp)) == EXIT_OK ? 0 : -1);
}

/* |a - b| <= 1 ms */
#define	WITHIN_MS(a, b)	((a) + 1000000 >= (b) && (b) + 1000000 >= (a))

/*
 * What a reaped child's rusage r says of a figure c read while it was
 * stopped: r also has what its exit cost (its address space torn down:
 * more under a sanitizer's shadow memory), measured as the whole CPU of
 * a twin that did nothing but stop, x.  So c is no more than r (2 us:
 * rusage's two parts are each cut to the us) and within 1 ms of r less x.
 */
#define	REAPED_OK(c, r, x)	((c) <= (r) + 2000 && (c) + 1000000 + (x) >= (r))

/* Whether taskstats answers here (root: it needs CAP_NET_ADMIN). */
static int
taskstats_works(void)
{
	struct ts_stats ts;
	uint16_t fam;
	char why[256];
	int fd, ok;

	if ((fd = ts_open(0, &fam, why, sizeof (why))) == -1)
		return (0);
	ok = ts_query(fd, fam, (uint32_t)getpid(), 1, &ts) == 0;
	(void) close(fd);
	return (ok);
}

/*
 * The CPU times and waits of real processes, against the kernel's own
 * figures read here: a stopped child's user + system within 1 ms of its
 * schedstat run time and of its rusage once reaped, each part no less
 * than stat's; its CPU wait that of schedstat.  A child whose threads
 * burned CPU and exited: its figure the whole process's (its rusage),
 * not the live threads', and no less than before they exited.  With
 * taskstats (when it answers) and with /proc alone, as forced for tests.
 */
static void
test_real_cpu(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], sp[64];
	uint64_t hz = (uint64_t)sysconf(_SC_CLK_TCK), tick, run = 0, delay = 0;
	uint64_t ut = 0, st = 0, blk, rus, live, tot_a, wait_a, csw_a;
	struct lrec lr[2];
	uint64_t x;
	pid_t b, t;
	int mode, ts = taskstats_works();

	if (sweep_tmpdir(dir, sizeof (dir)) == -1 || hz == 0) {
		TEST_SKIP("mkdtemp or sysconf failed");
		return;
	}
	tick = UINT64_C(1000000000) / hz;
	x = kid_reap(kid_burner(0, NULL));
	CHECK(x != UINT64_MAX);
	(void) snprintf(path, sizeof (path), "%s/acct", dir);
	if (!ts)
		TEST_SKIP("taskstats does not answer here (not root, or no "
		    "CONFIG_TASKSTATS): /proc alone both times");
	for (mode = 0; mode < 2; mode++) {
		if (mode == 1)
			(void) setenv(SWEEP_NO_TASKSTATS_ENV, "1", 1);
		b = kid_burner(120, NULL);
		t = kid_threads();
		CHECK(b != -1 && t != -1);
		if (b == -1 || t == -1)
			break;
		/* The threads alive (stopped): the sum of theirs is all. */
		CHECK_INT(real_sweep(path), ==, 0);
		lr[0].lr_pid = b;
		lr[1].lr_pid = t;
		CHECK_INT(decode_recs(path, lr, 2), ==, 0);
		CHECK(lr[0].lr_seen && lr[1].lr_seen);
		(void) snprintf(sp, sizeof (sp), "/proc/%ld/schedstat",
		    (long)b);
		CHECK_INT(k_schedstat(sp, &run, &delay), ==, 0);
		CHECK_INT(k_stat(b, &ut, &st, &blk), ==, 0);
		CHECK(lr[0].lr_have & LB_SOURCE);
		CHECK_UINT(lr[0].lr_v[4], ==, EXCPU_EXACT);
		CHECK(WITHIN_MS(lr[0].lr_user + lr[0].lr_sys, run));
		CHECK_UINT(lr[0].lr_user, >=, ut * tick);
		CHECK_UINT(lr[0].lr_sys, >=, st * tick);
		CHECK(lr[0].lr_have & LB_CPU);
		CHECK(WITHIN_MS(lr[0].lr_v[0], delay));
		/* Nobody here turned delay accounting on... */
		rus = kid_reap(b);
		CHECK(rus != UINT64_MAX);
		CHECK(REAPED_OK(lr[0].lr_user + lr[0].lr_sys, rus, x));
		CHECK_UINT(lr[1].lr_v[4], ==, EXCPU_EXACT);
		live = k_live_run(t);
		CHECK(WITHIN_MS(lr[1].lr_user + lr[1].lr_sys, live));
		tot_a = lr[1].lr_user + lr[1].lr_sys;
		wait_a = lr[1].lr_v[0];
		csw_a = lr[1].lr_nvcsw + lr[1].lr_nivcsw;
		CHECK(lr[1].lr_have & LB_CPU);

		/* The threads exited: the whole process's, not the live. */
		CHECK(kill(t, SIGCONT) == 0 && kid_stopped(t) == t);
		CHECK_INT(real_sweep(path), ==, 0);
		CHECK_INT(decode_recs(path, lr, 2), ==, 0);
		CHECK(lr[1].lr_seen);
		live = k_live_run(t);
		rus = kid_reap(t);
		CHECK(rus != UINT64_MAX);
		/* The exited threads burned 120 ms. */
		CHECK_UINT(rus, >=, live + 110000000);
		CHECK(REAPED_OK(lr[1].lr_user + lr[1].lr_sys, rus, x));
		CHECK_UINT(lr[1].lr_user + lr[1].lr_sys, >=, tot_a);
		CHECK_UINT(lr[1].lr_v[4], ==, EXCPU_EXACT);
		if (ts && mode == 0) {
			/* taskstats keeps what the exited threads waited. */
			CHECK(lr[1].lr_have & LB_CPU);
			CHECK_UINT(lr[1].lr_v[0], >=, wait_a);
			CHECK(lr[1].lr_have_csw);
			CHECK_UINT(lr[1].lr_nvcsw + lr[1].lr_nivcsw, >=, csw_a);
		}
		(void) unsetenv(SWEEP_NO_TASKSTATS_ENV);
	}
	(void) unsetenv(SWEEP_NO_TASKSTATS_ENV);
	(void) unlink(path);
	(void) rmdir(dir);
}

/*
 * The block I/O, swap-in and reclaim waits are written only while the
 * kernel's delay accounting is on: turned on here (root), a child that
 * did block I/O swept, then off, then restored as it was.  The block
 * I/O wait against stat's field 42, the same wait in clock ticks.
 */
static void
test_real_delayacct(void)
{
	static const char knob[] = "/proc/sys/kernel/task_delayacct";
	char dir[PATH_MAX], path[PATH_MAX + 16], io[PATH_MAX + 16], was[8];
	uint64_t hz = (uint64_t)sysconf(_SC_CLK_TCK), ut, st, blk = 0;
	struct lrec lr[1];
	FILE *f;
	pid_t b;
	int mode, ts = taskstats_works();
	size_t n;

	if (geteuid() != 0 || (f = fopen(knob, "r")) == NULL) {
		TEST_SKIP("delay accounting: needs root and "
		    "/proc/sys/kernel/task_delayacct");
		return;
	}
	n = fread(was, 1, sizeof (was) - 1, f);
	(void) fclose(f);
	was[n] = '\0';
	if (sweep_tmpdir(dir, sizeof (dir)) == -1 || hz == 0) {
		TEST_SKIP("mkdtemp or sysconf failed");
		return;
	}
	(void) snprintf(path, sizeof (path), "%s/acct", dir);
	(void) snprintf(io, sizeof (io), "%s/io", dir);
	for (mode = 0; mode < 2; mode++) {
		if (mode == 1)
			(void) setenv(SWEEP_NO_TASKSTATS_ENV, "1", 1);
		if ((f = fopen(knob, "w")) == NULL || fputs("1\n", f) == EOF ||
		    fclose(f) == EOF) {
			CHECK(!"cannot turn delay accounting on");
			break;
		}
		b = kid_burner(20, io);
		CHECK(b != -1);
		CHECK_INT(real_sweep(path), ==, 0);
		lr[0].lr_pid = b;
		CHECK_INT(decode_recs(path, lr, 1), ==, 0);
		CHECK(lr[0].lr_seen);
		CHECK_INT(k_stat(b, &ut, &st, &blk), ==, 0);
		CHECK(lr[0].lr_have & LB_BLKIO);
		CHECK_UINT(lr[0].lr_v[1] / (UINT64_C(1000000000) / hz), ==,
		    blk);
		if (ts && mode == 0) {
			CHECK((lr[0].lr_have & (LB_SWAPIN | LB_RECLAIM)) ==
			    (LB_SWAPIN | LB_RECLAIM));
		} else {
			/* /proc has no swap-in or reclaim wait. */
			CHECK(!(lr[0].lr_have & (LB_SWAPIN | LB_RECLAIM)));
		}
		if ((f = fopen(knob, "w")) != NULL) {
			(void) fputs("0\n", f);
			(void) fclose(f);
		}
		CHECK_INT(real_sweep(path), ==, 0);
		CHECK_INT(decode_recs(path, lr, 1), ==, 0);
		CHECK(lr[0].lr_seen);
		CHECK_UINT(lr[0].lr_have & (LB_BLKIO | LB_SWAPIN |
		    LB_RECLAIM), ==, 0);
		CHECK(lr[0].lr_have & LB_CPU);
		CHECK(kid_reap(b) != UINT64_MAX);
	}
	(void) unsetenv(SWEEP_NO_TASKSTATS_ENV);
	if ((f = fopen(knob, "w")) != NULL) {
		(void) fputs(was, f);
		(void) fclose(f);
	}
	(void) unlink(io);
	(void) unlink(path);
	(void) rmdir(dir);
}

/*
 * Reaching the file: af_open_dir and af_open_file on a tree made
 * here, each refusal with the component at fault and nothing made.  The
 * expected reasons are the rules (root's alone, no link followed, no
 * ".."), worded as the messages say them.
 */
static char ot_base[PATH_MAX];

/* base/rel, into buf. */
static const char *
ot_path(char *buf, size_t len, const char *rel)
{
	(void) snprintf(buf, len, "%s/%s", ot_base, rel);
	return (buf);
}

static void
ot_mkdir(const char *rel, mode_t mode, uid_t uid)
{
	char p[PATH_MAX + 64];

	if (mkdir(ot_path(p, sizeof (p), rel), 0700) == -1 ||
	    chmod(p, mode) == -1 || chown(p, uid, 0) == -1) {
		perror(p);
		exit(1);
	}
}

static void
ot_file(const char *rel, mode_t mode, uid_t uid)
{
	char p[PATH_MAX + 64];
	int fd;

	if ((fd = open(ot_path(p, sizeof (p), rel), O_WRONLY | O_CREAT |
	    O_EXCL, 0600)) == -1 || fchmod(fd, mode) == -1 ||
	    fchown(fd, uid, 0) == -1 || close(fd) == -1) {
		perror(p);
		exit(1);
	}
}

/* Whether base/rel exists (as a name: a dangling link counts). */
static int
ot_exists(const char *rel)
{
	char p[PATH_MAX + 64];
	struct stat sb;

	return (lstat(ot_path(p, sizeof (p), rel), &sb) == 0);
}

/* af_open_dir of base/rel refused, with want (of base) as the why. */
static void
ot_dir_refused(const char *rel, const char *fmt, const char *arg)
{
	char p[PATH_MAX + 64], why[PATH_MAX + 256], want[PATH_MAX + 256];
	const char *name = NULL;
	int fd;

	(void) snprintf(want, sizeof (want), fmt, arg);
	fd = af_open_dir(ot_path(p, sizeof (p), rel), AFP_STRICT, &name,
	    why, sizeof (why));
	CHECK_INT(fd, ==, -1);
	if (fd != -1) {
		(void) close(fd);
		return;
	}
	CHECK_STR(why, want);
}

/* af_open_file of path refused with why want; nothing left open. */
static void
ot_file_refused(const char *path, const char *want)
{
	char why[PATH_MAX + 256];
	const char *name;
	int fd, dfd = -2, created = -1;

	fd = af_open_file(path, AFP_STRICT, &dfd, &name, &created, why,
	    sizeof (why));
	CHECK_INT(fd, ==, -1);
	CHECK_INT(dfd, ==, -1);
	if (fd != -1) {
		(void) close(fd);
		return;
	}
	CHECK_STR(why, want);
}

/* The same file (device and inode) as the one at path. */
static int
same_file(int fd, const char *path)
{
	struct stat a, b;

	return (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

static void
test_open_dir(void)
{
	char p[PATH_MAX + 64], q[PATH_MAX + 64], want[PATH_MAX + 256];
	char why[PATH_MAX + 256];
	const char *name;
	struct stat sb;
	mode_t um;
	int fd, cwd;

	if (geteuid() != 0) {
		TEST_SKIP("root's checks need a tree owned by root");
		return;
	}
	if (sweep_tmpdir(ot_base, sizeof (ot_base)) == -1) {
		TEST_SKIP("no directory only root can write to test in");
		return;
	}
	um = umask(022);
	ot_mkdir("ok", 0700, 0);
	ot_mkdir("ok/sub", 0755, 0);
	ot_mkdir("gw", 0770, 0);		/* its group may write */
	ot_mkdir("ow", 0703, 0);		/* others may, not the group */
	ot_mkdir("sticky", 01777, 0);		/* as /tmp */
	ot_mkdir("user", 0755, 65534);		/* another user's */
	ot_mkdir("user/in", 0755, 0);		/* root's, in the user's */
	ot_file("ok/plain", 0600, 0);
	CHECK_INT(symlink(ot_path(q, sizeof (q), "ok"),
	    ot_path(p, sizeof (p), "lnk")), ==, 0);

	/* Root's alone: open, named, the directory itself. */
	fd = af_open_dir(ot_path(p, sizeof (p), "ok/f"), AFP_STRICT,
	    &name, why, sizeof (why));
	CHECK_INT(fd, >=, 0);
	if (fd >= 0) {
		CHECK_STR(name, "f");
		CHECK(same_file(fd, ot_path(q, sizeof (q), "ok")));
		(void) close(fd);
	}
	/* Doubled slashes and "." are the same directories. */
	(void) snprintf(p, sizeof (p), "%s//ok/./sub//f", ot_base);
	fd = af_open_dir(p, AFP_STRICT, &name, why, sizeof (why));
	CHECK_INT(fd, >=, 0);
	if (fd >= 0) {
		CHECK_STR(name, "f");
		CHECK(same_file(fd, ot_path(q, sizeof (q), "ok/sub")));
		(void) close(fd);
	}

	/* Each refusal names the component at fault. */
	ot_dir_refused("gw/f", "%s/gw is writable by its group; not writing "
	    "as root", ot_base);
	ot_dir_refused("ow/f", "%s/ow is writable by others; not writing as "
	    "root", ot_base);
	ot_dir_refused("sticky/f", "%s/sticky is writable by others; not "
	    "writing as root", ot_base);
	ot_dir_refused("user/in/f", "%s/user is owned by uid 65534, not root; "
	    "not writing as root", ot_base);
	ot_dir_refused("lnk/f", "%s/lnk is a symbolic link; not following it "
	    "as root", ot_base);
	ot_dir_refused("ok/../ok/f", "%s", "\"..\" in the path is refused "
	    "as root; name the file without it");
	ot_dir_refused("ok/..", "%s", "\"..\" in the path is refused as "
	    "root; name the file without it");
	(void) snprintf(want, sizeof (want), "cannot open %s/ok/plain: %s",
	    ot_base, strerror(ENOTDIR));
	ot_dir_refused("ok/plain/f", "%s", want);
	(void) snprintf(want, sizeof (want), "cannot open %s/absent: %s",
	    ot_base, strerror(ENOENT));
	ot_dir_refused("absent/f", "%s", want);
	CHECK(!ot_exists("absent"));
	/* Without AFP_STRICT: a user's path, followed as open(2) would. */
	fd = af_open_dir(ot_path(p, sizeof (p), "lnk/f"), 0, &name, why,
	    sizeof (why));
	CHECK_INT(fd, >=, 0);
	if (fd >= 0) {
		CHECK_STR(name, "f");
		CHECK(same_file(fd, ot_path(q, sizeof (q), "ok")));
		(void) close(fd);
	}

	/* Relative: from the working directory, which is checked too. */
	if ((cwd = open(".", O_RDONLY | O_DIRECTORY)) == -1 ||
	    chdir(ot_base) == -1) {
		TEST_SKIP("cannot change directory");
	} else {
		fd = af_open_dir("lnk/f", AFP_STRICT, &name, why,
		    sizeof (why));
		CHECK_INT(fd, ==, -1);
		CHECK_STR(why, "lnk is a symbolic link; not following it as "
		    "root");
		fd = af_open_dir("ok/f", AFP_STRICT, &name, why,
		    sizeof (why));
		CHECK_INT(fd, >=, 0);
		if (fd >= 0) {
			CHECK_STR(name, "f");
			CHECK(same_file(fd, ot_path(q, sizeof (q), "ok")));
			(void) close(fd);
		}
		CHECK_INT(chdir("sticky"), ==, 0);
		fd = af_open_dir("f", AFP_STRICT, &name, why, sizeof (why));
		CHECK_INT(fd, ==, -1);
		(void) snprintf(want, sizeof (want), "the working directory "
		    "(%s/sticky) is writable by others; not writing as root",
		    ot_base);
		CHECK_STR(why, want);
		CHECK_INT(fchdir(cwd), ==, 0);
	}
	if (cwd != -1)
		(void) close(cwd);

	/* AFP_MKDIR: the missing ones made, the last private. */
	fd = af_open_dir(ot_path(p, sizeof (p), "ok/m1/m2/f"),
	    AFP_STRICT | AFP_MKDIR, &name, why, sizeof (why));
	CHECK_INT(fd, >=, 0);
	if (fd >= 0) {
		CHECK_STR(name, "f");
		CHECK(same_file(fd, ot_path(q, sizeof (q), "ok/m1/m2")));
		(void) close(fd);
	}
	CHECK_INT(stat(ot_path(q, sizeof (q), "ok/m1"), &sb), ==, 0);
	CHECK_UINT(sb.st_mode & 07777, ==, 0755);
	CHECK_UINT(sb.st_uid, ==, 0);
	CHECK_INT(stat(ot_path(q, sizeof (q), "ok/m1/m2"), &sb), ==, 0);
	CHECK_UINT(sb.st_mode & 07777, ==, 0700);
	CHECK(!ot_exists("ok/m1/m2/f"));
	/* Nothing is made past a refused one. */
	fd = af_open_dir(ot_path(p, sizeof (p), "sticky/m3/f"),
	    AFP_STRICT | AFP_MKDIR, &name, why, sizeof (why));
	CHECK_INT(fd, ==, -1);
	CHECK(!ot_exists("sticky/m3"));
	(void) umask(um);
}

static void
test_open_file(void)
{
	char p[PATH_MAX + 64], q[PATH_MAX + 64], want[PATH_MAX + 256];
	char why[PATH_MAX + 256];
	const char *name;
	struct stat sb;
	mode_t um;
	int fd, dfd, created;

	if (geteuid() != 0 || ot_base[0] == '\0') {
		TEST_SKIP("root's checks need a tree owned by root");
		return;
	}
	um = umask(022);
	/* A new file: made here, 0600, root's; then found, not made. */
	fd = af_open_file(ot_path(p, sizeof (p), "ok/new"), AFP_STRICT,
	    &dfd, &name, &created, why, sizeof (why));
	CHECK_INT(fd, >=, 0);
	CHECK_INT(created, ==, 1);
	CHECK_INT(dfd, >=, 0);
	if (fd >= 0) {
		CHECK_STR(name, "new");
		CHECK_INT(fstat(fd, &sb), ==, 0);
		CHECK_UINT(sb.st_mode & 07777, ==, 0600);
		CHECK_UINT(sb.st_uid, ==, 0);
		CHECK_UINT(sb.st_nlink, ==, 1);
		CHECK(same_file(dfd, ot_path(q, sizeof (q), "ok")));
		(void) close(fd);
		(void) close(dfd);
	}
	fd = af_open_file(p, AFP_STRICT, &dfd, &name, &created, why,
	    sizeof (why));
	CHECK_INT(fd, >=, 0);
	CHECK_INT(created, ==, 0);
	if (fd >= 0) {
		(void) close(fd);
		(void) close(dfd);
	}

	/* The file's own refusals; each left as it was. */
	ot_file("ok/m644", 0644, 0);
	ot_file_refused(ot_path(p, sizeof (p), "ok/m644"), "has mode 0644, "
	    "open to its group or others; not writing as root");
	CHECK_INT(stat(p, &sb), ==, 0);
	CHECK_UINT(sb.st_mode & 07777, ==, 0644);
	ot_file("ok/m640", 0640, 0);
	ot_file_refused(ot_path(p, sizeof (p), "ok/m640"), "has mode 0640, "
	    "open to its group or others; not writing as root");
	ot_file("ok/h1", 0600, 0);
	CHECK_INT(link(ot_path(q, sizeof (q), "ok/h1"),
	    ot_path(p, sizeof (p), "ok/h2")), ==, 0);
	ot_file_refused(p, "has 2 hard links, not 1; not writing as root");
	CHECK_INT(stat(q, &sb), ==, 0);
	CHECK_UINT(sb.st_size, ==, 0);
	ot_file("ok/theirs", 0600, 65534);
	ot_file_refused(ot_path(p, sizeof (p), "ok/theirs"), "is owned by uid "
	    "65534, not root; not writing as root");
	CHECK_INT(symlink("new", ot_path(p, sizeof (p), "ok/sl")), ==, 0);
	ot_file_refused(p, "is a symbolic link; not writing through it as "
	    "root");
	CHECK_INT(symlink(ot_path(q, sizeof (q), "ok/absent"),
	    ot_path(p, sizeof (p), "ok/dl")), ==, 0);
	ot_file_refused(p, "is a symbolic link; not writing through it as "
	    "root");
	CHECK(!ot_exists("ok/absent"));
	CHECK_INT(mkfifo(ot_path(p, sizeof (p), "ok/fifo"), 0600), ==, 0);
	ot_file_refused(p, "is not a regular file; not writing");
	ot_file_refused(ot_path(p, sizeof (p), "ok/"), "names a directory, "
	    "not a file; not writing");
	/* A refused directory: no file made in it. */
	(void) snprintf(want, sizeof (want), "%s/sticky is writable by "
	    "others; not writing as root", ot_base);
	ot_file_refused(ot_path(p, sizeof (p), "sticky/f"), want);
	CHECK(!ot_exists("sticky/f"));
	(void) snprintf(want, sizeof (want), "%s/lnk is a symbolic link; "
	    "not following it as root", ot_base);
	ot_file_refused(ot_path(p, sizeof (p), "lnk/f"), want);
	CHECK(!ot_exists("ok/f"));

	/* Without AFP_STRICT: a user's rules, a link followed. */
	fd = af_open_file(ot_path(p, sizeof (p), "ok/sl"), 0, &dfd, &name,
	    &created, why, sizeof (why));
	CHECK_INT(fd, >=, 0);
	CHECK_INT(created, ==, 0);
	if (fd >= 0) {
		CHECK(same_file(fd, ot_path(q, sizeof (q), "ok/new")));
		CHECK_STR(name, "sl");
		CHECK(same_file(dfd, ot_path(q, sizeof (q), "ok")));
		(void) close(fd);
		if (dfd >= 0)
			(void) close(dfd);
	}
	(void) umask(um);
	{
		char cmd[PATH_MAX + 16];

		(void) snprintf(cmd, sizeof (cmd), "rm -rf '%s'", ot_base);
		CHECK_INT(system(cmd), ==, 0);
	}
}

/* A file holding [p, p + n); its fd, read-only. */
static int
hdr_file(const uint8_t *p, size_t n)
{
	char path[] = "/tmp/test_sweep_hdr.XXXXXX";
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		exit(1);
	}
	(void) unlink(path);
	if (n > 0 && write(fd, p, n) != (ssize_t)n) {
		perror("write");
		exit(1);
	}
	return (fd);
}

/* af_check_header of a file with the header of creator, maybe more. */
static int
hdr_check(const char *creator, uint64_t version, int records, char *why,
    size_t len)
{
	struct ex_wbuf w;
	int fd, r;

	ex_w_init(&w);
	if (version == EX_VERSION) {
		ex_w_header(&w, creator, "host");
	} else {
		ex_w_group_begin(&w, EX_HEADER_TAG);
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, 0, EXD_VERSION), version);
		ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_CREATOR), creator);
		ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_FILETYPE),
		    "exacct");
		ex_w_group_end(&w);
	}
	if (records) {
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_DEFAULT,
		    EXD_GROUP_PROC_PARTIAL));
		ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_DEFAULT, EXD_PROC_PID),
		    1);
		ex_w_group_end(&w);
	}
	fd = hdr_file(w.wb_buf, w.wb_len);
	ex_w_free(&w);
	why[0] = '\0';
	r = af_check_header(fd, NULL, why, len);
	(void) close(fd);
	return (r);
}

/*
 * The header's length, as the walk by count finds it: the writer's own
 * header length, with a record after it or none.
 */
static void
test_header_length(void)
{
	struct ex_wbuf w;
	uint64_t hl;
	size_t hlen;
	char why[128];
	int fd;

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "host");
	hlen = w.wb_len;
	fd = hdr_file(w.wb_buf, w.wb_len);
	hl = 0;
	CHECK_INT(af_check_header(fd, &hl, why, sizeof (why)), ==, 0);
	CHECK_UINT(hl, ==, hlen);
	(void) close(fd);
	ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, EX_C_DEFAULT,
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(&w, EX_TAG(EX_T_UINT32, EX_C_DEFAULT, EXD_PROC_PID), 1);
	ex_w_group_end(&w);
	fd = hdr_file(w.wb_buf, w.wb_len);
	hl = 0;
	CHECK_INT(af_check_header(fd, &hl, why, sizeof (why)), ==, 0);
	CHECK_UINT(hl, ==, hlen);
	(void) close(fd);
	ex_w_free(&w);
}

static void
test_check_header(void)
{
	static const uint8_t text[] = "some text\n";
	char why[256];
	int fd;

	/* What exdump's sweep and the illumos kernel write. */
	CHECK_INT(hdr_check("exdump", EX_VERSION, 0, why, sizeof (why)), ==, 0);
	CHECK_INT(hdr_check("exdump", EX_VERSION, 1, why, sizeof (why)), ==, 0);
	CHECK_INT(hdr_check("SunOS", EX_VERSION, 1, why, sizeof (why)), ==, 0);
	/* Any other creator, even one that starts like ours. */
	CHECK_INT(hdr_check("other", EX_VERSION, 1, why, sizeof (why)), ==,
	    -1);
	CHECK_STR(why, "its header's creator is \"other\", not exdump or the "
	    "kernel (SunOS)");
	CHECK_INT(hdr_check("exdumpx", EX_VERSION, 0, why, sizeof (why)), ==,
	    -1);
	CHECK_INT(hdr_check("Sun", EX_VERSION, 0, why, sizeof (why)), ==, -1);
	CHECK_INT(hdr_check("", EX_VERSION, 0, why, sizeof (why)), ==, -1);
	/* ex_read_header's own refusals, in its words. */
	CHECK_INT(hdr_check("exdump", 2, 0, why, sizeof (why)), ==, -1);
	CHECK_STR(why, "unsupported exacct version 2");
	fd = hdr_file(text, sizeof (text) - 1);
	CHECK_INT(af_check_header(fd, NULL, why, sizeof (why)), ==, -1);
	CHECK(strncmp(why, "not an exacct file", 18) == 0);
	(void) close(fd);
	fd = hdr_file(text, 0);
	CHECK_INT(af_check_header(fd, NULL, why, sizeof (why)), ==, -1);
	CHECK(strncmp(why, "not an exacct file", 18) == 0);
	(void) close(fd);
}
#endif /* __linux__ */

int
main(void)
{
	test_pid_names();
	test_walk();
	test_policy();
#if defined(__linux__)
	test_parse_stat();
	test_parse_schedstat();
	test_cpu_split();
	test_parse_status();
	test_tty();
	test_zone();
	test_real_sweep();
	test_parse_cpu();
	test_fake_sweep();
	test_zone_scan();
	test_zone_rescan();
	test_real_sweep_record();
	test_real_cpu();
	test_real_delayacct();
	test_open_dir();
	test_open_file();
	test_check_header();
	test_header_length();
#endif
	TEST_DONE();
}
