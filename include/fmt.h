/*
 * fmt.h: the values of report rows, and how each format writes them.
 *
 * A row is a list of values (struct fval), one per field (fields.h).
 * fmt.c writes numbers: exactly, from integers, without printf or the
 * locale; fmt_text.c, fmt_csv.c and fmt_json.c write a value the way
 * their format does.  Every writer writes into a buffer the caller has
 * made room in (FMT_VAL_MAX bytes a value, at most) and returns the end.
 *
 * The three forms of a value:
 *	text	for reading and awk: times and ratios rounded as the
 *		columns always were, "-" when absent, strings escaped
 *	CSV	every value at full precision (times in seconds with nine
 *		decimals), an empty field when absent
 *	JSON	the same values; a time as integer nanoseconds under the
 *		field's name with "_ns" added; absent members left out
 */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>
#include <stdint.h>

#define	NS_PER_SEC	UINT64_C(1000000000)

/* The longest string a value holds, and the most a value takes written. */
#define	FV_STR_MAX	320
#define	FMT_VAL_MAX	(6 * FV_STR_MAX + 64)

enum {
	FV_NONE,	/* absent */
	FV_U64,		/* fv_a */
	FV_TIME,	/* fv_a seconds fv_b ns, negative if fv_neg */
	FV_DEC,		/* fv_a / fv_b, exactly (fv_b 1000 or 1024) */
	FV_RATIO,	/* fv_a / fv_b rounded to fv_prec decimals, everywhere */
	FV_STR		/* fv_s, fv_n bytes, from a file: escaped */
};

/* The text form of a time (fv_prec): */
#define	FT_WHOLE	0	/* whole seconds (a flow's times) */
#define	FT_2DEC		2	/* seconds, two decimals, rounded */
#define	FT_3CUT		3	/* seconds, three decimals, cut */

struct fval {
	uint8_t		fv_t;		/* FV_* */
	uint8_t		fv_prec;	/* text decimals (FV_DEC: 1 or 2) */
	uint8_t		fv_neg;
	uint8_t		fv_cut;		/* FV_STR: cut short in the record */
	uint64_t	fv_a;
	uint64_t	fv_b;
	const char	*fv_s;
	size_t		fv_n;
	char		fv_buf[64];	/* a string made for the row */
};

/* Numbers (fmt.c). */
char	*fmt_u64(char *, uint64_t);
char	*fmt_lit(char *, const char *);
/* q + frac / den (frac < den) with prec (1 or 2) decimals, half up. */
char	*fmt_frac(char *, uint64_t q, uint64_t frac, uint64_t den,
	    unsigned prec);
/* v / den with prec (1 or 2) decimals, rounded half up. */
char	*fmt_ratio(char *, uint64_t v, uint64_t den, unsigned prec);
/* num / den with prec (0-3) decimals, rounded half up; den > 0. */
char	*fmt_ratio_n(char *, uint64_t num, uint64_t den, unsigned prec);
/* ns as seconds with three decimals, cut. */
char	*fmt_ms(char *, uint64_t ns);
/* A time exactly: seconds with nine decimals, and integer ns. */
char	*fmt_sec9(char *, const struct fval *);
char	*fmt_ns(char *, const struct fval *);
/* v / den (1000 or 1024) exactly, trailing zeros left out. */
char	*fmt_exact(char *, uint64_t v, uint64_t den);
/* sec + nsec made whole (nsec < 1e9), saturating. */
void	fmt_norm(uint64_t *sec, uint64_t *nsec);

/* The formats' strings and values. */
char	*fmt_text_val(char *, const struct fval *);
char	*fmt_csv_val(char *, const struct fval *);
char	*fmt_json_str(char *, const char *, size_t);
/*
 * Whether a code point must not reach a terminal or a reader as is: C1
 * controls, format characters (bidirectional controls, zero-width ones,
 * the BOM, tags), the other default-ignorables, separators and
 * noncharacters.  JSON escapes them; so does the chart.
 */
int	fmt_cp_hidden(uint32_t cp);
/* ,"name":value (name_ns for a time); nothing if absent. */
char	*fmt_json_member(char *, const char *name, const struct fval *);

/* Setting values. */
static inline void
fv_none(struct fval *v)
{
	v->fv_t = FV_NONE;
}

static inline void
fv_u64(struct fval *v, uint64_t a)
{
	v->fv_t = FV_U64;
	v->fv_a = a;
}

static inline void
fv_time(struct fval *v, uint64_t sec, uint64_t nsec, unsigned prec)
{
	v->fv_t = FV_TIME;
	v->fv_neg = 0;
	v->fv_a = sec;
	v->fv_b = nsec;
	fmt_norm(&v->fv_a, &v->fv_b);
	v->fv_prec = (uint8_t)prec;
}

static inline void
fv_ns(struct fval *v, uint64_t ns, unsigned prec)
{
	fv_time(v, ns / NS_PER_SEC, ns % NS_PER_SEC, prec);
}

static inline void
fv_dec(struct fval *v, uint64_t a, uint64_t den, unsigned prec)
{
	v->fv_t = FV_DEC;
	v->fv_a = a;
	v->fv_b = den;
	v->fv_prec = (uint8_t)prec;
}

static inline void
fv_ratio(struct fval *v, uint64_t num, uint64_t den, unsigned prec)
{
	v->fv_t = FV_RATIO;
	v->fv_a = num;
	v->fv_b = den;
	v->fv_prec = (uint8_t)prec;
}

static inline void
fv_str(struct fval *v, const char *s, size_t n, int cut)
{
	v->fv_t = FV_STR;
	v->fv_s = s;
	v->fv_n = n < FV_STR_MAX ? n : FV_STR_MAX;
	v->fv_cut = (uint8_t)(cut != 0);
}

#endif /* FMT_H */
