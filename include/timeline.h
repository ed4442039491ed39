/*
 * timeline.h: the sweeps of each host as the timeline of -i and -S.
 *
 * Per host, interval k runs from sweep k-1 to sweep k (sweeps numbered
 * from 0).  A sweep is a sweep record and the partial records after it,
 * or, where there is no sweep record (files the illumos kernel wrote), a
 * run of partial records of one host each within TL_GAP_NS of the one
 * before, with no process twice.  A process's usage between two of its
 * records goes to the interval the later one closes; an exit record
 * counts in the interval in which the process ended, never before the
 * interval after the last sweep that saw it.  Usage before a host's first
 * sweep, and after its last, is in no interval.  A process that a complete
 * sweep no longer finds has exited in that sweep's interval: its state is
 * freed, and if no exit record comes for it while the interval is open,
 * it is counted as lost.  A drop record (exit notifications the kernel
 * dropped) adds its count to the lost of the interval its end falls in,
 * by the rule of an exit record at that time.
 *
 * An interval stays open for TL_SLACK_NS after its sweep (of the host's
 * own record time), so that an exit record written or merged a little
 * late still finds it; then its process rows and its summary are handed
 * to the caller, and never again.  The timeline knows nothing of output.
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "interval.h"
#include "records.h"

#define	TL_GAP_NS	1000000000ull	/* a detected sweep's records */
#define	TL_SLACK_NS	2000000000ull	/* an interval waits for late exits */
#define	TL_OPEN		8		/* intervals open at once per host */
#define	TL_TICK_NS	20000000ull	/* a Linux start time's resolution, 2x */
#define	TL_MARKS	8		/* recent sweeps whose exit is looked for */
#define	TL_PEND_MEM	16384		/* exit rows a host keeps in memory */
#define	TL_MAX_HOSTS	IV_MAX_ORIGINS

/* The interval a row or summary belongs to. */
struct tl_span {
	uint64_t	sp_start;	/* the sweep before, ns */
	uint64_t	sp_end;		/* the sweep that ends it, ns */
	const char	*sp_host;	/* bytes, sp_hostlen of them */
	size_t		sp_hostlen;
};

/* One host's usage in one interval (-S). */
struct tl_sum {
	struct tl_span	ts_span;
	uint64_t	ts_nproc;	/* processes with usage in it */
	uint64_t	ts_exits;	/* exit records in it */
	uint64_t	ts_lost;	/* gone with no exit record, and the
					   exit notifications dropped */
	uint64_t	ts_ctr[IV_NCTR];
	unsigned	ts_have;	/* 1 << IVC_* */
	int		ts_have_hcpu;	/* sweep records at both ends */
	uint64_t	ts_hcpu;	/* host user + nice + system, ns */
	uint32_t	ts_ncpu;
	uint32_t	ts_k;		/* the interval's number on its host */
};

/* Where finished rows go.  Either function may be NULL. */
struct tl_out {
	void	(*to_row)(void *, const struct ex_proc *, const struct tl_span *);
	void	(*to_sum)(void *, const struct tl_sum *);
	void	*to_arg;
};

/* What could not be put in an interval, counted (never silently lost). */
struct tl_stats {
	uint64_t	tst_older;	/* older than its process's last record */
	uint64_t	tst_unplaced;	/* first seen long after it started */
	uint64_t	tst_late;	/* its interval had closed */
	uint64_t	tst_nohost;	/* an exit record of no known host */
	uint64_t	tst_nosweep;	/* exits of a host with no sweep yet */
	uint64_t	tst_before;	/* exits before the host's first sweep */
	uint64_t	tst_after;	/* exits after the host's last sweep */
	uint64_t	tst_marks;	/* sweeps' own exit records met */
	uint64_t	tst_full;	/* past TL_MAX_HOSTS hosts or the origins */
	uint64_t	tst_drops;	/* drop records met */
	uint64_t	tst_dropped;	/* the exit notifications they count */
	uint64_t	tst_droplate;	/* of those: in the oldest open
					   interval, theirs having closed */
	uint64_t	tst_dropout;	/* of those: in no interval */
	uint64_t	tst_dup;	/* a second exit record of one process */
};

/*
 * The processes that ended last, to know a second exit record of one of
 * them (the listener's and process accounting's of one exit): host, pid,
 * start, finish; by pid into sets of TL_WAYS, the oldest replaced.
 */
#define	TL_WAYS		4
#define	TL_ENDED	(4096 * TL_WAYS)
struct tl_ended {
	uint32_t	te_pid;
	uint32_t	te_host;	/* index + 1; 0: the slot is unused */
	uint64_t	te_start;
	uint64_t	te_finish;
};

struct tl_ivl;
struct tl_host;

struct tl {
	struct iv	tl_iv;
	struct tl_host	*tl_hosts;
	size_t		tl_nhost;
	size_t		tl_caphost;
	uint16_t	tl_ohost[IV_MAX_ORIGINS];	/* origin -> host + 1 */
	struct tl_out	tl_out;
	int		tl_keeprows;	/* exit rows wait for their interval */
	int		tl_err;		/* ENOMEM */
	int		tl_resumed;	/* -R: the input begins at a sweep an
					   earlier run read */
	struct tl_stats	tl_st;
	uint64_t	tl_now;		/* the merged input's time */
	uint64_t	tl_deadline;	/* when a host next has work */
	/*
	 * Set by tl_proc when the record was a sweep's own exit, read from
	 * a process-accounting file: that sweep's end.  Every later record
	 * of the same file ended after it (the file is in exit order).
	 */
	uint64_t	tl_mark;
	/*
	 * NULL, or whether a row's usage is added to its interval's summary
	 * (-S with a filter); the engine's state is the same either way.
	 */
	int		(*tl_keep)(void *, const struct ex_proc *);
	void		*tl_keeparg;
	/*
	 * NULL, or told of every row added to a summary (-S -g): its
	 * host, its interval's number (ts_k) and whether an exit.
	 */
	void		(*tl_split)(void *, const char *host, size_t hostlen,
			    uint32_t k, const struct ex_proc *, int exit);
	void		*tl_splitarg;
	struct tl_ended	tl_ended[TL_ENDED];
};

void	tl_init(struct tl *, const struct tl_out *, int keeprows);
void	tl_free(struct tl *);
/*
 * A sweep record; host is the file's host for a record of none.
 * 0, or -1 if out of memory (tl_err).
 */
int	tl_sweep(struct tl *, const struct ex_sweep *, const char *host,
	    size_t hostlen);
/*
 * A process record.  host is the record's host where it names none (the
 * file header's, or the one given for a process-accounting file), NULL if
 * unknown; noplace says the record knows nothing of where it ran (a
 * process-accounting record: no host, no zone), so it joins the process
 * of its pid and start on whichever host has one.  A record with a host
 * and no zone (the Linux exit listener's) joins the process of its pid
 * and start on its host, whatever that one's zone.  now is the record's
 * place in the merged input, for closing intervals.  0, or -1 (tl_err).
 */
int	tl_proc(struct tl *, const struct ex_proc *, const char *host,
	    size_t hostlen, int noplace, uint64_t now);
/*
 * A drop record; host is the file's host for a record of none.  Its
 * count is lost in the interval of its end (tl_st counts it all).  0, or
 * -1 if out of memory (tl_err).
 */
int	tl_drops(struct tl *, const struct ex_drops *, const char *host,
	    size_t hostlen);
/* The input is done: every interval that has ended is handed out. */
void	tl_end(struct tl *);
/* -R: the end of this run (see timeline.c); now is the clock's, ns. */
void	tl_end_before(struct tl *, uint64_t now);
/* Number of hosts that had at least one sweep. */
size_t	tl_swept_hosts(const struct tl *);
/*
 * After tl_end: the i-th host with exit records but never a sweep (their
 * number in *n), or NULL past the last.
 */
const char *tl_unswept(const struct tl *, size_t i, size_t *len,
	    uint64_t *n);

#endif /* TIMELINE_H */
