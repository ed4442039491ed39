#!/bin/sh
# test_stdin.sh: "-" is standard input in every form that reads a file,
# and a pipe, read once, gives what the file gives; an empty file is read
# by one rule in every form (OPTIONS in the manual): a file with no header
# and no records.
# "cat FILE |" is meant: a pipe, where "<FILE" would give a file.
# shellcheck disable=SC2002
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
exp=fixtures/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() {
	n=$1
	shift
	echo "not ok $n: $*"
}

# same NAME ARGS...: the run with "-" read from a pipe (cat FILE |) and
# the run with FILE itself, ARGS holding FILE where "-" goes, print the
# same stdout and stderr (the name aside) and exit the same.
same() {
	name=$1
	shift
	file=
	for a in "$@"; do
		case $a in
		fixtures/*) file=$a ;;
		*=fixtures/*) file=${a#*=} ;;	# -P HOST=FILE
		esac
	done
	"$EXDUMP" "$@" >"$tmp/f.out" 2>"$tmp/f.err"
	frc=$?
	# The same words with "-" for the file (none holds a blank).
	# shellcheck disable=SC2046
	set -- $(for a in "$@"; do echo "$a" | sed "s|$file|-|"; done)
	cat "$file" | "$EXDUMP" "$@" >"$tmp/p.out" 2>"$tmp/p.err"
	prc=$?
	sed "s|$file|-|g" "$tmp/f.err" >"$tmp/f.err2"
	if [ "$frc" = "$prc" ] && cmp -s "$tmp/f.out" "$tmp/p.out" &&
	    cmp -s "$tmp/f.err2" "$tmp/p.err"; then
		ok "$name"
	else
		notok "$name" "exit $prc from the pipe, $frc from the file," \
		    "or their output differs"
		diff "$tmp/f.out" "$tmp/p.out" | head -n 5
	fi
}

# The classic dump from a pipe: byte for byte what the original printed
# for the file, and its exit status; where it refused the file, the same
# refusal, naming "-".
for f in fixtures/exacct/*.exacct; do
	n=$(basename "$f" .exacct)
	cat "$f" | "$EXDUMP" - >"$tmp/out" 2>"$tmp/err"
	rc=$?
	want=$(cat "$exp/$n.rc")
	# The original's message, with "-" for the name; ours adds ": why".
	wanterr=$(sed 's|fixtures/[^ ]*\.exacct|-|' "$exp/$n.err")
	goterr=$(sed 's/^\(exdump: cannot open -\): .*/\1/' "$tmp/err")
	if [ "$rc" = "$want" ] && cmp -s "$tmp/out" "$exp/$n.out" &&
	    [ "$goterr" = "$wanterr" ]; then
		ok "stdin_dump_$n"
	else
		notok "stdin_dump_$n" "exit $rc (want $want), stderr" \
		    "\"$(cat "$tmp/err")\""
		diff "$exp/$n.out" "$tmp/out" | head -n 5
	fi
	same "stdin_dump_v_$n" -v "$f"
	same "stdin_c_$n" -c "$f"
	same "stdin_c_json_$n" -c -F json "$f"
	same "stdin_i_$n" -i "$f"
	same "stdin_i_csv_$n" -i -F csv "$f"
done
same stdin_i_S -i -S fixtures/exacct/proc_partial.exacct
same stdin_i_P -i -P crun=fixtures/exacct/proc_partial.exacct

# Standard input redirected from the file (seekable, not a pipe).
"$EXDUMP" - <fixtures/exacct/proc.exacct >"$tmp/out" 2>&1
if [ $? = 0 ] && cmp -s "$tmp/out" "$exp/proc.out"; then
	ok stdin_redirect_dump
else
	notok stdin_redirect_dump "differs from proc.out"
fi

# More than the reader's 1 MiB window through a pipe, which it reads once
# and cannot seek back on: 80 copies of the task file in one file, whose
# later headers are ordinary groups to the dump and nothing to -c.
big=$tmp/big.exacct
i=0
while [ $i -lt 80 ]; do
	cat fixtures/exacct/task.exacct fixtures/exacct/proc.exacct
	i=$((i + 1))
done >"$big"
if [ "$(wc -c <"$big")" -gt 1048576 ]; then
	for m in "" -v -c -i; do
		# shellcheck disable=SC2086
		"$EXDUMP" $m "$big" >"$tmp/f.out" 2>&1
		frc=$?
		# shellcheck disable=SC2086
		cat "$big" | "$EXDUMP" $m - >"$tmp/p.out" 2>&1
		prc=$?
		if [ "$frc" = "$prc" ] && [ -s "$tmp/f.out" ] &&
		    cmp -s "$tmp/f.out" "$tmp/p.out"; then
			ok "stdin_big${m:-_dump}"
		else
			notok "stdin_big${m:-_dump}" "exit $prc, $frc;" \
			    "the pipe's output differs from the file's"
		fi
	done
else
	notok stdin_big "the test file is not over 1 MiB"
fi

# -i merges standard input with the other inputs in time order: the
# order of the operands, and which of them is "-", change nothing.
P=fixtures/exacct/proc_partial.exacct
T=fixtures/exacct/task.exacct
"$EXDUMP" -i "$P" "$T" >"$tmp/want" 2>&1
r=0
"$EXDUMP" -i "$T" "$P" >"$tmp/a" 2>&1 || r=1
cat "$T" | "$EXDUMP" -i "$P" - >"$tmp/b" 2>&1 || r=1
cat "$P" | "$EXDUMP" -i - "$T" >"$tmp/c" 2>&1 || r=1
if [ "$r" = 0 ] && [ "$(grep -c . "$tmp/want")" -gt 10 ] &&
    cmp -s "$tmp/want" "$tmp/a" && cmp -s "$tmp/want" "$tmp/b" &&
    cmp -s "$tmp/want" "$tmp/c"; then
	ok stdin_i_merge
else
	notok stdin_i_merge "the runs differ, or one failed"
fi
# A compressed file, as after a rotation.
if command -v gzip >/dev/null 2>&1; then
	gzip -c "$P" >"$tmp/old.gz"
	gzip -dc "$tmp/old.gz" | "$EXDUMP" -i - "$T" >"$tmp/d" 2>&1
	if [ $? = 0 ] && cmp -s "$tmp/want" "$tmp/d"; then
		ok stdin_i_gzip
	else
		notok stdin_i_gzip "differs from the uncompressed run"
	fi
else
	echo "skip stdin_i_gzip: gzip is not installed"
fi
# Standard input that is one of the files by its name is read once.
"$EXDUMP" -i "$P" - <"$P" >"$tmp/out" 2>"$tmp/err"
rc=$?
"$EXDUMP" -i "$P" >"$tmp/want" 2>/dev/null
if [ "$rc" = 0 ] && cmp -s "$tmp/want" "$tmp/out" &&
    [ "$(cat "$tmp/err")" = "exdump: - is the same file as $P: read once" ]
then
	ok stdin_i_same_file
else
	notok stdin_i_same_file "exit $rc: $(cat "$tmp/err")"
fi
# A closed standard input cannot be opened.
"$EXDUMP" -c - <&- >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" = 1 ] && grep -q '^exdump: cannot open -: ' "$tmp/err"; then
	ok stdin_closed
else
	notok stdin_closed "exit $rc: $(cat "$tmp/err")"
fi

# The empty-file rule.  The classic dump does what the original did with
# an empty file (fixtures/expected/broken/empty.*): without -v it has no
# header, so "cannot open", exit 1; with -v nothing, exit 0.  -c and -i
# find no records: nothing at all, exit 0, as for a file that has only
# its header (made here from the first object of proc.exacct: a group of
# tag, 8-byte size, that size, and a 4-byte backskip).
: >"$tmp/empty"
sz=$(od -An -tu1 -j4 -N8 fixtures/exacct/proc.exacct |
    awk '{ for (i = 1; i <= NF; i++) n = n * 256 + $i } END { print n }')
head -c $((4 + 8 + sz + 4)) fixtures/exacct/proc.exacct >"$tmp/hdr"
"$EXDUMP" "$tmp/hdr" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ] &&
    [ "$sz" -gt 0 ]; then
	ok empty_header_only_file
else
	notok empty_header_only_file "the header-only file ($sz) is not" \
	    "one with no records"
fi
# empty NAME WANT_RC WANT_OUT WANT_ERR ARGS...: the run on the empty file,
# and the same with the empty file as standard input ("-" in ARGS).
empty() {
	name=$1 wrc=$2 wout=$3 werr=$4
	shift 4
	for how in file pipe; do
		if [ "$how" = file ]; then
			"$EXDUMP" "$@" "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
			rc=$?
			e=$(echo "$werr" | sed "s|FILE|$tmp/empty|")
		else
			: | "$EXDUMP" "$@" - >"$tmp/out" 2>"$tmp/err"
			rc=$?
			e=$(echo "$werr" | sed "s|FILE|-|")
		fi
		if [ "$rc" = "$wrc" ] && cmp -s "$tmp/out" "$wout" &&
		    [ "$(cat "$tmp/err")" = "$e" ]; then
			ok "empty_${name}_$how"
		else
			notok "empty_${name}_$how" "exit $rc (want $wrc)," \
			    "stderr \"$(cat "$tmp/err")\", want \"$e\""
		fi
	done
}
empty dump "$(cat "$exp/broken/empty.rc")" "$exp/broken/empty.out" \
    'exdump: cannot open FILE: not an exacct file: it is empty'
empty dump_v "$(cat "$exp/broken/empty.v.rc")" "$exp/broken/empty.v.out" \
    '' -v
: >"$tmp/nothing"
empty c 0 "$tmp/nothing" '' -c
empty c_csv 0 "$tmp/nothing" '' -c -F csv
empty i 0 "$tmp/nothing" '' -i
# With -t the table's header is printed, with or without records: the
# same as for the header-only file.
"$EXDUMP" -c -t proc "$tmp/hdr" >"$tmp/hdr.c" 2>&1
empty c_t 0 "$tmp/hdr.c" '' -c -t proc
"$EXDUMP" -i -S "$tmp/hdr" >"$tmp/hdr.S" 2>&1
empty i_S 0 "$tmp/hdr.S" '' -i -S
# An empty file among others changes nothing of what they print.
"$EXDUMP" -c "$P" >"$tmp/want" 2>&1
"$EXDUMP" -c "$tmp/empty" "$P" "$tmp/empty" >"$tmp/out" 2>&1
if [ $? = 0 ] && cmp -s "$tmp/want" "$tmp/out"; then
	ok empty_among_others
else
	notok empty_among_others "the output changed"
fi
exit 0
