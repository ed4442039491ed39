/*
 * filter.h: which records (-c) or interval rows (-i) a report prints:
 * -u USER, -C COMMAND, -z ZONE, -k KIND, -s TIME, -e TIME and -K, all
 * combined with AND.  A filter only looks at records and rows after the
 * fact: it never changes what the interval engine sees.
 *
 * A record that lacks the field a filter tests never matches it (a task
 * record has no user or command, a flow no zone, kind or command).
 */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "records.h"

#define	FILT_CMD_MAX	(EX_COMMAND_MAX - 1)
#define	FILT_ZONE_MAX	(EX_ZONE_MAX - 1)

struct filt {
	int		f_any;		/* any filter given */
	int		f_have_uid;	/* -u */
	uint32_t	f_uid;
	int		f_have_cmd;	/* -C */
	char		f_cmd[FILT_CMD_MAX + 1];
	size_t		f_cmdlen;
	int		f_have_zone;	/* -z */
	char		f_zone[FILT_ZONE_MAX + 1];
	size_t		f_zonelen;
	int		f_kind;		/* -k: EXK_*, or -1 */
	int		f_have_s;	/* -s: ns since the epoch */
	uint64_t	f_s;
	int		f_have_e;	/* -e */
	uint64_t	f_e;
	int		f_K;		/* -K: no kernel threads */
};

void	filt_init(struct filt *);

/*
 * A TIME of -s or -e, to ns since the epoch: epoch seconds (digits, an
 * optional .fraction), YYYY-MM-DDTHH:MM[:SS][.frac] local or with Z or
 * +HH:MM / -HH:MM, or HH:MM[:SS] today (local) as of now.  0, or -1 with
 * *why saying what is wrong.
 */
int	filt_time(const char *s, time_t now, uint64_t *ns, const char **why);

/* Whether a process record is of a kernel thread (see exdump(1), -K). */
int	filt_kthread(const struct ex_proc *);

/* Every filter but the time range (-S sums rows by this). */
int	filt_proc_who(const struct filt *, const struct ex_proc *);
/* Whether an end (ns) is within -s and -e. */
int	filt_end(const struct filt *, uint64_t end);
/*
 * Whole records and rows: end is the row's end (ns) for -i, or NULL to
 * take the record's finish (a record with none fails a time range).
 */
int	filt_proc(const struct filt *, const struct ex_proc *,
	    const uint64_t *end);
int	filt_task(const struct filt *, const struct ex_task *,
	    const uint64_t *end);
int	filt_flow(const struct filt *, const struct ex_flow *);

#endif /* FILTER_H */
