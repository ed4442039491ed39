#!/bin/sh
# test_cli.sh: bad command lines.  Each must exit 2 with a usage message on
# stderr and print nothing on stdout, before reading any file.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f=fixtures/exacct/proc.exacct

# bad NAME ARGS...: exit 2, "usage:" on stderr, empty stdout.
bad() {
	name=$1
	shift
	"$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -ne 2 ]; then
		echo "not ok cli_$name: exit $rc, want 2"
	elif [ -s "$tmp/out" ]; then
		echo "not ok cli_$name: printed on stdout"
	elif ! grep -q '^usage: exdump ' "$tmp/err"; then
		echo "not ok cli_$name: no usage message on stderr"
	else
		echo "ok cli_$name"
	fi
}

# A reason, when one is given, comes first and names the problem.
reason() {
	name=$1
	want=$2
	shift 2
	"$EXDUMP" "$@" >/dev/null 2>"$tmp/err" </dev/null
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

reason F_bad 'exdump: unknown format "xml" for -F' -c -F xml "$f"
reason t_bad 'exdump: unknown table "lwp" for -t' -c -t lwp "$f"
reason c_and_i 'exdump: -c and -i cannot be used together' -c -i "$f"
reason S_with_t_flow 'exdump: -S summarises processes: -t can only be proc' \
    -i -S -t flow "$f"
exit 0
