#!/bin/sh
# sweep_bench.sh: what one -w sweep costs next to ps reading the same
# processes, with N (2000) extra sleeping processes alive.
#
#   sh bench/sweep_bench.sh [N]        (EXDUMP: the binary, ./exdump)
#
# The sweep (`exdump -w` into a fresh temporary file, which also reads
# the file back: the classic dump of that one sweep) and
#   ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm
# run 5 times each, taking turns so that other load on the machine falls
# on both alike.  Printed: the medians of the CPU time (user + system, the
# cost) and of the wall time, their ratios, and the dump alone for
# reference.  The sleepers are killed on every way out.
EXDUMP=${EXDUMP:-./exdump}
N=${1:-2000}

if [ "$(uname -s)" != Linux ]; then
	echo "sweep_bench: Linux only (illumos: the kernel writes the records)"
	exit 0
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

i=0
while [ $i -lt "$N" ]; do
	sleep 100000 &
	echo $! >>"$tmp/pids"
	i=$((i + 1))
done
nproc=$(ls /proc | grep -c '^[0-9][0-9]*$')

# The CPU time this shell's children have used, in microseconds, from
# the times builtin (run in this shell, not a subshell) saved in file $1:
# its second line is "XmY.YYs XmY.YYs", user and system.
cpu() {
	awk 'NR == 2 {
		t = 0
		for (f = 1; f <= 2; f++) {
			split($f, a, /[ms]/)
			t += a[1] * 60 + a[2]
		}
		printf("%.0f\n", t * 1000000)
	}' "$1"
}

# Run a command once; append "cpu wall" in microseconds to file $1.
run() {
	out=$1
	shift
	times >"$tmp/c0"
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	times >"$tmp/c1"
	echo "$(($(cpu "$tmp/c1") - $(cpu "$tmp/c0"))) \
$(((t1 - t0) / 1000))" >>"$out"
}

"$EXDUMP" -w "$tmp/one" >/dev/null 2>&1
r=0
while [ $r -lt 5 ]; do
	rm -f "$tmp/acct"
	run "$tmp/sweep" "$EXDUMP" -w "$tmp/acct"
	run "$tmp/ps" ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm
	run "$tmp/dump" "$EXDUMP" "$tmp/one"
	r=$((r + 1))
done
# The median of column $2 of file $1.
med() { awk -v c="$2" '{ print $c }' "$1" | sort -n | sed -n 3p; }
echo "processes alive: $nproc ($N extra sleepers); medians of 5, in us"
printf '%-52s %9s %9s\n' "" cpu wall
printf '%-52s %9s %9s\n' "exdump -w FILE (sweep + dump)" \
    "$(med "$tmp/sweep" 1)" "$(med "$tmp/sweep" 2)"
printf '%-52s %9s %9s\n' "ps -eo pid,ppid,uid,time,majflt,minflt,rss,comm" \
    "$(med "$tmp/ps" 1)" "$(med "$tmp/ps" 2)"
printf '%-52s %9s %9s\n' "exdump FILE (the dump alone)" \
    "$(med "$tmp/dump" 1)" "$(med "$tmp/dump" 2)"
awk -v sc="$(med "$tmp/sweep" 1)" -v pc="$(med "$tmp/ps" 1)" \
    -v dc="$(med "$tmp/dump" 1)" -v sw="$(med "$tmp/sweep" 2)" \
    -v pw="$(med "$tmp/ps" 2)" -v dw="$(med "$tmp/dump" 2)" 'BEGIN {
	printf("sweep / ps: cpu %.2f, wall %.2f", (sc - dc) / pc,
	    (sw - dw) / pw)
	printf(" (with the dump: cpu %.2f, wall %.2f)\n", sc / pc, sw / pw)
}'
