/*
 * out.h: the one buffered output stream every report writes through.
 *
 * Numbers are formatted here, without printf and without the locale, so a
 * report is the same under any LC_ALL and fast enough for files of many
 * gigabytes.  A write error sticks and is reported once by out_close().
 */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define	OUT_BUFSZ	(256 * 1024)

struct out {
	int	o_fd;
	int	o_err;		/* errno of the first failed write */
	size_t	o_len;
	char	o_buf[OUT_BUFSZ];
};

extern struct out *out_std;	/* standard output */

void	out_init(struct out *, int fd);
void	out_flush(struct out *);
int	out_close(struct out *);	/* flush; 0, or -1 with errno */

void	out_bytes_slow(struct out *, const void *, size_t);
void	out_str(struct out *, const char *);

/* The common case inline: what fits in the buffer is copied there. */
static inline void
out_bytes(struct out *o, const void *p, size_t n)
{
	if (n < OUT_BUFSZ - o->o_len) {
		memcpy(o->o_buf + o->o_len, p, n);
		o->o_len += n;
	} else {
		out_bytes_slow(o, p, n);
	}
}

static inline void
out_char(struct out *o, int c)
{
	if (o->o_len + 1 < OUT_BUFSZ)
		o->o_buf[o->o_len++] = (char)c;
	else
		out_bytes_slow(o, &(char){ (char)c }, 1);
}
void	out_spaces(struct out *, size_t);
/* The decimal digits of v, written backwards to end (20 bytes at most). */
char	*out_digits(char *end, uint64_t v);
/* Unsigned and signed decimal, right- or left-aligned in width. */
void	out_u64(struct out *, uint64_t);
void	out_i64(struct out *, int64_t);
void	out_u64_left(struct out *, uint64_t, unsigned width);
void	out_i64_left(struct out *, int64_t, unsigned width);
void	out_i64_right(struct out *, int64_t, unsigned width);
/* Rare formats (doubles): vsnprintf in the C locale's rules. */
void	out_printf(struct out *, const char *, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Escape bytes for a report: printable ASCII is kept, every other byte is
 * written as \ooo, and each byte in extra (e.g. "\\\"" or " \\") gets a
 * backslash: in extra, a space or tab is written as \ooo too.
 */
void	out_escaped(struct out *, const uint8_t *, size_t, const char *extra);

#endif /* OUT_H */
