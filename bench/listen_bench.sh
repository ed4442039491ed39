#!/bin/sh
# listen_bench.sh: what the exit listener (exdump -W) costs and sustains
# (Linux, root).
#
#   sh bench/listen_bench.sh   (EXDUMP: ./exdump; OBJDIR: build, where
#                               make check built helper_exits)
#
# 1. Its CPU at 1,000 exits a second: helper_exits forks and reaps a
#    process every millisecond for LISTEN_SECS (20) seconds; the
#    listener's CPU is its schedstat run time (ns) before and after.
#    Target: under 2% of one CPU.
# 2. The rate it sustains without a drop: bursts of 20,000 exits forked
#    as fast as the machine can, into the default socket buffer (32 MiB)
#    and into a 1 MiB one; the exits per second of the burst, and the
#    notifications dropped (its summary line).  Three runs each; medians.
EXDUMP=${EXDUMP:-./exdump}
OBJDIR=${OBJDIR:-build}
H=$OBJDIR/helper_exits
secs=${LISTEN_SECS:-20}
LC_ALL=C
export LC_ALL

if [ "$(uname -s)" != Linux ] || [ "$(id -u)" != 0 ]; then
	echo "listen: skipped, needs Linux and root"
	exit 0
fi
if [ ! -x "$H" ]; then
	echo "listen: $H is not built (make check builds it)" >&2
	exit 1
fi
. tests/lib/private_tmp.sh
tmp=$(private_tmp listen-bench) || exit 1
lpid=""
trap '[ -n "$lpid" ] && kill "$lpid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

. tests/lib/listen_start.sh
start() {
	listen_start "$@" && return 0
	echo "listen: the listener did not start: $why" >&2
	exit 1
}
stop() {
	kill -TERM "$lpid"
	wait "$lpid"
	lpid=""
}
run_ns() {
	read -r r _rest <"/proc/$lpid/schedstat"
	echo "$r"
}
now_ns() {
	python3 -c 'import time; print(time.monotonic_ns())'
}

start "$tmp/r"
a=$(run_ns)
t0=$(now_ns)
"$H" r $((secs * 1000)) >/dev/null
t1=$(now_ns)
b=$(run_ns)
stop
n=$(sed -n 's/.*listened: \([0-9]*\) exit records.*/\1/p' "$tmp/r.err")
awk -v a="$a" -v b="$b" -v t0="$t0" -v t1="$t1" -v n="$n" -v m=$((secs * 1000)) \
    'BEGIN { printf "listen: at 1,000 exits/s: %d exits in %.1f s (%.0f/s), %d records written; listener CPU %.1f ms = %.2f%% of one CPU (target < 2%%): %s\n", m, (t1 - t0) / 1e9, m / ((t1 - t0) / 1e9), n, (b - a) / 1e6, 100 * (b - a) / (t1 - t0), (100 * (b - a) / (t1 - t0) < 2) ? "PASS" : "FAIL" }'

for buf in 32m 1m; do
	rates=""
	drops=""
	for i in 1 2 3; do
		rm -f "$tmp/b"
		start "$tmp/b" -B "$buf"
		t0=$(now_ns)
		"$H" f 20000 >/dev/null
		t1=$(now_ns)
		sleep 0.5
		stop
		d=$(sed -n 's/.* \([0-9]*\) notifications dropped.*/\1/p' "$tmp/b.err")
		rates="$rates $(awk -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", 20000 / ((t1 - t0) / 1e9) }')"
		drops="$drops $d"
	done
	med() { echo "$@" | tr ' ' '\n' | grep . | sort -n | sed -n 2p; }
	echo "listen: burst of 20,000 exits, -B $buf: exits/s$rates (median $(med $rates)); dropped$drops (median $(med $drops))"
done
