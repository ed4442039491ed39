/*
 * filter.c: the record and row filters of -c and -i (see filter.h).
 */
#include <string.h>
#include <time.h>

#include "filter.h"
#include "records.h"

#define	NS	UINT64_C(1000000000)
/* The most seconds whose ns still fit in 64 bits, a bit under. */
#define	MAX_SEC	UINT64_C(18446744072)

void
filt_init(struct filt *f)
{
	memset(f, 0, sizeof (*f));
	f->f_kind = -1;
}

/* n digits at s into *v; 0, or -1 if one is not a digit. */
static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		*v = *v * 10 + (s[i] - '0');
	}
	return (0);
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static int
mdays(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return (29);
	return (dm[m - 1]);
}

/* HH:MM[:SS] at s; the rest in *end.  0, or -1 with *why. */
static int
clock_part(const char *s, int *h, int *mi, int *sec, const char **end,
    const char **why)
{
	if (digits(s, 2, h) == -1 || s[2] != ':' || digits(s + 3, 2, mi) ==
	    -1) {
		*why = "the time of day is not HH:MM or HH:MM:SS";
		return (-1);
	}
	s += 5;
	*sec = 0;
	if (*s == ':') {
		if (digits(s + 1, 2, sec) == -1) {
			*why = "the seconds are not two digits";
			return (-1);
		}
		s += 3;
	}
	if (*h > 23) {
		*why = "the hour is not 00 to 23";
		return (-1);
	}
	if (*mi > 59) {
		*why = "the minute is not 00 to 59";
		return (-1);
	}
	if (*sec > 59) {
		*why = "the second is not 00 to 59";
		return (-1);
	}
	*end = s;
	return (0);
}

/* A local broken-down time to seconds: 0, or -1 with *why. */
static int
local_secs(struct tm *tm, uint64_t *secs, const char **why)
{
	time_t t;

	tm->tm_isdst = -1;
	if ((t = mktime(tm)) == (time_t)-1 || t < 0) {
		*why = "it is not a local time this system can convert";
		return (-1);
	}
	*secs = (uint64_t)t;
	return (0);
}

static int
epoch_time(const char *s, uint64_t *ns, const char **why)
{
	uint64_t sec = 0, frac = 0, scale = NS;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		sec = sec * 10 + (uint64_t)(*p - '0');
		if (sec > MAX_SEC) {
			*why = "the epoch seconds are out of range";
			return (-1);
		}
	}
	if (*p == '.') {
		if (p[1] == '\0') {
			*why = "no digits after the decimal point";
			return (-1);
		}
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale == 1) {
				*why = "more than nine decimals";
				return (-1);
			}
			scale /= 10;
			frac += (uint64_t)(*p - '0') * scale;
		}
	}
	if (*p != '\0') {
		*why = "it is not epoch seconds, YYYY-MM-DDTHH:MM[:SS] "
		    "(local, or with Z or +HH:MM) or HH:MM[:SS]";
		return (-1);
	}
	*ns = sec * NS + frac;
	return (0);
}

static int
iso_time(const char *s, uint64_t *ns, const char **why)
{
	int y, mo, d, h, mi, sec, oh, om, sign;
	const char *p;
	uint64_t secs;
	int64_t days, t;
	struct tm tm;

	if (digits(s, 4, &y) == -1 || s[4] != '-' || digits(s + 5, 2, &mo) ==
	    -1 || s[7] != '-' || digits(s + 8, 2, &d) == -1 ||
	    (s[10] != 'T' && s[10] != 't')) {
		*why = "the date is not YYYY-MM-DD followed by T";
		return (-1);
	}
	if (y < 1970) {
		*why = "the year is before 1970";
		return (-1);
	}
	if (mo < 1 || mo > 12) {
		*why = "the month is not 01 to 12";
		return (-1);
	}
	if (d < 1 || d > mdays(y, mo)) {
		*why = "the day is not in its month";
		return (-1);
	}
	if (clock_part(s + 11, &h, &mi, &sec, &p, why) == -1)
		return (-1);
	if (*p == '\0') {
		memset(&tm, 0, sizeof (tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		if (local_secs(&tm, &secs, why) == -1)
			return (-1);
		*ns = secs * NS;
		return (0);
	}
	oh = om = 0;
	sign = 1;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		/* UTC */
	} else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh) == 0 &&
	    p[3] == ':' && digits(p + 4, 2, &om) == 0 && p[6] == '\0') {
		if (oh > 23 || om > 59) {
			*why = "the zone offset is not -23:59 to +23:59";
			return (-1);
		}
		sign = *p == '-' ? -1 : 1;
	} else {
		*why = "after the time comes nothing, Z, or +HH:MM or -HH:MM";
		return (-1);
	}
	days = days_from_civil(y, mo, d);
	t = days * 86400 + h * 3600 + mi * 60 + sec -
	    sign * (oh * 3600 + om * 60);
	if (t < 0) {
		*why = "it is before 1970";
		return (-1);
	}
	*ns = (uint64_t)t * NS;
	return (0);
}

int
filt_time(const char *s, time_t now, uint64_t *ns, const char **why)
{
	int h, mi, sec;
	const char *p;
	uint64_t secs;
	struct tm tm;

	if (*s == '\0') {
		*why = "it is empty";
		return (-1);
	}
	if (strlen(s) > 4 && s[4] == '-')
		return (iso_time(s, ns, why));
	if (strlen(s) > 2 && s[2] == ':') {
		if (clock_part(s, &h, &mi, &sec, &p, why) == -1)
			return (-1);
		if (*p != '\0') {
			*why = "after HH:MM[:SS] comes nothing (today, local "
			    "time)";
			return (-1);
		}
		if (localtime_r(&now, &tm) == NULL) {
			*why = "today's date is unknown";
			return (-1);
		}
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		if (local_secs(&tm, &secs, why) == -1)
			return (-1);
		*ns = secs * NS;
		return (0);
	}
	return (epoch_time(s, ns, why));
}

int
filt_kthread(const struct ex_proc *p)
{
	if (EP_HAS(p, EXD_PROC_KTHREAD) && p->ep_kthread != 0)
		return (1);
	/* Files of no such item: kthreadd (pid 2) and its children. */
	if (EP_HAS(p, EXD_PROC_PID) && p->ep_pid == 2)
		return (1);
	return (EP_HAS(p, EXD_PROC_ANCPID) && p->ep_ppid == 2);
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return (alen == blen && memcmp(a, b, alen) == 0);
}

int
filt_proc_who(const struct filt *f, const struct ex_proc *p)
{
	if (f->f_have_uid && (!EP_HAS(p, EXD_PROC_UID) || p->ep_uid !=
	    f->f_uid))
		return (0);
	if (f->f_have_cmd && (!EP_HAS(p, EXD_PROC_COMMAND) || p->ep_command_cut ||
	    !same(p->ep_command, p->ep_command_len, f->f_cmd, f->f_cmdlen)))
		return (0);
	if (f->f_have_zone && (!EP_HAS(p, EXD_PROC_ZONENAME) || p->ep_zone_cut ||
	    !same(p->ep_zone, p->ep_zone_len, f->f_zone, f->f_zonelen)))
		return (0);
	if (f->f_kind != -1 && p->ep_kind != f->f_kind)
		return (0);
	if (f->f_K && filt_kthread(p))
		return (0);
	return (1);
}

int
filt_end(const struct filt *f, uint64_t end)
{
	return ((!f->f_have_s || end >= f->f_s) &&
	    (!f->f_have_e || end <= f->f_e));
}

static uint64_t
ns_of(uint64_t sec, uint64_t nsec)
{
	if (sec > MAX_SEC)
		return (UINT64_MAX);
	return (sec * NS + (nsec < NS ? nsec : NS - 1));
}

int
filt_proc(const struct filt *f, const struct ex_proc *p, const uint64_t *end)
{
	if (!f->f_any)
		return (1);
	if (!filt_proc_who(f, p))
		return (0);
	if (!f->f_have_s && !f->f_have_e)
		return (1);
	if (end != NULL)
		return (filt_end(f, *end));
	return (EP_HAS(p, EXD_PROC_FINISH_SEC) && filt_end(f,
	    ns_of(p->ep_finish_sec, EP_HAS(p, EXD_PROC_FINISH_NSEC) ?
	    p->ep_finish_nsec : 0)));
}

int
filt_task(const struct filt *f, const struct ex_task *t, const uint64_t *end)
{
	if (!f->f_any)
		return (1);
	/* A task has no user and no command. */
	if (f->f_have_uid || f->f_have_cmd)
		return (0);
	if (f->f_have_zone && (!ET_HAS(t, EXD_TASK_ZONENAME) || t->et_zone_cut ||
	    !same(t->et_zone, t->et_zone_len, f->f_zone, f->f_zonelen)))
		return (0);
	if (f->f_kind != -1 && t->et_kind != f->f_kind)
		return (0);
	if (!f->f_have_s && !f->f_have_e)
		return (1);
	if (end != NULL)
		return (filt_end(f, *end));
	return (ET_HAS(t, EXD_TASK_FINISH_SEC) && filt_end(f,
	    ns_of(t->et_finish_sec, ET_HAS(t, EXD_TASK_FINISH_NSEC) ?
	    t->et_finish_nsec : 0)));
}

int
filt_flow(const struct filt *f, const struct ex_flow *fl)
{
	if (!f->f_any)
		return (1);
	/* A flow has no command, zone or kind. */
	if (f->f_have_cmd || f->f_have_zone || f->f_kind != -1)
		return (0);
	if (f->f_have_uid && (!EF_HAS(fl, EXD_FLOW_UID) || fl->ef_uid !=
	    f->f_uid))
		return (0);
	if (!f->f_have_s && !f->f_have_e)
		return (1);
	/* Its end: when it was last seen, in seconds. */
	return (EF_HAS(fl, EXD_FLOW_LSEEN) && filt_end(f,
	    ns_of(fl->ef_lseen, 0)));
}
