/*
 * fmt.c: numbers for the reports, exactly and without printf.
 *
 * Every figure is computed from the integers in the record (decimal,
 * rounded half up where a form rounds), so 15105 chars is 15.11 KB on
 * every machine, where a double would give 15.10.
 */
#include <stdint.h>
#include <string.h>

#include "fmt.h"
#include "out.h"

char *
fmt_u64(char *p, uint64_t v)
{
	char buf[20], *q = out_digits(buf + sizeof (buf), v);
	size_t n;

	n = (size_t)(buf + sizeof (buf) - q);
	memcpy(p, q, n);
	return (p + n);
}

char *
fmt_lit(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return (p + n);
}

/* prec decimals of frac / den, frac < den, den * 200 fits in 64 bits. */
char *
fmt_frac(char *p, uint64_t q, uint64_t frac, uint64_t den, unsigned prec)
{
	uint64_t scale = prec == 1 ? 10 : 100, f;

	/* Half up: floor(frac * scale / den + 1/2), exactly. */
	f = (2 * frac * scale + den) / (2 * den);
	if (f >= scale) {
		f -= scale;
		if (q < UINT64_MAX)
			q++;
	}
	p = fmt_u64(p, q);
	*p++ = '.';
	if (prec == 2)
		*p++ = (char)('0' + f / 10);
	*p++ = (char)('0' + f % 10);
	return (p);
}

char *
fmt_ratio(char *p, uint64_t v, uint64_t den, unsigned prec)
{
	return (fmt_frac(p, v / den, v % den, den, prec));
}

/*
 * The whole part and the remainder are taken apart, so nothing
 * overflows: the remainder is less than den, and is scaled down with den
 * until 2000 times it fits.
 */
char *
fmt_ratio_n(char *p, uint64_t num, uint64_t den, unsigned prec)
{
	static const uint64_t scales[] = { 1, 10, 100, 1000 };
	uint64_t w = num / den, r = num % den, scale, f;
	unsigned i;

	if (prec > 3)
		prec = 3;
	scale = scales[prec];
	while (den > UINT64_MAX / 2000) {
		r /= 2;
		den /= 2;
	}
	f = (2 * scale * r + den) / (2 * den);	/* 0 ... scale */
	if (f >= scale) {
		f -= scale;
		w = w < UINT64_MAX ? w + 1 : w;
	}
	p = fmt_u64(p, w);
	if (prec == 0)
		return (p);
	*p++ = '.';
	for (i = prec; i > 0; i--) {
		p[i - 1] = (char)('0' + f % 10);
		f /= 10;
	}
	return (p + prec);
}

void
fmt_norm(uint64_t *sec, uint64_t *nsec)
{
	uint64_t carry = *nsec / NS_PER_SEC;

	*nsec %= NS_PER_SEC;
	*sec = *sec > UINT64_MAX - carry ? UINT64_MAX : *sec + carry;
}

/* Cut, not rounded, so a time never moves into the next second. */
char *
fmt_ms(char *p, uint64_t ns)
{
	uint64_t ms = ns % NS_PER_SEC / 1000000;

	p = fmt_u64(p, ns / NS_PER_SEC);
	*p++ = '.';
	*p++ = (char)('0' + ms / 100);
	*p++ = (char)('0' + ms / 10 % 10);
	*p++ = (char)('0' + ms % 10);
	return (p);
}

/* n digits of v, zero-padded on the left. */
static char *
put_padded(char *p, uint64_t v, unsigned n)
{
	unsigned i;

	for (i = n; i > 0; i--) {
		p[i - 1] = (char)('0' + v % 10);
		v /= 10;
	}
	return (p + n);
}

char *
fmt_sec9(char *p, const struct fval *v)
{
	if (v->fv_neg)
		*p++ = '-';
	p = fmt_u64(p, v->fv_a);
	*p++ = '.';
	return (put_padded(p, v->fv_b, 9));
}

/* The seconds' digits, then the nanoseconds' nine: exact at any size. */
char *
fmt_ns(char *p, const struct fval *v)
{
	if (v->fv_neg && (v->fv_a != 0 || v->fv_b != 0))
		*p++ = '-';
	if (v->fv_a == 0)
		return (fmt_u64(p, v->fv_b));
	p = fmt_u64(p, v->fv_a);
	return (put_padded(p, v->fv_b, 9));
}

/*
 * v / 1000 has three decimals, v / 1024 ten (1/1024 = 0.0009765625):
 * the fraction is scaled to ten digits and the zeros at its end dropped.
 */
char *
fmt_exact(char *p, uint64_t v, uint64_t den)
{
	uint64_t frac = v % den, digits;
	unsigned n;

	p = fmt_u64(p, v / den);
	if (frac == 0)
		return (p);
	if (den == 1024) {
		digits = frac * UINT64_C(9765625);	/* < 1e10 */
		n = 10;
	} else {
		digits = frac;
		n = 3;
	}
	while (digits % 10 == 0) {
		digits /= 10;
		n--;
	}
	*p++ = '.';
	return (put_padded(p, digits, n));
}
