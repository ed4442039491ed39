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
#include <unistd.h>

#include "exdump.h"
#include "feed.h"
#include "filter.h"
#include "flows.h"
#include "interval.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "tables.h"
#include "timeline.h"

struct ivrun {
	const struct filt *ir_filt;	/* NULL: every row */
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

	/* Filtered at output: the engine saw every record. */
	if (ir->ir_filt != NULL && !filt_proc(ir->ir_filt, row, &sp->sp_end))
		return;
	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_proc_row(&ir->ir_tb.tb_rp, row, sp);
}

static void
on_sum(void *arg, const struct tl_sum *sm)
{
	struct ivrun *ir = arg;

	if (ir->ir_filt != NULL && !filt_end(ir->ir_filt, sm->ts_span.sp_end))
		return;
	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_sum_row(&ir->ir_tb.tb_rp, sm);
}

/* -S: whether a row's usage counts in its interval's summary. */
static int
keep_row(void *arg, const struct ex_proc *row)
{
	const struct ivrun *ir = arg;

	return (filt_proc_who(ir->ir_filt, row));
}

/*
 * A process-accounting record into the timeline.  Its finish is its
 * start, cut to the second, plus the elapsed time, so up to a second
 * early; but the file is in exit order, so it ended no earlier than the
 * records before it, nor than the end of a sweep whose own exit record
 * came before it: its finish is raised to that floor.
 */
static int
pacct_one(struct ivrun *ir, struct feed *f, const char *host, size_t hostlen)
{
	static struct ex_proc p;
	uint64_t fin;
	int r;

	p = f->fd_rec.er_u.er_proc;
	fin = iv_ns(p.ep_finish_sec, p.ep_finish_nsec);
	if (fin < f->fd_floor) {
		p.ep_finish_sec = f->fd_floor / UINT64_C(1000000000);
		p.ep_finish_nsec = f->fd_floor % UINT64_C(1000000000);
	} else {
		f->fd_floor = fin;
	}
	ir->ir_tl.tl_mark = 0;
	r = tl_proc(&ir->ir_tl, &p, host, hostlen, 1, f->fd_time);
	if (ir->ir_tl.tl_mark > f->fd_floor)
		f->fd_floor = ir->ir_tl.tl_mark;
	return (r);
}

/* One record into the timeline, the task engine or the connections. */
static int
one(struct ivrun *ir, struct feed *f)
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
	case EXR_DROPS:
		return (tl_drops(&ir->ir_tl, &rec->er_u.er_drops, host,
		    hostlen));
	case EXR_PROC:
		if (f->fd_rd.rr_format == RR_PACCT)
			return (pacct_one(ir, f, host, hostlen));
		return (tl_proc(&ir->ir_tl, &rec->er_u.er_proc, host, hostlen,
		    0, f->fd_time));
	case EXR_TASK:
		switch (iv_task(&ir->ir_tl.tl_iv, &rec->er_u.er_task, host,
		    hostlen, &trow)) {
		case -1:
			return (-1);
		case IV_FULL:
			ir->ir_tl.tl_st.tst_full++;
			return (0);
		default:
			break;
		}
		end = iv_ns(trow.et_finish_sec, trow.et_finish_nsec);
		if (ir->ir_filt != NULL && !filt_task(ir->ir_filt, &trow, &end))
			return (0);
		if (tables_use(&ir->ir_tb, TBL_TASK, &ir->ir_status) == 0)
			rpt_task_row(&ir->ir_tb.tb_rp, &trow, &end);
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

/* A name from a file on stderr, escaped by the text rows' rule. */
static void
err_name(const char *s, size_t n)
{
	static struct out eo;

	if (n == 0) {
		(void) fputs("(none)", stderr);
		return;
	}
	(void) fflush(stderr);
	out_init(&eo, STDERR_FILENO);
	out_escaped(&eo, (const uint8_t *)s, n, " \\");
	out_flush(&eo);
}

/* Say what could not be put in an interval. */
static void
tell_stats(const struct tl *tl)
{
	const struct tl_stats *st = &tl->tl_st;
	const char *h;
	size_t i, len;
	uint64_t n;

	note(st->tst_older, "records older than the previous record of their "
	    "process (a clock step, or files out of order): skipped");
	note(st->tst_unplaced, "records of processes first seen after an "
	    "interval began that they had started before: their usage until "
	    "then is in no interval");
	note(st->tst_late, "exit records came after their interval was "
	    "printed: counted in the oldest open one");
	note(st->tst_dup, "exit records of processes whose exit was already "
	    "read (the same exit in two inputs, as the listener's file and "
	    "process accounting's): counted once");
	if (st->tst_nohost > 0 && tl_swept_hosts(tl) == 0)
		(void) fprintf(stderr, "%s: %llu exit records and no sweep: in "
		    "no interval (intervals run between sweeps: see -w)\n",
		    progname, (unsigned long long)st->tst_nohost);
	else if (st->tst_nohost > 0)
		(void) fprintf(stderr, "%s: %llu exit records of no host, with "
		    "%zu hosts swept: in no interval (give each "
		    "process-accounting file its host with -P HOST=FILE)\n",
		    progname, (unsigned long long)st->tst_nohost,
		    tl_swept_hosts(tl));
	for (i = 0; (h = tl_unswept(tl, i, &len, &n)) != NULL; i++) {
		/* The name as the text rows escape it: never raw. */
		out_flush(out_std);
		(void) fprintf(stderr, "%s: %llu exit records of host ",
		    progname, (unsigned long long)n);
		err_name(h, len);
		(void) fprintf(stderr, ", which has no sweep: in no interval "
		    "(intervals run between sweeps: see -w)\n");
	}
	note(st->tst_full, "records of hosts or zones past the most one run "
	    "keeps apart (1024): left out");
	note(st->tst_before, "exit records ended before their host's first "
	    "sweep: in no interval");
	note(st->tst_after, "exit records ended after their host's last "
	    "sweep: in no interval until a sweep ends it");
	if (st->tst_drops > 0)
		(void) fprintf(stderr, "%s: %llu drop records: %llu exits went "
		    "unrecorded (notifications the kernel dropped, one a "
		    "thread, and records the listener could not write)\n",
		    progname, (unsigned long long)st->tst_drops,
		    (unsigned long long)st->tst_dropped);
	note(st->tst_droplate, "dropped exit notifications came after their "
	    "interval was printed: lost in the oldest open one");
	note(st->tst_dropout, "dropped exit notifications before their "
	    "host's first sweep, after its last, or of no time: in no "
	    "interval");
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
	if (op->op_filt != NULL && op->op_filt->f_any)
		ir.ir_filt = op->op_filt;
	tables_init(&ir.ir_tb, op);
	want = op->op_S ? 1u << EXR_PROC : tables_want(op);
	if (want & (1u << EXR_PROC))
		want |= 1u << EXR_SWEEP | 1u << EXR_DROPS;
	if (feeds_open(&ir.ir_fs, nfiles, files, hosts, want,
	    &ir.ir_status) == -1) {
		(void) fprintf(stderr, "%s: %s\n", progname, strerror(errno));
		return (EXIT_OPEN);
	}
	tl_init(&ir.ir_tl, &out, !op->op_S);
	if (ir.ir_filt != NULL) {
		/* -S sums the usage of the matching processes only. */
		ir.ir_tl.tl_keep = keep_row;
		ir.ir_tl.tl_keeparg = &ir;
	}
	if (op->op_S) {
		ir.ir_tl.tl_out.to_row = NULL;
		/* The summary's header, even if no interval ends. */
		(void) tables_use(&ir.ir_tb, TBL_PROC, &ir.ir_status);
	} else {
		ir.ir_tl.tl_out.to_sum = NULL;
	}
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
	/*
	 * Connections, now that every record of every file is in; none
	 * when filtered (a connection has no one end, user or process).
	 */
	if (ir.ir_filt == NULL && ir.ir_fl.fl_count > 0 && tables_use(&ir.ir_tb, TBL_FLOW,
	    &ir.ir_status) == 0) {
		for (k = 0; k < ir.ir_fl.fl_count; k++)
			rpt_conn_row(&ir.ir_tb.tb_rp, fl_get(&ir.ir_fl, k));
	}
	tables_finish(&ir.ir_tb, &ir.ir_status);
	out_flush(out_std);
	tell_stats(&ir.ir_tl);
	feeds_close(&ir.ir_fs);
	tl_free(&ir.ir_tl);
	fl_free(&ir.ir_fl);
	return (ir.ir_status);
}
