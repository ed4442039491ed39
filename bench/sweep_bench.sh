#!/bin/sh
# sweep_bench.sh: what one -w sweep costs next to ps reading the same
# processes, with N extra sleeping processes alive, for each N given
# (2000 and 10000 unless told).
#
#   sh bench/sweep_bench.sh [N ...]    (EXDUMP: the binary, ./exdump;
#                                       BENCH_RUNS: runs of each, 7)
#
# The sweep alone (`exdump -w -q` into a fresh file: a header and one
# sweep, nothing read back), the same with taskstats left alone (the
# /proc-only sweep of a kernel without it, as the test hook
# EXDUMP_TEST_NO_TASKSTATS forces it), and
#   ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm
# run BENCH_RUNS times each, taking turns so that other load on the
# machine falls on all alike.  Each run is timed by bench/runstat.c: its
# CPU time (user + system, from the kernel's rusage of the child, to the
# microsecond) is the cost; the wall time is shown too.  Printed: the
# medians and the ratios to ps, the CPU one against the target (0.5).
# The sleepers are `sleep` processes started by this shell, killed on
# every way out.
EXDUMP=${EXDUMP:-./exdump}
CC=${CC:-cc}
RUNS=${BENCH_RUNS:-7}
[ $# -gt 0 ] || set -- 2000 10000

if [ "$(uname -s)" != Linux ]; then
	echo "sweep_bench: Linux only (illumos: the kernel writes the records)"
	exit 0
fi
dir=build/bench
mkdir -p "$dir" || exit 1
rs=$dir/runstat
if [ ! -x "$rs" ] || [ bench/runstat.c -nt "$rs" ]; then
	$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o "$rs" bench/runstat.c ||
	    exit 1
fi
. tests/lib/private_tmp.sh
tmp=$(private_tmp sweep_bench) || exit 1
cleanup() {
	if [ -s "$tmp/pids" ]; then
		# shellcheck disable=SC2046
		kill $(cat "$tmp/pids") 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Run a command once under runstat; append "cpu_ns wall_ns" to file $1.
run() {
	out=$1
	shift
	"$rs" "$tmp/res" "$@" >/dev/null 2>&1
	awk '{ if ($3 != 0) { print "failed " $3; exit 1 } print $4, $1 }' \
	    "$tmp/res" >>"$out" || {
		echo "sweep_bench: $* failed"
		exit 1
	}
}
# The median of column $2 of file $1.
med() {
	awk -v c="$2" '{ print $c }' "$1" | sort -n |
	    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

started=0
status=0
for N in "$@"; do
	while [ $started -lt "$N" ]; do
		sleep 100000 &
		echo $! >>"$tmp/pids"
		started=$((started + 1))
	done
	nproc=$(ls /proc | grep -c '^[0-9][0-9]*$')
	rm -f "$tmp/sweep" "$tmp/sweepp" "$tmp/ps"
	"$EXDUMP" -w -q "$tmp/warm" >/dev/null 2>&1
	r=0
	while [ $r -lt "$RUNS" ]; do
		rm -f "$tmp/acct" "$tmp/acctp"
		run "$tmp/sweep" "$EXDUMP" -w -q "$tmp/acct"
		run "$tmp/ps" ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm
		run "$tmp/sweepp" env EXDUMP_TEST_NO_TASKSTATS=1 "$EXDUMP" -w \
		    -q "$tmp/acctp"
		r=$((r + 1))
	done
	echo "processes alive: $nproc ($N extra sleepers); medians of $RUNS, ms"
	printf '%-52s %8s %8s\n' "" cpu wall
	for k in sweep:"exdump -w -q FILE (the sweep)" \
	    sweepp:"the same, /proc alone (no taskstats)" \
	    ps:"ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm"; do
		f=${k%%:*}
		printf '%-52s %8.1f %8.1f\n' "${k#*:}" \
		    "$(awk -v v="$(med "$tmp/$f" 1)" 'BEGIN { print v / 1e6 }')" \
		    "$(awk -v v="$(med "$tmp/$f" 2)" 'BEGIN { print v / 1e6 }')"
	done
	awk -v sc="$(med "$tmp/sweep" 1)" -v sw="$(med "$tmp/sweep" 2)" \
	    -v qc="$(med "$tmp/sweepp" 1)" -v pc="$(med "$tmp/ps" 1)" \
	    -v pw="$(med "$tmp/ps" 2)" -v n="$N" 'BEGIN {
		printf("sweep / ps with %d extra: cpu %.2f (target <= 0.50: %s), " \
		    "wall %.2f; /proc alone: cpu %.2f\n", n, sc / pc,
		    sc / pc <= 0.5 ? "ok" : "over", sw / pw, qc / pc)
	}'
	echo
done
exit $status
