#!/bin/sh
# test_cli.sh: the command line.  A bad one must exit 2, print nothing on
# stdout and, before reading any file, say on stderr what is wrong, then
# the usage.  -h and -V answer on stdout, exit 0; -w -q sweeps only.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=$(pwd)/fixtures/exacct/proc.exacct

# bad NAME ARGS...: exit 2, empty stdout, and on stderr one line
# "exdump: what is wrong", then the usage.
bad() {
	name=$1
	shift
	# In the scratch directory, so that a binary that took a bad -w
	# line (a file named "-") sweeps nowhere else.
	(cd "$tmp" && "$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
	rc=$?
	if [ "$rc" -ne 2 ]; then
		echo "not ok cli_$name: exit $rc, want 2"
	elif [ -s "$tmp/out" ]; then
		echo "not ok cli_$name: printed on stdout"
	elif ! sed -n 1p "$tmp/err" | grep -q '^exdump: .'; then
		echo "not ok cli_$name: no reason before the usage:" \
		    "$(sed -n 1p "$tmp/err")"
	elif ! sed -n 2p "$tmp/err" | grep -q '^usage: exdump '; then
		echo "not ok cli_$name: no usage message after the reason"
	else
		echo "ok cli_$name"
	fi
}

# A reason, when one is given, comes first and names the problem.
reason() {
	name=$1
	want=$2
	shift 2
	(cd "$tmp" && "$EXDUMP" "$@" >/dev/null 2>"$tmp/err" </dev/null)
	first=$(head -n 1 "$tmp/err")
	if [ "$first" = "$want" ]; then
		echo "ok cli_${name}_reason"
	else
		echo "not ok cli_${name}_reason: got \"$first\""
	fi
}

bad no_args
bad no_file -v
bad two_files "$f" "$f"
bad two_files_v -v "$f" "$f"
bad unknown_option -x "$f"
bad unknown_long_option --verbose "$f"
bad F_bad -c -F xml "$f"
bad F_empty -c -F '' "$f"
bad F_missing_arg -c -F
bad t_bad -c -t lwp "$f"
bad t_missing_arg -i -t
bad c_and_i -c -i "$f"
bad v_and_c -v -c "$f"
bad v_and_i -v -i "$f"
bad S_without_i -S "$f"
bad S_with_c -c -S "$f"
bad S_with_t_task -i -S -t task "$f"
bad T_without_w -T "$f"
bad T_with_c -c -T "$f"
bad F_without_c_or_i -F csv "$f"
bad t_without_c_or_i -t proc "$f"
bad H_without_c_or_i -H "$f"
bad c_no_file -c
bad i_no_file -i
bad w_two_files -w "$tmp/a" "$tmp/b"
bad no_file_n -n
bad bad_byte_option "-$(printf '\001')" "$f"
bad P_missing_arg -i -P
bad q_without_w -q "$f"
bad q_with_c -w -q -c "$tmp/q"
bad q_with_i -w -q -i "$tmp/q"
bad q_with_v -w -q -v "$tmp/q"
bad q_with_n -w -q -n "$tmp/q"
bad stdin_twice_dump - -
bad stdin_twice_c -c - -
bad stdin_twice_i -i - "$f" -
bad stdin_twice_P -i -P h=- -
bad w_stdin -w -

reason F_bad 'exdump: unknown format "xml" for -F' -c -F xml "$f"
reason t_bad 'exdump: unknown table "lwp" for -t' -c -t lwp "$f"
reason c_and_i 'exdump: -c and -i cannot be used together' -c -i "$f"
reason S_with_t_flow 'exdump: -S summarises processes: -t can only be proc' \
    -i -S -t flow "$f"
# What each usage error says, word for word.
reason g_without_S 'exdump: -g splits the summary: it needs -S' \
    -i -g user "$f"
reason g_unknown_key \
    'exdump: -g: unknown key "uid" (user, group, project, zone, command or host)' \
    -i -S -g user,uid "$f"
reason g_key_twice 'exdump: -g: the key "user" is given twice' \
    -i -S -g user,command,user "$f"
reason g_twice 'exdump: -g can be given only once' \
    -i -S -g user -g command "$f"
reason f_without_g 'exdump: -f folds the split summary: it needs -S -g' \
    -i -S -f "$f"
reason no_args 'exdump: no file given'
reason no_file_v 'exdump: no file given' -v
reason two_files 'exdump: the classic dump reads one file, not 2' "$f" "$f"
reason three_files_v 'exdump: the classic dump reads one file, not 3' \
    -v "$f" "$f" "$f"
reason c_no_file 'exdump: -c needs a file' -c
reason i_no_file 'exdump: -i needs a file, or -P host=file' -i -S
reason w_two_files 'exdump: -w takes one file or none, not 2' \
    -w "$tmp/a" "$tmp/b"
reason unknown_option 'exdump: unknown option -x' -x "$f"
reason unknown_long_option \
    'exdump: unknown option --: the options are single letters' \
    --verbose "$f"
reason bad_byte_option 'exdump: unknown option -\001' \
    "-$(printf '\001')" "$f"
reason F_missing_arg 'exdump: -F needs an argument' -c -F
reason t_missing_arg 'exdump: -t needs an argument' -i -t
reason P_missing_arg 'exdump: -P needs an argument' -i -P
reason q_without_w 'exdump: -q needs -w' -q "$f"
reason q_with_c \
    'exdump: -q reads nothing: -c, -i, -n and -v cannot be used with it' \
    -w -q -c "$tmp/q"
reason stdin_twice 'exdump: - (standard input) can be given only once' \
    -c - "$f" -
reason stdin_twice_P 'exdump: - (standard input) can be given only once' \
    -i -P h=- -
reason w_stdin \
    'exdump: -w appends to its file: it cannot be - (standard input)' -w -

# The usage, word for word as the manual's SYNOPSIS has it (rendered by
# mandoc, entries joined across wrapped lines, blanks squeezed).
"$EXDUMP" -h >"$tmp/h" 2>"$tmp/herr"
rc=$?
"$EXDUMP" >/dev/null 2>"$tmp/err" </dev/null
sed 1d "$tmp/err" >"$tmp/usage"
if [ "$rc" = 0 ] && [ ! -s "$tmp/herr" ] &&
    grep -q '^usage: exdump ' "$tmp/h" && cmp -s "$tmp/h" "$tmp/usage"; then
	echo "ok cli_h"
else
	echo "not ok cli_h: exit $rc, or its stdout is not the usage of a" \
	    "bad command line"
fi
# entries FILE: one SYNOPSIS entry a line, each starting "exdump".
entries() {
	sed 's/^usage://; s/^[[:space:]]*//; s/[[:space:]][[:space:]]*/ /g' \
	    "$1" | awk '/^exdump( |$)/ { if (e != "") print e; e = $0; next }
	    { e = e " " $0 } END { if (e != "") print e }'
}
if command -v mandoc >/dev/null 2>&1; then
	# -Tascii overstrikes bold and underline with backspaces.
	bs=$(printf '\b')
	mandoc -Tascii -Owidth=200 man/exdump.1 2>/dev/null |
	    sed "s/.$bs//g" | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	    sed '1d;$d' | grep -v '^[[:space:]]*$' >"$tmp/syn"
	entries "$tmp/syn" >"$tmp/syn.e"
	entries "$tmp/h" >"$tmp/h.e"
	if [ -s "$tmp/syn.e" ] && cmp -s "$tmp/syn.e" "$tmp/h.e"; then
		echo "ok cli_usage_is_synopsis"
	else
		echo "not ok cli_usage_is_synopsis:"
		diff "$tmp/syn.e" "$tmp/h.e"
	fi
else
	echo "skip cli_usage_is_synopsis: mandoc is not installed"
fi

# -V: "exdump VERSION", the version in include/version.h, exit 0.
ver=$(sed -n 's/^#define[[:space:]]*EXDUMP_VERSION[[:space:]]*"\(.*\)"$/\1/p' \
    include/version.h)
out=$("$EXDUMP" -V 2>"$tmp/err")
rc=$?
if [ "$rc" = 0 ] && [ -n "$ver" ] && [ "$out" = "exdump $ver" ] &&
    [ ! -s "$tmp/err" ] && echo "$ver" | grep -Eq '^[0-9]+\.[0-9]+'; then
	echo "ok cli_V"
else
	echo "not ok cli_V: exit $rc, \"$out\", want \"exdump $ver\""
fi
# An answer that cannot be written is said, exit 1.
if [ -w /dev/full ]; then
	"$EXDUMP" -V >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 1 ] && grep -q '^exdump: write error: ' "$tmp/err"; then
		echo "ok cli_V_write_error"
	else
		echo "not ok cli_V_write_error: exit $rc: $(cat "$tmp/err")"
	fi
else
	echo "skip cli_V_write_error: no /dev/full"
fi

# -w -q: the sweep alone.  As root the sweep writes only through
# directories no one else can write, which /tmp is not: then the file is
# made in a root-only one (as in test_acctfile.sh).
if [ "$(uname -s)" != Linux ]; then
	echo "skip cli_w_q: the sweep writes records itself on Linux only"
	exit 0
fi
. tests/lib/private_tmp.sh
if [ "$(id -u)" = 0 ]; then
	if ! wd=$(private_tmp exdump-test); then
		echo "skip cli_w_q: no root-only directory to sweep into"
		exit 0
	fi
	trap 'rm -rf "$tmp" "$wd"' EXIT
else
	wd=$tmp
fi
# Two sweeps, each with -q: nothing on stdout, exit 0, and the file holds
# two sweeps (the dump shows two sweep records, the summary one interval).
"$EXDUMP" -w -q "$wd/proc" >"$tmp/out" 2>"$tmp/err"
rc1=$?
"$EXDUMP" -w -q -T "$wd/proc" >>"$tmp/out" 2>>"$tmp/err"
rc2=$?
nsw=$("$EXDUMP" "$wd/proc" 2>/dev/null |
    awk '$1 == "7e0000" { n++ } END { print n + 0 }')
nrow=$("$EXDUMP" -i -S -H "$wd/proc" 2>/dev/null | wc -l | tr -d ' ')
if [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ ! -s "$tmp/out" ] &&
    [ "$nsw" = 2 ] && [ "$nrow" = 1 ]; then
	echo "ok cli_w_q"
else
	echo "not ok cli_w_q: exit $rc1 $rc2, $(wc -c <"$tmp/out") bytes on" \
	    "stdout, $nsw sweeps, $nrow intervals: $(cat "$tmp/err")"
fi
# Without -q the same sweep prints the file's dump: -q is what hides it.
"$EXDUMP" -w "$wd/proc" >"$tmp/out" 2>/dev/null
if [ -s "$tmp/out" ]; then
	echo "ok cli_w_without_q_prints"
else
	echo "not ok cli_w_without_q_prints: -w alone printed nothing"
fi
exit 0
