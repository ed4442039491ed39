/*
 * report.c: the columnar report, "exdump -c": one row per record, in a
 * table per record type (processes, tasks, flows), as text that awk can
 * split, RFC 4180 CSV or JSON Lines.
 *
 * Rows are built straight into the output buffer with our own number
 * formatting: no printf and no locale on the per-row path, which is what
 * lets the report keep up with the reader.  Report units are computed
 * exactly from the integers in the record (decimal, rounded half up), so
 * 15105 chars is 15.11 KB on every machine, where a double would give
 * 15.10.  Process rows go straight out; task and flow rows wait in
 * temporary files until the process table is done, so memory stays
 * constant whatever the size of the input.
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
#include "out.h"
#include "records.h"
#include "report.h"

/* Room a row may take in the output buffer (a JSON process row < 4 KB). */
#define	ROW_MAX		8192

#define	NSEC		UINT64_C(1000000000)

static const char proc_cols[] =
    "procid ppid uid usr sys time majf minf rwKB vcxK icxK sigK sycK "
    "arMB mrMB command";
static const char task_cols[] =
    "taskid projid usr sys time majf minf rwKB vcxK icxK sigK sycK zone";
static const char flow_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port npkts "
    "nbytes aname";
/* -i: connections, and the per-interval summary (-S) */
static const char conn_cols[] =
    "timestamp locltime dur uid proj prot srcip:port dstip:port opkts "
    "obytes ipkts ibytes aname";
static const char sum_cols[] =
    "end host nproc usr sys majf minf rwKB vcxK icxK sigK sycK";

void
rpt_init(struct rpt *rp, const struct opts *op, struct out *o)
{
	int i;

	for (i = 0; i < 4; i++)
		rp->rp_out[i] = o;
	rp->rp_fmt = op->op_fmt;
	rp->rp_n = op->op_n;
	rp->rp_H = op->op_H;
	rp->rp_i = op->op_i;
	rp->rp_sum = op->op_S;
	rp->rp_tcache = -1;
	rp->rp_tbuf[0] = '\0';
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

void
rpt_header(struct rpt *rp, int table, int lead)
{
	struct out *o = rp->rp_out[table];
	const char *cols = table == TBL_PROC ? (rp->rp_sum ? sum_cols :
	    proc_cols) : table == TBL_TASK ? task_cols : rp->rp_i ? conn_cols :
	    flow_cols;
	char *p, *q;
	size_t n = strlen(cols);

	if (rp->rp_H || rp->rp_fmt == FMT_JSON)
		return;
	p = q = row_begin(o);
	if (lead && !(table == TBL_PROC && rp->rp_sum)) {
		memcpy(p, "end ", 4);
		p += 4;
	}
	memcpy(p, cols, n);
	p += n;
	if (rp->rp_fmt == FMT_CSV) {
		/* No name needs quoting: only the separator differs. */
		for (; q < p; q++) {
			if (*q == ' ')
				*q = ',';
		}
		*p++ = '\r';
	}
	*p++ = '\n';
	row_end(o, p);
}

/* Numbers */

static char *
put_u64(char *p, uint64_t v)
{
	char buf[20], *q = out_digits(buf + sizeof (buf), v);
	size_t n;

	n = (size_t)(buf + sizeof (buf) - q);
	memcpy(p, q, n);
	return (p + n);
}

/* prec decimals of frac / den, frac < den, den * 200 fits in 64 bits. */
static char *
put_frac(char *p, uint64_t q, uint64_t frac, uint64_t den, unsigned prec)
{
	uint64_t scale = prec == 1 ? 10 : 100, f;

	/* Half up: floor(frac * scale / den + 1/2), exactly. */
	f = (2 * frac * scale + den) / (2 * den);
	if (f >= scale) {
		f -= scale;
		if (q < UINT64_MAX)
			q++;
	}
	p = put_u64(p, q);
	*p++ = '.';
	if (prec == 2)
		*p++ = (char)('0' + f / 10);
	*p++ = (char)('0' + f % 10);
	return (p);
}

/* v / den with prec (1 or 2) decimals. */
static char *
put_ratio(char *p, uint64_t v, uint64_t den, unsigned prec)
{
	return (put_frac(p, v / den, v % den, den, prec));
}

/* Seconds and nanoseconds, made whole if nsec is 1e9 or more. */
static void
norm_ts(uint64_t *sec, uint64_t *nsec)
{
	uint64_t carry = *nsec / NSEC;

	*nsec %= NSEC;
	*sec = *sec > UINT64_MAX - carry ? UINT64_MAX : *sec + carry;
}

static char *
put_secs(char *p, uint64_t sec, uint64_t nsec)
{
	norm_ts(&sec, &nsec);
	return (put_frac(p, sec, nsec, NSEC, 2));
}

/* finish minus start, in seconds with two decimals; it may be negative. */
static char *
put_dur(char *p, uint64_t ss, uint64_t sn, uint64_t fs, uint64_t fn)
{
	uint64_t ds, dn;

	norm_ts(&ss, &sn);
	norm_ts(&fs, &fn);
	if (fs < ss || (fs == ss && fn < sn)) {
		*p++ = '-';
		ds = ss, ss = fs, fs = ds;
		dn = sn, sn = fn, fn = dn;
	}
	ds = fs - ss;
	if (fn >= sn) {
		dn = fn - sn;
	} else {
		ds--;
		dn = fn + NSEC - sn;
	}
	return (put_frac(p, ds, dn, NSEC, 2));
}

/* Text */

/*
 * A string for a text row: printable ASCII but space and backslash as
 * is, every other byte as \ooo, a backslash doubled (the rules of
 * out_escaped with " \\"); empty is "-", and a lone "-" is written \055
 * so that "-" always means absent.
 */
static char *
put_text(char *p, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i;

	if (n == 0) {
		*p++ = '-';
		return (p);
	}
	if (n == 1 && s[0] == '-') {
		memcpy(p, "\\055", 4);
		return (p + 4);
	}
	for (i = 0; i < n; i++) {
		uint8_t c = u[i];

		if (c > 0x20 && c < 0x7f && c != '\\') {
			*p++ = (char)c;
		} else if (c == '\\') {
			*p++ = '\\';
			*p++ = '\\';
		} else {
			*p++ = '\\';
			*p++ = (char)('0' + (c >> 6));
			*p++ = (char)('0' + ((c >> 3) & 7));
			*p++ = (char)('0' + (c & 7));
		}
	}
	return (p);
}

/*
 * A string for a CSV field: bytes outside printable ASCII as \ooo and a
 * backslash doubled, so that a field never holds a line break and its
 * bytes survive any reader; quoted (RFC 4180) when it holds a comma or a
 * quote.  Empty is an empty field.
 */
static char *
put_csv_text(char *p, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i;
	int quote = 0;

	for (i = 0; i < n; i++) {
		if (u[i] == ',' || u[i] == '"')
			quote = 1;
	}
	if (quote)
		*p++ = '"';
	for (i = 0; i < n; i++) {
		uint8_t c = u[i];

		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
			*p++ = (char)c;
		} else if (c == '\\' || c == '"') {
			*p++ = (char)c;
			*p++ = (char)c;
		} else {
			*p++ = '\\';
			*p++ = (char)('0' + (c >> 6));
			*p++ = (char)('0' + ((c >> 3) & 7));
			*p++ = (char)('0' + (c & 7));
		}
	}
	if (quote)
		*p++ = '"';
	return (p);
}

/* Length of a well-formed UTF-8 sequence of 2 to 4 bytes at u, or 0. */
static size_t
utf8_len(const uint8_t *u, size_t n)
{
	uint8_t c = u[0], lo = 0x80, hi = 0xbf;
	size_t k, i;

	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return (0);
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < k || u[1] < lo || u[1] > hi)
		return (0);
	for (i = 2; i < k; i++) {
		if (u[i] < 0x80 || u[i] > 0xbf)
			return (0);
	}
	return (k);
}

/*
 * A JSON string: valid UTF-8 is kept, a control byte is \u00XX, and so is
 * a byte of 0x80 or more that is not part of valid UTF-8 (read as the
 * code point of the same number), so the output is always valid JSON.
 */
static char *
put_json_str(char *p, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, k;

	*p++ = '"';
	while (i < n) {
		uint8_t c = u[i];

		if (c >= 0x20 && c < 0x7f) {
			if (c == '"' || c == '\\')
				*p++ = '\\';
			*p++ = (char)c;
			i++;
		} else if (c >= 0x80 && (k = utf8_len(u + i, n - i)) != 0) {
			memcpy(p, u + i, k);
			p += k;
			i += k;
		} else {
			memcpy(p, "\\u00", 4);
			p[4] = hex[c >> 4];
			p[5] = hex[c & 0xf];
			p += 6;
			i++;
		}
	}
	*p++ = '"';
	return (p);
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
	return (have ? put_u64(p, v) : put_absent(rp, p));
}

static char *
col_ratio(const struct rpt *rp, char *p, int have, uint64_t v, uint64_t den,
    unsigned prec)
{
	return (have ? put_ratio(p, v, den, prec) : put_absent(rp, p));
}

static char *
col_str(const struct rpt *rp, char *p, int have, const char *s, size_t n)
{
	if (rp->rp_fmt == FMT_CSV)
		return (have ? put_csv_text(p, s, n) : p);
	return (put_text(p, s, have ? n : 0));
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

/* The usage columns processes and tasks share, each with its separator. */
struct usage {
	uint64_t	u_have;
	uint64_t	u_user_sec, u_user_nsec, u_sys_sec, u_sys_nsec;
	uint64_t	u_start_sec, u_start_nsec, u_finish_sec, u_finish_nsec;
	uint64_t	u_majflt, u_minflt, u_ioch, u_nvcsw, u_nivcsw;
	uint64_t	u_signals, u_syscalls;
};

/* Presence bits of a usage, by what they mean (not by data id). */
#define	UH_USER		0x001
#define	UH_SYS		0x002
#define	UH_TIME		0x004
#define	UH_MAJF		0x008
#define	UH_MINF		0x010
#define	UH_IOCH		0x020
#define	UH_VCX		0x040
#define	UH_ICX		0x080
#define	UH_SIG		0x100
#define	UH_SYC		0x200

static char *
put_usage(const struct rpt *rp, char *p, const struct usage *u)
{
	char sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';

	p = (u->u_have & UH_USER) ? put_secs(p, u->u_user_sec,
	    u->u_user_nsec) : put_absent(rp, p);
	*p++ = sep;
	p = (u->u_have & UH_SYS) ? put_secs(p, u->u_sys_sec, u->u_sys_nsec) :
	    put_absent(rp, p);
	*p++ = sep;
	p = (u->u_have & UH_TIME) ? put_dur(p, u->u_start_sec,
	    u->u_start_nsec, u->u_finish_sec, u->u_finish_nsec) :
	    put_absent(rp, p);
	*p++ = sep;
	p = col_u64(rp, p, (u->u_have & UH_MAJF) != 0, u->u_majflt);
	*p++ = sep;
	p = col_u64(rp, p, (u->u_have & UH_MINF) != 0, u->u_minflt);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_IOCH) != 0, u->u_ioch, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_VCX) != 0, u->u_nvcsw, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_ICX) != 0, u->u_nivcsw, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_SIG) != 0, u->u_signals, 1000, 2);
	*p++ = sep;
	p = col_ratio(rp, p, (u->u_have & UH_SYC) != 0, u->u_syscalls, 1000,
	    1);
	*p++ = sep;
	return (p);
}

/* JSON rows */

static char *
put_lit(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return (p + n);
}

static char *
put_key(char *p, const char *key)
{
	*p++ = ',';
	*p++ = '"';
	p = put_lit(p, key);
	*p++ = '"';
	*p++ = ':';
	return (p);
}

static char *
put_v4(char *p, uint32_t a)
{
	p = put_u64(p, a >> 24);
	*p++ = '.';
	p = put_u64(p, (a >> 16) & 0xff);
	*p++ = '.';
	p = put_u64(p, (a >> 8) & 0xff);
	*p++ = '.';
	return (put_u64(p, a & 0xff));
}

static char *
put_v6(char *p, const uint8_t *a)
{
	char buf[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, a, buf, sizeof (buf)) == NULL)
		return (put_lit(p, "::"));
	return (put_lit(p, buf));
}

static const char *const kind_names[] = { "final", "partial", "interval" };

/*
 * A whole record as one JSON object: "type", "end" if given, "kind", then
 * every field present, by the catalog's names, at full precision.
 */
static void
json_row(struct out *o, int type, const void *rec, int kind,
    const uint64_t *end)
{
	const struct rec_field *tab;
	const char *base = rec;
	uint64_t have;
	size_t i, n;
	char *p = row_begin(o);

	memcpy(&have, base, sizeof (have));
	tab = rec_fields(type, &n);
	p = put_lit(p, type == EXR_PROC ? "{\"type\":\"proc\"" :
	    type == EXR_TASK ? "{\"type\":\"task\"" : "{\"type\":\"flow\"");
	if (end != NULL) {
		p = put_key(p, "end");
		p = put_u64(p, *end);
	}
	if (type != EXR_FLOW && kind >= 0 && kind <= EXK_INTERVAL) {
		p = put_key(p, "kind");
		*p++ = '"';
		p = put_lit(p, kind_names[kind]);
		*p++ = '"';
	}
	for (i = 0; i < n; i++) {
		const struct rec_field *f = &tab[i];
		const char *v = base + f->rf_off;

		if (f->rf_kind == 0 || (have & EX_BIT(f->rf_id)) == 0)
			continue;
		p = put_key(p, f->rf_name);
		switch (f->rf_kind) {
		case RF_U8:
			p = put_u64(p, *(const uint8_t *)v);
			break;
		case RF_U16:
			p = put_u64(p, *(const uint16_t *)(const void *)v);
			break;
		case RF_U32:
			if (type == EXR_FLOW && (f->rf_id == EXD_FLOW_V4SADDR ||
			    f->rf_id == EXD_FLOW_V4DADDR)) {
				*p++ = '"';
				p = put_v4(p,
				    *(const uint32_t *)(const void *)v);
				*p++ = '"';
			} else {
				p = put_u64(p,
				    *(const uint32_t *)(const void *)v);
			}
			break;
		case RF_U64:
			p = put_u64(p, *(const uint64_t *)(const void *)v);
			break;
		case RF_V6:
			*p++ = '"';
			p = put_v6(p, (const uint8_t *)v);
			*p++ = '"';
			break;
		case RF_STR:
			p = put_json_str(p, v,
			    *(const uint16_t *)(const void *)(base +
			    f->rf_loff));
			if (*(const uint8_t *)(base + f->rf_coff)) {
				p = put_key(p, f->rf_name);
				p -= 2;		/* back over '":' */
				p = put_lit(p, "_cut\":true");
			}
			break;
		}
	}
	*p++ = '}';
	*p++ = '\n';
	row_end(o, p);
}

/* Rows */

void
rpt_proc_row(struct rpt *rp, const struct ex_proc *e, const uint64_t *end)
{
	struct out *o = rp->rp_out[TBL_PROC];
	struct usage u;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_PROC, e, e->ep_kind, end);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	if (end != NULL) {
		p = put_u64(p, *end);
		*p++ = sep;
	}
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_PID), e->ep_pid);
	*p++ = sep;
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_ANCPID), e->ep_ppid);
	*p++ = sep;
	p = col_u64(rp, p, EP_HAS(e, EXD_PROC_UID), e->ep_uid);
	*p++ = sep;

	u.u_have = 0;
	if (e->ep_have & (EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC)))
		u.u_have |= UH_USER;
	if (e->ep_have & (EX_BIT(EXD_PROC_CPU_SYS_SEC) |
	    EX_BIT(EXD_PROC_CPU_SYS_NSEC)))
		u.u_have |= UH_SYS;
	if (EP_HAS(e, EXD_PROC_START_SEC) && EP_HAS(e, EXD_PROC_FINISH_SEC))
		u.u_have |= UH_TIME;
	if (EP_HAS(e, EXD_PROC_FAULTS_MAJOR))
		u.u_have |= UH_MAJF;
	if (EP_HAS(e, EXD_PROC_FAULTS_MINOR))
		u.u_have |= UH_MINF;
	if (EP_HAS(e, EXD_PROC_CHARS_RDWR))
		u.u_have |= UH_IOCH;
	if (EP_HAS(e, EXD_PROC_CONTEXT_VOL))
		u.u_have |= UH_VCX;
	if (EP_HAS(e, EXD_PROC_CONTEXT_INV))
		u.u_have |= UH_ICX;
	if (EP_HAS(e, EXD_PROC_SIGNALS))
		u.u_have |= UH_SIG;
	if (EP_HAS(e, EXD_PROC_SYSCALLS))
		u.u_have |= UH_SYC;
	/* Absent parts are 0: the record was zeroed before decoding. */
	/* An absent part of a time counts as 0. */
	u.u_user_sec = EP_HAS(e, EXD_PROC_CPU_USER_SEC) ? e->ep_user_sec : 0;
	u.u_user_nsec = EP_HAS(e, EXD_PROC_CPU_USER_NSEC) ?
	    e->ep_user_nsec : 0;
	u.u_sys_sec = EP_HAS(e, EXD_PROC_CPU_SYS_SEC) ? e->ep_sys_sec : 0;
	u.u_sys_nsec = EP_HAS(e, EXD_PROC_CPU_SYS_NSEC) ? e->ep_sys_nsec : 0;
	u.u_start_sec = e->ep_start_sec;
	u.u_start_nsec = EP_HAS(e, EXD_PROC_START_NSEC) ?
	    e->ep_start_nsec : 0;
	u.u_finish_sec = e->ep_finish_sec;
	u.u_finish_nsec = EP_HAS(e, EXD_PROC_FINISH_NSEC) ?
	    e->ep_finish_nsec : 0;
	u.u_majflt = e->ep_majflt;
	u.u_minflt = e->ep_minflt;
	u.u_ioch = e->ep_ioch;
	u.u_nvcsw = e->ep_nvcsw;
	u.u_nivcsw = e->ep_nivcsw;
	u.u_signals = e->ep_signals;
	u.u_syscalls = e->ep_syscalls;
	p = put_usage(rp, p, &u);

	p = col_ratio(rp, p, EP_HAS(e, EXD_PROC_MEM_RSS_AVG_K),
	    e->ep_rss_avg_k, 1024, 1);
	*p++ = sep;
	p = col_ratio(rp, p, EP_HAS(e, EXD_PROC_MEM_RSS_MAX_K),
	    e->ep_rss_max_k, 1024, 1);
	*p++ = sep;
	p = col_str(rp, p, EP_HAS(e, EXD_PROC_COMMAND), e->ep_command,
	    e->ep_command_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
}

void
rpt_task_row(struct rpt *rp, const struct ex_task *e, const uint64_t *end)
{
	struct out *o = rp->rp_out[TBL_TASK];
	struct usage u;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_TASK, e, e->et_kind, end);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	if (end != NULL) {
		p = put_u64(p, *end);
		*p++ = sep;
	}
	p = col_u64(rp, p, ET_HAS(e, EXD_TASK_TASKID), e->et_taskid);
	*p++ = sep;
	p = col_u64(rp, p, ET_HAS(e, EXD_TASK_PROJID), e->et_projid);
	*p++ = sep;

	u.u_have = 0;
	if (e->et_have & (EX_BIT(EXD_TASK_CPU_USER_SEC) |
	    EX_BIT(EXD_TASK_CPU_USER_NSEC)))
		u.u_have |= UH_USER;
	if (e->et_have & (EX_BIT(EXD_TASK_CPU_SYS_SEC) |
	    EX_BIT(EXD_TASK_CPU_SYS_NSEC)))
		u.u_have |= UH_SYS;
	if (ET_HAS(e, EXD_TASK_START_SEC) && ET_HAS(e, EXD_TASK_FINISH_SEC))
		u.u_have |= UH_TIME;
	if (ET_HAS(e, EXD_TASK_FAULTS_MAJOR))
		u.u_have |= UH_MAJF;
	if (ET_HAS(e, EXD_TASK_FAULTS_MINOR))
		u.u_have |= UH_MINF;
	if (ET_HAS(e, EXD_TASK_CHARS_RDWR))
		u.u_have |= UH_IOCH;
	if (ET_HAS(e, EXD_TASK_CONTEXT_VOL))
		u.u_have |= UH_VCX;
	if (ET_HAS(e, EXD_TASK_CONTEXT_INV))
		u.u_have |= UH_ICX;
	if (ET_HAS(e, EXD_TASK_SIGNALS))
		u.u_have |= UH_SIG;
	if (ET_HAS(e, EXD_TASK_SYSCALLS))
		u.u_have |= UH_SYC;
	u.u_user_sec = ET_HAS(e, EXD_TASK_CPU_USER_SEC) ? e->et_user_sec : 0;
	u.u_user_nsec = ET_HAS(e, EXD_TASK_CPU_USER_NSEC) ?
	    e->et_user_nsec : 0;
	u.u_sys_sec = ET_HAS(e, EXD_TASK_CPU_SYS_SEC) ? e->et_sys_sec : 0;
	u.u_sys_nsec = ET_HAS(e, EXD_TASK_CPU_SYS_NSEC) ? e->et_sys_nsec : 0;
	u.u_start_sec = e->et_start_sec;
	u.u_start_nsec = ET_HAS(e, EXD_TASK_START_NSEC) ?
	    e->et_start_nsec : 0;
	u.u_finish_sec = e->et_finish_sec;
	u.u_finish_nsec = ET_HAS(e, EXD_TASK_FINISH_NSEC) ?
	    e->et_finish_nsec : 0;
	u.u_majflt = e->et_majflt;
	u.u_minflt = e->et_minflt;
	u.u_ioch = e->et_ioch;
	u.u_nvcsw = e->et_nvcsw;
	u.u_nivcsw = e->et_nivcsw;
	u.u_signals = e->et_signals;
	u.u_syscalls = e->et_syscalls;
	p = put_usage(rp, p, &u);

	p = col_str(rp, p, ET_HAS(e, EXD_TASK_ZONENAME), e->et_zone,
	    e->et_zone_len);
	*p++ = sep;
	row_end(o, row_eol(rp, p));
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
		p = put_u64(p, src ? e->ef_sport : e->ef_dport);
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
		return (put_u64(p, e->ef_proto));
	return (col_str(rp, p, 1, s, strnlen(s, 64)));
}

void
rpt_flow_row(struct rpt *rp, const struct ex_flow *e, const uint64_t *end)
{
	struct out *o = rp->rp_out[TBL_FLOW];
	const char *s;
	char *p, sep;

	if (rp->rp_fmt == FMT_JSON) {
		json_row(o, EXR_FLOW, e, -1, end);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = row_begin(o);
	if (end != NULL) {
		p = put_u64(p, *end);
		*p++ = sep;
	}
	p = col_u64(rp, p, EF_HAS(e, EXD_FLOW_CTIME), e->ef_ctime);
	*p++ = sep;
	s = EF_HAS(e, EXD_FLOW_CTIME) ? local_hms(rp, e->ef_ctime) : "";
	p = *s != '\0' ? put_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!EF_HAS(e, EXD_FLOW_CTIME) || !EF_HAS(e, EXD_FLOW_LSEEN)) {
		p = put_absent(rp, p);
	} else if (e->ef_lseen >= e->ef_ctime) {
		p = put_u64(p, e->ef_lseen - e->ef_ctime);
	} else {
		*p++ = '-';
		p = put_u64(p, e->ef_ctime - e->ef_lseen);
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
	return (nrec != 0 ? put_u64(p, v) : put_absent(rp, p));
}

static char *
json_u64(char *p, const char *key, uint64_t v)
{
	p = put_key(p, key);
	return (put_u64(p, v));
}

/* One endpoint as JSON: "KEY":"addr","KEYport":port */
static char *
json_endpoint(char *p, const struct ex_flow *e, int src)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	uint32_t portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;

	if (EF_HAS(e, v4id) || EF_HAS(e, v6id)) {
		p = put_key(p, src ? "src" : "dst");
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
		p = put_lit(p, "{\"type\":\"connection\"");
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
			p = put_key(p, "action_name");
			p = put_json_str(p, e->ef_aname, e->ef_aname_len);
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
	p = *s != '\0' ? put_lit(p, s) : put_absent(rp, p);
	*p++ = sep;
	if (!c->fc_have_first || !c->fc_have_last) {
		p = put_absent(rp, p);
	} else if (c->fc_last >= c->fc_first) {
		p = put_u64(p, c->fc_last - c->fc_first);
	} else {
		*p++ = '-';
		p = put_u64(p, c->fc_first - c->fc_last);
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
rpt_sum_row(struct rpt *rp, const struct iv_sum *sm)
{
	static const char *const keys[IV_NCTR] = {
		"cpu_user_ns", "cpu_sys_ns", "faults_major", "faults_minor",
		"chars_rdwr", "ctxt_vol", "ctxt_inv", "signals", "syscalls"
	};
	struct out *o = rp->rp_out[TBL_PROC];
	char *p = row_begin(o), sep;
	unsigned c;

	if (rp->rp_fmt == FMT_JSON) {
		p = put_lit(p, "{\"type\":\"summary\"");
		p = json_u64(p, "end", sm->sm_end);
		if (sm->sm_hostlen > 0) {
			p = put_key(p, "hostname");
			p = put_json_str(p, sm->sm_host, sm->sm_hostlen);
		}
		p = json_u64(p, "nproc", sm->sm_nproc);
		for (c = 0; c < IV_NCTR; c++) {
			if (sm->sm_have & (1u << c))
				p = json_u64(p, keys[c], sm->sm_ctr[c]);
		}
		*p++ = '}';
		*p++ = '\n';
		row_end(o, p);
		return;
	}
	sep = rp->rp_fmt == FMT_CSV ? ',' : ' ';
	p = put_u64(p, sm->sm_end);
	*p++ = sep;
	p = col_str(rp, p, sm->sm_hostlen > 0, sm->sm_host, sm->sm_hostlen);
	*p++ = sep;
	p = put_u64(p, sm->sm_nproc);
	*p++ = sep;
	for (c = 0; c < IV_NCTR; c++) {
		int have = (sm->sm_have & (1u << c)) != 0;
		uint64_t v = sm->sm_ctr[c];

		switch (c) {
		case IVC_USER:
		case IVC_SYS:
			p = have ? put_secs(p, v / NSEC, v % NSEC) :
			    put_absent(rp, p);
			break;
		case IVC_MAJFLT:
		case IVC_MINFLT:
			p = col_u64(rp, p, have, v);
			break;
		default:
			p = col_ratio(rp, p, have, v, 1000,
			    c == IVC_SYSCALLS ? 1 : 2);
			break;
		}
		*p++ = sep;
	}
	row_end(o, row_eol(rp, p));
}

/* The -c report */

/* A table's rows waiting in a temporary file. */
struct spool {
	FILE		*sp_f;
	struct out	*sp_out;
};

static int
spool_open(struct spool *sp)
{
	if ((sp->sp_f = tmpfile()) == NULL)
		return (-1);
	if ((sp->sp_out = malloc(sizeof (*sp->sp_out))) == NULL) {
		(void) fclose(sp->sp_f);
		sp->sp_f = NULL;
		return (-1);
	}
	out_init(sp->sp_out, fileno(sp->sp_f));
	return (0);
}

/* Copy a spooled table to o and close it; 0, or -1 with errno. */
static int
spool_copy(struct spool *sp, struct out *o)
{
	static char buf[65536];
	int fd = fileno(sp->sp_f), r = 0;
	ssize_t n;

	if (out_close(sp->sp_out) == -1 || lseek(fd, 0, SEEK_SET) == -1) {
		r = -1;
	} else {
		while ((n = read(fd, buf, sizeof (buf))) != 0) {
			if (n == -1) {
				if (errno == EINTR)
					continue;
				r = -1;
				break;
			}
			out_bytes(o, buf, (size_t)n);
		}
	}
	n = errno;
	(void) fclose(sp->sp_f);
	free(sp->sp_out);
	sp->sp_f = NULL;
	sp->sp_out = NULL;
	errno = (int)n;
	return (r);
}

static int
table_of(int type)
{
	return (type == EXR_PROC ? TBL_PROC : type == EXR_TASK ? TBL_TASK :
	    TBL_FLOW);
}

static int
type_of(int table)
{
	return (table == TBL_PROC ? EXR_PROC : table == TBL_TASK ? EXR_TASK :
	    EXR_FLOW);
}

/*
 * Where a table's rows go on their first row: standard output for the
 * process table, a spool for the others (unless only one is printed, or
 * the format is JSON).  -1 if no spool could be
 * made (said once).
 */
static int
table_start(struct rpt *rp, const struct opts *op, struct spool *sp,
    int table, int *failed, int lead)
{
	/* JSON objects carry their type: they keep the file's order. */
	if (op->op_table == TBL_ALL && table != TBL_PROC &&
	    op->op_fmt != FMT_JSON) {
		if (spool_open(&sp[table]) == -1) {
			if (!failed[table]) {
				out_flush(out_std);
				(void) fprintf(stderr, "%s: cannot make a "
				    "temporary file for the %s table: %s\n",
				    progname, table == TBL_TASK ? "task" :
				    "flow", strerror(errno));
			}
			failed[table] = 1;
			return (-1);
		}
		rp->rp_out[table] = sp[table].sp_out;
	}
	rpt_header(rp, table, lead && table != TBL_FLOW);
	return (0);
}

/*
 * -S: rows go into buckets, one per host and interval between sweeps.
 * A sweep's partial records come together, written within moments of
 * each other, after the final records of the processes that exited since
 * the sweep before.  So a host's bucket closes at a final record more than
 * a second after its sweep's last partial record, at a partial record
 * more than a second after it (the next sweep), and at a partial record of
 * a process already in this sweep (two sweeps in a row).  A process that
 * starts or exits during a sweep stays in that sweep's bucket.  The
 * bucket's end is its sweep's time, or its last exit if no sweep closed
 * it.
 */
#define	BUCKETS		32	/* hosts kept apart; more share the last */
#define	SWEEP_GAP	NSEC	/* records further apart are not one sweep */

struct bucket {
	struct iv_sum	bk_sum;
	int		bk_used;
	uint64_t	bk_npartial;
	uint64_t	bk_first_ns;	/* finish of its first partial, ns */
	uint64_t	bk_last_pns;	/* finish of its latest partial, ns */
	uint64_t	bk_sweep_end;	/* latest partial finish, seconds */
	uint64_t	bk_last_end;	/* latest finish, seconds */
	EX_STRFIELD(bk_host, EX_HOST_MAX);
};

static void
bucket_flush(struct rpt *rp, struct bucket *b)
{
	if (b->bk_sum.sm_nproc > 0) {
		b->bk_sum.sm_end = b->bk_npartial > 0 ? b->bk_sweep_end :
		    b->bk_last_end;
		b->bk_sum.sm_host = b->bk_host;
		b->bk_sum.sm_hostlen = b->bk_host_len;
		rpt_sum_row(rp, &b->bk_sum);
	}
	memset(&b->bk_sum, 0, sizeof (b->bk_sum));
	b->bk_npartial = 0;
	b->bk_first_ns = b->bk_last_pns = 0;
	b->bk_sweep_end = b->bk_last_end = 0;
}

/* The bucket of a host (an empty name for none). */
static struct bucket *
bucket_of(struct bucket *bk, const char *host, size_t len)
{
	size_t i;

	if (len >= EX_HOST_MAX)
		len = EX_HOST_MAX - 1;
	for (i = 0; i < BUCKETS; i++) {
		if (!bk[i].bk_used) {
			bk[i].bk_used = 1;
			memcpy(bk[i].bk_host, host, len);
			bk[i].bk_host_len = (uint16_t)len;
			return (&bk[i]);
		}
		if (bk[i].bk_host_len == len &&
		    memcmp(bk[i].bk_host, host, len) == 0)
			return (&bk[i]);
	}
	return (&bk[BUCKETS - 1]);
}

static void
bucket_add(struct rpt *rp, struct bucket *b, const struct ex_proc *row,
    int fresh)
{
	uint64_t start = iv_ns(row->ep_start_sec, row->ep_start_nsec);
	uint64_t end = iv_ns(row->ep_finish_sec, row->ep_finish_nsec);
	uint64_t v[IV_NCTR], later;
	unsigned have, c;
	int partial = row->ep_kind == EXK_PARTIAL;

	if (b->bk_npartial > 0) {
		later = b->bk_last_pns > UINT64_MAX - SWEEP_GAP ? UINT64_MAX :
		    b->bk_last_pns + SWEEP_GAP;
		if (end > later || (partial && !fresh &&
		    start >= b->bk_first_ns))
			bucket_flush(rp, b);
	}
	memset(v, 0, sizeof (v));
	have = iv_proc_counters(row, v);
	for (c = 0; c < IV_NCTR; c++) {
		if (!(have & (1u << c)))
			continue;
		b->bk_sum.sm_ctr[c] = v[c] > UINT64_MAX - b->bk_sum.sm_ctr[c] ?
		    UINT64_MAX : b->bk_sum.sm_ctr[c] + v[c];
	}
	b->bk_sum.sm_have |= have;
	b->bk_sum.sm_nproc++;
	if (partial) {
		if (b->bk_npartial++ == 0)
			b->bk_first_ns = end;
		if (end > b->bk_last_pns)
			b->bk_last_pns = end;
		if (row->ep_finish_sec > b->bk_sweep_end)
			b->bk_sweep_end = row->ep_finish_sec;
	}
	if (row->ep_finish_sec > b->bk_last_end)
		b->bk_last_end = row->ep_finish_sec;
}

/* What -i keeps across files: the interval engine, connections, buckets. */
struct ivrun {
	struct iv	ir_iv;
	struct fl	ir_fl;
	struct bucket	ir_bk[BUCKETS];
};

/*
 * One record of -i: a process or task row for the interval the record
 * closes, a flow added to its connection.  -1 if out of memory.
 */
static int
interval_record(struct rpt *rp, struct ivrun *ir, const struct rec_reader *rd,
    struct ex_record *rec)
{
	static struct ex_proc prow;
	static struct ex_task trow;
	const char *host = rd->rr_have_host ? rd->rr_host : NULL;
	size_t hostlen = rd->rr_have_host ? rd->rr_host_len : 0;
	uint64_t end;

	switch (rec->er_type) {
	case EXR_PROC:
		if (iv_proc(&ir->ir_iv, &rec->er_u.er_proc, host, hostlen,
		    &prow) == -1)
			return (-1);
		if (rp->rp_sum) {
			const char *h = host != NULL ? host : "";
			size_t hl = hostlen;

			if (EP_HAS(&prow, EXD_PROC_HOSTNAME)) {
				h = prow.ep_hostname;
				hl = prow.ep_hostname_len;
			}
			bucket_add(rp, bucket_of(ir->ir_bk, h, hl), &prow,
			    ir->ir_iv.iv_fresh);
		} else {
			end = prow.ep_finish_sec;
			rpt_proc_row(rp, &prow, &end);
		}
		return (0);
	case EXR_TASK:
		if (iv_task(&ir->ir_iv, &rec->er_u.er_task, host, hostlen,
		    &trow) == -1)
			return (-1);
		end = trow.et_finish_sec;
		rpt_task_row(rp, &trow, &end);
		return (0);
	default:
		return (fl_add(&ir->ir_fl, &rec->er_u.er_flow));
	}
}

/*
 * A feed: the records of some of the files, in the order given, one
 * record ahead.  -i reads exacct files and process-accounting files as
 * two feeds and takes records from them in time order, so an exit record
 * meets the sweeps before and after it as they happened.
 */
struct feed {
	char *const	*fd_files;
	const int	*fd_fmt;	/* each file's format, -1 unreadable */
	int		fd_nfiles;
	int		fd_format;	/* RR_EXACCT or RR_PACCT: this feed's */
	int		fd_next;	/* next file to open */
	int		fd_open;	/* fd_rd holds an open file */
	int		fd_have;	/* fd_rec is the next record */
	unsigned	fd_want;
	struct rec_reader fd_rd;
	struct ex_record fd_rec;
};

/*
 * The file's format, or -1 (reported) if it cannot be read.  A pipe or
 * other stream cannot be read twice: it joins the exacct feed unread,
 * which still decodes a process-accounting stream, in its own order.
 */
static int
file_format(const char *path, struct rec_reader *rd, int *status)
{
	struct stat sb;
	int fmt;

	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode))
		return (RR_EXACCT);
	if (rec_open(rd, path) == -1) {
		out_flush(out_std);
		(void) fprintf(stderr, "%s: cannot open %s: %s\n", progname,
		    path, rd->rr_emsg);
		if (*status < EXIT_OPEN)
			*status = EXIT_OPEN;
		return (-1);
	}
	fmt = rd->rr_format == RR_PACCT ? RR_PACCT : RR_EXACCT;
	rec_close(rd);
	return (fmt);
}

/*
 * Make fd_rec the feed's next record: EX_OK, or EX_END when its files are
 * done.  Damage and unreadable files are reported on the way.
 */
static int
feed_fill(struct feed *f, int *status)
{
	int x;

	while (!f->fd_have) {
		if (!f->fd_open) {
			const char *path;

			do {
				if (f->fd_next >= f->fd_nfiles)
					return (EX_END);
			} while (f->fd_fmt[f->fd_next++] != f->fd_format);
			path = f->fd_files[f->fd_next - 1];
			if (rec_open(&f->fd_rd, path) == -1) {
				out_flush(out_std);
				(void) fprintf(stderr, "%s: cannot open %s: "
				    "%s\n", progname, path, f->fd_rd.rr_emsg);
				if (*status < EXIT_OPEN)
					*status = EXIT_OPEN;
				continue;
			}
			rec_want(&f->fd_rd, f->fd_want);
			f->fd_open = 1;
		}
		x = rec_next(&f->fd_rd, &f->fd_rec);
		if (x == EX_OK) {
			f->fd_have = 1;
		} else if (x == EX_ERR) {
			warn_file(f->fd_files[f->fd_next - 1], "offset %llu: %s",
			    (unsigned long long)f->fd_rd.rr_eoff,
			    f->fd_rd.rr_emsg);
			*status = EXIT_DAMAGE;
		} else {
			rec_close(&f->fd_rd);
			f->fd_open = 0;
		}
	}
	return (EX_OK);
}

/* When a record happened, for the merge: its finish (a flow's last seen). */
static uint64_t
rec_time(const struct ex_record *r)
{
	switch (r->er_type) {
	case EXR_PROC:
		return (iv_ns(r->er_u.er_proc.ep_finish_sec,
		    r->er_u.er_proc.ep_finish_nsec));
	case EXR_TASK:
		return (iv_ns(r->er_u.er_task.et_finish_sec,
		    r->er_u.er_task.et_finish_nsec));
	default:
		return (iv_ns(r->er_u.er_flow.ef_lseen, 0));
	}
}

/*
 * When an exit record of process accounting may have happened at the
 * latest: its finish is its start, whole seconds computed as now less the
 * elapsed time, plus the elapsed time, so up to a second early.  Taken at
 * that latest time, it never comes before a sweep the process was in.
 */
static uint64_t
pacct_time(const struct ex_record *r)
{
	uint64_t t = rec_time(r);

	return (t > UINT64_MAX - NSEC ? UINT64_MAX : t + NSEC);
}

/* Where a table's rows go from its first row on; 0, or -1 if nowhere. */
static int
table_use(struct rpt *rp, const struct opts *op, struct spool *sp,
    int *started, int *failed, int t, int *status)
{
	if (!started[t]) {
		started[t] = 1;
		if (table_start(rp, op, sp, t, failed, op->op_i) == -1 &&
		    *status < EXIT_OPEN)
			*status = EXIT_OPEN;
	}
	return (failed[t] ? -1 : 0);
}

/* The -c report: every record of every file, in the order given. */
static void
columns(struct rpt *rp, int nfiles, char *const files[],
    const struct opts *op, unsigned want, struct spool *sp, int *started,
    int *failed, int *status)
{
	static struct rec_reader rd;
	static struct ex_record rec;
	int i, x;

	for (i = 0; i < nfiles; i++) {
		if (rec_open(&rd, files[i]) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: cannot open %s: %s\n",
			    progname, files[i], rd.rr_emsg);
			if (*status < EXIT_OPEN)
				*status = EXIT_OPEN;
			continue;
		}
		rec_want(&rd, want);
		while ((x = rec_next(&rd, &rec)) != EX_END) {
			if (x == EX_ERR) {
				warn_file(files[i], "offset %llu: %s",
				    (unsigned long long)rd.rr_eoff,
				    rd.rr_emsg);
				*status = EXIT_DAMAGE;
				continue;
			}
			if (table_use(rp, op, sp, started, failed,
			    table_of(rec.er_type), status) == -1)
				continue;
			switch (rec.er_type) {
			case EXR_PROC:
				rpt_proc_row(rp, &rec.er_u.er_proc, NULL);
				break;
			case EXR_TASK:
				rpt_task_row(rp, &rec.er_u.er_task, NULL);
				break;
			default:
				rpt_flow_row(rp, &rec.er_u.er_flow, NULL);
				break;
			}
		}
		rec_close(&rd);
	}
}

/*
 * The -i report: the exacct files and the process-accounting files as two
 * feeds merged in time order, through the interval engine; connections
 * and the last summary bucket once everything is read.
 */
static void
intervals(struct rpt *rp, int nfiles, char *const files[],
    const struct opts *op, unsigned want, struct spool *sp, int *started,
    int *failed, int *status)
{
	static struct feed feeds[2];
	static struct ivrun ir;
	static struct rec_reader probe;
	struct feed *f;
	size_t k;
	int i, t, *fmt;

	/* Which feed each file belongs to, found once (and said once). */
	if ((fmt = malloc((size_t)nfiles * sizeof (*fmt))) == NULL) {
		out_flush(out_std);
		(void) fprintf(stderr, "%s: %s\n", progname, strerror(errno));
		*status = EXIT_OPEN;
		return;
	}
	for (i = 0; i < nfiles; i++)
		fmt[i] = file_format(files[i], &probe, status);
	iv_init(&ir.ir_iv);
	fl_init(&ir.ir_fl);
	memset(ir.ir_bk, 0, sizeof (ir.ir_bk));
	for (i = 0; i < 2; i++) {
		memset(&feeds[i], 0, sizeof (feeds[i]));
		feeds[i].fd_files = files;
		feeds[i].fd_fmt = fmt;
		feeds[i].fd_nfiles = nfiles;
		feeds[i].fd_format = i == 0 ? RR_EXACCT : RR_PACCT;
		feeds[i].fd_want = want;
	}
	for (;;) {
		(void) feed_fill(&feeds[0], status);
		(void) feed_fill(&feeds[1], status);
		if (!feeds[0].fd_have && !feeds[1].fd_have)
			break;
		if (!feeds[1].fd_have)
			f = &feeds[0];
		else if (!feeds[0].fd_have)
			f = &feeds[1];
		else
			f = pacct_time(&feeds[1].fd_rec) <
			    rec_time(&feeds[0].fd_rec) ? &feeds[1] : &feeds[0];
		f->fd_have = 0;
		t = table_of(f->fd_rec.er_type);
		if (t != TBL_FLOW && table_use(rp, op, sp, started, failed,
		    t, status) == -1)
			continue;
		if (interval_record(rp, &ir, &f->fd_rd, &f->fd_rec) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: out of memory for the "
			    "interval report\n", progname);
			*status = EXIT_OPEN;
			break;
		}
	}
	for (i = 0; i < 2; i++) {
		if (feeds[i].fd_open)
			rec_close(&feeds[i].fd_rd);
	}
	for (i = 0; op->op_S && i < BUCKETS; i++)
		bucket_flush(rp, &ir.ir_bk[i]);
	/* Connections, now that every record of every file is in. */
	if (ir.ir_fl.fl_count > 0 && table_use(rp, op, sp, started, failed,
	    TBL_FLOW, status) == 0) {
		for (k = 0; k < ir.ir_fl.fl_count; k++)
			rpt_conn_row(rp, fl_get(&ir.ir_fl, k));
	}
	iv_free(&ir.ir_iv);
	fl_free(&ir.ir_fl);
	free(fmt);
}

/*
 * The -c and -i reports: one table per record type, proc first; the first
 * table goes straight out and the others wait in temporary files.
 */
static int
run_report(int nfiles, char *const files[], const struct opts *op)
{
	struct spool sp[4];
	struct rpt rp;
	int started[4] = { 0, 0, 0, 0 }, failed[4] = { 0, 0, 0, 0 };
	int t, status = EXIT_OK;
	unsigned want;

	memset(sp, 0, sizeof (sp));
	rpt_init(&rp, op, out_std);
	want = op->op_table == TBL_ALL ?
	    (1u << EXR_PROC) | (1u << EXR_TASK) | (1u << EXR_FLOW) :
	    1u << type_of(op->op_table);
	if (op->op_S)
		want = 1u << EXR_PROC;
	if (op->op_i)
		intervals(&rp, nfiles, files, op, want, sp, started, failed,
		    &status);
	else
		columns(&rp, nfiles, files, op, want, sp, started, failed,
		    &status);
	/* A table asked for by -t has its header even without rows. */
	if (op->op_table != TBL_ALL && !started[op->op_table])
		rpt_header(&rp, op->op_table, op->op_i &&
		    op->op_table != TBL_FLOW);
	for (t = TBL_TASK; t <= TBL_FLOW; t++) {
		if (sp[t].sp_f == NULL)
			continue;
		if (spool_copy(&sp[t], out_std) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: temporary file of the %s "
			    "table: %s\n", progname,
			    t == TBL_TASK ? "task" : "flow", strerror(errno));
			if (status < EXIT_OPEN)
				status = EXIT_OPEN;
		}
	}
	return (status);
}

int
report_files(int nfiles, char *const files[], const struct opts *op)
{
	return (run_report(nfiles, files, op));
}

int
interval_files(int nfiles, char *const files[], const struct opts *op)
{
	return (run_report(nfiles, files, op));
}
