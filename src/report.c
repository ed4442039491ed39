/*
 * report.c: the rows of the reports' tables (-c, -i, -S): a row of
 * processes, tasks or the summary is its fields (fields.c) written by its
 * format (fmt_text.c, fmt_csv.c, fmt_json.c); the flow and connection
 * rows keep their own columns.
 *
 * Rows are built straight into the output buffer with our own number
 * formatting: no printf and no locale on the per-row path, which is what
 * lets the report keep up with the reader.  Which table goes where is
 * tables.c's; the interval driver is intervals.c.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "fields.h"
#include "fmt.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "split.h"

/* Room a row may take in the output buffer: FSEL_MAX values at most. */
#define	ROW_MAX		(FSEL_MAX * FMT_VAL_MAX + 256)


void
rpt_init(struct rpt *rp, const struct opts *op, struct out *o)
{
	static const int key_field[SK_N] = { F_USER, F_GROUP, F_PROJECT,
	    F_ZONE, F_COMMAND, F_HOST };
	int i, keys[SK_N];
	size_t k, nk = 0;
	int json = op->op_fmt == FMT_JSON;

	for (i = 0; i < 4; i++)
		rp->rp_out[i] = o;
	rp->rp_fmt = op->op_fmt;
	rp->rp_n = op->op_n;
	rp->rp_H = op->op_H;
	rp->rp_i = op->op_i;
	rp->rp_sum = op->op_S;
	rp->rp_split = op->op_S && op->op_ng > 0;
	for (k = 0; k < op->op_ng && k < SK_N; k++)
		keys[nk++] = key_field[op->op_gkey[k]];
	fld_default(json ? FD_JSON : op->op_i ? FD_PROC_I : FD_PROC, FL_PROC,
	    NULL, 0, &rp->rp_sel[RS_PROC]);
	fld_default(json ? FD_JSON : op->op_i ? FD_TASK_I : FD_TASK, FL_TASK,
	    NULL, 0, &rp->rp_sel[RS_TASK]);
	fld_default(json ? FD_JSON : FD_SUM, FL_SUM, NULL, 0,
	    &rp->rp_sel[RS_SUM]);
	fld_default(json ? FD_JSON : FD_SPLIT, FL_SUM, keys, nk,
	    &rp->rp_sel[RS_SPLIT]);
	fld_default(json ? FD_JSON : FD_FLOW, FL_FLOW, NULL, 0,
	    &rp->rp_sel[RS_FLOW]);
	fld_default(json ? FD_JSON : FD_CONN, FL_CONN, NULL, 0,
	    &rp->rp_sel[RS_CONN]);
	if (op->op_osel != NULL) {
		if (op->op_S) {
			rp->rp_sel[RS_SUM] = *op->op_osel;
			rp->rp_sel[RS_SPLIT] = *op->op_osel;
		} else if (op->op_table == TBL_TASK) {
			rp->rp_sel[RS_TASK] = *op->op_osel;
		} else if (op->op_table == TBL_FLOW) {
			rp->rp_sel[op->op_i ? RS_CONN : RS_FLOW] = *op->op_osel;
		} else {
			rp->rp_sel[RS_PROC] = *op->op_osel;
		}
	}
}

/* A row is written in place: room for it, then its end. */
static char *
row_begin(struct out *o)
{
	if (OUT_BUFSZ - o->o_len < ROW_MAX)
		out_flush(o);
	return (o->o_buf + o->o_len);
}

static void
row_end(struct out *o, char *p)
{
	o->o_len = (size_t)(p - o->o_buf);
}

/* The end of a text or CSV row: the last separator becomes the newline. */
static char *
row_eol(const struct rpt *rp, char *p)
{
	p--;
	if (rp->rp_fmt == FMT_CSV)
		*p++ = '\r';
	*p++ = '\n';
	return (p);
}

void
rpt_header(struct rpt *rp, int table, int lead)
{
	struct out *o = rp->rp_out[table];
	const struct fsel *sel;
	char *p, sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	size_t i;

	(void) lead;	/* -i's columns are in the row kinds' fields */
	if (rp->rp_H || rp->rp_fmt == FMT_JSON)
		return;
	if (table == TBL_PROC)
		sel = &rp->rp_sel[!rp->rp_sum ? RS_PROC : rp->rp_split ?
		    RS_SPLIT : RS_SUM];
	else if (table == TBL_TASK)
		sel = &rp->rp_sel[RS_TASK];
	else
		sel = &rp->rp_sel[rp->rp_i ? RS_CONN : RS_FLOW];
	p = row_begin(o);
	/* No name needs quoting: only the separator differs. */
	for (i = 0; i < sel->fs_n; i++) {
		p = fmt_lit(p, fld_tab[sel->fs_id[i]].f_name);
		*p++ = sep;
	}
	if (p == o->o_buf + o->o_len)
		*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* Rows of fields: processes, tasks, the -S summary and its split */

/* Where each row kind (RS_*) goes, and its JSON type. */
static const struct {
	int		rk_table;
	const char	*rk_type;
} row_kinds[] = {
	[RS_PROC] = { TBL_PROC, "proc" },
	[RS_TASK] = { TBL_TASK, "task" },
	[RS_SUM] = { TBL_PROC, "summary" },
	[RS_SPLIT] = { TBL_PROC, "summary" },
	[RS_FLOW] = { TBL_FLOW, "flow" },
	[RS_CONN] = { TBL_FLOW, "connection" },
};

/*
 * One row of kind rk (RS_*): a JSON object of its type, or a text or CSV
 * line of the values of its fields in order.
 */
static void
field_row(const struct rpt *rp, int rk, struct frow *r)
{
	static struct fval v;
	const struct fsel *sel = &rp->rp_sel[rk];
	struct out *o = rp->rp_out[row_kinds[rk].rk_table];
	char *p = row_begin(o), sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	size_t i;

	r->fr_n = rp->rp_n;
	if (rp->rp_fmt == FMT_JSON) {
		p = fmt_lit(p, "{\"type\":\"");
		p = fmt_lit(p, row_kinds[rk].rk_type);
		*p++ = '"';
		for (i = 0; i < sel->fs_n; i++) {
			fld_value(sel->fs_id[i], r, &v);
			p = fmt_json_member(p, fld_tab[sel->fs_id[i]].f_name,
			    &v);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	for (i = 0; i < sel->fs_n; i++) {
		fld_value(sel->fs_id[i], r, &v);
		p = rp->rp_fmt == FMT_CSV ? fmt_csv_val(p, &v) :
		    fmt_text_val(p, &v);
		*p++ = sep;
	}
	if (sel->fs_n == 0)
		*p++ = sep;
	row_end(o, row_eol(rp, p));
}

void
rpt_proc_row(struct rpt *rp, const struct ex_proc *e, const struct tl_span *sp)
{
	struct frow r = { 0 };

	r.fr_proc = e;
	r.fr_span = sp;
	field_row(rp, RS_PROC, &r);
}

void
rpt_task_row(struct rpt *rp, const struct ex_task *e, const uint64_t *end)
{
	struct frow r = { 0 };

	r.fr_task = e;
	r.fr_end = end;
	field_row(rp, RS_TASK, &r);
}

void
rpt_flow_row(struct rpt *rp, const struct ex_flow *e)
{
	struct frow r = { 0 };

	r.fr_flow = e;
	field_row(rp, RS_FLOW, &r);
}

void
rpt_conn_row(struct rpt *rp, const struct fl_conn *c)
{
	struct frow r = { 0 };

	r.fr_conn = c;
	field_row(rp, RS_CONN, &r);
}

void
rpt_sum_row(struct rpt *rp, const struct tl_sum *sm)
{
	struct frow r = { 0 };

	r.fr_sum = sm;
	field_row(rp, RS_SUM, &r);
}

void
rpt_split_row(struct rpt *rp, const struct rpt_split *rs)
{
	struct frow r = { 0 };

	r.fr_split = rs;
	field_row(rp, RS_SPLIT, &r);
}
