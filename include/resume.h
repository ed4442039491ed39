/*
 * resume.h: -i -R STATEFILE, the incremental interval report.
 *
 * A run prints the rows of the intervals that closed since the previous
 * run, each once, and keeps in STATEFILE, per host, the end of the last
 * interval it printed, and per input file (by device and inode) where the
 * next run begins: the record of the sweep that ended that interval.  The
 * engine's state for the processes alive then is rebuilt from that sweep's
 * records, which are still in the file, so a run reads the files from the
 * last closed sweep on, never from their start.  Rows are spooled until
 * the input ends: only those of intervals that closed are printed, in the
 * order a full run prints them; those of later intervals come next time.
 * The new state replaces the old (write, fsync, rename) only after the
 * output was flushed without error: a run that fails leaves the old
 * state, and the next run prints the same rows again.
 *
 *	rs_load(&rs, path, fresh)	before the inputs are opened
 *	rs_attach(&rs, &feeds)		match them, seek each one
 *	rs_sweep(...), rs_closed(...), rs_row_*() while reading
 *	rs_emit(&rs, out_std)		after tl_end
 *	rs_save(&rs)			after stdout is flushed
 */
#ifndef RESUME_H
#define RESUME_H

#include <stdint.h>
#include <stdio.h>

#include "feed.h"
#include "out.h"

#define	RS_VERSION	1
#define	RS_MAX_INPUTS	256
#define	RS_MAX_HOSTS	1024
#define	RS_RING		16	/* recent sweeps of a host remembered */
#define	RS_NAME_MAX	1024

struct rs_in {
	uint64_t	ri_dev;
	uint64_t	ri_ino;
	uint64_t	ri_off;		/* where the next run begins */
	uint64_t	ri_swt;		/* the sweep there starts at, ns; 0 */
	int		ri_done;	/* nothing left to read in it */
	uint64_t	ri_seen;	/* how far the last run read it */
	int		ri_used;	/* this run: given, and matched */
	char		ri_name[RS_NAME_MAX];
};

struct rs_ring {
	uint64_t	rg_t;		/* a sweep's start */
	int		rg_feed;
	uint64_t	rg_off;		/* its record's offset */
	int		rg_whole;	/* it read every live process */
};

struct rs_host {
	char		rh_name[260];
	size_t		rh_len;
	uint64_t	rh_done;	/* rows up to this end were printed */
	uint64_t	rh_front;	/* this run: the last end closed */
	struct rs_ring	rh_ring[RS_RING];
	unsigned	rh_nring;
};

/* This run's inputs, as the feeds are. */
struct rs_feed {
	uint64_t	rf_dev;
	uint64_t	rf_ino;
	uint64_t	rf_size;	/* its size when opened */
	uint64_t	rf_read;	/* what this run reads of it: the size
					   its reader took under the lock */
	uint64_t	rf_maxt;	/* the latest record time read */
	int		rf_host;	/* the one host of its records, -1
					   none yet, -2 several */
	uint64_t	rf_before;	/* how far runs before read it */
	int		rf_skipped;	/* done before: not read */
	uint64_t	rf_off;		/* done before: where it ended */
	char		rf_name[RS_NAME_MAX];
};

struct resume {
	const char	*rs_path;
	const char	*rs_sig;		/* the options of the rows */
	size_t		rs_nin;
	struct rs_in	rs_in[RS_MAX_INPUTS];
	size_t		rs_nhost;
	struct rs_host	*rs_host;		/* RS_MAX_HOSTS of them */
	int		rs_nfeed;
	struct rs_feed	rs_feed[RS_MAX_INPUTS];
	FILE		*rs_spool;
	FILE		*rs_index;
	struct out	*rs_out;		/* the rows, spooled */
	uint64_t	rs_pos;			/* spooled bytes indexed */
	int		rs_err;			/* errno of a spool failure */
	uint64_t	rs_hidden;		/* rows of printed intervals */
	size_t		rs_lasthost;		/* host_of's last answer */
	uint64_t	rs_late;		/* exits after their row's run */
	int		rs_lockfd;		/* STATEFILE.lock, held */
};

/*
 * Read the state (fresh: none, on purpose).  0, or -1 after saying what
 * is wrong on stderr.
 */
int	rs_load(struct resume *, const char *path, int fresh,
	    const char *sig);
/* Match the inputs to the state and seek them; 0, or -1 (said). */
int	rs_attach(struct resume *, struct feeds *);
/* Where the rows go while reading. */
struct out *rs_out(struct resume *);
/*
 * A sweep record of feed i (fs_f index) at offset off, start t; whole if
 * it says it skipped no live process.
 */
void	rs_sweep(struct resume *, int feed, const char *host, size_t hostlen,
	    uint64_t t, uint64_t off, int whole);
/* A record of feed i read: its time, its host; -1: too many hosts. */
int	rs_record(struct resume *, int feed, const char *host,
	    size_t hostlen, uint64_t t);
/*
 * An exit record of feed i at offset off that ended at finish: counted
 * in rs_late if it was written after an earlier run printed the
 * interval it belongs to (it is in no row: said, not lost silently).
 */
void	rs_exit(struct resume *, int feed, const char *host, size_t hostlen,
	    uint64_t off, uint64_t finish);
/* An interval of host closed, ending at end. */
void	rs_closed(struct resume *, const char *host, size_t hostlen,
	    uint64_t end);
/*
 * A row of host's interval ending at end: 0 if an earlier run printed
 * it (leave it out), else 1, and the caller writes it to rs_out() and
 * then calls rs_row_end.
 */
int	rs_row_begin(struct resume *, const char *host, size_t hostlen,
	    uint64_t end);
void	rs_row_end(struct resume *, const char *host, size_t hostlen,
	    uint64_t end);
/* The rows of closed intervals to o; 0, or -1 (said). */
int	rs_emit(struct resume *, struct out *o);
/* The new state, atomically; 0, or -1 (said). */
int	rs_save(struct resume *);
void	rs_free(struct resume *);

#endif /* RESUME_H */
