/*
 * exitrec.h: a process's final record from the kernel's exit
 * notifications (taskstats), one per thread (exitrec_linux.c).
 *
 * The kernel sends a thread's statistics when it exits; for the last
 * thread of a process it marks the record (AGROUP) and, if the process
 * had other threads, adds the thread group's statistics, whose fields
 * differ between kernels (this one sums CPU and the delays but not the
 * faults or the I/O).  So the threads that exit before the last are kept
 * in a fixed table, summed per process, until the last one comes.
 *
 *	struct xr x;
 *	struct ex_proc rec;
 *
 *	xr_init(&x, host);
 *	for each message m, received at real time now (ns):
 *		if (xr_add(&x, &m, now, delayacct, &rec) == 1)
 *			... rec is the process's final record ...
 */
#ifndef EXITREC_H
#define EXITREC_H

#include <stddef.h>
#include <stdint.h>

#include "records.h"
#include "taskstats.h"

#define	XR_SLOTS	8192	/* slots, 2^k; used up to three quarters */
#define	XR_MAXPROCS	(XR_SLOTS / 4 * 3)	/* processes kept at once */

/* The sums of a process's threads that have exited so far. */
struct xr_pend {
	uint32_t	xp_tgid;	/* 0: the slot is free */
	uint32_t	xp_nthreads;
	uint64_t	xp_gen;		/* xr_gen when it was made */
	uint64_t	xp_start;	/* the process's start, ns */
	uint64_t	xp_utime_us;
	uint64_t	xp_stime_us;
	uint64_t	xp_run;		/* ns, where xp_sched */
	uint64_t	xp_cpu_delay;
	uint64_t	xp_blkio;
	uint64_t	xp_swapin;
	uint64_t	xp_reclaim;
	uint64_t	xp_minflt;
	uint64_t	xp_majflt;
	uint64_t	xp_chars;
	uint64_t	xp_nvcsw;
	uint64_t	xp_nivcsw;
	uint64_t	xp_coremem;
	uint64_t	xp_hiwater_k;
	int		xp_sched;	/* every thread had sched info */
	unsigned	xp_waitbad;	/* XW_*: a thread's wait was impossible */
	int		xp_have_comm;	/* the leader's name came */
	char		xp_comm[16];
};

struct xr_stats {
	uint64_t	xs_threads;	/* notifications used */
	uint64_t	xs_records;	/* final records made */
	uint64_t	xs_unsummed;	/* threads left out: the table full */
	uint64_t	xs_stale;	/* sums of a process never ended */
	uint64_t	xs_bad;		/* notifications without what is needed */
};

struct xr {
	struct xr_pend	*xr_tab;	/* XR_SLOTS */
	size_t		xr_used;
	const char	*xr_host;	/* the records' hostname, or NULL */
	struct xr_stats	xr_st;
	/*
	 * Raised by the caller whenever notifications were lost (the
	 * kernel dropped some): only then can kept sums belong to a process
	 * that ended unseen, its pid since reused.
	 */
	uint64_t	xr_gen;
};

/* 0, or -1 (out of memory) */
int	xr_init(struct xr *, const char *host);
void	xr_free(struct xr *);

/*
 * One thread's exit notification m, received at now (real time, ns
 * since the epoch).  delayacct says whether the kernel's delay
 * accounting is on (the block I/O, swap-in and reclaim waits are
 * written only then).  1 with *rec the process's final record when m is
 * its last thread's; 0 when m was kept for that (or not usable: counted).
 */
int	xr_add(struct xr *, const struct ts_msg *m, uint64_t now, int delayacct,
	    struct ex_proc *rec);

/*
 * Free the sums of processes that are no longer alive (alive(arg, tgid)
 * says 0), counted as stale: their last notification was lost.  The
 * number freed.
 */
size_t	xr_expire(struct xr *, int (*alive)(void *, uint32_t), void *arg);

/*
 * a * b / c without overflow (c > 0), rounded down; UINT64_MAX if the
 * result is larger than 64 bits.
 */
uint64_t xr_muldiv(uint64_t a, uint64_t b, uint64_t c);

#endif /* EXITREC_H */
