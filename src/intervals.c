/*
 * intervals.c: the interval report, "exdump -i" and its summary -S: the
 * inputs merged in time order (feed.c) through the sweep timeline
 * (timeline.c) for processes and the interval engine for tasks; flows
 * are summed into connections.  The timeline hands finished rows here,
 * and they go to their tables (tables.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "exdump.h"
#include "feed.h"
#include "flows.h"
#include "interval.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "tables.h"
#include "timeline.h"

struct ivrun {
	struct tables	ir_tb;
	struct tl	ir_tl;
	struct fl	ir_fl;
	struct feeds	ir_fs;
	int		ir_status;
};

static void
on_row(void *arg, const struct ex_proc *row, const struct tl_span *sp)
{
	struct ivrun *ir = arg;

	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_proc_row(&ir->ir_tb.tb_rp, row, sp);
}

static void
on_sum(void *arg, const struct tl_sum *sm)
{
	struct ivrun *ir = arg;

	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_sum_row(&ir->ir_tb.tb_rp, sm);
}

/* One record into the timeline, the task engine or the connections. */
static int
one(struct ivrun *ir, const struct feed *f)
{
	static struct ex_task trow;
	const struct ex_record *rec = &f->fd_rec;
	const char *host;
	size_t hostlen;
	uint64_t end;

	host = feed_host(f, &hostlen);
	switch (rec->er_type) {
	case EXR_SWEEP:
		return (tl_sweep(&ir->ir_tl, &rec->er_u.er_sweep, host,
		    hostlen));
	case EXR_PROC:
		return (tl_proc(&ir->ir_tl, &rec->er_u.er_proc, host, hostlen,
		    f->fd_rd.rr_format == RR_PACCT, f->fd_time));
	case EXR_TASK:
		if (iv_task(&ir->ir_tl.tl_iv, &rec->er_u.er_task, host,
		    hostlen, &trow) == -1)
			return (-1);
		if (tables_use(&ir->ir_tb, TBL_TASK, &ir->ir_status) == 0) {
			end = iv_ns(trow.et_finish_sec, trow.et_finish_nsec);
			rpt_task_row(&ir->ir_tb.tb_rp, &trow, &end);
		}
		return (0);
	default:
		return (fl_add(&ir->ir_fl, &rec->er_u.er_flow));
	}
}

static void
note(uint64_t n, const char *what)
{
	if (n > 0)
		(void) fprintf(stderr, "%s: %llu %s\n", progname,
		    (unsigned long long)n, what);
}

/* Say what could not be put in an interval. */
static void
tell(const struct tl *tl)
{
	const struct tl_stats *st = &tl->tl_st;

	note(st->tst_older, "records older than the previous record of their "
	    "process (a clock step, or files out of order): skipped");
	note(st->tst_unplaced, "processes first seen by a sweep after one "
	    "that should have held them: their usage until then is in no "
	    "interval");
	note(st->tst_late, "exit records came after their interval was "
	    "printed: counted in the oldest open one");
	if (st->tst_nohost > 0)
		(void) fprintf(stderr, "%s: %llu exit records of no host, with "
		    "%zu hosts swept: in no interval (give each "
		    "process-accounting file its host with -P HOST=FILE)\n",
		    progname, (unsigned long long)st->tst_nohost,
		    tl_swept_hosts(tl));
	note(st->tst_nosweep, "exit records of a host with no sweep before "
	    "them: in no interval (intervals run between sweeps: see -w)");
}

int
interval_files(int nfiles, char *const files[], char *const hosts[],
    const struct opts *op)
{
	static struct ivrun ir;
	static const struct tl_out out = { on_row, on_sum, &ir };
	struct feed *f;
	unsigned want;
	size_t k;

	memset(&ir, 0, sizeof (ir));
	ir.ir_status = EXIT_OK;
	tables_init(&ir.ir_tb, op);
	want = op->op_S ? 1u << EXR_PROC : tables_want(op);
	if (want & (1u << EXR_PROC))
		want |= 1u << EXR_SWEEP;
	if (feeds_open(&ir.ir_fs, nfiles, files, hosts, want,
	    &ir.ir_status) == -1) {
		(void) fprintf(stderr, "%s: %s\n", progname, strerror(errno));
		return (EXIT_OPEN);
	}
	tl_init(&ir.ir_tl, &out, !op->op_S);
	if (op->op_S)
		ir.ir_tl.tl_out.to_row = NULL;
	else
		ir.ir_tl.tl_out.to_sum = NULL;
	fl_init(&ir.ir_fl);
	while ((f = feeds_next(&ir.ir_fs, &ir.ir_status)) != NULL) {
		if (one(&ir, f) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: out of memory for the "
			    "interval report\n", progname);
			ir.ir_status = EXIT_OPEN;
			break;
		}
	}
	tl_end(&ir.ir_tl);
	/* Connections, now that every record of every file is in. */
	if (ir.ir_fl.fl_count > 0 && tables_use(&ir.ir_tb, TBL_FLOW,
	    &ir.ir_status) == 0) {
		for (k = 0; k < ir.ir_fl.fl_count; k++)
			rpt_conn_row(&ir.ir_tb.tb_rp, fl_get(&ir.ir_fl, k));
	}
	tables_finish(&ir.ir_tb, &ir.ir_status);
	out_flush(out_std);
	tell(&ir.ir_tl);
	feeds_close(&ir.ir_fs);
	tl_free(&ir.ir_tl);
	fl_free(&ir.ir_fl);
	return (ir.ir_status);
}
