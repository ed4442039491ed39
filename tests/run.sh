#!/bin/sh
# run.sh: every test of the project, with one closing line.
#
#   sh tests/run.sh OBJDIR UNIT_BINARY...
#
# Unit binaries print "N passed, N failed, N skipped" last.  Shell tests,
# tests/sh/test_*.sh, print one line per check: "ok NAME",
# "not ok NAME: why" or "skip NAME: why".  Both are run from the project
# root with LC_ALL=C and TZ=UTC, with EXDUMP set to the binary under test.
objdir=$1
shift
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-$(pwd)/exdump}
OBJDIR=$objdir
export EXDUMP OBJDIR
pass=0
fail=0
skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	last=$(tail -n 1 "$log")
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\2/p')
	s=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\3/p')
	if [ -z "$p" ]; then
		echo "not ok $(basename "$t"): crashed or printed no summary (exit $rc)"
		cat "$log"
		fail=$((fail + 1))
		continue
	fi
	grep -E '^(FAIL|SKIP) ' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok $(basename "$t"): exit $rc"
		f=1
	fi
	echo "$(basename "$t"): $p passed, $f failed, $s skipped"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
done

for t in tests/sh/test_*.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	s=$(grep -c '^skip ' "$log")
	grep -E '^(not ok|skip) ' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok $(basename "$t"): exit $rc"
		tail -n 20 "$log"
		f=1
	fi
	echo "$(basename "$t"): $p passed, $f failed, $s skipped"
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
done

if [ -x "$objdir/fuzz_replay" ]; then
	if "$objdir/fuzz_replay" tests/fuzz/corpus >"$log" 2>&1; then
		n=$(tail -n 1 "$log" | sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
		echo "fuzz_replay: ${n:-0} corpus inputs replayed"
		pass=$((pass + 1))
	else
		echo "not ok fuzz_replay"
		tail -n 30 "$log"
		fail=$((fail + 1))
	fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
