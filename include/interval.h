/*
 * interval.h: the interval engine behind -i.
 *
 * Successive records of one process (pid plus start time, matched within a
 * second, apart per host and zone) are differenced into per-interval usage.
 * The engine keeps one small state per live process and frees it at the
 * process's final record; it knows nothing of output: each record yields a
 * struct ex_proc (or ex_task) holding the interval's usage, whose start is
 * the interval's start and whose finish is its end.
 */
#ifndef INTERVAL_H
#define INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#include "records.h"

#define	IV_NCTR		13	/* counters differenced per interval */
#define	IV_MATCH_NS	1000000000ull	/* start-time tolerance */
#define	IV_MATCH_ANY_NS	2000000000ull	/* for a record of no host or zone */

/* Which counters, in the order the state keeps them. */
enum {
	IVC_USER,	/* cpu user, ns */
	IVC_SYS,	/* cpu system, ns */
	IVC_MAJFLT,
	IVC_MINFLT,
	IVC_IOCH,
	IVC_NVCSW,
	IVC_NIVCSW,
	IVC_SIGNALS,
	IVC_SYSCALLS,
	/* The local catalog's waits, ns (processes only) */
	IVC_WAIT_CPU,
	IVC_WAIT_BLKIO,
	IVC_WAIT_SWAPIN,
	IVC_WAIT_RECLAIM
};

struct iv_state {
	uint32_t	is_id;		/* pid or taskid */
	uint16_t	is_origin;	/* host and zone, interned */
	uint16_t	is_have;	/* counters seen, bit per IVC_* */
	uint64_t	is_start;	/* ns since the epoch */
	uint64_t	is_last;	/* end of the last interval, ns */
	uint64_t	is_prev[IV_NCTR];	/* counters at the last record */
	uint64_t	is_sum[IV_NCTR];	/* usage given out so far */
	uint32_t	is_next;	/* free list / unused */
	uint32_t	is_seen;	/* the timeline's: last sweep + 1, 0 none */
	uint32_t	is_gone;	/* the sweep that missed it + 1, 0 none */
	uint32_t	is_onext;	/* processes of its origin: index + 1 */
	uint32_t	is_oprev;
};

/* One table of live processes or tasks: states in chunks, hashed. */
struct iv_table {
	struct iv_state	**it_chunks;
	size_t		it_nchunks;
	size_t		it_used;	/* states handed out from chunks */
	uint32_t	it_free;	/* free list head, index + 1 */
	uint32_t	*it_hash;	/* index + 1, 0 empty; 2^k slots */
	size_t		it_hsize;
	size_t		it_count;	/* live states */
	size_t		it_tomb;	/* deleted slots in the hash */
};

#define	IV_MAX_ORIGINS	1024
#define	IV_NO_ORIGIN	UINT16_MAX	/* the table of origins is full */

struct iv {
	struct iv_table	iv_procs;
	struct iv_table	iv_tasks;
	/* host + zone pairs seen, interned to small numbers */
	char		*iv_origin[IV_MAX_ORIGINS];
	size_t		iv_norigin;
	uint32_t	iv_ohead[IV_MAX_ORIGINS];	/* their processes */
	size_t		iv_lastorigin;	/* where the last search ended */
	int		iv_fresh;	/* the last record began a process */
	uint64_t	iv_pstart;	/* the start its process was first seen
					   with, ns */
	int		iv_err;		/* ENOMEM if a table could not grow */
	/* The state the last iv_proc_at() replaced (a reused pid), if any. */
	int		iv_replaced;
	struct iv_state	iv_old;
	/* The record's state as it was before it (0 for a fresh one). */
	uint32_t	iv_was_seen;
	uint32_t	iv_was_gone;
};

void	iv_init(struct iv *);
void	iv_free(struct iv *);

/*
 * The interval a process record closes: row gets the record's identity
 * and end values, and the usage since the previous record of the same
 * process (or since its start).  host is the record's hostname or the
 * file's; zone the record's zone; either may be NULL.  0, or -1 if the
 * state could not be kept (out of memory; iv_err is set).  A record with
 * no host (host NULL, no hostname item) and no zone, as a Linux
 * process-accounting record is, joins the process of its pid and start
 * time whatever host and zone that one has, its start matched within two
 * seconds (it is whole seconds, up to one off).  iv_fresh says afterwards
 * whether the record began a process (had no record before it).  IV_FULL
 * (nothing kept) if its host and zone could not be interned.
 */
int	iv_proc(struct iv *, const struct ex_proc *rec, const char *host,
	    size_t hostlen, struct ex_proc *row);
/*
 * What the timeline uses: iv_proc with the origin already chosen and the
 * state kept in view (the timeline skips a record older than its
 * process's last one itself).  *sp is the process's state after the
 * record, or NULL if the record was final (the state is freed).
 * iv_fresh says whether the record began a process, and iv_replaced
 * whether a state of the same pid but another start gave way to it
 * (iv_old holds what that one was).
 */
int	iv_proc_at(struct iv *, const struct ex_proc *rec, uint16_t origin,
	    uint64_t tol, struct ex_proc *row, struct iv_state **sp);
/*
 * Intern a host and zone (IV_NO_ORIGIN once IV_MAX_ORIGINS are in use:
 * two origins never share a number); the host part of an origin.
 */
uint16_t iv_origin(struct iv *, const char *host, size_t hostlen,
	    const char *zone, size_t zonelen);
const char *iv_origin_host(const struct iv *, uint16_t origin, size_t *len);
/*
 * The origin of a live process of pid started at start (within tol)
 * among the origins whose host is host (any host if host is NULL);
 * -1 if there is none.
 */
int	iv_origin_find(struct iv *, const char *host, size_t hostlen,
	    uint32_t pid, uint64_t start, uint64_t tol);
/* The live state of a process, NULL if there is none. */
const struct iv_state *iv_find(const struct iv *, uint16_t origin,
	    uint32_t pid, uint64_t start, uint64_t tol);
/* Every live process state of an origin: fn returns 1 to free it. */
void	iv_scan_origin(struct iv *, uint16_t origin,
	    int (*fn)(void *, struct iv_state *), void *);

/*
 * The same for tasks; interval records are passed through as they are.
 * IV_FULL (row untouched) if the task's origin could not be kept.
 */
#define	IV_FULL	2
int	iv_task(struct iv *, const struct ex_task *rec, const char *host,
	    size_t hostlen, struct ex_task *row);

/* a + b, never past UINT64_MAX: values from a file may be anything. */
uint64_t iv_plus(uint64_t a, uint64_t b);
/* sec and nsec as nanoseconds since the epoch, saturating. */
uint64_t iv_ns(uint64_t sec, uint64_t nsec);

/* A process record's counters by IVC_* into c; the mask of those present. */
unsigned iv_proc_counters(const struct ex_proc *, uint64_t *c);
/* The same of a task record. */
unsigned iv_task_counters(const struct ex_task *, uint64_t *c);

/* Live states, for tests and the memory benchmark. */
size_t	iv_live(const struct iv *);

#endif /* INTERVAL_H */
