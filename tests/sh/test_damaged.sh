#!/bin/sh
# test_damaged.sh: damaged and foreign files, each with its exact message,
# exit status and stdout.  The cases are in tests/damaged/list (made from
# the fixtures at test time); files that are not files come after it.
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
root=$(pwd)
exp=$root/fixtures/expected
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT

# make FILE HOW...: build one damaged file.
make_file() {
	out=$1
	how=$2
	shift 2
	case $how in
	cut)
		head -c "$2" "$root/fixtures/exacct/$1.exacct" >"$out" ;;
	patch)
		cp "$root/fixtures/exacct/$1.exacct" "$out" &&
		    printf "$3" | dd of="$out" bs=1 seek="$2" conv=notrunc \
		    2>/dev/null ;;
	text)
		echo "$*" >"$out" ;;
	empty)
		: >"$out" ;;
	*)
		return 1 ;;
	esac
}

# want FILE SPEC...: the expected stdout.
want_file() {
	out=$1
	kind=$2
	shift 2
	case $kind in
	none)
		: >"$out" ;;
	all)
		cp "$exp/$1" "$out" ;;
	head)
		head -n "$2" "$exp/$1" >"$out" ;;
	lines)
		src=$exp/$1
		shift
		: >"$out"
		for r in "$@"; do
			sed -n "${r%-*},${r#*-}p" "$src" >>"$out"
		done ;;
	sed)
		src=$exp/$1
		shift
		sed "$*" "$src" >"$out" ;;
	*)
		return 1 ;;
	esac
}

# check NAME FILE ARGS STATUS MESSAGE: run the dump of FILE and compare.
check() {
	name=$1
	file=$2
	args=$3
	status=$4
	msg=$5
	# shellcheck disable=SC2086
	"$EXDUMP" $args "$file" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	got=$(cat "$tmp/err")
	nl=$(wc -l <"$tmp/err")
	if [ "$msg" = "-" ]; then
		msg=
		nl=$((nl + 1))
	fi
	if [ "$rc" -ne "$status" ]; then
		echo "not ok damaged_$name: exit $rc, want $status ($got)"
	elif ! cmp -s "$tmp/out" "$tmp/want"; then
		echo "not ok damaged_$name: stdout differs"
		diff "$tmp/want" "$tmp/out" | head -n 6
	elif [ "$got" != "$msg" ] || [ "$nl" -ne 1 ]; then
		echo "not ok damaged_$name: stderr \"$got\", want \"$msg\""
	else
		echo "ok damaged_$name"
	fi
}

tab=$(printf '\t')
grep -v '^#' "$root/tests/damaged/list" |
while IFS=$tab read -r name args how stdout status msg; do
	[ -n "$name" ] || continue
	[ "$args" = "-" ] && args=
	file=$tmp/$name.exacct
	# shellcheck disable=SC2086
	if ! make_file "$file" $how; then
		echo "not ok damaged_$name: bad recipe \"$how\""
		continue
	fi
	# shellcheck disable=SC2086
	if ! want_file "$tmp/want" $stdout; then
		echo "not ok damaged_$name: bad stdout spec \"$stdout\""
		continue
	fi
	msg=$(echo "$msg" | sed "s|FILE|$file|")
	check "$name" "$file" "$args" "$status" "$msg"
done

# Paths that are not exacct files at all.
: >"$tmp/want"
mkdir "$tmp/dir"
check directory "$tmp/dir" "" 1 \
    "exdump: cannot open $tmp/dir: Is a directory"
check directory_v "$tmp/dir" "-v" 1 \
    "exdump: cannot open $tmp/dir: Is a directory"
check missing "$tmp/nosuchfile" "" 1 \
    "exdump: cannot open $tmp/nosuchfile: No such file or directory"
check missing_v "$tmp/nosuchfile" "-v" 1 \
    "exdump: cannot open $tmp/nosuchfile: No such file or directory"
if [ -r /etc/passwd ] && [ "$(head -c 5 /etc/passwd)" = "root:" ]; then
	check etc_passwd /etc/passwd "" 1 "exdump: cannot open /etc/passwd:\
 not an exacct file: no header (tag 0x726f6f74)"
else
	echo "skip damaged_etc_passwd: /etc/passwd does not start with root:"
fi
cp "$root/fixtures/exacct/proc.exacct" "$tmp/secret.exacct"
chmod 000 "$tmp/secret.exacct"
if [ "$(id -u)" -eq 0 ]; then
	echo "skip damaged_unreadable: running as root, who can read any file"
elif cat "$tmp/secret.exacct" >/dev/null 2>&1; then
	echo "skip damaged_unreadable: mode 000 does not stop reads here"
else
	check unreadable "$tmp/secret.exacct" "" 1 \
	    "exdump: cannot open $tmp/secret.exacct: Permission denied"
fi
exit 0
