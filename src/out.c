/*
 * out.c: buffered, locale-free output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "out.h"

static struct out out_stdout;
struct out *out_std = &out_stdout;

void
out_init(struct out *o, int fd)
{
	o->o_fd = fd;
	o->o_err = 0;
	o->o_len = 0;
}

void
out_flush(struct out *o)
{
	size_t done = 0;

	while (done < o->o_len && o->o_err == 0) {
		ssize_t n = write(o->o_fd, o->o_buf + done, o->o_len - done);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			o->o_err = errno;
			break;
		}
		done += (size_t)n;
	}
	o->o_len = 0;
}

int
out_close(struct out *o)
{
	out_flush(o);
	if (o->o_err != 0) {
		errno = o->o_err;
		return (-1);
	}
	return (0);
}

void
out_bytes_slow(struct out *o, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		size_t room = OUT_BUFSZ - o->o_len, k = n < room ? n : room;

		memcpy(o->o_buf + o->o_len, s, k);
		o->o_len += k;
		s += k;
		n -= k;
		if (o->o_len == OUT_BUFSZ)
			out_flush(o);
	}
}

void
out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

void
out_spaces(struct out *o, size_t n)
{
	while (n > 0) {
		size_t room = OUT_BUFSZ - o->o_len, k = n < room ? n : room;

		memset(o->o_buf + o->o_len, ' ', k);
		o->o_len += k;
		n -= k;
		if (o->o_len == OUT_BUFSZ)
			out_flush(o);
	}
}

static const char digits2[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

char *
out_digits(char *end, uint64_t v)
{
	char *p = end;

	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		*--p = digits2[d + 1];
		*--p = digits2[d];
	}
	if (v >= 10) {
		*--p = digits2[v * 2 + 1];
		*--p = digits2[v * 2];
	} else {
		*--p = (char)('0' + v);
	}
	return (p);
}

static void
out_num(struct out *o, uint64_t mag, int neg, unsigned width, int left)
{
	char buf[24], *p = out_digits(buf + sizeof (buf), mag);
	size_t n;

	if (neg)
		*--p = '-';
	n = (size_t)(buf + sizeof (buf) - p);
	if (!left && width > n)
		out_spaces(o, width - n);
	out_bytes(o, p, n);
	if (left && width > n)
		out_spaces(o, width - n);
}

static uint64_t
mag64(int64_t v)
{
	return (v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

void
out_u64(struct out *o, uint64_t v)
{
	out_num(o, v, 0, 0, 1);
}

void
out_i64(struct out *o, int64_t v)
{
	out_num(o, mag64(v), v < 0, 0, 1);
}

void
out_u64_left(struct out *o, uint64_t v, unsigned width)
{
	out_num(o, v, 0, width, 1);
}

void
out_i64_left(struct out *o, int64_t v, unsigned width)
{
	out_num(o, mag64(v), v < 0, width, 1);
}

void
out_i64_right(struct out *o, int64_t v, unsigned width)
{
	out_num(o, mag64(v), v < 0, width, 0);
}

void
out_printf(struct out *o, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof (buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof (buf)) {
		out_bytes(o, buf, (size_t)n);
		return;
	}
	/* Long output (a huge %f): write what fits in a larger pass. */
	{
		char big[4096];

		va_start(ap, fmt);
		n = vsnprintf(big, sizeof (big), fmt, ap);
		va_end(ap);
		out_bytes(o, big, (size_t)n < sizeof (big) ? (size_t)n :
		    sizeof (big) - 1);
	}
}

static int
needs_escape(uint8_t c, const char *extra)
{
	if (c < 0x20 || c > 0x7e)
		return (2);
	if (c != '\0' && strchr(extra, c) != NULL)
		return (c == ' ' || c == '\t' ? 2 : 1);
	return (0);
}

void
out_escaped(struct out *o, const uint8_t *p, size_t n, const char *extra)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		int e = needs_escape(p[i], extra);
		char b[4];

		if (e == 0)
			continue;
		out_bytes(o, p + run, i - run);
		run = i + 1;
		b[0] = '\\';
		if (e == 1) {
			b[1] = (char)p[i];
			out_bytes(o, b, 2);
		} else {
			b[1] = (char)('0' + (p[i] >> 6));
			b[2] = (char)('0' + ((p[i] >> 3) & 7));
			b[3] = (char)('0' + (p[i] & 7));
			out_bytes(o, b, 4);
		}
	}
	out_bytes(o, p + run, n - run);
}

