/*
 * sweep.h: the -w sweep, a partial record for every live process.
 *
 * The /proc walk and the illumos wracct(2) error policy are shared code
 * (sweep.c).  The system calls reach them through struct sweep_sys, so the
 * tests drive the illumos policy on any OS with a fake wracct.  The per-OS
 * files fill the struct in (sweep_illumos.c) or write the records
 * themselves (sweep_linux.c, where there is no exacct in the kernel).
 */
#ifndef SWEEP_H
#define SWEEP_H

#include <stddef.h>
#include <stdint.h>

/* Our own names for the wracct arguments; sweep_illumos.c maps them. */
#define	SW_P_PID	1
#define	SW_P_TASKID	2
#define	SW_EW_PARTIAL	1
#define	SW_EW_INTERVAL	2

/* illumos's "facility is not active"; other systems have no such errno. */
#include <errno.h>
#ifdef ENOTACTIVE
#define	SW_ENOTACTIVE	ENOTACTIVE
#else
#define	SW_ENOTACTIVE	73
#endif

/* What the walk needs to know about a process before wracct. */
struct sweep_pinfo {
	int		sp_zombie;	/* no threads left: skip it */
	long		sp_taskid;
};

struct sweep_sys {
	/* wracct(2): 0, or -1 with errno. */
	int	(*ss_wracct)(void *arg, int idtype, long id, int flags);
	/* The process's state: 0, or -1 with errno (ENOENT: it is gone). */
	int	(*ss_pinfo)(void *arg, const char *procdir, long pid,
		    struct sweep_pinfo *);
	/* The kernel's process accounting file: 0, or -1 with errno. */
	int	(*ss_acctfile)(void *arg, char *buf, size_t len);
	/* Where a problem is told; NULL: "exdump: msg" on stderr. */
	void	(*ss_warn)(void *arg, const char *msg);
	const char	*ss_procdir;	/* "/proc", or a test's */
	void		*ss_arg;
};

/* What one policy run did, for the tests and the exit status. */
struct sweep_result {
	unsigned long	sr_procs;	/* wracct(P_PID) calls */
	unsigned long	sr_written;	/* of which succeeded */
	unsigned long	sr_tasks;	/* wracct(P_TASKID) calls */
	unsigned long	sr_failed;	/* failed, ESRCH not counted */
	int		sr_stopped;	/* EPERM or ENOTACTIVE ended it */
};

/*
 * 1 if name is a process directory's name: all digits, no leading zero
 * (but "0" itself), small enough for a pid.  "." and ".." are not.
 */
int	sweep_pid_name(const char *name, long *pid);

/*
 * Call fn(arg, pid) for every process directory in procdir.  A non-zero
 * return from fn stops the walk and is returned; 0 when the walk is done,
 * -1 with errno if procdir cannot be read.
 */
int	sweep_walk(const char *procdir, int (*fn)(void *, long), void *arg);

/*
 * The illumos sweep: find the file (path, or the kernel's process file),
 * wracct(P_PID, EW_PARTIAL) every live process, and with tasks set
 * wracct(P_TASKID, EW_INTERVAL) once per task that has one.  readpath gets
 * the file to read next ("" if there is none).  Returns an exit status.
 */
int	sweep_policy_run(const struct sweep_sys *, const char *path,
	    int tasks, char *readpath, size_t len, struct sweep_result *);

/*
 * Linux /proc parsers (sweep_linux.c), exposed for the tests.  Each takes
 * the bytes one read() returned and fills what it found.
 */
struct sweep_stat {
	char		pst_comm[16];	/* cut to 15 bytes, a NUL */
	size_t		pst_commlen;
	char		pst_state;
	uint32_t	pst_ppid;
	uint32_t	pst_tty;	/* tty_nr as encoded */
	uint32_t	pst_flags;	/* PF_* */
	uint64_t	pst_minflt;
	uint64_t	pst_majflt;
	uint64_t	pst_utime;	/* clock ticks */
	uint64_t	pst_stime;
	uint64_t	pst_nthreads;
	uint64_t	pst_start;	/* ticks after boot */
	int		pst_have_blkio;	/* the line has field 42 */
	uint64_t	pst_blkio;	/* delayacct_blkio_ticks: clock ticks */
};

#define	SWS_UID		0x01
#define	SWS_GID		0x02
#define	SWS_HWM		0x04
#define	SWS_VCSW	0x08
#define	SWS_IVCSW	0x10

struct sweep_status {
	unsigned	pss_have;	/* SWS_* */
	uint32_t	pss_uid;	/* real */
	uint32_t	pss_gid;
	uint64_t	pss_hwm_k;	/* VmHWM in kB */
	uint64_t	pss_nvcsw;
	uint64_t	pss_nivcsw;
};

int	sweep_parse_stat(const char *buf, size_t len, struct sweep_stat *);
int	sweep_parse_status(const char *buf, size_t len,
	    struct sweep_status *);
/* rchar + wchar; -1 if either is missing. */
int	sweep_parse_io(const char *buf, size_t len, uint64_t *chars);
/*
 * A schedstat file: the time run, the time waited on a run queue (both
 * ns) and the times run.  -1 unless all three are there.
 */
int	sweep_parse_schedstat(const char *buf, size_t len, uint64_t *run,
	    uint64_t *delay, uint64_t *count);
/*
 * The exact CPU time run (ns) split into user and system as the kernel's
 * cputime_adjust splits it: in the ratio of the sampled user time to the
 * sampled total (both ns), all of it user if nothing was sampled; then
 * raised to no less than the kernel's own rounded-down figures lo_user
 * and lo_sys (from /proc/PID/stat), the other part taking the
 * difference.  0, or -1 (nothing set) if run is less than lo_user +
 * lo_sys: the figures do not belong together.
 */
int	sweep_cpu_split(uint64_t run, uint64_t s_user, uint64_t s_total,
	    uint64_t lo_user, uint64_t lo_sys, uint64_t *user, uint64_t *sys);
/* a * b / c rounded down, for b <= c (so no more than a); 0 if c is 0. */
uint64_t	sweep_muldiv(uint64_t a, uint64_t b, uint64_t c);
/* The container a /proc/PID/cgroup shows, or "global"; its length. */
size_t	sweep_cgroup_zone(const char *buf, size_t len, char *zone,
	    size_t zlen);
/*
 * Whether the sweep over procdir must read each process's cgroup file
 * for its zone (1), or no cgroup is a container's (0): every cgroup
 * hierarchy that procdir/self/cgroup lists walked, from where
 * procdir/self/mountinfo has it mounted.  1 on any doubt.
 */
int	sweep_zone_scan(const char *procdir);
/* tty_nr to illumos major and minor; "no tty" is UINT32_MAX for both. */
void	sweep_tty(uint32_t tty_nr, uint32_t *major, uint32_t *minor);

/*
 * The host's counters from the text of /proc/stat (the whole file: ncpu
 * counts its cpuN lines): the first "cpu" line's fields, from clock ticks
 * (hz a second, 1 to 10^9) to ns, into sw_cpu, and the cpuN lines into
 * sw_ncpu, each with its sw_have bit.  A field the line lacks, or that the
 * end of buf may have cut, is left out; so is ncpu if there is no cpuN
 * line, and a counter too large for ns.  0, or -1 (nothing set) if there
 * is no cpu line or hz is out of range.
 */
struct ex_sweep;
int	sweep_parse_cpu(const char *buf, size_t len, uint64_t hz,
	    struct ex_sweep *sw);

/*
 * The Linux sweep over procdir ("/proc", or a test's copy holding
 * PID/stat, PID/status ... and stat), appended to path (NULL: the default
 * file).  What sweep_run does, but for the directory; an exit status.
 */
int	sweep_linux_proc(const char *path, const char *procdir,
	    char *readpath, size_t len);

/*
 * For the tests only: set in the environment (to anything), the sweep of
 * the real /proc leaves the kernel's taskstats alone and reads /proc
 * alone, as it does where taskstats is missing or refused.
 */
#define	SWEEP_NO_TASKSTATS_ENV	"EXDUMP_TEST_NO_TASKSTATS"


#endif /* SWEEP_H */
