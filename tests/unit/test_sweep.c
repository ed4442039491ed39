/*
 * test_sweep.c: the /proc walk and the illumos wracct policy, driven by a
 * fake wracct, psinfo and acctctl over a fake /proc directory; and on
 * Linux the /proc parsers, a sweep of a fake /proc, and real sweeps
 * decoded with the codec and the reader.
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
	CHECK_INT(rb.rb_nproc, ==, 2);
	for (i = 0; i < rb.rb_nproc && i < FP_MAX; i++) {
		seen1 += rb.rb_pid[i] == 1;
		seen8 += rb.rb_pid[i] == 8;
	}
	CHECK(seen1 == 1 && seen8 == 1);
	/* 42 + 8 switches, 1001 + 15 chars: both threads, not status. */
	CHECK_UINT(rb.rb_vol8, ==, 50);
	CHECK_UINT(rb.rb_chars8, ==, 1016);
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, 2);
	CHECK_UINT(rb.rb_sw.sw_nskip, ==, 3);
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

	/* No /proc/stat: the sweep record still, without the counters. */
	(void) snprintf(sp, sizeof (sp), "%s/stat", fp_root);
	CHECK_INT(unlink(sp), ==, 0);
	CHECK_INT(sweep_linux_proc(path, fp_root, rp, sizeof (rp)), ==,
	    EXIT_OK);
	read_back(path, &rb);
	CHECK(rb.rb_ok);
	CHECK_INT(rb.rb_nsweep, ==, 2);
	CHECK_INT(rb.rb_nproc, ==, 4);
	CHECK_UINT(rb.rb_sw.sw_have & (cpu_bits(0, 10) |
	    EX_BIT(EXD_SWEEP_NCPU)), ==, 0);
	CHECK_UINT(rb.rb_sw.sw_have, ==, EX_BIT(EXD_SWEEP_HOSTNAME) |
	    EX_BIT(EXD_SWEEP_START) | EX_BIT(EXD_SWEEP_END) |
	    EX_BIT(EXD_SWEEP_NRECORDED) | EX_BIT(EXD_SWEEP_NSKIPPED));
	CHECK_UINT(rb.rb_sw.sw_nrec, ==, 2);
	CHECK_UINT(rb.rb_sw.sw_nskip, ==, 3);
	/* The second sweep's records follow the first's end. */
	CHECK(rb.rb_in_time);
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
	test_parse_status();
	test_tty();
	test_zone();
	test_real_sweep();
	test_parse_cpu();
	test_fake_sweep();
	test_real_sweep_record();
	test_open_dir();
	test_open_file();
	test_check_header();
	test_header_length();
#endif
	TEST_DONE();
}
