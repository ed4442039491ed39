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

#include "chart.h"
#include "exdump.h"
#include "feed.h"
#include "filter.h"
#include "flows.h"
#include "interval.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "resume.h"
#include "split.h"
#include "tables.h"
#include "timeline.h"

struct ivrun {
	const struct filt *ir_filt;	/* NULL: every row */
	struct tables	ir_tb;
	struct tl	ir_tl;
	struct fl	ir_fl;
	struct feeds	ir_fs;
	int		ir_status;
	/* -S -g: the keys of the open intervals, and (-f) of the range */
	const struct opts *ir_op;
	struct sptab	ir_sp;
	struct sptab	ir_fold;
	int		ir_folded;	/* an interval was folded */
	uint64_t	ir_fstart;
	uint64_t	ir_fend;
	const struct tl_sum *ir_sm;	/* the interval being handed out */
	struct chart	*ir_chart;	/* -F svg: the rows are drawn */
	struct resume	*ir_rs;		/* -R: rows wait, the state kept */
};

/* -R's state, kept for resume_save() after the output is out. */
static struct resume rs_state;
static int rs_ok;

static const char *const key_names[SK_N] = {
	"user", "group", "project", "zone", "command", "host"
};
/* Their fields (fields.h). */
static const int key_fields[SK_N] = {
	F_USER, F_GROUP, F_PROJECT, F_ZONE, F_COMMAND, F_HOST
};

/* -S -g: a row's usage to its key in its interval. */
static void
on_split(void *arg, const char *host, size_t hostlen, uint32_t k,
    const struct ex_proc *row, int exit)
{
	static struct sp_key key;
	static struct sp_ent val;
	struct ivrun *ir = arg;
	const struct opts *op = ir->ir_op;
	size_t i;

	memset(&key, 0, sizeof (key));
	key.k_ivl = k;
	memcpy(key.k_host, host, hostlen);
	key.k_hostlen = (uint16_t)hostlen;
	for (i = 0; i < op->op_ng; i++) {
		switch (op->op_gkey[i]) {
		case SK_USER:
			if (EP_HAS(row, EXD_PROC_UID)) {
				key.k_have |= 1u << SK_USER;
				key.k_uid = row->ep_uid;
			}
			break;
		case SK_GROUP:
			if (EP_HAS(row, EXD_PROC_GID)) {
				key.k_have |= 1u << SK_GROUP;
				key.k_gid = row->ep_gid;
			}
			break;
		case SK_PROJECT:
			if (EP_HAS(row, EXD_PROC_PROJID)) {
				key.k_have |= 1u << SK_PROJECT;
				key.k_projid = row->ep_projid;
			}
			break;
		case SK_ZONE:
			if (EP_HAS(row, EXD_PROC_ZONENAME)) {
				key.k_have |= 1u << SK_ZONE;
				memcpy(key.k_zone, row->ep_zone,
				    row->ep_zone_len);
				key.k_zonelen = row->ep_zone_len;
			}
			break;
		case SK_COMMAND:
			if (EP_HAS(row, EXD_PROC_COMMAND)) {
				key.k_have |= 1u << SK_COMMAND;
				memcpy(key.k_cmd, row->ep_command,
				    row->ep_command_len);
				key.k_cmdlen = row->ep_command_len;
			}
			break;
		default:
			break;
		}
	}
	memset(&val, 0, sizeof (val));
	val.e_have = iv_proc_counters(row, val.e_ctr);
	val.e_nproc = 1;
	val.e_exits = exit ? 1 : 0;
	sp_add(&ir->ir_sp, &key, &val);
}

/* A key's value as the row shows it: a name, or a number (-n). */
static void
key_value(const struct ivrun *ir, const struct sp_key *k, int sk,
    char *buf, size_t len, struct rpt_split *rs, size_t i)
{
	const char *name = NULL;
	uint32_t id = 0;

	rs->rs_kval[i] = NULL;
	rs->rs_klen[i] = 0;
	if (k->k_kind == SPK_LOST)
		return;
	if (k->k_kind == SPK_OTHER) {
		rs->rs_kval[i] = "(other)";
		rs->rs_klen[i] = 7;
		return;
	}
	if (!(k->k_have & (1u << sk)))
		return;
	switch (sk) {
	case SK_ZONE:
		rs->rs_kval[i] = k->k_zone;
		rs->rs_klen[i] = k->k_zonelen;
		return;
	case SK_COMMAND:
		rs->rs_kval[i] = k->k_cmd;
		rs->rs_klen[i] = k->k_cmdlen;
		return;
	case SK_USER:
		id = k->k_uid;
		if (!ir->ir_op->op_n)
			name = name_user(id);
		break;
	case SK_GROUP:
		id = k->k_gid;
		if (!ir->ir_op->op_n)
			name = name_group(id);
		break;
	default:
		id = k->k_projid;
		if (!ir->ir_op->op_n)
			name = name_project(id);
		break;
	}
	if (name != NULL && strlen(name) <= 64) {
		rs->rs_kval[i] = name;
		rs->rs_klen[i] = strlen(name);
		return;
	}
	(void) snprintf(buf, len, "%lu", (unsigned long)id);
	rs->rs_kval[i] = buf;
	rs->rs_klen[i] = strlen(buf);
}

/* Whether -g has host: a fold keeps hosts apart. */
static int
by_host(const struct opts *op)
{
	size_t i;

	for (i = 0; i < op->op_ng; i++) {
		if (op->op_gkey[i] == SK_HOST)
			return (1);
	}
	return (0);
}

/* One split row: of the interval ir_sm, or (ir_sm NULL) of the fold. */
static void
put_split(struct ivrun *ir, const struct sp_ent *e)
{
	static struct rpt_split rs;
	static char nbuf[RPT_KEYS][16];
	const struct opts *op = ir->ir_op;
	const struct tl_sum *sm = ir->ir_sm;
	const struct sp_key *k = &e->e_key;
	size_t i;
	int sk;

	if (ir->ir_chart != NULL) {
		chart_split(ir->ir_chart, e);
		return;
	}
	memset(&rs, 0, sizeof (rs));
	if (sm != NULL) {
		rs.rs_start = sm->ts_span.sp_start;
		rs.rs_end = sm->ts_span.sp_end;
		rs.rs_host = sm->ts_span.sp_host;
		rs.rs_hostlen = sm->ts_span.sp_hostlen;
		rs.rs_have_hcpu = sm->ts_have_hcpu;
		rs.rs_hcpu = sm->ts_hcpu;
	} else {
		rs.rs_start = ir->ir_fstart;
		rs.rs_end = ir->ir_fend;
		if (by_host(op)) {
			rs.rs_host = k->k_host;
			rs.rs_hostlen = k->k_hostlen;
		}
	}
	for (i = 0; i < op->op_ng; i++) {
		sk = op->op_gkey[i];
		if (sk == SK_HOST)
			continue;
		rs.rs_kname[rs.rs_nkey] = key_names[sk];
		rs.rs_kid[rs.rs_nkey] = key_fields[sk];
		key_value(ir, k, sk, nbuf[rs.rs_nkey], sizeof (nbuf[0]), &rs,
		    rs.rs_nkey);
		rs.rs_nkey++;
	}
	rs.rs_nproc = e->e_nproc;
	rs.rs_exits = e->e_exits;
	rs.rs_have_lost = k->k_kind == SPK_LOST;
	rs.rs_lost = e->e_lost;
	memcpy(rs.rs_ctr, e->e_ctr, sizeof (rs.rs_ctr));
	rs.rs_have = e->e_have;
	rpt_split_row(&ir->ir_tb.tb_rp, &rs);
}

/* An entry of a finished interval into the fold (-f). */
static void
fold_one(void *arg, const struct sp_ent *e)
{
	static struct sp_key key;
	struct ivrun *ir = arg;

	key = e->e_key;
	key.k_ivl = 0;
	if (!by_host(ir->ir_op)) {
		memset(key.k_host, 0, sizeof (key.k_host));
		key.k_hostlen = 0;
	}
	sp_add(&ir->ir_fold, &key, e);
}

static void
print_one(void *arg, const struct sp_ent *e)
{
	put_split(arg, e);
}

/* An interval's split rows, then its lost (no key: no usage row). */
static void
split_sum(struct ivrun *ir, const struct tl_sum *sm, int keep)
{
	static struct sp_key key;
	static struct sp_ent lost;
	const struct tl_span *sp = &sm->ts_span;

	if (!keep) {
		sp_take(&ir->ir_sp, sp->sp_host, sp->sp_hostlen, sm->ts_k,
		    NULL, NULL);
		return;
	}
	memset(&key, 0, sizeof (key));
	key.k_kind = SPK_LOST;
	key.k_ivl = sm->ts_k;
	memcpy(key.k_host, sp->sp_host, sp->sp_hostlen);
	key.k_hostlen = (uint16_t)sp->sp_hostlen;
	memset(&lost, 0, sizeof (lost));
	lost.e_key = key;
	lost.e_lost = sm->ts_lost;
	if (ir->ir_op->op_f) {
		if (!ir->ir_folded || sp->sp_start < ir->ir_fstart)
			ir->ir_fstart = sp->sp_start;
		if (!ir->ir_folded || sp->sp_end > ir->ir_fend)
			ir->ir_fend = sp->sp_end;
		ir->ir_folded = 1;
		sp_take(&ir->ir_sp, sp->sp_host, sp->sp_hostlen, sm->ts_k,
		    fold_one, ir);
		if (sm->ts_lost > 0)
			fold_one(ir, &lost);
		return;
	}
	ir->ir_sm = sm;
	sp_take(&ir->ir_sp, sp->sp_host, sp->sp_hostlen, sm->ts_k, print_one,
	    ir);
	if (sm->ts_lost > 0)
		put_split(ir, &lost);
	ir->ir_sm = NULL;
}

static void
on_row(void *arg, const struct ex_proc *row, const struct tl_span *sp)
{
	struct ivrun *ir = arg;

	/* Filtered at output: the engine saw every record. */
	if (ir->ir_filt != NULL && !filt_proc(ir->ir_filt, row, &sp->sp_end))
		return;
	if (ir->ir_rs != NULL && !rs_row_begin(ir->ir_rs, sp->sp_host,
	    sp->sp_hostlen, sp->sp_end))
		return;
	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_proc_row(&ir->ir_tb.tb_rp, row, sp);
	if (ir->ir_rs != NULL)
		rs_row_end(ir->ir_rs, sp->sp_host, sp->sp_hostlen, sp->sp_end);
}

static void
on_sum(void *arg, const struct tl_sum *sm)
{
	struct ivrun *ir = arg;
	int keep;

	keep = ir->ir_filt == NULL || filt_end(ir->ir_filt, sm->ts_span.sp_end);
	if (ir->ir_rs != NULL) {
		/* -R: every closed interval moves the host's frontier. */
		rs_closed(ir->ir_rs, sm->ts_span.sp_host, sm->ts_span.sp_hostlen,
		    sm->ts_span.sp_end);
		if (!ir->ir_op->op_S)
			return;
		if (!rs_row_begin(ir->ir_rs, sm->ts_span.sp_host,
		    sm->ts_span.sp_hostlen, sm->ts_span.sp_end))
			keep = 0;
	}
	if (ir->ir_chart != NULL) {
		/* -F svg: the summary, then its split by command, drawn. */
		if (keep)
			chart_sum(ir->ir_chart, sm);
		split_sum(ir, sm, keep);
		return;
	}
	if (ir->ir_op->op_ng > 0) {
		if (keep && tables_use(&ir->ir_tb, TBL_PROC,
		    &ir->ir_status) != 0)
			keep = 0;
		split_sum(ir, sm, keep);
		return;
	}
	if (!keep)
		return;
	if (tables_use(&ir->ir_tb, TBL_PROC, &ir->ir_status) == 0)
		rpt_sum_row(&ir->ir_tb.tb_rp, sm);
	if (ir->ir_rs != NULL)
		rs_row_end(ir->ir_rs, sm->ts_span.sp_host,
		    sm->ts_span.sp_hostlen, sm->ts_span.sp_end);
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
	if (ir->ir_rs != NULL) {
		int k = (int)(f - ir->ir_fs.fs_f);
		const char *rh = host;
		size_t rl = hostlen;

		/* The host the timeline gives the record, as it does. */
		if (rec->er_type == EXR_SWEEP &&
		    (rec->er_u.er_sweep.sw_have & EX_BIT(EXD_SWEEP_HOSTNAME))) {
			rh = rec->er_u.er_sweep.sw_hostname;
			rl = rec->er_u.er_sweep.sw_hostname_len;
		} else if (rec->er_type == EXR_PROC &&
		    EP_HAS(&rec->er_u.er_proc, EXD_PROC_HOSTNAME)) {
			rh = rec->er_u.er_proc.ep_hostname;
			rl = rec->er_u.er_proc.ep_hostname_len;
		}
		if (rh == NULL)
			rh = "", rl = 0;
		if (rs_record(ir->ir_rs, k, rh, rl, f->fd_time) == -1)
			return (-1);
		if (rec->er_type == EXR_PROC &&
		    rec->er_u.er_proc.ep_kind == EXK_FINAL)
			rs_exit(ir->ir_rs, k, rh, rl, rec->er_off,
			    iv_ns(rec->er_u.er_proc.ep_finish_sec,
			    rec->er_u.er_proc.ep_finish_nsec));
		if (rec->er_type == EXR_SWEEP)
			rs_sweep(ir->ir_rs, k, rh, rl,
			    rec->er_u.er_sweep.sw_start, rec->er_off,
			    (rec->er_u.er_sweep.sw_have &
			    EX_BIT(EXD_SWEEP_NSKIPPED)) != 0 &&
			    rec->er_u.er_sweep.sw_nskip == 0);
	}
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

int
interval_save(void)
{
	int r = 0;

	if (rs_state.rs_host == NULL)
		return (0);
	if (rs_ok)
		r = rs_save(&rs_state);
	rs_free(&rs_state);
	return (r);
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
	if (op->op_fmt == FMT_SVG) {
		/* The chart: the summary split by command (-g command). */
		static struct opts cop;

		cop = *op;
		cop.op_ng = 1;
		cop.op_gkey[0] = SK_COMMAND;
		op = &cop;
		if ((ir.ir_chart = chart_open()) == NULL)
			return (EXIT_OPEN);
	}
	ir.ir_op = op;
	if (op->op_filt != NULL && op->op_filt->f_any)
		ir.ir_filt = op->op_filt;
	tables_init(&ir.ir_tb, op);
	rs_ok = 0;
	if (op->op_R != NULL) {
		/* -R: the rows wait in a spool until the input is done. */
		if (rs_load(&rs_state, op->op_R, op->op_N, op->op_Rsig) == -1) {
			rs_free(&rs_state);
			return (EXIT_OPEN);
		}
		ir.ir_rs = &rs_state;
		ir.ir_tb.tb_rp.rp_out[TBL_PROC] = rs_out(&rs_state);
	}
	if (op->op_S && op->op_ng > 0) {
		if (sp_init(&ir.ir_sp) == -1 || sp_init(&ir.ir_fold) == -1) {
			(void) fprintf(stderr, "%s: %s\n", progname,
			    strerror(ENOMEM));
			sp_free(&ir.ir_sp);
			return (EXIT_OPEN);
		}
	}
	want = op->op_S ? 1u << EXR_PROC : tables_want(op);
	if (want & (1u << EXR_PROC))
		want |= 1u << EXR_SWEEP | 1u << EXR_DROPS;
	if (feeds_open(&ir.ir_fs, nfiles, files, hosts, want,
	    &ir.ir_status) == -1) {
		(void) fprintf(stderr, "%s: %s\n", progname, strerror(errno));
		return (EXIT_OPEN);
	}
	if (ir.ir_rs != NULL && rs_attach(ir.ir_rs, &ir.ir_fs) == -1) {
		feeds_close(&ir.ir_fs);
		rs_free(ir.ir_rs);
		return (EXIT_OPEN);
	}
	tl_init(&ir.ir_tl, &out, !op->op_S);
	ir.ir_tl.tl_resumed = ir.ir_rs != NULL && ir.ir_rs->rs_nin > 0;
	if (ir.ir_filt != NULL) {
		/* -S sums the usage of the matching processes only. */
		ir.ir_tl.tl_keep = keep_row;
		ir.ir_tl.tl_keeparg = &ir;
	}
	if (op->op_S && op->op_ng > 0) {
		ir.ir_tl.tl_split = on_split;
		ir.ir_tl.tl_splitarg = &ir;
	}
	if (op->op_S) {
		ir.ir_tl.tl_out.to_row = NULL;
		/* The summary's header, even if no interval ends. */
		if (ir.ir_chart == NULL)
			(void) tables_use(&ir.ir_tb, TBL_PROC, &ir.ir_status);
	} else if (ir.ir_rs == NULL) {
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
	if (ir.ir_rs != NULL)
		tl_end_before(&ir.ir_tl, clock_now_ns());
	else
		tl_end(&ir.ir_tl);
	if (op->op_S && op->op_ng > 0) {
		/* -f: one row per key of every interval in the range. */
		if (op->op_f && ir.ir_folded)
			sp_take(&ir.ir_fold, NULL, 0, 0, print_one, &ir);
		/* Keys of intervals that never ended: in none, as sums. */
		sp_take(&ir.ir_sp, NULL, 0, 0, NULL, NULL);
	}
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
	if (ir.ir_rs != NULL) {
		int bad = 0, i;

		for (i = 0; i < ir.ir_fs.fs_n; i++)
			bad |= ir.ir_fs.fs_f[i].fd_bad;
		/* A file not the one the state knows: nothing printed. */
		if (!bad && rs_emit(ir.ir_rs, out_std) == -1 &&
		    ir.ir_status < EXIT_OPEN)
			ir.ir_status = EXIT_OPEN;
		/* The state moves on only over what was read as it should. */
		rs_ok = !bad && ir.ir_status != EXIT_OPEN;
	}
	if (ir.ir_chart != NULL)
		chart_close(ir.ir_chart, out_std, &ir.ir_status);
	out_flush(out_std);
	tell_stats(&ir.ir_tl);
	if (ir.ir_rs != NULL)
		note(ir.ir_rs->rs_late, "exit records written after an earlier "
		    "run of -R printed their interval: in no row");
	if (op->op_S && op->op_ng > 0 && ir.ir_chart != NULL) {
		/* The chart's split by command: said in its terms. */
		note(ir.ir_sp.sp_other + ir.ir_sp.sp_left, "processes of "
		    "commands past the 4032 an interval's split keeps: drawn "
		    "in (other)");
		sp_free(&ir.ir_sp);
		sp_free(&ir.ir_fold);
	} else if (op->op_S && op->op_ng > 0) {
		note(ir.ir_sp.sp_other + ir.ir_fold.sp_other, "processes of "
		    "keys past the 4032 a table of -g keeps: in the (other) "
		    "row of their interval or of the range");
		note(ir.ir_sp.sp_left + ir.ir_fold.sp_left, "processes of "
		    "keys past the 4096 a table of -g keeps, (other) rows "
		    "included: left out of the -g rows");
		sp_free(&ir.ir_sp);
		sp_free(&ir.ir_fold);
	}
	feeds_close(&ir.ir_fs);
	tl_free(&ir.ir_tl);
	fl_free(&ir.ir_fl);
	return (ir.ir_status);
}
