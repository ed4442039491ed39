/*
 * exacct.h: our own codec for the illumos extended accounting format.
 *
 * The reader walks a file (or a memory buffer) object by object the way
 * libexacct does, by member counts, and checks every length against what
 * is really there.  Like libexacct it never holds a group's size field or
 * a backskip against anything: a group's declared size only tells where
 * to pick up the walk once the walk by count has failed.  It never
 * allocates per object: strings and raw data are views into a fixed
 * window.  The writer packs the same objects into a growing buffer.
 */
#ifndef EXACCT_H
#define EXACCT_H

#include <stddef.h>
#include <stdint.h>

/* Catalog tag layout: type (31-28), catalog (27-24), data id (23-0). */
#define	EX_TYPE_MASK	0xf0000000u
#define	EX_CAT_MASK	0x0f000000u
#define	EX_ID_MASK	0x00ffffffu
#define	EX_TYPE(tag)	((unsigned)((tag) >> 28))
#define	EX_ID(tag)	((uint32_t)(tag) & EX_ID_MASK)

#define	EX_T_UINT8	0x1
#define	EX_T_UINT16	0x2
#define	EX_T_UINT32	0x3
#define	EX_T_UINT64	0x4
#define	EX_T_DOUBLE	0x5
#define	EX_T_STRING	0x6
#define	EX_T_EXACCT	0x7
#define	EX_T_RAW	0x8
#define	EX_T_GROUP	0xf

#define	EX_C_DEFAULT	0x0
#define	EX_C_LOCAL	0x1

/* Build a tag from type, catalog and data id. */
#define	EX_TAG(type, cat, id) \
	((uint32_t)(type) << 28 | (uint32_t)(cat) << 24 | ((uint32_t)(id) & EX_ID_MASK))

/* Data ids (catalog 0x0) the codec itself needs; the rest are in records.h */
#define	EXD_VERSION		0x000001
#define	EXD_FILETYPE		0x000002
#define	EXD_CREATOR		0x000003
#define	EXD_HOSTNAME		0x000004
#define	EXD_GROUP_HEADER	0x0000ff

#define	EX_HEADER_TAG	EX_TAG(EX_T_GROUP, EX_C_DEFAULT, EXD_GROUP_HEADER)
#define	EX_VERSION	1

/* Limits.  Depth counts groups and embedded objects together. */
#define	EX_MAX_DEPTH	128		/* deepest nesting we follow */
#define	EX_WINDOW	(1u << 20)	/* read window of a file source */
#define	EX_VIEW_MAX	(1u << 19)	/* largest payload given as a view */

/*
 * A byte source: a file read through a fixed window, or a memory buffer.
 * Offsets are absolute from the start of the file or buffer.
 */
struct ex_src {
	int		es_fd;		/* -1 for a memory source */
	int		es_seekable;	/* pread works on es_fd */
	const uint8_t	*es_mem;	/* memory source: the buffer */
	uint8_t		*es_win;	/* file source: the window */
	uint64_t	es_woff;	/* file offset of es_win[0] */
	size_t		es_wlen;	/* valid bytes in the window */
	uint64_t	es_size;	/* bytes known to exist */
	int		es_eof;		/* es_size is the true end */
	uint64_t	es_pin;		/* refills keep bytes from here on */
	int		es_errno;	/* I/O error, 0 if none */
	/*
	 * A regular file is read as of its size when it was opened, taken
	 * under a shared lock, so that a writer half-way through an append
	 * is never seen (see stable_size in exacct_read.c).
	 */
	int		es_limited;
	uint64_t	es_limit;
};

/* A decoded object.  Views stay valid until the next call on the stream. */
struct ex_obj {
	uint64_t	eo_off;		/* offset of the tag */
	uint32_t	eo_tag;		/* the catalog tag */
	unsigned	eo_type;	/* EX_T_* */
	unsigned	eo_depth;	/* groups around it in its stream */
	uint64_t	eo_u64;		/* uint8..uint64, widened; a double's bits */
	double		eo_dbl;		/* double (for printing: on x87 a copy
					   may quiet a signalling NaN, so the
					   bits are in eo_u64) */
	/* string, raw, embedded: the payload (without the backskip) */
	uint64_t	eo_doff;	/* offset of the payload */
	uint64_t	eo_dlen;	/* payload length */
	const uint8_t	*eo_data;	/* view, or NULL if > EX_VIEW_MAX */
	/* group */
	uint32_t	eo_nobjs;
	uint64_t	eo_gsize;	/* the group's size field */
};

/* Why a stream stopped: the error carries the offset of the object at fault. */
struct ex_err {
	uint64_t	ee_off;
	char		ee_msg[160];
};

struct ex_frame {
	uint64_t	ef_off;		/* offset of the group's tag */
	uint64_t	ef_end;		/* its members' end, by its size */
	uint32_t	ef_nobjs;
	uint32_t	ef_seen;
};

/* A flat walk over the objects in [st_pos, st_limit) of a source. */
struct ex_stream {
	struct ex_src	*st_src;
	uint64_t	st_start;	/* where the walk began */
	uint64_t	st_pos;		/* next object */
	uint64_t	st_limit;	/* end of the range, UINT64_MAX: file end */
	unsigned	st_depth;
	struct ex_frame	st_frames[EX_MAX_DEPTH];
	struct ex_err	st_err;
	int		st_resync;	/* after an error: the walk goes on */
	int		st_dead;	/* no resync was possible: at the end */
	int		st_nosize;	/* no size hints (embedded data) */
	/*
	 * A group just closed, by count, somewhere other than where its
	 * size says.  That is no damage (libexacct never reads the size)
	 * unless the very next object fails to read: then the mismatch is
	 * what is told, and the walk picks up where the record's size ends.
	 */
	int		st_pending;	/* set until the next object reads */
	uint32_t	st_mnobjs;	/* the group's member count */
	/*
	 * The scan after damage (exacct_read.c): the furthest damage met,
	 * before which the walk never goes back again; the stretch a scan
	 * found no record in; the chain steps left to the scan under way.
	 */
	uint64_t	st_hwm;
	uint64_t	st_clear_lo;
	uint64_t	st_clear_hi;
	uint64_t	st_steps;
	uint64_t	st_moff;	/* its tag's offset */
	uint64_t	st_mpos;	/* where its members ended by count */
	uint64_t	st_mend;	/* where its size says they end */
};

/* ex_next() results */
#define	EX_OK	0
#define	EX_END	1		/* clean end of the range */
#define	EX_ERR	(-1)		/* st_err says what; st_resync says if it goes on */

/* Sources */
int	ex_src_open_fd(struct ex_src *, int fd);	/* 0, or -1 with errno */
void	ex_src_open_mem(struct ex_src *, const void *buf, size_t len);
void	ex_src_close(struct ex_src *);		/* frees the window, not fd */
/* View of [off, off+len), len <= EX_WINDOW; NULL if short or on error. */
const uint8_t *ex_src_get_slow(struct ex_src *, uint64_t off, size_t len);

static inline const uint8_t *
ex_src_get(struct ex_src *s, uint64_t off, size_t len)
{
	/* The common case inline: a file source whose window has it all. */
	if (s->es_fd != -1 && off >= s->es_woff &&
	    off - s->es_woff <= s->es_wlen &&
	    len <= s->es_wlen - (off - s->es_woff))
		return (s->es_win + (off - s->es_woff));
	return (ex_src_get_slow(s, off, len));
}
/* 1 if the source holds at least end bytes, 0 if not, -1 on error. */
int	ex_src_have(struct ex_src *, uint64_t end);

/* Streams */
void	ex_stream_init(struct ex_stream *, struct ex_src *, uint64_t start,
	    uint64_t limit);
int	ex_next(struct ex_stream *, struct ex_obj *);
/* Skip the rest of the group just returned (members and backskip). */
int	ex_skip_group(struct ex_stream *, const struct ex_obj *);

/*
 * Check that [off, off+len) of a source unpacks the way libexacct's
 * ea_unpack_object() accepts it: one or more whole objects, groups by
 * member count, ending exactly at the end.  0 if it does, -1 if not.
 */
int	ex_unpack_check(struct ex_src *, uint64_t off, uint64_t len);

/*
 * The file header, checked as libexacct checks it before a plain dump:
 * the first object is the header group, and the objects after it, read by
 * its member count, give version 1, file type "exacct" and a creator.  0
 * with hd (if not NULL) holding the hostname, or -1 with why saying what
 * is wrong ("not an exacct file: ...", "unsupported exacct version N").
 */
struct ex_header {
	int		eh_have_host;
	int		eh_host_cut;	/* longer than eh_host holds */
	size_t		eh_host_len;
	char		eh_host[257];
};

int	ex_read_header(struct ex_stream *, struct ex_header *, char *why,
	    size_t whylen);

/* Big-endian loads, whatever the host. */
static inline uint16_t
ex_be16(const uint8_t *p)
{
	return ((uint16_t)(p[0] << 8 | p[1]));
}

static inline uint32_t
ex_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3]);
}

static inline uint64_t
ex_be64(const uint8_t *p)
{
	return ((uint64_t)ex_be32(p) << 32 | ex_be32(p + 4));
}

/*
 * The writer.  Objects are appended to one growing buffer; groups are
 * opened and closed, and their size and member count are filled in at
 * close.  Any failure sticks in wb_err (an errno) and later calls do
 * nothing, so a caller checks once at the end.
 */
struct ex_wbuf {
	uint8_t		*wb_buf;
	size_t		wb_len;
	size_t		wb_cap;
	int		wb_err;
	unsigned	wb_depth;
	size_t		wb_gstart[EX_MAX_DEPTH];	/* open groups */
	uint32_t	wb_gcount[EX_MAX_DEPTH + 1];	/* members so far */
};

void	ex_w_init(struct ex_wbuf *);
void	ex_w_free(struct ex_wbuf *);
void	ex_w_reset(struct ex_wbuf *);		/* empty, keep the memory */
void	ex_w_uint(struct ex_wbuf *, uint32_t tag, uint64_t v);	/* by tag type */
void	ex_w_double(struct ex_wbuf *, uint32_t tag, double v);
/* A double by its IEEE-754 bits, which pass no floating-point register. */
void	ex_w_double_bits(struct ex_wbuf *, uint32_t tag, uint64_t bits);
/* string: len bytes, a NUL is appended; raw and embedded: as given */
void	ex_w_bytes(struct ex_wbuf *, uint32_t tag, const void *p, size_t len);
void	ex_w_string(struct ex_wbuf *, uint32_t tag, const char *s);
void	ex_w_group_begin(struct ex_wbuf *, uint32_t tag);
void	ex_w_group_end(struct ex_wbuf *);
/* The file header: version 1, "exacct", creator, optional hostname. */
void	ex_w_header(struct ex_wbuf *, const char *creator, const char *host);

#endif /* EXACCT_H */
