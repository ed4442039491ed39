/*
 * report.h: the row printers of the columnar reports (-c, and -i, which
 * prints the same columns after a leading "end" column).
 *
 * A struct rpt holds the format and one output per table, so a caller can
 * write the tables to different places (the -c report spools task and
 * flow rows until the process table is done).  The row printers take
 * decoded records and never touch raw objects; a row is written whole,
 * with constant memory and without printf.
 *
 *	struct rpt rp;
 *
 *	rpt_init(&rp, op, out_std);
 *	rpt_header(&rp, TBL_PROC, 0);		(nothing with -H or -F json)
 *	rpt_proc_row(&rp, &rec.er_u.er_proc, NULL);
 *
 * The -i rows start with the column "end" (seconds with three decimals;
 * "end" in seconds and "end_ns" in JSON), and rpt_header(..., 1) names it.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdint.h>

#include "exdump.h"
#include "fields.h"
#include "flows.h"
#include "interval.h"
#include "out.h"
#include "records.h"
#include "timeline.h"

/* The row kinds of rp_sel. */
#define	RS_PROC		0
#define	RS_TASK		1
#define	RS_SUM		2
#define	RS_SPLIT	3
#define	RS_FLOW		4
#define	RS_CONN		5

struct rpt {
	struct out	*rp_out[4];	/* by TBL_PROC, TBL_TASK, TBL_FLOW */
	int		rp_fmt;		/* FMT_* */
	int		rp_n;		/* -n: protocol numbers, not names */
	int		rp_H;		/* -H: no header lines */
	int		rp_i;		/* -i: flows are connections */
	int		rp_sum;		/* -S: the process table is a summary */
	int		rp_split;	/* -S -g: its rows are split by key */
	struct fsel	rp_sel[6];	/* the fields of each row kind, RS_* */
};

/* Every table to out; set rp_out[TBL_*] afterwards to split them. */
void	rpt_init(struct rpt *, const struct opts *, struct out *);
/* The column names of a table (TBL_*), with the -i columns if lead. */
void	rpt_header(struct rpt *, int table, int lead);
/*
 * A process row; with sp (-i) the row is the usage in that interval, and
 * the interval's end leads the row, its start, length and host end it.
 */
void	rpt_proc_row(struct rpt *, const struct ex_proc *,
	    const struct tl_span *sp);
/* A task row; with end (ns, -i) the row starts with it. */
void	rpt_task_row(struct rpt *, const struct ex_task *,
	    const uint64_t *end);
void	rpt_flow_row(struct rpt *, const struct ex_flow *);

/*
 * -i: a connection (both directions of a flow, summed) in the flow
 * table, and a row of the per-interval summary (-S) in the process table.
 * With rp_i set, rpt_header names these tables' columns.
 */
void	rpt_conn_row(struct rpt *, const struct fl_conn *);
void	rpt_sum_row(struct rpt *, const struct tl_sum *);

/*
 * -S -g: a summary row of the processes of one key (one of each -g key,
 * in rp_keys's order), of one interval or (-f) of the time range.  No
 * host: "-" (the fold of every host).  A row of the lost processes has
 * no key value and rs_have_lost.
 */
#define	RPT_KEYS	6
struct rpt_split {
	uint64_t	rs_start;
	uint64_t	rs_end;
	const char	*rs_host;	/* NULL: none */
	size_t		rs_hostlen;
	size_t		rs_nkey;
	const char	*rs_kname[RPT_KEYS];	/* the keys' names */
	int		rs_kid[RPT_KEYS];	/* their fields, F_* */
	const char	*rs_kval[RPT_KEYS];	/* NULL: absent */
	size_t		rs_klen[RPT_KEYS];
	uint64_t	rs_nproc;
	uint64_t	rs_exits;
	int		rs_have_lost;
	uint64_t	rs_lost;
	uint64_t	rs_ctr[IV_NCTR];
	unsigned	rs_have;
	int		rs_have_hcpu;
	uint64_t	rs_hcpu;
};
void	rpt_split_row(struct rpt *, const struct rpt_split *);

#endif /* REPORT_H */
