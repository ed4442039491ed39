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


static const char flow_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port npkts "
    "nbytes aname";
/* -i: connections, and the per-interval summary (-S) */
static const char conn_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port opkts "
    "obytes ipkts ibytes aname";
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
	rp->rp_tcache = -1;
	rp->rp_tbuf[0] = '\0';
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
	if (op->op_osel != NULL) {
		if (op->op_S) {
			rp->rp_sel[RS_SUM] = *op->op_osel;
			rp->rp_sel[RS_SPLIT] = *op->op_osel;
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
	const struct fsel *sel = NULL;
	const char *cols = NULL;
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
		cols = rp->rp_i ? conn_cols : flow_cols;
	p = row_begin(o);
	if (cols != NULL) {
		/* No name needs quoting: only the separator differs. */
		for (; *cols != '\0'; cols++)
			*p++ = *cols == ' ' ? sep : *cols;
		*p++ = sep;
	}
	for (i = 0; sel != NULL && i < sel->fs_n; i++) {
		p = fmt_lit(p, fld_tab[sel->fs_id[i]].f_name);
		*p++ = sep;
	}
	if (p == o->o_buf + o->o_len)
		*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* Columns of text and CSV rows */

/* An absent value: "-" in text, an empty CSV field. */
static char *
put_absent(const struct rpt *rp, char *p)
{
	if (rp->rp_fmt != FMT_CSV)
		*p++ = '-';
	return (p);
}

static char *
col_u64(const struct rpt *rp, char *p, int have, uint64_t v)
{
	return (have ? fmt_u64(p, v) : put_absent(rp, p));
}

static char *
col_str(const struct rpt *rp, char *p, int have, const char *s, size_t n)
{
	if (rp->rp_fmt == FMT_CSV)
		return (have ? fmt_csv_str(p, s, n) : p);
	return (fmt_text_str(p, s, have ? n : 0));
}


/* JSON rows */

static char *
put_v4(char *p, uint32_t a)
{
	p = fmt_u64(p, a >> 24);
	*p++ = '.';
	p = fmt_u64(p, (a >> 16) & 0xff);
	*p++ = '.';
	p = fmt_u64(p, (a >> 8) & 0xff);
	*p++ = '.';
	return (fmt_u64(p, a & 0xff));
}

static char *
put_v6(char *p, const uint8_t *a)
{
	char buf[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, a, buf, sizeof (buf)) == NULL)
		return (fmt_lit(p, "::"));
	return (fmt_lit(p, buf));
}

/*
 * A flow record as one JSON object: "type", then every field present, by
 * the catalog's names, at full precision.
 */
static void
json_flow(struct out *o, const struct ex_flow *rec)
{
	const int type = EXR_FLOW;
	const struct rec_field *tab;
	const char *base = (const char *)(const void *)rec;
	uint64_t have;
	size_t i, n;
	char *p = row_begin(o);

	memcpy(&have, base, sizeof (have));
	tab = rec_fields(type, &n);
	p = fmt_lit(p, "{\"type\":\"flow\"");
	for (i = 0; i < n; i++) {
		const struct rec_field *f = &tab[i];
		const char *v = base + f->rf_off;

		if (f->rf_kind == 0 || (have & EX_BIT(f->rf_id)) == 0)
			continue;
		p = fmt_json_key(p, f->rf_name);
		switch (f->rf_kind) {
		case RF_U8:
			p = fmt_u64(p, *(const uint8_t *)v);
			break;
		case RF_U16:
			p = fmt_u64(p, *(const uint16_t *)(const void *)v);
			break;
		case RF_U32:
			if (type == EXR_FLOW &&
			    (f->rf_id == EXD_FLOW_V4SADDR ||
			    f->rf_id == EXD_FLOW_V4DADDR)) {
				*p++ = '"';
				p = put_v4(p,
				    *(const uint32_t *)(const void *)v);
				*p++ = '"';
			} else {
				p = fmt_u64(p,
				    *(const uint32_t *)(const void *)v);
			}
			break;
		case RF_U64:
			p = fmt_u64(p, *(const uint64_t *)(const void *)v);
			break;
		case RF_V6:
			*p++ = '"';
			p = put_v6(p, (const uint8_t *)v);
			*p++ = '"';
			break;
		case RF_STR:
			p = fmt_json_str(p, v,
			    *(const uint16_t *)(const void *)(base +
			    f->rf_loff));
			if (*(const uint8_t *)(base + f->rf_coff)) {
				p = fmt_json_key(p, f->rf_name);
				p -= 2;		/* back over '":' */
				p = fmt_lit(p, "_cut\":true");
			}
			break;
		}
	}
	*p++ = '}';
	*p++ = '\n';
	row_end(o, p);
}

/* Rows of fields: processes, tasks, the -S summary and its split */

/*
 * One row of the fields sel: a JSON object of type, or a text or CSV
 * line of the values in order.
 */
static void
field_row(const struct rpt *rp, struct out *o, const char *type,
    const struct fsel *sel, const struct frow *r)
{
	static struct fval v;
	char *p = row_begin(o), sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	size_t i;

	if (rp->rp_fmt == FMT_JSON) {
		p = fmt_lit(p, "{\"type\":\"");
		p = fmt_lit(p, type);
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
	struct frow r;

	memset(&r, 0, sizeof (r));
	r.fr_proc = e;
	r.fr_span = sp;
	r.fr_n = rp->rp_n;
	field_row(rp, rp->rp_out[TBL_PROC], "proc", &rp->rp_sel[RS_PROC], &r);
}

void
rpt_task_row(struct rpt *rp, const struct ex_task *e, const uint64_t *end)
{
	struct frow r;

	memset(&r, 0, sizeof (r));
	r.fr_task = e;
	r.fr_end = end;
	r.fr_n = rp->rp_n;
	field_row(rp, rp->rp_out[TBL_TASK], "task", &rp->rp_sel[RS_TASK], &r);
}

/* Local HH:MM:SS of an epoch time, or "" if it has none; cached. */
static const char *
local_hms(struct rpt *rp, uint64_t v)
{
	struct tm tm;
	time_t t = (time_t)v;
	char *b = rp->rp_tbuf;

	if (v > INT64_MAX)
		return ("");
	if (rp->rp_tcache == (int64_t)v)
		return (b);
	rp->rp_tcache = (int64_t)v;
	b[0] = '\0';
	if (t < 0 || (uint64_t)t != v || localtime_r(&t, &tm) == NULL)
		return (b);
	b[0] = (char)('0' + tm.tm_hour / 10);
	b[1] = (char)('0' + tm.tm_hour % 10);
	b[2] = ':';
	b[3] = (char)('0' + tm.tm_min / 10);
	b[4] = (char)('0' + tm.tm_min % 10);
	b[5] = ':';
	/* A leap second is 60. */
	b[6] = (char)('0' + tm.tm_sec / 10 % 10);
	b[7] = (char)('0' + tm.tm_sec % 10);
	b[8] = '\0';
	return (b);
}

/* "addr:port", IPv6 in brackets; "-" (or empty) with no address. */
static char *
put_endpoint(const struct rpt *rp, char *p, const struct ex_flow *e, int src)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	uint32_t portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;

	if (EF_HAS(e, v4id)) {
		p = put_v4(p, src ? e->ef_saddr4 : e->ef_daddr4);
	} else if (EF_HAS(e, v6id)) {
		*p++ = '[';
		p = put_v6(p, src ? e->ef_saddr6 : e->ef_daddr6);
		*p++ = ']';
	} else {
		return (put_absent(rp, p));
	}
	*p++ = ':';
	if (EF_HAS(e, portid))
		p = fmt_u64(p, src ? e->ef_sport : e->ef_dport);
	else
		*p++ = '-';
	return (p);
}

/* The protocol's name where the system knows one (and not -n). */
static char *
put_proto(const struct rpt *rp, char *p, const struct ex_flow *e)
{
	const char *s;

	if (!EF_HAS(e, EXD_FLOW_PROTOCOL))
		return (put_absent(rp, p));
	if (rp->rp_n || (s = name_proto(e->ef_proto)) == NULL)
		return (fmt_u64(p, e->ef_proto));
	return (col_str(rp, p, 1, s, strnlen(s, 64)));
}

void
rpt_flow_row(struct rpt *rp, const struct ex_flow *e)
{
	struct out *o = rp->rp_out[TBL_FLOW];
	const char *s;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_flow(o, e);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_CTIME), e->ef_ctime);
	*p++ = sep;
	s = EF_HAS(e, EXD_FLOW_CTIME) ? local_hms(rp, e->ef_ctime) : "";
	p = *s != '\0' ? fmt_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!EF_HAS(e, EXD_FLOW_CTIME) || !EF_HAS(e, EXD_FLOW_LSEEN)) {
		p = put_absent(rp, p);
	} else if (e->ef_lseen >= e->ef_ctime) {
		p = fmt_u64(p, e->ef_lseen - e->ef_ctime);
	} else {
		*p++ = '-';
		p = fmt_u64(p, e->ef_ctime - e->ef_lseen);
	}
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_UID), e->ef_uid);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_PROJID), e->ef_projid);
	*p++ = sep;
	p = put_proto(rp, p, e);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 1);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 0);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_NPKTS), e->ef_npkts);
	*p++ = sep;
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_NBYTES), e->ef_nbytes);
	*p++ = sep;
	p = col_str(rp, p, EF_HAS(e, EXD_FLOW_ANAME), e->ef_aname,
	    e->ef_aname_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

/* -i rows */

/* Packets or bytes of one direction: "-" if no record went that way. */
static char *
col_dir(const struct rpt *rp, char *p, uint32_t nrec, uint64_t v)
{
	return (nrec != 0 ? fmt_u64(p, v) : put_absent(rp, p));
}

static char *
json_u64(char *p, const char *key, uint64_t v)
{
	p = fmt_json_key(p, key);
	return (fmt_u64(p, v));
}

/* One endpoint as JSON: "KEY":"addr","KEYport":port */
static char *
json_endpoint(char *p, const struct ex_flow *e, int src)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	uint32_t portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;

	if (EF_HAS(e, v4id) || EF_HAS(e, v6id)) {
		p = fmt_json_key(p, src ? "src" : "dst");
		*p++ = '"';
		if (EF_HAS(e, v4id))
			p = put_v4(p, src ? e->ef_saddr4 : e->ef_daddr4);
		else
			p = put_v6(p, src ? e->ef_saddr6 : e->ef_daddr6);
		*p++ = '"';
	}
	if (EF_HAS(e, portid))
		p = json_u64(p, src ? "src_port" : "dest_port",
		    src ? e->ef_sport : e->ef_dport);
	return (p);
}

void
rpt_conn_row(struct rpt *rp, const struct fl_conn *c)
{
	struct out *o = rp->rp_out[TBL_FLOW];
	const struct ex_flow *e = &c->fc_flow;
	const char *s;
	char *p = row_begin(o), sep;

	if (rp->rp_fmt == FMT_JSON) {
		p = fmt_lit(p, "{\"type\":\"connection\"");
		if (c->fc_have_first)
			p = json_u64(p, "creation_time", c->fc_first);
		if (c->fc_have_last)
			p = json_u64(p, "last_seen", c->fc_last);
		if (c->fc_have_uid)
			p = json_u64(p, "uid", c->fc_uid);
		if (c->fc_have_proj)
			p = json_u64(p, "projid", c->fc_proj);
		if (EF_HAS(e, EXD_FLOW_PROTOCOL))
			p = json_u64(p, "protocol", e->ef_proto);
		p = json_u64(p, "diffserv_field", e->ef_dsfield);
		p = json_endpoint(p, e, 1);
		p = json_endpoint(p, e, 0);
		p = json_u64(p, "out_packets", c->fc_pkts[0]);
		p = json_u64(p, "out_bytes", c->fc_bytes[0]);
		p = json_u64(p, "out_records", c->fc_nrec[0]);
		p = json_u64(p, "in_packets", c->fc_pkts[1]);
		p = json_u64(p, "in_bytes", c->fc_bytes[1]);
		p = json_u64(p, "in_records", c->fc_nrec[1]);
		if (EF_HAS(e, EXD_FLOW_ANAME)) {
			p = fmt_json_key(p, "action_name");
			p = fmt_json_str(p, e->ef_aname, e->ef_aname_len);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = col_u64(rp, p, c->fc_have_first, c->fc_first);
	*p++ = sep;
	s = c->fc_have_first ? local_hms(rp, c->fc_first) : "";
	p = *s != '\0' ? fmt_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!c->fc_have_first || !c->fc_have_last) {
		p = put_absent(rp, p);
	} else if (c->fc_last >= c->fc_first) {
		p = fmt_u64(p, c->fc_last - c->fc_first);
	} else {
		*p++ = '-';
		p = fmt_u64(p, c->fc_first - c->fc_last);
	}
	*p++ = sep;
	p = col_u64(rp, p, c->fc_have_uid, c->fc_uid);
	*p++ = sep;
	p = col_u64(rp, p, c->fc_have_proj, c->fc_proj);
	*p++ = sep;
	p = put_proto(rp, p, e);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 1);
	*p++ = sep;
	p = put_endpoint(rp, p, e, 0);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[0], c->fc_pkts[0]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[0], c->fc_bytes[0]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[1], c->fc_pkts[1]);
	*p++ = sep;
	p = col_dir(rp, p, c->fc_nrec[1], c->fc_bytes[1]);
	*p++ = sep;
	p = col_str(rp, p, EF_HAS(e, EXD_FLOW_ANAME), e->ef_aname,
	    e->ef_aname_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

void
rpt_sum_row(struct rpt *rp, const struct tl_sum *sm)
{
	struct frow r;

	memset(&r, 0, sizeof (r));
	r.fr_sum = sm;
	r.fr_n = rp->rp_n;
	field_row(rp, rp->rp_out[TBL_PROC], "summary", &rp->rp_sel[RS_SUM],
	    &r);
}

void
rpt_split_row(struct rpt *rp, const struct rpt_split *rs)
{
	struct frow r;

	memset(&r, 0, sizeof (r));
	r.fr_split = rs;
	r.fr_n = rp->rp_n;
	field_row(rp, rp->rp_out[TBL_PROC], "summary", &rp->rp_sel[RS_SPLIT],
	    &r);
}
