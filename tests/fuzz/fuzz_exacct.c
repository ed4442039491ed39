/*
 * fuzz_exacct.c: the fuzz target, LLVMFuzzerTestOneInput over the buffer
 * API.
 *
 * One input is treated as a whole exacct file held in memory.  It is walked
 * object by object to the end, following every resynchronisation, with the
 * invariants a caller relies on asserted (the walk always moves on and
 * always ends, views lie inside the buffer); it is walked again skipping
 * every group; it goes through ex_unpack_check; and it is dumped the
 * classic way, plain and -v, to /dev/null.  A walk without damage is also
 * written back with the writer and read again, which must give the same
 * objects.  The same bytes are also read as records, printed as rows of
 * every report format and fed to the interval engine and the flow
 * pairing, as -c and -i would (process, sweep and drop records also
 * through their encoders and back); and as a file, through the writer's tail
 * check (the walk above already goes through the reader's scan for a
 * record after damage).  libFuzzer links this file with its own main
 * (make fuzz); replay.c gives it a plain one for make check.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "exdump.h"
#include "flows.h"
#include "interval.h"
#include "out.h"
#include "pacct.h"
#include "records.h"
#include "report.h"
#include "timeline.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The dump reports damage under this name; main.c is not linked in. */
const char *progname = "exdump";

#define	FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		(void) fprintf(stderr, "%s:%d: assertion failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

static struct out fz_out;	/* big: not on the stack */
static const uint64_t calls_end = UINT64_C(1700000000000000000);
static int fz_null = -1;

/* The checks every object returned from a memory source must pass. */
static void
check_obj(const struct ex_obj *o, const uint8_t *data, size_t size,
    uint64_t start, uint64_t limit)
{
	FUZZ_ASSERT(o->eo_off >= start && o->eo_off < limit);
	FUZZ_ASSERT(o->eo_off < size);
	FUZZ_ASSERT(o->eo_depth <= EX_MAX_DEPTH);
	FUZZ_ASSERT(o->eo_depth < EX_MAX_DEPTH || o->eo_type != EX_T_GROUP);
	switch (o->eo_type) {
	case EX_T_STRING:
	case EX_T_EXACCT:
	case EX_T_RAW:
		FUZZ_ASSERT(o->eo_doff == o->eo_off + 12);
		FUZZ_ASSERT(o->eo_dlen <= size - o->eo_doff);
		/* The backskip is in the buffer too. */
		FUZZ_ASSERT(4 <= size - o->eo_doff - o->eo_dlen);
		if (o->eo_dlen <= EX_VIEW_MAX)
			FUZZ_ASSERT(o->eo_data == data + o->eo_doff);
		else
			FUZZ_ASSERT(o->eo_data == NULL);
		break;
	case EX_T_GROUP:
		FUZZ_ASSERT(20 <= size - o->eo_off);
		break;
	default:
		FUZZ_ASSERT(o->eo_type >= EX_T_UINT8 &&
		    o->eo_type <= EX_T_DOUBLE);
		break;
	}
}

/*
 * Walk a stream to its end.  Every call either returns an object past the
 * previous one, or an error; an error without progress cannot follow an
 * error without progress, and an error that goes back (to look for a
 * record just after the damaged one's start) resumes past where the walk
 * resumed after the error before, so the walk ends.
 * Returns the number of errors.
 */
static unsigned
walk(struct ex_stream *st, const uint8_t *data, size_t size, int skip)
{
	struct ex_obj o;
	uint64_t prev = st->st_pos, limit = st->st_limit, resume = 0;
	unsigned errs = 0, calls = 0;
	int resumed = 0;
	int r, stalled = 0;

	if (limit > size)
		limit = size;
	for (;;) {
		if ((r = ex_next(st, &o)) == EX_OK) {
			check_obj(&o, data, size, st->st_start, limit);
			if (skip && o.eo_type == EX_T_GROUP) {
				r = ex_skip_group(st, &o);
				FUZZ_ASSERT(r == EX_OK || r == EX_ERR);
				if (r == EX_OK)
					FUZZ_ASSERT(st->st_pending ||
					    st->st_depth == o.eo_depth);
			}
		}
		FUZZ_ASSERT(++calls <= 64 * (size + 4));
		if (r == EX_END) {
			FUZZ_ASSERT(st->st_dead || st->st_pos == limit ||
			    st->st_depth == 0);
			/* The end stays the end. */
			FUZZ_ASSERT(ex_next(st, &o) == EX_END);
			return (errs);
		}
		if (st->st_pos > limit && !st->st_dead) {
			/* A resync to where the record's size ends: past it */
			FUZZ_ASSERT(r == EX_ERR && st->st_resync);
			FUZZ_ASSERT(ex_next(st, &o) == EX_END);
			return (errs + 1);
		}
		if (r == EX_OK) {
			FUZZ_ASSERT(st->st_pos > prev);
			stalled = 0;
		} else {
			FUZZ_ASSERT(r == EX_ERR);
			FUZZ_ASSERT(st->st_err.ee_msg[0] != '\0');
			errs++;
			if (st->st_pos == prev && !st->st_dead) {
				FUZZ_ASSERT(!stalled);
				stalled = 1;
			} else {
				FUZZ_ASSERT(st->st_pos >= prev || st->st_dead ||
				    !resumed || st->st_pos > resume);
				stalled = 0;
			}
			if (!st->st_dead) {
				resume = st->st_pos;
				resumed = 1;
			}
			if (!st->st_resync)
				FUZZ_ASSERT(ex_next(st, &o) == EX_END);
		}
		prev = st->st_pos;
	}
}

/* Write one decoded object back; 0, or -1 if it cannot be rewritten. */
static int
rewrite(struct ex_wbuf *w, const struct ex_obj *o)
{
	switch (o->eo_type) {
	case EX_T_UINT8:
	case EX_T_UINT16:
	case EX_T_UINT32:
	case EX_T_UINT64:
		ex_w_uint(w, o->eo_tag, o->eo_u64);
		return (0);
	case EX_T_DOUBLE:
		ex_w_double_bits(w, o->eo_tag, o->eo_u64);
		return (0);
	case EX_T_STRING:
		/* The writer adds the NUL: only strings that end in one. */
		if (o->eo_data == NULL || o->eo_dlen == 0 ||
		    o->eo_data[o->eo_dlen - 1] != '\0')
			return (-1);
		ex_w_bytes(w, o->eo_tag, o->eo_data, (size_t)o->eo_dlen - 1);
		return (0);
	case EX_T_EXACCT:
	case EX_T_RAW:
		if (o->eo_data == NULL)
			return (-1);
		ex_w_bytes(w, o->eo_tag, o->eo_data, (size_t)o->eo_dlen);
		return (0);
	default:
		ex_w_group_begin(w, o->eo_tag);
		return (0);
	}
}

static int
same_obj(const struct ex_obj *a, const struct ex_obj *b)
{
	if (a->eo_tag != b->eo_tag || a->eo_depth != b->eo_depth)
		return (0);
	switch (a->eo_type) {
	case EX_T_DOUBLE:
		return (a->eo_u64 == b->eo_u64);
	case EX_T_STRING:
	case EX_T_EXACCT:
	case EX_T_RAW:
		return (a->eo_dlen == b->eo_dlen && (a->eo_dlen == 0 ||
		    memcmp(a->eo_data, b->eo_data, (size_t)a->eo_dlen) == 0));
	case EX_T_GROUP:
		/* Sizes are not read (as libexacct): the writer's are right. */
		return (a->eo_nobjs == b->eo_nobjs);
	default:
		return (a->eo_u64 == b->eo_u64);
	}
}

/*
 * An input that reads without damage, written back by the writer, reads
 * back as the same objects.  The writer's group sizes are right by
 * construction; the input's may not be (the reader, as libexacct, walks
 * groups by member count), so sizes are not compared.
 */
static void
round_trip(const uint8_t *data, size_t size)
{
	struct ex_src src, back;
	struct ex_stream st, st2;
	struct ex_wbuf w;
	struct ex_obj o, o2;
	uint32_t left[EX_MAX_DEPTH];
	unsigned depth = 0;
	int r;

	ex_src_open_mem(&src, data, size);
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	ex_w_init(&w);
	while ((r = ex_next(&st, &o)) == EX_OK) {
		if (rewrite(&w, &o) == -1)
			goto out;
		if (depth > 0)
			left[depth - 1]--;
		if (o.eo_type == EX_T_GROUP)
			left[depth++] = o.eo_nobjs;
		while (depth > 0 && left[depth - 1] == 0) {
			ex_w_group_end(&w);
			depth--;
		}
	}
	if (r != EX_END || depth != 0 || w.wb_err != 0)
		goto out;

	ex_src_open_mem(&back, w.wb_buf, w.wb_len);
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	ex_stream_init(&st2, &back, 0, UINT64_MAX);
	while ((r = ex_next(&st, &o)) == EX_OK) {
		FUZZ_ASSERT(ex_next(&st2, &o2) == EX_OK);
		/* The header's backskip is written 0: its size still agrees. */
		FUZZ_ASSERT(same_obj(&o, &o2));
	}
	FUZZ_ASSERT(r == EX_END);
	FUZZ_ASSERT(ex_next(&st2, &o2) == EX_END);
out:
	ex_w_free(&w);
}

/* The timeline's rows and summaries, printed as -i and -S would. */
static void
fz_row(void *arg, const struct ex_proc *row, const struct tl_span *sp)
{
	FUZZ_ASSERT(sp->sp_end >= sp->sp_start);
	rpt_proc_row(arg, row, sp);
}

static void
fz_sum(void *arg, const struct tl_sum *sm)
{
	FUZZ_ASSERT(sm->ts_span.sp_end >= sm->ts_span.sp_start);
	FUZZ_ASSERT(sm->ts_exits <= sm->ts_nproc);
	rpt_sum_row(arg, sm);
}

/*
 * Whether two records of a type hold the same fields with the same
 * values (a string by its kept bytes: a buffer may hold more behind them,
 * from an earlier item of the same id).
 */
static int
same_fields(int type, const void *x, const void *y)
{
	const struct rec_field *tab;
	const char *a = x, *b = y;
	uint64_t ha, hb;
	size_t i, n, sz;

	memcpy(&ha, a, sizeof (ha));
	memcpy(&hb, b, sizeof (hb));
	if (ha != hb)
		return (0);
	tab = rec_fields(type, &n);
	for (i = 0; i < n; i++) {
		const struct rec_field *f = &tab[i];
		uint16_t la, lb;

		if (f->rf_kind == 0 || (ha & EX_BIT(f->rf_id)) == 0)
			continue;
		switch (f->rf_kind) {
		case RF_STR:
			memcpy(&la, a + f->rf_loff, sizeof (la));
			memcpy(&lb, b + f->rf_loff, sizeof (lb));
			if (la != lb || memcmp(a + f->rf_off, b + f->rf_off,
			    la) != 0)
				return (0);
			continue;
		case RF_U8:
			sz = 1;
			break;
		case RF_U16:
			sz = 2;
			break;
		case RF_U32:
			sz = 4;
			break;
		case RF_V6:
			sz = 16;
			break;
		default:
			sz = 8;
			break;
		}
		if (memcmp(a + f->rf_off, b + f->rf_off, sz) != 0)
			return (0);
	}
	return (1);
}

/*
 * A decoded process, sweep or drop record written back by its encoder
 * and read again gives the same record.
 */
static void
roundtrip(const struct ex_record *in)
{
	static struct ex_wbuf w;
	static int ready;
	static struct rec_reader r2;
	static struct ex_record b;

	if (!ready) {
		ex_w_init(&w);
		ready = 1;
	}
	ex_w_reset(&w);
	switch (in->er_type) {
	case EXR_PROC:
		rec_encode_proc(&w, &in->er_u.er_proc);
		break;
	case EXR_SWEEP:
		rec_encode_sweep(&w, &in->er_u.er_sweep);
		break;
	case EXR_DROPS:
		rec_encode_drops(&w, &in->er_u.er_drops);
		break;
	default:
		return;
	}
	if (w.wb_err != 0)
		return;		/* out of memory: nothing to compare */
	FUZZ_ASSERT(rec_open_mem(&r2, w.wb_buf, w.wb_len) == 0);
	rec_want(&r2, 1u << in->er_type);
	FUZZ_ASSERT(rec_next(&r2, &b) == EX_OK);
	FUZZ_ASSERT(b.er_type == in->er_type);
	FUZZ_ASSERT(same_fields(in->er_type, &in->er_u, &b.er_u));
	if (in->er_type == EXR_PROC)
		FUZZ_ASSERT(b.er_u.er_proc.ep_kind == in->er_u.er_proc.ep_kind);
	FUZZ_ASSERT(rec_next(&r2, &b) == EX_END);
	rec_close(&r2);
}

/* The records of the input through the reports, as -c and -i see them. */
static void
records(const uint8_t *data, size_t size)
{
	static struct rec_reader rd;
	static struct ex_record rec;
	static struct ex_task trow;
	static struct tl tl;
	struct tl_out to;
	struct fl fl;
	struct rpt rp;
	struct opts op;
	unsigned calls = 0;
	size_t k;
	int x, fmt;

	if (rec_open_mem(&rd, data, size) == -1)
		return;
	memset(&op, 0, sizeof (op));
	op.op_n = 1;
	op.op_i = 1;
	fl_init(&fl);
	out_init(&fz_out, fz_null);
	rpt_init(&rp, &op, &fz_out);
	to.to_row = fz_row;
	to.to_sum = fz_sum;
	to.to_arg = &rp;
	tl_init(&tl, &to, 1);
	rec_want(&rd, 1u << EXR_PROC | 1u << EXR_TASK | 1u << EXR_FLOW |
	    1u << EXR_SWEEP | 1u << EXR_DROPS);
	while ((x = rec_next(&rd, &rec)) != EX_END) {
		FUZZ_ASSERT(++calls <= 2 * size + 4);
		if (x == EX_ERR) {
			FUZZ_ASSERT(rd.rr_emsg[0] != '\0');
			continue;
		}
		FUZZ_ASSERT(x == EX_OK);
		fmt = (int)(calls % 3);
		rp.rp_fmt = fmt == 0 ? FMT_TEXT : fmt == 1 ? FMT_CSV : FMT_JSON;
		switch (rec.er_type) {
		case EXR_PROC:
			FUZZ_ASSERT(rec.er_u.er_proc.ep_command_len <
			    EX_COMMAND_MAX);
			rpt_proc_row(&rp, &rec.er_u.er_proc, NULL);
			FUZZ_ASSERT(tl_proc(&tl, &rec.er_u.er_proc,
			    rd.rr_have_host ? rd.rr_host : NULL,
			    rd.rr_host_len, rd.rr_format == RR_PACCT,
			    calls) == 0);
			roundtrip(&rec);
			break;
		case EXR_SWEEP:
			FUZZ_ASSERT(tl_sweep(&tl, &rec.er_u.er_sweep,
			    NULL, 0) == 0);
			roundtrip(&rec);
			break;
		case EXR_DROPS:
			FUZZ_ASSERT(tl_drops(&tl, &rec.er_u.er_drops,
			    rd.rr_have_host ? rd.rr_host : NULL,
			    rd.rr_host_len) == 0);
			roundtrip(&rec);
			break;
		case EXR_TASK:
			rpt_task_row(&rp, &rec.er_u.er_task, NULL);
			if (iv_task(&tl.tl_iv, &rec.er_u.er_task, NULL, 0,
			    &trow) == 0)
				rpt_task_row(&rp, &trow, &calls_end);
			break;
		default:
			FUZZ_ASSERT(rec.er_type == EXR_FLOW);
			rpt_flow_row(&rp, &rec.er_u.er_flow);
			(void) fl_add(&fl, &rec.er_u.er_flow);
			break;
		}
	}
	tl_end(&tl);
	for (k = 0; k < fl.fl_count; k++)
		rpt_conn_row(&rp, fl_get(&fl, k));
	out_flush(&fz_out);
	tl_free(&tl);
	fl_free(&fl);
	rec_close(&rd);
}

/*
 * The writer's tail check on the input as a file, its header as long as
 * the input's first group says: the end it finds is a whole record's
 * (its trailing size leads to a group that ends there) or the header's,
 * never past the file, and a second look at the file cut there agrees.
 */
static void
tail_check(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static FILE *f;
	uint64_t hdrlen;
	int64_t end;

	if (size < 16 || (data[0] >> 4) != EX_T_GROUP)
		return;
	hdrlen = ex_be64(data + 4);
	if (hdrlen > size - 16)
		return;
	hdrlen += 16;
	if (fd == -1) {
		if ((f = tmpfile()) == NULL)
			return;
		fd = fileno(f);
	}
	if (ftruncate(fd, 0) == -1 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		return;
	if ((end = af_tail(fd, size, hdrlen)) == -1)
		return;
	FUZZ_ASSERT((uint64_t)end >= hdrlen && (uint64_t)end <= size);
	if ((uint64_t)end > hdrlen) {
		uint32_t len = ex_be32(data + end - 4);

		FUZZ_ASSERT(len <= (uint64_t)end - hdrlen);
		FUZZ_ASSERT((data[end - len] >> 4) == EX_T_GROUP);
		FUZZ_ASSERT(ex_be64(data + end - len + 4) == (uint64_t)len - 16);
	}
	FUZZ_ASSERT(ftruncate(fd, end) == 0);
	FUZZ_ASSERT(af_tail(fd, (uint64_t)end, hdrlen) == end);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ex_src src;
	struct ex_stream st;
	struct opts op;
	unsigned errs;
	char why[128];
	int v, r, pacct;

	if (fz_null == -1 && (fz_null = open("/dev/null", O_WRONLY)) == -1)
		abort();

	tail_check(data, size);
	ex_src_open_mem(&src, data, size);
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	errs = walk(&st, data, size, 0);
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	(void) walk(&st, data, size, 1);

	/* The same bytes as embedded data: a bounded range, no sizes. */
	if (size > 0) {
		ex_stream_init(&st, &src, 1, size);
		st.st_nosize = 1;
		(void) walk(&st, data, size, 0);
	}
	r = ex_unpack_check(&src, 0, size);
	FUZZ_ASSERT(r == 0 || r == -1);
	if (size == 0)
		FUZZ_ASSERT(r == -1);
	if (size > 1)
		(void) ex_unpack_check(&src, 1, size - 1);

	if (errs == 0)
		round_trip(data, size);

	pacct = size >= PACCT_RECSIZE && ex_be32(data) != EX_HEADER_TAG &&
	    pacct_probe(data, size < 8 * PACCT_RECSIZE ? size :
	    8 * PACCT_RECSIZE, why, sizeof (why)) != 0;
	for (v = 0; v <= 1; v++) {
		memset(&op, 0, sizeof (op));
		op.op_v = v;
		op.op_n = 1;
		out_init(&fz_out, fz_null);
		r = dump_src(&src, "fuzz", &op, &fz_out);
		FUZZ_ASSERT(r == EXIT_OK || r == EXIT_OPEN || r == EXIT_DAMAGE);
		/* A process-accounting file is dumped as records, not objects. */
		if ((v == 1 || r != EXIT_OPEN) && !pacct)
			FUZZ_ASSERT((r == EXIT_DAMAGE) == (errs > 0));
		out_flush(&fz_out);
	}
	ex_src_close(&src);
	records(data, size);
	return (0);
}
