/*
 * exacct_read.c: the exacct reader.
 *
 * A stream walks objects in file order the way libexacct does: a group is
 * returned as soon as its 20-byte header is read, and its members follow,
 * counted by the group's member count.  Like libexacct, an item is only
 * returned once the large backskips of the groups it completes have been
 * read too, so a file cut inside a record loses the same item the original
 * tool loses.  Like libexacct, nothing else is held against the file: a
 * group's size field, its small backskip and every large backskip are
 * read past, whatever they say, so any file the original walks to its end
 * is walked here the same way, object for object.  Unlike libexacct,
 * every length is checked against what the source holds before it is
 * used, and after damage (where the original stops) the walk picks up
 * again at the end of the damaged record when the record's size makes
 * that possible: the size is a hint for recovery, never a check.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"

/*
 * The size of a regular file as no writer is half-way through it: a
 * writer (the sweep) holds the file's exclusive lock for its whole
 * append, so the size seen under a shared lock ends with a whole write.
 * The lock is let go at once; what is appended later is not read.  The
 * wait is bounded (a sweep holds the lock for its walk of /proc, well
 * under LOCK_WAIT_MS), and made only for a file of root or of the reader:
 * anyone could hold a lock on a file of their own for ever.  0, or -1 if
 * the file is not locked so (then it is read to its end, as any file is).
 */
#define	LOCK_WAIT_MS	10000
#define	LOCK_STEP_MS	20

static int
stable_size(int fd, uint64_t *size, const struct stat *first)
{
	struct flock fl;
	struct stat st;
	struct timespec step = { 0, LOCK_STEP_MS * 1000000L };
	int r, waited = 0;

	if (first->st_uid != 0 && first->st_uid != geteuid())
		return (-1);
	memset(&fl, 0, sizeof (fl));
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	while ((r = fcntl(fd, F_SETLK, &fl)) == -1 &&
	    (errno == EINTR || errno == EAGAIN || errno == EACCES) &&
	    waited < LOCK_WAIT_MS) {
		(void) nanosleep(&step, NULL);
		waited += LOCK_STEP_MS;
	}
	if (r == -1)
		return (-1);
	r = fstat(fd, &st);
	fl.l_type = F_UNLCK;
	(void) fcntl(fd, F_SETLK, &fl);
	if (r == -1 || st.st_size < 0)
		return (-1);
	*size = (uint64_t)st.st_size;
	return (0);
}

int
ex_src_open_fd(struct ex_src *s, int fd)
{
	struct stat st;
	uint64_t size;

	memset(s, 0, sizeof (*s));
	s->es_fd = fd;
	if (fstat(fd, &st) == -1)
		return (-1);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return (-1);
	}
	s->es_seekable = S_ISREG(st.st_mode) || S_ISBLK(st.st_mode);
	if ((s->es_win = malloc(EX_WINDOW)) == NULL)
		return (-1);
	if (S_ISREG(st.st_mode) && stable_size(fd, &size, &st) == 0) {
		s->es_size = size;
		s->es_eof = 1;
		s->es_limit = size;
		s->es_limited = 1;
	}
	return (0);
}

void
ex_src_open_mem(struct ex_src *s, const void *buf, size_t len)
{
	memset(s, 0, sizeof (*s));
	s->es_fd = -1;
	s->es_mem = buf;
	s->es_size = len;
	s->es_eof = 1;
}

void
ex_src_close(struct ex_src *s)
{
	free(s->es_win);
	s->es_win = NULL;
}

/* Read into the window until it holds need bytes or the file ends. */
static int
src_fill(struct ex_src *s, size_t need)
{
	while (s->es_wlen < need) {
		ssize_t n;
		size_t room = EX_WINDOW - s->es_wlen;

		/* A file read as of a size: nothing past it. */
		if (s->es_limited) {
			if (s->es_woff + s->es_wlen >= s->es_limit) {
				s->es_eof = 1;
				return (-1);
			}
			if (room > s->es_limit - s->es_woff - s->es_wlen)
				room = (size_t)(s->es_limit - s->es_woff -
				    s->es_wlen);
		}
		if (s->es_seekable)
			n = pread(s->es_fd, s->es_win + s->es_wlen, room,
			    (off_t)(s->es_woff + s->es_wlen));
		else
			n = read(s->es_fd, s->es_win + s->es_wlen, room);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			s->es_errno = errno;
			return (-1);
		}
		if (n == 0) {
			s->es_eof = 1;
			return (-1);
		}
		s->es_wlen += (size_t)n;
		if (s->es_woff + s->es_wlen > s->es_size)
			s->es_size = s->es_woff + s->es_wlen;
	}
	return (0);
}

/* Move the window so that it starts at off, keeping what it has. */
static int
src_move(struct ex_src *s, uint64_t off)
{
	uint64_t wend = s->es_woff + s->es_wlen;

	if (off < s->es_woff) {
		if (!s->es_seekable) {
			s->es_errno = ESPIPE;
			return (-1);
		}
		s->es_woff = off;
		s->es_wlen = 0;
	} else if (off < wend) {
		size_t drop = (size_t)(off - s->es_woff);

		memmove(s->es_win, s->es_win + drop, s->es_wlen - drop);
		s->es_wlen -= drop;
		s->es_woff = off;
	} else if (s->es_seekable) {
		s->es_woff = off;
		s->es_wlen = 0;
	} else {
		/* A pipe: read and drop up to off. */
		s->es_woff = wend;
		s->es_wlen = 0;
		while (s->es_woff < off) {
			uint64_t left = off - s->es_woff;
			size_t want = left < EX_WINDOW ? (size_t)left :
			    EX_WINDOW;

			if (src_fill(s, want) == -1) {
				s->es_woff += s->es_wlen;
				s->es_wlen = 0;
				return (-1);
			}
			s->es_woff += want;
			s->es_wlen = 0;
		}
	}
	return (0);
}

const uint8_t *
ex_src_get_slow(struct ex_src *s, uint64_t off, size_t len)
{
	uint64_t keep;

	if (s->es_fd == -1) {
		if (off > s->es_size || len > s->es_size - off)
			return (NULL);
		return (s->es_mem + off);
	}
	if (len > EX_WINDOW)
		return (NULL);
	if (off >= s->es_woff && off - s->es_woff <= s->es_wlen &&
	    len <= s->es_wlen - (off - s->es_woff))
		return (s->es_win + (off - s->es_woff));
	if (s->es_errno != 0)
		return (NULL);

	/* Refill, keeping the pinned bytes if they fit with the request. */
	keep = off;
	if (s->es_pin >= s->es_woff && s->es_pin < off &&
	    off - s->es_pin + len <= EX_WINDOW)
		keep = s->es_pin;
	if (src_move(s, keep) == -1)
		return (NULL);
	if (src_fill(s, (size_t)(off - keep) + len) == -1)
		return (NULL);
	return (s->es_win + (off - s->es_woff));
}

int
ex_src_have(struct ex_src *s, uint64_t end)
{
	struct stat st;

	if (end <= s->es_size)
		return (1);
	if (s->es_fd == -1 || s->es_eof)
		return (0);
	if (s->es_seekable) {
		if (fstat(s->es_fd, &st) == -1) {
			s->es_errno = errno;
			return (-1);
		}
		if ((uint64_t)st.st_size > s->es_size)
			s->es_size = (uint64_t)st.st_size;
		return (end <= s->es_size);
	}
	/*
	 * A pipe can only be asked about what fits in the window.  The
	 * window may still start well before the object being read: let go
	 * of the bytes before it (the pin) first, or an item that fits the
	 * window could not be read after a long one.
	 */
	if (end - s->es_woff > EX_WINDOW && s->es_pin > s->es_woff &&
	    src_move(s, s->es_pin) == -1)
		return (s->es_errno != 0 ? -1 : 0);
	if (end - s->es_woff > EX_WINDOW) {
		s->es_errno = EFBIG;
		return (-1);
	}
	if (src_fill(s, (size_t)(end - s->es_woff)) == -1)
		return (s->es_errno != 0 ? -1 : 0);
	return (1);
}

void
ex_stream_init(struct ex_stream *st, struct ex_src *src, uint64_t start,
    uint64_t limit)
{
	st->st_src = src;
	st->st_start = start;
	st->st_pos = start;
	st->st_limit = limit;
	st->st_depth = 0;
	st->st_resync = 1;
	st->st_dead = 0;
	st->st_pending = 0;
	st->st_mnobjs = 0;
	st->st_moff = st->st_mpos = st->st_mend = 0;
	st->st_hwm = 0;
	st->st_clear_lo = st->st_clear_hi = 0;
	st->st_steps = 0;
	st->st_nosize = 0;
	st->st_err.ee_off = 0;
	st->st_err.ee_msg[0] = '\0';
}

static void
st_error(struct ex_stream *st, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	st->st_err.ee_off = off;
	va_start(ap, fmt);
	(void) vsnprintf(st->st_err.ee_msg, sizeof (st->st_err.ee_msg), fmt,
	    ap);
	va_end(ap);
}

/* The source could not give bytes: say whether it was I/O or the end. */
static void
st_short(struct ex_stream *st, uint64_t off, const char *what)
{
	struct ex_src *s = st->st_src;

	if (s->es_errno != 0)
		st_error(st, off, "read error: %s", strerror(s->es_errno));
	else if (st->st_limit != UINT64_MAX)
		st_error(st, off, "%s runs past the end of its "
		    "embedded object", what);
	else
		st_error(st, off, "file ends inside %s", what);
}

/*
 * The scan for a record after damage: how far it looks, and the largest
 * record it takes (a view of the window must hold its start and end).
 */
#define	SCAN_MAX	(64u << 20)
#define	SCAN_REC_MAX	(EX_WINDOW / 2)
#define	SCAN_STEPS	65536	/* records a scan's chains may walk */

/*
 * Whether a whole top-level record starts at off: a group's tag, a size
 * that fits, and a closing backskip that holds the record's length, as
 * every writer writes it.  A random byte passes all three about once in
 * 2^36 tries.  2 if it starts as a record does but the source ends
 * before its end (a record cut by the end of the file).
 */
static int
record_at(struct ex_stream *st, uint64_t off, uint64_t *lenp, int known)
{
	struct ex_src *s = st->st_src;
	const uint8_t *p;
	uint64_t size, total;
	uint32_t tag, id;

	s->es_pin = off;
	if ((p = ex_src_get(s, off, 16)) == NULL)
		return (0);
	tag = ex_be32(p);
	id = EX_ID(tag);
	if (EX_TYPE(tag) != EX_T_GROUP)
		return (0);
	/* Only the groups records are: the header, 0x100-0x10f, local. */
	if (known && ((tag & EX_CAT_MASK) >> 24 > EX_C_LOCAL ||
	    ((tag & EX_CAT_MASK) == 0 && id != EXD_GROUP_HEADER &&
	    (id < 0x100 || id > 0x10f))))
		return (0);
	size = ex_be64(p + 4);
	if (size < 8 || size > SCAN_REC_MAX)
		return (0);
	total = size + 16;
	*lenp = total;
	if (off > st->st_limit || st->st_limit - off < total)
		return (0);
	if (ex_src_have(s, off + total) == 0 && s->es_errno == 0)
		return (2);
	if ((p = ex_src_get(s, off + total - 4, 4)) == NULL)
		return (0);
	return (ex_be32(p) == total);
}

/*
 * Whether whole records follow one another from off until one that
 * starts past at, or to the end of the source: so do the records
 * appended after a torn one, while a group nested in a record (even one
 * that holds the damage) is followed by its parent's next member, which
 * is no record.
 */
static int
chain_past(struct ex_stream *st, uint64_t off, uint64_t at, int known)
{
	uint64_t len;
	int r;

	for (;;) {
		if (off == st->st_limit ||
		    ex_src_have(st->st_src, off + 1) == 0)
			return (1);
		/* A budget, so that nested groups cost no square. */
		if (st->st_steps == 0)
			return (0);
		st->st_steps--;
		if ((r = record_at(st, off, &len, known)) == 0)
			return (0);
		if (r == 2 || off > at)
			return (1);	/* cut by the end, or past the damage */
		off += len;
	}
}

/*
 * The first offset from from on, at most SCAN_MAX bytes on, where a whole
 * record starts from which whole records go on past at (the damage): 1
 * with *found; else where the first record cut by the end starts, past
 * at, if one does (the walk then says the file ends inside it); or 0
 * (nothing in reach; *found is then where the scan stopped).  A pipe
 * cannot go back: it scans from what it still holds.
 */
static int
st_scan(struct ex_stream *st, uint64_t from, uint64_t at, uint64_t *found,
    int known)
{
	struct ex_src *s = st->st_src;
	const uint8_t *p;
	uint64_t o, stop, len, lo, cut = UINT64_MAX;
	int r;

	if (s->es_fd != -1 && !s->es_seekable && from < s->es_woff)
		from = s->es_woff;
	/*
	 * Where a scan before found nothing, nor will this one: go on from
	 * its end, and what this one finds nothing in adds to that stretch.
	 */
	lo = from;
	if (from >= st->st_clear_lo && from < st->st_clear_hi) {
		lo = st->st_clear_lo;
		from = st->st_clear_hi;
	}
	stop = from > UINT64_MAX - SCAN_MAX ? UINT64_MAX : from + SCAN_MAX;
	if (stop > st->st_limit)
		stop = st->st_limit;
	st->st_steps = SCAN_STEPS;
	for (o = from; o < stop; o++) {
		s->es_pin = o;
		if (ex_src_have(s, o + 16) != 1 ||
		    (p = ex_src_get(s, o, 1)) == NULL)
			break;
		if ((p[0] >> 4) != EX_T_GROUP ||
		    (r = record_at(st, o, &len, known)) == 0)
			continue;
		if (r == 1 && chain_past(st, o, at, known)) {
			*found = o;
			return (1);
		}
		if (r == 2 && o > at && cut == UINT64_MAX)
			cut = o;
	}
	if (cut != UINT64_MAX) {
		*found = cut;
		return (1);
	}
	if (!known) {
		st->st_clear_lo = lo;
		st->st_clear_hi = o;
	}
	*found = o;
	return (0);
}

/* Add a note to the message of the error being told. */
static void
st_note(struct ex_stream *st, const char *fmt, ...)
{
	size_t n = strlen(st->st_err.ee_msg);
	va_list ap;

	if (n >= sizeof (st->st_err.ee_msg) - 1)
		return;
	va_start(ap, fmt);
	(void) vsnprintf(st->st_err.ee_msg + n, sizeof (st->st_err.ee_msg) -
	    n, fmt, ap);
	va_end(ap);
}

/*
 * After damage, go on at the next offset where a whole record starts,
 * looked for from just after the start of the damaged record (or of the
 * object at fault, between records): a torn record followed by later
 * appends loses only itself.  If none is in reach, stop.
 *
 * Damage right after a group whose members ended, by count, elsewhere
 * than its size says is most likely a wrong count: the walk by count led
 * into the middle of something.  Then the mismatch is what is told, and
 * the record just read (st_frames[0] still holds it when the whole record
 * closed) gives where to go on.
 */
static int
st_fail(struct ex_stream *st, uint64_t at)
{
	uint64_t next, from, base, decl = UINT64_MAX;
	int record = st->st_depth > 0, eof;

	if (st->st_pending && st->st_src->es_errno == 0) {
		st_error(st, st->st_moff, "group of %u members ends at "
		    "offset %llu, but its size says %llu", st->st_mnobjs,
		    (unsigned long long)st->st_mpos,
		    (unsigned long long)st->st_mend);
		record = 1;
	}
	st->st_pending = 0;
	from = at < UINT64_MAX ? at + 1 : at;
	base = at;
	eof = at >= st->st_limit || ex_src_have(st->st_src, at + 1) != 1;
	if (record) {
		/*
		 * Not where its size says it ends (a torn record's size runs
		 * into what was appended after it, and may even end on a
		 * record there, past others): the first whole record after
		 * its start, which is that end when the size is right.
		 */
		base = st->st_frames[0].ef_off;
		from = base + 1;
		/*
		 * Never back before damage already met: what lies there was
		 * read once again already (a file of nested damaged records
		 * would be read, and printed, again at every level).
		 */
		if (from <= st->st_hwm)
			from = st->st_hwm + 1;
		if (st->st_frames[0].ef_end <= UINT64_MAX - 4 &&
		    st->st_frames[0].ef_end + 4 > at &&
		    st->st_frames[0].ef_end + 4 <= st->st_limit)
			decl = st->st_frames[0].ef_end + 4;
	}
	if (at > st->st_hwm)
		st->st_hwm = at;
	/*
	 * Damage that is the end of the source (a record cut by it): only
	 * records appended after a torn one, taken by the walk as its
	 * members, can lie before it, and only the groups that records are
	 * are looked for (a group nested in the cut record is not one).
	 */
	next = at;
	if (st->st_src->es_errno == 0 && (!eof || record) &&
	    from < (eof ? at : UINT64_MAX) &&
	    st_scan(st, from, at, &next, eof)) {
		/* Said only when it is not where the record's size ends. */
		if (next != decl)
			st_note(st, "; %llu bytes from offset %llu skipped to "
			    "a record at offset %llu",
			    (unsigned long long)(next - base),
			    (unsigned long long)base, (unsigned long long)next);
		st->st_pos = next;
		st->st_depth = 0;
		st->st_resync = 1;
		return (EX_ERR);
	}
	if (decl != UINT64_MAX && st->st_src->es_errno == 0) {
		/* No record found: where the size ends, as ever. */
		st->st_pos = decl;
		st->st_depth = 0;
		st->st_resync = 1;
		return (EX_ERR);
	}
	if (st->st_src->es_errno == 0 && next < st->st_limit &&
	    ex_src_have(st->st_src, next + 16) == 1)
		st_note(st, "; no whole record in the %u MB after it: the "
		    "rest is not read", SCAN_MAX >> 20);
	st->st_resync = 0;
	st->st_dead = 1;
	return (EX_ERR);
}

/*
 * Close every group whose members are all read: each ends with a 4-byte
 * backskip, whose value, like libexacct, we never look at.  A group whose
 * members did not end where its size says is remembered (the innermost
 * one), not reported: libexacct never reads the size, and the walk goes
 * on where the count led, as the original's does.  Only if the next
 * object then fails to read is the mismatch told (st_fail).
 */
static int
st_close(struct ex_stream *st, uint64_t *posp)
{
	uint64_t pos = *posp;

	while (st->st_depth > 0) {
		struct ex_frame *f = &st->st_frames[st->st_depth - 1];

		if (f->ef_seen < f->ef_nobjs)
			break;
		if (pos > st->st_limit || st->st_limit - pos < 4 ||
		    ex_src_get(st->st_src, pos, 4) == NULL) {
			/* This is the damage, not a mismatch inside. */
			st->st_pending = 0;
			st_short(st, f->ef_off, "a group before its closing "
			    "backskip");
			return (st_fail(st, pos));
		}
		if (pos != f->ef_end && !st->st_nosize && !st->st_pending) {
			st->st_pending = 1;
			st->st_moff = f->ef_off;
			st->st_mnobjs = f->ef_nobjs;
			st->st_mpos = pos + 4;
			st->st_mend = f->ef_end <= UINT64_MAX - 4 ?
			    f->ef_end + 4 : UINT64_MAX;
		}
		pos += 4;
		st->st_depth--;
	}
	*posp = pos;
	return (EX_OK);
}

int
ex_next(struct ex_stream *st, struct ex_obj *o)
{
	struct ex_src *s = st->st_src;
	const uint8_t *p;
	uint64_t pos = st->st_pos, size, total;
	unsigned type;
	int r = 1;

	if (st->st_dead)
		return (EX_END);
	st->st_resync = 1;
	s->es_pin = pos;

	if (pos == st->st_limit || (st->st_limit == UINT64_MAX &&
	    (r = ex_src_have(s, pos + 1)) == 0)) {
		if (st->st_depth == 0)
			return (EX_END);
		st_short(st, st->st_frames[st->st_depth - 1].ef_off,
		    "a group before all its members");
		return (st_fail(st, pos));
	}
	if (st->st_limit == UINT64_MAX && r == -1) {
		st_short(st, pos, "an object");
		return (st_fail(st, pos));
	}
	if (st->st_limit - pos < 4 || (p = ex_src_get(s, pos, 4)) == NULL) {
		st_short(st, pos, "an object's tag");
		return (st_fail(st, pos));
	}

	memset(o, 0, sizeof (*o));
	o->eo_off = pos;
	o->eo_tag = ex_be32(p);
	o->eo_type = type = EX_TYPE(o->eo_tag);
	o->eo_depth = st->st_depth;

	switch (type) {
	case EX_T_UINT8:
	case EX_T_UINT16:
	case EX_T_UINT32:
	case EX_T_UINT64:
	case EX_T_DOUBLE:
		total = 8 + (type == EX_T_UINT8 ? 1 : type == EX_T_UINT16 ? 2 :
		    type == EX_T_UINT32 ? 4 : 8);
		if (st->st_limit - pos < total ||
		    (p = ex_src_get(s, pos, (size_t)total)) == NULL) {
			st_short(st, pos, "an item");
			return (st_fail(st, pos));
		}
		p += 4;
		switch (type) {
		case EX_T_UINT8:
			o->eo_u64 = p[0];
			break;
		case EX_T_UINT16:
			o->eo_u64 = ex_be16(p);
			break;
		case EX_T_UINT32:
			o->eo_u64 = ex_be32(p);
			break;
		case EX_T_UINT64:
			o->eo_u64 = ex_be64(p);
			break;
		default: {
			uint64_t bits = ex_be64(p);

			o->eo_u64 = bits;
			memcpy(&o->eo_dbl, &bits, sizeof (o->eo_dbl));
			break;
		}
		}
		break;

	case EX_T_STRING:
	case EX_T_EXACCT:
	case EX_T_RAW:
		if (st->st_limit - pos < 12 ||
		    (p = ex_src_get(s, pos, 12)) == NULL) {
			st_short(st, pos, "an item's size");
			return (st_fail(st, pos));
		}
		size = ex_be64(p + 4);
		if (size < 4) {
			st_error(st, pos, "item size %llu is less than its "
			    "4-byte backskip", (unsigned long long)size);
			return (st_fail(st, pos));
		}
		if (size > st->st_limit - pos - 12) {
			st_short(st, pos, "an item");
			return (st_fail(st, pos));
		}
		total = 12 + size;
		o->eo_doff = pos + 12;
		o->eo_dlen = size - 4;
		if (o->eo_dlen <= EX_VIEW_MAX) {
			if ((p = ex_src_get(s, pos, (size_t)total)) == NULL) {
				st_short(st, pos, "an item");
				return (st_fail(st, pos));
			}
			o->eo_data = p + 12;
		} else if ((r = ex_src_have(s, pos + total)) != 1) {
			if (r == -1 && s->es_errno == EFBIG)
				st_error(st, pos, "item of %llu bytes is too "
				    "large to read from a pipe",
				    (unsigned long long)size);
			else
				st_short(st, pos, "an item");
			return (st_fail(st, pos));
		}
		break;

	case EX_T_GROUP:
		if (st->st_limit - pos < 20 ||
		    (p = ex_src_get(s, pos, 20)) == NULL) {
			st_short(st, pos, "a group's header");
			return (st_fail(st, pos));
		}
		/*
		 * The size and the small backskip are not checked, whatever
		 * they hold (libexacct reads past both): the size is kept
		 * only as where to go on after damage.
		 */
		o->eo_gsize = ex_be64(p + 4);
		o->eo_nobjs = ex_be32(p + 12);
		if (st->st_depth >= EX_MAX_DEPTH) {
			st_error(st, pos, "groups nested deeper than %d",
			    EX_MAX_DEPTH);
			return (st_fail(st, pos));
		}
		total = 20;
		break;

	default:
		st_error(st, pos, "invalid object type 0x%x in tag 0x%08x",
		    type, (unsigned)o->eo_tag);
		if (st->st_depth > 0) {
			struct ex_frame *f = &st->st_frames[st->st_depth - 1];

			if (pos >= f->ef_end && !st->st_nosize)
				st_error(st, f->ef_off, "group declares %u "
				    "members, but %u fill its size",
				    f->ef_nobjs, f->ef_seen);
		}
		return (st_fail(st, pos));
	}

	/* The object is whole: the walk by count went on fine. */
	st->st_pending = 0;
	pos += total;
	if (st->st_depth > 0)
		st->st_frames[st->st_depth - 1].ef_seen++;
	if (type == EX_T_GROUP) {
		struct ex_frame *f = &st->st_frames[st->st_depth++];

		f->ef_off = o->eo_off;
		f->ef_end = o->eo_gsize > UINT64_MAX - o->eo_off - 12 ?
		    UINT64_MAX : o->eo_off + 12 + o->eo_gsize;
		f->ef_nobjs = o->eo_nobjs;
		f->ef_seen = 0;
	}
	if ((r = st_close(st, &pos)) != EX_OK)
		return (r);
	st->st_pos = pos;
	return (EX_OK);
}

int
ex_skip_group(struct ex_stream *st, const struct ex_obj *g)
{
	struct ex_obj o;
	int r;

	while (st->st_depth > g->eo_depth) {
		if ((r = ex_next(st, &o)) != EX_OK)
			return (r);
	}
	return (EX_OK);
}

int
ex_unpack_check(struct ex_src *src, uint64_t off, uint64_t len)
{
	struct ex_stream st;
	struct ex_obj o;
	int r, n = 0;

	ex_stream_init(&st, src, off, off + len);
	st.st_nosize = 1;
	while ((r = ex_next(&st, &o)) == EX_OK)
		n++;
	return (r == EX_END && n > 0 ? 0 : -1);
}

/* The header's hostname, cut to fit and marked so if it does not. */
static void
keep_host(struct ex_src *src, const struct ex_obj *ob, struct ex_header *hd)
{
	const uint8_t *p = ob->eo_data;
	uint64_t n = ob->eo_dlen;

	if (p == NULL)
		p = ex_src_get(src, ob->eo_doff, sizeof (hd->eh_host));
	if (p == NULL) {
		hd->eh_host_cut = 1;
		hd->eh_have_host = 1;
		return;
	}
	if (ob->eo_data != NULL && n > 0 && p[n - 1] == '\0')
		n--;
	hd->eh_host_cut = n > sizeof (hd->eh_host) - 1;
	if (hd->eh_host_cut)
		n = sizeof (hd->eh_host) - 1;
	memcpy(hd->eh_host, p, (size_t)n);
	hd->eh_host[n] = '\0';
	hd->eh_host_len = (size_t)n;
	hd->eh_have_host = 1;
}

/*
 * A string item's value as libexacct's strcmp reads it: up to its first
 * NUL, whatever follows, so a payload too long to be a view is looked at
 * too.  A payload with no NUL at all is taken whole (where strcmp would
 * read past the end of it).
 */
static int
str_is(struct ex_src *src, const struct ex_obj *ob, const char *want)
{
	size_t n = strlen(want);
	const uint8_t *p = ob->eo_data;

	if (ob->eo_dlen < n)
		return (0);
	if (p == NULL && (p = ex_src_get(src, ob->eo_doff, n + 1)) == NULL)
		return (0);
	if (memcmp(p, want, n) != 0)
		return (0);
	return (ob->eo_dlen == n || p[n] == '\0');
}

int
ex_read_header(struct ex_stream *st, struct ex_header *hd, char *why,
    size_t len)
{
	struct ex_obj ob;
	const uint8_t *p;
	uint32_t i, nobjs;
	int r, version = 0, type = 0, creator = 0;

	if (hd != NULL)
		memset(hd, 0, sizeof (*hd));

	/*
	 * Look at the first tag before decoding anything, so that a file of
	 * some other kind is called that, not a damaged object.
	 */
	if ((r = ex_src_have(st->st_src, 1)) == 0) {
		(void) snprintf(why, len, "not an exacct file: it is empty");
		return (-1);
	}
	if (r == 1 && (p = ex_src_get(st->st_src, 0, 4)) != NULL &&
	    ex_be32(p) != EX_HEADER_TAG) {
		(void) snprintf(why, len, "not an exacct file: no header "
		    "(tag 0x%08x)", (unsigned)ex_be32(p));
		return (-1);
	}
	if ((r = ex_next(st, &ob)) == EX_END) {
		(void) snprintf(why, len, "not an exacct file: it is empty");
		return (-1);
	}
	if (r == EX_ERR) {
		(void) snprintf(why, len, "not an exacct file: offset %llu: %s",
		    (unsigned long long)st->st_err.ee_off, st->st_err.ee_msg);
		return (-1);
	}
	if (ob.eo_tag != EX_HEADER_TAG) {
		(void) snprintf(why, len, "not an exacct file: no header "
		    "(tag 0x%08x)", (unsigned)ob.eo_tag);
		return (-1);
	}
	nobjs = ob.eo_nobjs;
	for (i = 0; i < nobjs; i++) {
		if ((r = ex_next(st, &ob)) != EX_OK) {
			(void) snprintf(why, len, "not an exacct file: damaged "
			    "header: %s",
			    r == EX_END ? "file ends inside it" :
			    st->st_err.ee_msg);
			return (-1);
		}
		switch (ob.eo_tag) {
		case EX_TAG(EX_T_UINT32, 0, EXD_VERSION):
			if (ob.eo_u64 != EX_VERSION) {
				(void) snprintf(why, len, "unsupported exacct "
				    "version %llu",
				    (unsigned long long)ob.eo_u64);
				return (-1);
			}
			version = 1;
			break;
		case EX_TAG(EX_T_STRING, 0, EXD_FILETYPE):
			if (!str_is(st->st_src, &ob, "exacct")) {
				(void) snprintf(why, len, "not an exacct "
				    "file: the header's file type is not "
				    "\"exacct\"");
				return (-1);
			}
			type = 1;
			break;
		case EX_TAG(EX_T_STRING, 0, EXD_CREATOR):
			creator = 1;
			break;
		case EX_TAG(EX_T_STRING, 0, EXD_HOSTNAME):
			if (hd != NULL)
				keep_host(st->st_src, &ob, hd);
			break;
		default:
			break;
		}
	}
	if (!version || !type || !creator) {
		(void) snprintf(why, len, "not an exacct file: the header "
		    "has no %s",
		    !version ? "version" : !type ? "file type" : "creator");
		return (-1);
	}
	return (0);
}
