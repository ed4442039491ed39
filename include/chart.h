/*
 * chart.h: -i -S -F svg, the summary drawn: one self-contained SVG (no
 * script, no external reference) with, per host, the CPU used in each
 * interval as a bar stacked by the host's CHART_TOP commands of the run
 * (the rest as "(other)", told from a command of that name by its
 * data-other="1" in place of data-cmd), the host's CPU as a line over
 * it, and below it the capture (used / host CPU) against 1.0 (or, when
 * no interval has the host's CPU, a note that there is none); times in
 * local time, ticks of seconds to years as the range asks.
 *
 * The interval driver hands over each summary (chart_sum) and then that
 * interval's split by command (chart_split, the entries of -S -g
 * command).  They are spooled to a temporary file and laid out at the
 * end (chart_close), so memory stays bounded whatever the input: at most
 * CHART_HOSTS hosts are drawn (the intervals of the others are counted
 * and said on stderr), and the ranking of commands keeps one table of
 * SPLIT_MAX keys (the processes of commands that find no place there are
 * drawn as other, and said).  A host of more intervals than the plot is
 * wide in px has them merged, so many to a bar (data-nivl) that there is
 * at most a bar per px: its sums are those of its intervals, its capture
 * their used over their host CPU.
 *
 * Every bar segment carries its exact value (data-cpu-ns, with
 * data-host, data-start, data-end, data-cmd) and each bar's group its
 * -S figures (data-used-ns, data-hcpu-ns, summed over its data-nivl
 * intervals), so that a program can read the chart back; names from the
 * files are escaped for XML.
 */
#ifndef CHART_H
#define CHART_H

#include <stddef.h>

#include "out.h"
#include "split.h"
#include "timeline.h"

#define	CHART_TOP	8	/* commands drawn apart per host */
#define	CHART_HOSTS	64	/* hosts drawn */

struct chart;

/* A chart spooling to a temporary file; NULL (said on stderr) if none. */
struct chart *chart_open(void);
/* An interval's summary (the -S row). */
void	chart_sum(struct chart *, const struct tl_sum *);
/* An entry of the split of the interval last given to chart_sum. */
void	chart_split(struct chart *, const struct sp_ent *);
/*
 * Write the SVG to o, say on stderr what was left out, free the chart;
 * *status is raised to EXIT_OPEN if the spool failed.
 */
void	chart_close(struct chart *, struct out *o, int *status);

/*
 * The bytes s[0..n) as XML text or attribute value, into dst (room for
 * CHART_XML_ROOM(n) bytes; NUL-terminated): & < > " ' as entities,
 * control characters, invalid UTF-8, what XML cannot hold and what is
 * not seen (fmt_cp_hidden: zero widths, BOM, tags, direction controls)
 * as U+FFFD;
 * with maxcp > 0 at most maxcp characters, then "...".  Its length.
 */
#define	CHART_XML_ROOM(n)	(6 * (n) + 8)
size_t	chart_xml(char *dst, const char *s, size_t n, size_t maxcp);

#endif /* CHART_H */
