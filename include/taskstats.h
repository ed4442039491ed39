/*
 * taskstats.h: the Linux kernel's per-task statistics, over generic
 * netlink (taskstats_linux.c).
 *
 * The kernel sends a message when a thread exits to every socket
 * registered for the CPU it exits on: the thread's statistics, and when
 * it was the last thread of a process that had others, the thread
 * group's too.  It also answers a query for one thread or one thread
 * group.  struct ts_stats is our copy of the fields we use, each with a
 * presence bit: the kernel's struct grows by version, and a field the
 * message is too short to hold is absent, not 0.
 */
#ifndef TASKSTATS_H
#define TASKSTATS_H

#include <stddef.h>
#include <stdint.h>

/* Presence bits of struct ts_stats, by the version that added them. */
#define	TSH_BASE	0x01	/* exit code .. cpu/sched, comm, ids, times */
#define	TSH_DELAYS	0x02	/* cpu, blkio and swap-in delays, run times */
#define	TSH_XACCT	0x04	/* coremem .. write_syscalls */
#define	TSH_IO		0x08	/* read_bytes, write_bytes */
#define	TSH_CSW		0x10	/* nvcsw, nivcsw */
#define	TSH_RECLAIM	0x20	/* freepages delay */
#define	TSH_TGID	0x40	/* ac_tgid, ac_tgetime */

/* ac_flag bits (the kernel's acct.h). */
#define	TS_AFORK	0x01	/* forked but did not exec */
#define	TS_ASU		0x02	/* used superuser privileges */
#define	TS_ACORE	0x08	/* dumped core */
#define	TS_AXSIG	0x10	/* killed by a signal */
#define	TS_AGROUP	0x20	/* the last thread of its process */

struct ts_stats {
	unsigned	ts_have;	/* TSH_* */
	uint16_t	ts_version;
	uint32_t	ts_exitcode;	/* a wait status */
	uint8_t		ts_flag;	/* TS_A* */
	uint64_t	ts_cpu_count;	/* times it ran; 0: no sched info */
	uint64_t	ts_cpu_delay;	/* ns waiting for a CPU */
	uint64_t	ts_blkio_delay;	/* ns; delay accounting */
	uint64_t	ts_swapin_delay;
	uint64_t	ts_freepages_delay;
	uint64_t	ts_run_real;	/* ns: utime + stime as sampled */
	uint64_t	ts_run_virtual;	/* ns: the scheduler's exact run time */
	char		ts_comm[16];	/* NUL-terminated, cut to 15 */
	uint32_t	ts_uid;		/* real */
	uint32_t	ts_gid;
	uint32_t	ts_pid;		/* the thread */
	uint32_t	ts_ppid;
	uint32_t	ts_tgid;	/* TSH_TGID */
	uint64_t	ts_btime;	/* epoch seconds */
	uint64_t	ts_etime_us;	/* the thread's elapsed time */
	uint64_t	ts_tgetime_us;	/* TSH_TGID: the process's */
	uint64_t	ts_utime_us;	/* sampled at the tick */
	uint64_t	ts_stime_us;
	uint64_t	ts_minflt;
	uint64_t	ts_majflt;
	uint64_t	ts_coremem;	/* MB-usec of RSS */
	uint64_t	ts_hiwater_rss_k;
	uint64_t	ts_read_char;
	uint64_t	ts_write_char;
	uint64_t	ts_read_syscalls;
	uint64_t	ts_write_syscalls;
	uint64_t	ts_read_bytes;	/* TSH_IO: storage */
	uint64_t	ts_write_bytes;
	uint64_t	ts_nvcsw;	/* TSH_CSW */
	uint64_t	ts_nivcsw;
};

/* One message: a thread's statistics, and its process's if it came. */
struct ts_msg {
	uint32_t	tm_pid;		/* the thread (TASKSTATS_TYPE_PID) */
	struct ts_stats	tm_stats;
	int		tm_have_tgid;	/* the thread group's came too */
	uint32_t	tm_tgid;
	struct ts_stats	tm_tg;
};

/*
 * Decode the struct taskstats at [p, p + n) (an attribute's payload):
 * 0, or -1 if it is too short for even the base fields.
 */
int	ts_decode_stats(const uint8_t *p, size_t n, struct ts_stats *);

/*
 * One netlink message at [p, p + n) (n at least its header): its length
 * rounded to the next (*used, at most n), and what it is: TSM_STATS (*m
 * filled: a message of family), TSM_ERROR (*err the negative errno, 0
 * for an acknowledgement), TSM_OTHER (skipped), or -1 if the bytes are
 * not a whole message.
 */
#define	TSM_OTHER	0
#define	TSM_STATS	1
#define	TSM_ERROR	2
int	ts_parse(const uint8_t *p, size_t n, uint16_t family, struct ts_msg *m,
	    int *err, size_t *used);

/*
 * The socket.  ts_open: a generic netlink socket with a receive buffer
 * of rcvbuf bytes (forced past the system's limit when allowed; 0: the
 * default) and the taskstats family's id in *family; the fd, or -1 with
 * errno and why.
 */
int	ts_open(int rcvbuf, uint16_t *family, char *why, size_t whylen);
/* Register for the exits of every possible CPU; 0, or -1 with errno. */
int	ts_register(int fd, uint16_t family);
/*
 * Ask for one thread's (tgid 0) or one thread group's (tgid 1)
 * statistics: 0 with *st, or -1 with errno (ESRCH: no such task).
 */
int	ts_query(int fd, uint16_t family, uint32_t id, int tgid,
	    struct ts_stats *st);
/* Messages the kernel dropped at the socket so far; 0, or -1 errno. */
int	ts_drops(int fd, uint64_t *drops);

#endif /* TASKSTATS_H */
