/*
 * test_sweep.c: the /proc walk and the illumos wracct policy, driven by a
 * fake wracct, psinfo and acctctl over a fake /proc directory; and on
 * Linux the /proc parsers and one real sweep decoded with the codec.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "exacct.h"
#include "exdump.h"
#include "records.h"
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
	fk.fk_all_err = EIO;
	r = sweep_policy_run(&sys, "/acct/proc", 0, rp, sizeof (rp), &res);
	CHECK_INT(r, ==, EXIT_OPEN);
	CHECK_STR(rp, "/acct/proc");
	CHECK_INT(fk.fk_ncalls, ==, 5);		/* the walk goes on */
	CHECK_INT(fk.fk_nwarn, ==, 1);		/* told once */
	CHECK(strstr(fk.fk_warn, "failed 5 times") != NULL);
	(void) snprintf(want, sizeof (want), "%s", strerror(EIO));
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
 * One real sweep into a temporary file, decoded with the codec: our own
 * record is there with the right identity, and every item has the type
 * the illumos kernel gives it.
 */
static void
test_real_sweep(void)
{
	char dir[] = "/tmp/test_sweep.XXXXXX", path[PATH_MAX], rp[PATH_MAX];
	struct opts op;
	struct ex_src src;
	struct ex_stream st;
	struct ex_obj ob;
	uint32_t group = 0;
	uint64_t pid = 0, uid = 0, ppid = 0;
	int fd, r, nrec = 0, mine = 0, badtype = 0, header = 0;
	int seen_cmd = 0, seen_zone = 0, left_out = 0, n = 0;
	struct stat sb;
	char cmd[EX_COMMAND_MAX] = "";

	if (mkdtemp(dir) == NULL) {
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
			group = id;
			if (id == EXD_GROUP_HEADER)
				header++;
			else if (id == EXD_GROUP_PROC_PARTIAL)
				nrec++;
			else
				badtype++;
			pid = 0;
			continue;
		}
		if (group != EXD_GROUP_PROC_PARTIAL)
			continue;
		switch (id) {
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
		if (pid != (uint64_t)getpid())
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
	CHECK_INT(r, ==, EX_END);
	CHECK_INT(header, ==, 1);
	CHECK_INT(nrec, >=, 2);			/* us and our parent */
	CHECK_INT(badtype, ==, 0);
	CHECK_INT(left_out, ==, 0);
	CHECK_INT(mine, ==, 1);
	CHECK_UINT(uid, ==, getuid());
	CHECK_UINT(ppid, ==, getppid());
	CHECK(seen_cmd);
	CHECK_STR(cmd, "test_sweep");
	CHECK(seen_zone);
	CHECK_INT(n, >, nrec);
	ex_src_close(&src);
	(void) close(fd);
	(void) unlink(path);
	(void) rmdir(dir);
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
#endif
	TEST_DONE();
}
