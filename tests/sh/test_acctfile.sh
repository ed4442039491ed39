#!/bin/sh
# test_acctfile.sh: the accounting file is never left torn, and a torn one
# is mended before the next append.  The sweeps write files of our own
# (no root needed); the kill -9 loop runs 200 sweeps.
EXDUMP=${EXDUMP:-./exdump}
. tests/lib/private_tmp.sh
tmp=$(private_tmp exdump-test) || tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }

if [ "$(uname -s)" != Linux ]; then
	echo "skip acctfile: the sweep writes records itself on Linux only"
	exit 0
fi

# The last sweep of a file, from the classic dump: the processes its
# sweep record says it recorded, and the partial records after it.
last_sweep() {
	"$EXDUMP" "$1" 2>/dev/null | awk '
		$1 == "7e0000" { n = 0; want = -1; next }
		$1 == "7e0004" { want = $3; next }
		/group-proc-partial/ { n++ }
		END { print want, n }'
}

f=$tmp/proc
"$EXDUMP" -w "$f" >/dev/null 2>&1
"$EXDUMP" -w "$f" >/dev/null 2>&1
size=$(wc -c <"$f")

# A file-size limit just above the file: the next sweep's write passes
# it.  It used to kill the sweep in its write (SIGXFSZ), before the
# cut-back; now the write fails, the file is left as it was, exit 1.
(ulimit -f $((size / 1024 + 1)); "$EXDUMP" -w "$f" >/dev/null 2>"$tmp/err")
rc=$?
if [ "$rc" = 1 ] && [ "$(wc -c <"$f")" = "$size" ] &&
    grep -q 'File too large; the file is left as it was' "$tmp/err" &&
    "$EXDUMP" "$f" >/dev/null 2>&1; then
	ok filesize_limit
else
	notok filesize_limit "exit $rc, $(wc -c <"$f") bytes (was $size): \
$(cat "$tmp/err")"
fi
"$EXDUMP" -w "$f" >/dev/null 2>&1
set -- $(last_sweep "$f")
if [ "$1" -gt 0 ] && [ "$1" = "$2" ]; then
	ok after_limit_whole
else
	notok after_limit_whole "the last sweep says $1 records, has $2"
fi

# A torn record at the end (as kill -9 in the write leaves it): cut in
# the middle of the last sweep.  The next sweep mends it, says where,
# and every record of that sweep is read.
size=$(wc -c <"$f")
cut=$((size - 700))
head -c "$cut" "$f" >"$tmp/c" && cat "$tmp/c" >"$f"
"$EXDUMP" -w "$f" >/dev/null 2>"$tmp/err"
rc=$?
set -- $(last_sweep "$f")
"$EXDUMP" "$f" >/dev/null 2>"$tmp/derr"
drc=$?
if [ "$rc" = 0 ] && [ "$drc" = 0 ] && [ "$1" -gt 0 ] && [ "$1" = "$2" ] &&
    grep -q 'a torn record at its end.*cut [0-9]* bytes at offset' \
    "$tmp/err"; then
	ok torn_tail_mended
else
	notok torn_tail_mended "sweep exit $rc, dump exit $drc, last sweep \
$1/$2: $(cat "$tmp/err" "$tmp/derr" | head -3)"
fi

# A torn record in the middle of a file (a sweep cut in its write, then
# sweeps appended after it by a writer that did not mend it): the reader
# reports the damage and the bytes it skipped, exit 2, and reads every
# record after it.  Made of real sweeps: S1, half of S2, S2 again.
m=$tmp/mid
"$EXDUMP" -w "$m" >/dev/null 2>&1
s1=$(wc -c <"$m")
"$EXDUMP" -w "$m" >/dev/null 2>&1
s2=$(wc -c <"$m")
tail -c $((s2 - s1)) "$m" >"$tmp/s2"
head -c $((s1 + (s2 - s1) / 2)) "$m" >"$tmp/torn"
cat "$tmp/s2" >>"$tmp/torn"
set -- $(last_sweep "$tmp/torn")
"$EXDUMP" "$tmp/torn" >/dev/null 2>"$tmp/err"
rc=$?
"$EXDUMP" -c -H -t proc "$tmp/torn" 2>/dev/null | wc -l >"$tmp/rows"
# Every record: S1's, the whole ones of the torn S2, and all of S2 again.
"$EXDUMP" -c -H -t proc "$tmp/s2" 2>/dev/null | wc -l >"$tmp/rows2"
if [ "$rc" = 2 ] && [ "$1" -gt 0 ] && [ "$1" = "$2" ] &&
    grep -q 'bytes from offset [0-9]* skipped to a record at offset' \
    "$tmp/err" &&
    [ "$(cat "$tmp/rows")" -gt "$(cat "$tmp/rows2")" ]; then
	ok torn_middle_recovered
else
	notok torn_middle_recovered "exit $rc, last sweep $1/$2: \
$(cat "$tmp/err" | head -3)"
fi

# 200 sweeps killed with -9 at random points, 500 extra processes alive
# so that each sweep writes a large batch; after them, one that ends.
# The file reads whole, exit 0.
i=0
while [ $i -lt 500 ]; do
	sleep 120 &
	pids="$pids $!"
	i=$((i + 1))
done
g=$tmp/kill
i=0
while [ $i -lt 200 ]; do
	"$EXDUMP" -w "$g" >/dev/null 2>>"$tmp/kerr" &
	p=$!
	# 0 to 29 ms: within the sweep (reading 500 processes) or its write.
	sleep "0.0$(( (i * 7) % 30 / 10 ))$(( (i * 7) % 10 ))" 2>/dev/null ||
	    sleep 0
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	i=$((i + 1))
done
"$EXDUMP" -w "$g" >/dev/null 2>>"$tmp/kerr"
rc=$?
"$EXDUMP" "$g" >/dev/null 2>"$tmp/derr"
drc=$?
mended=$(grep -c 'a torn record at its end' "$tmp/kerr")
if [ "$rc" = 0 ] && [ "$drc" = 0 ]; then
	ok kill9_loop_whole
	echo "# kill -9 loop: $mended torn tails mended"
else
	notok kill9_loop_whole "last sweep exit $rc, dump exit $drc: \
$(head -3 "$tmp/derr")"
fi
exit 0
