#!/bin/sh
# interval_bench.sh: the interval report's memory with N (1,000,000)
# distinct processes that never end, so every one stays in its state to
# the end of the input: the worst case for -i.  Target: under 256 MB.
#
#   sh bench/interval_bench.sh [N]        (EXDUMP: the binary, ./exdump)
EXDUMP=${EXDUMP:-./exdump}
N=${1:-1000000}
CC=${CC:-cc}
dir=build/bench
mkdir -p "$dir" || exit 1

gen=$dir/gen_procs
if [ ! -x "$gen" ] || [ bench/gen_procs.c -nt "$gen" ]; then
	make -s build/libexdump.a || exit 1
	$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -Iinclude -o "$gen" \
	    bench/gen_procs.c build/libexdump.a || exit 1
fi
rs=$dir/runstat
if [ ! -x "$rs" ]; then
	$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -o "$rs" bench/runstat.c ||
	    exit 1
fi
f=$dir/procs-$N.exacct
[ -s "$f" ] || "$gen" "$N" "$f" || exit 1
mb=$(($(wc -c < "$f") / 1000000))
# runstat writes: wall ns, peak RSS KB, exit code, cpu ns.
"$rs" "$dir/iv.res" "$EXDUMP" -i -H "$f" > /dev/null || exit 1
awk -v n="$N" -v mb="$mb" '{
	if ($3 != 0) {
		print "interval_bench: exdump -i failed, exit " $3
		exit 1
	}
	printf "exdump -i, %d distinct live processes (%d MB): %.1f s, " \
	    "peak RSS %d KB (%.0f MB), target < 256 MB: %s\n", n, mb,
	    $1 / 1e9, $2, $2 / 1024, $2 < 256 * 1024 ? "ok" : "OVER"
	exit !($2 < 256 * 1024)
}' "$dir/iv.res"
