#!/bin/sh
# bench.sh: throughput and peak memory of exdump on a file of about 100 MB,
# run by "make bench" from the project root (never by "make check": it
# takes tens of seconds and its figures depend on the machine).
#
# The file is built once, under build/bench/, from the records of the
# proc, proc_partial, task and flow fixtures repeated after one header, so
# it holds what a real accounting file holds.  Each mode is run once to
# warm the page cache and then BENCH_RUNS times (5 unless set); the table
# gives the median, lowest and highest throughput in MB of input a second
# of wall time (MB = 1,000,000 bytes), the median by CPU time (user plus
# system, which other work on the machine disturbs less) and the highest
# peak RSS, next to the targets of the issues; the verdict is on the wall
# time median.  A second, 10 MB file shows that memory does not grow with
# the file.  Then every bench/*_bench.sh runs: the benches of the other
# parts (the sweep against ps, with 2,000 and with 10,000 extra
# processes: both ratios; the interval report's memory), and last
# bench/capture.sh (the capture ratio of the interval report, 5 min).
#
# Environment: EXDUMP (the binary, ./exdump), CC (builds bench/runstat.c),
# BENCH_RUNS.  Exit status 1 if exdump failed on a run or a *_bench.sh
# failed; figures below a target are reported, not treated as failure.
set -eu

EXDUMP=${EXDUMP:-./exdump}
RUNS=${BENCH_RUNS:-5}
CC=${CC:-cc}
dir=build/bench
big=$dir/bench-100mb.exacct
small=$dir/bench-10mb.exacct
res=$dir/result
fixtures="proc proc_partial task flow"
LC_ALL=C
export LC_ALL

mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# runstat measures wall time and peak RSS of one run (bench/runstat.c).
rs=$dir/runstat
if [ ! -x "$rs" ] || [ bench/runstat.c -nt "$rs" ]; then
	$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o "$rs" bench/runstat.c
fi

# The length of a file's leading header group: its size field (bytes
# 4-11, big-endian) counts all but the tag, the size field itself and the
# group's final backskip, so the whole group is 16 + size bytes.
header_len() {
	tag=$(od -An -tx1 -N4 "$1" | tr -d ' \n')
	if [ "$tag" != "f00000ff" ]; then
		echo "bench: $1 does not start with a header group" >&2
		exit 1
	fi
	n=0
	for b in $(od -An -tu1 -j4 -N8 "$1"); do
		n=$((n * 256 + b))
	done
	echo $((16 + n))
}

# Build a file of at least $2 MB: one header, then whole 1 MB blocks of
# fixture records.  Written aside and renamed, so a build cut short is
# never taken for a finished one.
build_file() {
	out=$1
	mb=$2
	chunk=$tmp/chunk
	block=$tmp/block
	first=""
	: >"$chunk"
	for f in $fixtures; do
		src=fixtures/exacct/$f.exacct
		h=$(header_len "$src")
		[ -n "$first" ] || first=$src
		tail -c +$((h + 1)) "$src" >>"$chunk"
	done
	csize=$(wc -c <"$chunk")
	: >"$block"
	bsize=0
	while [ "$bsize" -lt 1000000 ]; do
		cat "$chunk" >>"$block"
		bsize=$((bsize + csize))
	done
	head -c "$(header_len "$first")" "$first" >"$out.tmp"
	i=0
	while [ "$i" -lt "$mb" ]; do
		cat "$block" >>"$out.tmp"
		i=$((i + 1))
	done
	mv "$out.tmp" "$out"
}

stale() {
	[ -f "$1" ] || return 0
	[ bench/bench.sh -nt "$1" ] && return 0
	for f in $fixtures; do
		[ "fixtures/exacct/$f.exacct" -nt "$1" ] && return 0
	done
	return 1
}

if stale "$big" || stale "$small"; then
	echo "bench: building $big and $small from fixture records"
	build_file "$big" 100
	build_file "$small" 10
fi
if ! "$EXDUMP" "$small" >/dev/null; then
	echo "bench: exdump fails on $small" >&2
	exit 1
fi
bigsize=$(wc -c <"$big")
smallsize=$(wc -c <"$small")

# One run under runstat: sets ns, kb, cpu; exit 1 if exdump failed.
run1() {
	"$rs" "$res" "$@" >/dev/null || {
		echo "bench: failed (exit $?): $*" >&2
		exit 1
	}
	read -r ns kb code cpu <"$res"
}

# median, min and max of the numbers on stdin, one a line.
stats() {
	sort -g | awk '{ v[NR] = $1 }
	    END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f %.1f\n", m, v[1], v[NR]
	    }'
}

printf 'exdump bench: %s, %s bytes; %s runs a mode after a warm-up;\n' \
    "$big" "$bigsize" "$RUNS"
printf 'MB = 1,000,000 bytes of input; peak RSS is the highest of the runs.\n'
# Other work on the machine slows the runs: say how busy it was.
if [ -r /proc/loadavg ]; then
	printf 'load average at the start: %s (%s cores)\n' \
	    "$(cut -d ' ' -f 1-3 /proc/loadavg)" "$(getconf _NPROCESSORS_ONLN)"
fi
if [ "$(uname -s)" = SunOS ]; then
	printf 'Peak RSS below is in pages (ru_maxrss on illumos), not KB.\n'
fi
printf '\n%-14s %7s %7s %7s %8s %8s  %-24s %s\n' mode "MB/s" min max \
    "cpu MB/s" "RSS KB" target verdict

rows=""
# measure LABEL MB/S-TARGET RSS-TARGET-KB (0: none) exdump-args...
# The file is appended as the last argument.
measure() {
	label=$1
	tput=$2
	rsst=$3
	shift 3
	run1 "$EXDUMP" "$@" "$big"
	: >"$tmp/mbs"
	: >"$tmp/cpu"
	peak=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		run1 "$EXDUMP" "$@" "$big"
		awk -v b="$bigsize" -v ns="$ns" \
		    'BEGIN { printf "%.3f\n", b / 1e6 / (ns / 1e9) }' \
		    >>"$tmp/mbs"
		awk -v b="$bigsize" -v ns="$cpu" \
		    'BEGIN { printf "%.3f\n", b / 1e6 / (ns / 1e9) }' \
		    >>"$tmp/cpu"
		[ "$kb" -gt "$peak" ] && peak=$kb
		i=$((i + 1))
	done
	set -- $(stats <"$tmp/mbs")
	med=$1
	lo=$2
	hi=$3
	set -- $(stats <"$tmp/cpu")
	cpumed=$1
	verdict=ok
	if awk -v m="$med" -v t="$tput" 'BEGIN { exit !(m < t) }'; then
		verdict="BELOW TARGET"
	fi
	if [ "$rsst" -gt 0 ]; then
		target=">= $tput MB/s, < $((rsst / 1024)) MB"
		[ "$peak" -lt "$rsst" ] || verdict="BELOW TARGET"
	else
		target=">= $tput MB/s, RSS const"
	fi
	printf '%-14s %7s %7s %7s %8s %8s  %-24s %s\n' "$label" "$med" "$lo" \
	    "$hi" "$cpumed" "$peak" "$target" "$verdict"
	rows="$rows$label|$peak
"
}

# The options of the later issues are measured once they exist.
has_mode() {
	"$EXDUMP" "$1" fixtures/exacct/proc.exacct >/dev/null 2>&1
}

measure "exdump" 250 16384
measure "exdump -v -n" 200 16384 -v -n
measure "exdump -v" 200 16384 -v
notes=""
if has_mode -c; then
	measure "exdump -c" 600 0 -c
else
	notes="${notes}exdump -c: skipped, -c does not work yet (exit status).
"
fi
if has_mode -i; then
	measure "exdump -i" 300 0 -i
else
	notes="${notes}exdump -i: skipped, -i does not work yet (exit status).
"
fi
[ -z "$notes" ] || printf '\n%s' "$notes"

# Memory must not grow with the file: peak RSS on the 10 MB file against
# the 100 MB one, equal within 10% and 1 MB.
printf '\nmemory constancy: peak RSS KB, %s bytes against %s bytes\n' \
    "$smallsize" "$bigsize"
printf '%-16s %9s %9s  %s\n' mode "10 MB" "100 MB" verdict
echo "$rows" | while IFS='|' read -r label peak; do
	[ -n "$label" ] || continue
	# shellcheck disable=SC2086
	run1 "$EXDUMP" ${label#exdump} "$small"
	if awk -v a="$kb" -v b="$peak" 'BEGIN { d = b - a; if (d < 0) d = -d
	    exit !(d <= 1024 || d <= a / 10) }'; then
		v=ok
	else
		v="GROWS WITH THE FILE"
	fi
	printf '%-16s %9s %9s  %s\n' "$label" "$kb" "$peak" "$v"
done

# The benches of the other parts, each in its own bench/NAME_bench.sh
# (the sweep against ps with 2,000 and 10,000 extra processes, the
# interval report's memory), run from the project root with EXDUMP set.
status=0
for s in bench/*_bench.sh; do
	[ -f "$s" ] || continue
	printf '\n%s:\n' "$s"
	EXDUMP=$EXDUMP sh "$s" || {
		echo "bench: $s failed (exit $?)"
		status=1
	}
done

# Last, the capture ratio of the interval report against the CPU the
# machine used (bench/capture.sh: about 5 minutes, four configurations; Linux and root only,
# else it says it is skipped).
printf '\nbench/capture.sh:\n'
EXDUMP=$EXDUMP sh bench/capture.sh || {
	echo "bench: bench/capture.sh failed (exit $?)"
	status=1
}
exit "$status"
