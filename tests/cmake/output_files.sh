#!/usr/bin/env bash
# Output files and untrusted input files (issue 13): one case per run, named by $3.
#   output_files.sh SROI WORKDIR CASE GOLDEN_MODEL TEST_DATA
# Each case works in its own empty directory and prints why it fails.
set -u
sroi=$1
work=$2/$3
case_name=$3
golden=$4
data=$5
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1

fail() {
  echo "FAIL ($case_name): $*" >&2
  exit 1
}
# The report every case writes, as standard output has it.
"$sroi" report "$golden" --format markdown > expected.md || fail "report to standard output"
report_to() { "$sroi" report "$golden" --format markdown -o "$1"; }
# The golden model with its library list replaced by $1 (the golden model names uk-open.yaml).
model_with_library() { sed "s|^libraries: \\[.*\\]\$|libraries: [$1]|" "$golden"; }
uk_open=$data/../../models/proxies/uk-open.yaml
same_as_expected() { cmp -s expected.md "$1" || fail "$1 does not hold the report"; }
no_temporaries() {
  local left
  left=$(find . -name '.sroi-*' -o -name '*.tmp*' | head -5)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}

case $case_name in
symlink)  # the link stays a link; its target gets the report
  echo old > real.md && ln -s real.md link.md
  report_to link.md || fail "exit status $?"
  [ -L link.md ] || fail "link.md is no longer a symbolic link"
  [ "$(readlink link.md)" = real.md ] || fail "link.md points elsewhere"
  same_as_expected real.md
  # a dangling link: its target is created
  ln -s new.md dangling.md
  report_to dangling.md || fail "dangling link: exit status $?"
  [ -L dangling.md ] || fail "dangling.md is no longer a symbolic link"
  same_as_expected new.md
  no_temporaries
  ;;
fifo)  # written directly, as `>` would: the reader gets the report, the FIFO stays a FIFO
  mkfifo pipe.md || fail "mkfifo"
  timeout 20 cat pipe.md > got.md &
  reader=$!
  timeout 20 "$sroi" report "$golden" --format markdown -o pipe.md || fail "exit status $?"
  wait $reader || fail "the reader got nothing"
  [ -p pipe.md ] || fail "pipe.md is no longer a FIFO"
  same_as_expected got.md
  no_temporaries
  ;;
char_device)  # a character device is written directly and stays one: a private copy of /dev/null
  # (major 1, minor 3), so that a regression can never replace the system's own /dev/null
  if ! mknod null-device c 1 3 2> /dev/null; then
    echo "skipped: mknod needs privileges here"
    exit 0
  fi
  report_to null-device || fail "exit status $?"
  [ -c null-device ] || fail "null-device is no longer a character device"
  [ -c /dev/null ] || fail "/dev/null is no longer a character device"
  no_temporaries
  ;;
own_descriptor)  # /dev/fd/1 (what /dev/stdout leads to) is this process's standard output
  "$sroi" report "$golden" --format markdown -o /dev/fd/1 > got.md || fail "exit status $?"
  same_as_expected got.md
  ;;
private_mode)  # an existing 0600 file stays 0600
  echo secret > private.md && chmod 600 private.md
  report_to private.md || fail "exit status $?"
  [ "$(stat -c %a private.md)" = 600 ] || fail "mode is now $(stat -c %a private.md)"
  same_as_expected private.md
  no_temporaries
  ;;
hard_link)  # every link sees the new content, and they stay one file
  echo old > a.md && ln a.md b.md
  report_to a.md || fail "exit status $?"
  same_as_expected a.md
  same_as_expected b.md
  [ "$(stat -c %i a.md)" = "$(stat -c %i b.md)" ] || fail "a.md and b.md are no longer one file"
  no_temporaries
  ;;
long_name)  # a 250-byte name (the temporary name must not be longer than the file system allows)
  name=$(printf 'n%.0s' $(seq 1 247)).md
  report_to "$name" || fail "exit status $?"
  same_as_expected "$name"
  no_temporaries
  ;;
output_is_input)  # -o naming an input of the run is a usage error; the input is unchanged
  mkdir sub
  model_with_library lib.yaml > model.yaml
  cp "$uk_open" lib.yaml
  cp model.yaml model.orig && cp lib.yaml lib.orig
  ln -s model.yaml alias.yaml
  for target in model.yaml ./sub/../model.yaml alias.yaml "$PWD/model.yaml" lib.yaml; do
    "$sroi" report model.yaml -o "$target" 2> err.txt
    status=$?
    [ $status = 2 ] || fail "-o $target: exit status $status, expected 2"
    grep -q "input of the run" err.txt || fail "-o $target: message: $(cat err.txt)"
  done
  cp lib.yaml lib2.yaml && cp lib.yaml lib2.orig
  model_with_library "" > model.yaml
  "$sroi" report model.yaml --library lib2.yaml -o lib2.yaml 2> err.txt
  [ $? = 2 ] || fail "-o naming a --library file: $(cat err.txt)"
  model_with_library "$uk_open" > model.yaml && cp model.yaml model.orig
  printf 'sroi-scenarios: 1\nscenarios: {}\n' > scen.yaml && cp scen.yaml scen.orig
  "$sroi" scenarios model.yaml --scenarios scen.yaml -o scen.yaml 2> err.txt
  [ $? = 2 ] || fail "-o naming the --scenarios file: $(cat err.txt)"
  "$sroi" compare model.yaml "$golden" -o model.yaml 2> err.txt
  [ $? = 2 ] || fail "-o naming a compared model: $(cat err.txt)"
  "$sroi" portfolio . -o model.yaml 2> err.txt
  [ $? = 2 ] || fail "-o naming a portfolio model: $(cat err.txt)"
  cmp -s model.yaml model.orig || fail "model.yaml was changed"
  cmp -s lib.yaml lib.orig || fail "lib.yaml was changed"
  cmp -s lib2.yaml lib2.orig || fail "lib2.yaml was changed"
  cmp -s scen.yaml scen.orig || fail "scen.yaml was changed"
  no_temporaries
  ;;
samples_and_output)  # --samples-out and -o the same file: a usage error, nothing written
  "$sroi" simulate "$golden" --draws 100 --samples-out same.csv -o ./same.csv 2> err.txt
  [ $? = 2 ] || fail "exit status, expected 2: $(cat err.txt)"
  grep -q "same file" err.txt || fail "message: $(cat err.txt)"
  [ ! -e same.csv ] || fail "same.csv was written"
  echo old > old.csv && ln -s old.csv link.csv
  "$sroi" simulate "$golden" --draws 100 --samples-out old.csv -o link.csv 2> err.txt
  [ $? = 2 ] || fail "existing file through a link: $(cat err.txt)"
  [ "$(cat old.csv)" = old ] || fail "old.csv was changed"
  "$sroi" simulate "$golden" --draws 100 --samples-out "$golden" 2> err.txt
  [ $? = 2 ] || fail "--samples-out naming the model: $(cat err.txt)"
  # different files are fine
  "$sroi" simulate "$golden" --draws 100 --samples-out s.csv -o o.txt || fail "two files: exit status $?"
  [ "$(wc -l < s.csv)" = 101 ] || fail "s.csv does not have a header and 100 draws"
  no_temporaries
  ;;
signal_int|signal_term|signal_hup)  # the signal ends the run with 128+N, the temporary is removed
  case $case_name in
    signal_int) sig=INT; expected=130 ;;
    signal_term) sig=TERM; expected=143 ;;
    *) sig=HUP; expected=129 ;;
  esac
  echo old > samples.csv
  timeout --preserve-status -s $sig 2 "$sroi" simulate "$golden" --draws 1000000000000 \
    --samples-out samples.csv --progress never > /dev/null 2> err.txt
  status=$?
  [ $status = $expected ] || fail "exit status $status, expected $expected: $(cat err.txt)"
  [ "$(cat samples.csv)" = old ] || fail "samples.csv was changed"
  no_temporaries
  ;;
library_fifo)  # a library that is a FIFO or /dev/stdin is refused at once, never read
  mkfifo lib.yaml
  model_with_library lib.yaml > model.yaml
  "$sroi" report model.yaml 2> err.txt < /dev/null
  [ $? = 1 ] || fail "libraries: [FIFO]: $(cat err.txt)"
  grep -q "model.yaml:[0-9]*:[0-9]*: error: .*cannot read library.*a pipe, not a regular file" err.txt ||
    fail "message: $(cat err.txt)"
  model_with_library /dev/stdin > stdin.yaml
  echo "sroi-library: 1" | "$sroi" report stdin.yaml 2> err.txt
  [ $? = 1 ] || fail "libraries: [/dev/stdin]: $(cat err.txt)"
  grep -q "not a regular file" err.txt || fail "message: $(cat err.txt)"
  "$sroi" report "$golden" --library lib.yaml 2> err.txt < /dev/null
  [ $? = 1 ] || fail "--library FIFO: $(cat err.txt)"
  # a directory of models, one of which names the FIFO: the portfolio ends (1) without hanging
  mkdir dir && model_with_library "$uk_open" > dir/golden.yaml && mkfifo dir/pipe.yaml
  model_with_library ../lib.yaml > dir/model.yaml
  "$sroi" portfolio dir > out.txt 2> err.txt < /dev/null
  [ $? = 1 ] || fail "portfolio: $(cat err.txt)"
  grep -q "model.yaml:[0-9]*:[0-9]*: error: .*a pipe, not a regular file" err.txt || fail "portfolio: $(cat err.txt)"
  grep -q "pipe.yaml.*skipped: not a regular file" out.txt || fail "portfolio report: $(cat out.txt)"
  ;;
library_content_not_quoted)  # a file named as a library that is not one: its content is not shown
  printf 'root:x:0:0:secret-marker:/root:/bin/bash\n' > passwd
  model_with_library passwd > model.yaml
  "$sroi" report model.yaml 2> err.txt
  [ $? = 1 ] || fail "exit status: $(cat err.txt)"
  grep -q "passwd.*not an sroi library" err.txt || fail "message: $(cat err.txt)"
  ! grep -q "secret-marker\|root:x" err.txt || fail "the file's content is quoted: $(cat err.txt)"
  printf 'users:\n  secret-marker: 1\n' > other.yaml
  "$sroi" report "$golden" --library other.yaml 2> err.txt
  [ $? = 1 ] || fail "exit status: $(cat err.txt)"
  ! grep -q "secret-marker" err.txt || fail "a key of a non-library is quoted: $(cat err.txt)"
  ;;
compare_names_files)  # every rejection of compare names the file it is about
  forecast=$data/compare/forecast.yaml
  sed 's|^  price_year: 2024$|  price_year: 2024\n  currency: EUR|' "$data/compare/evaluative.yaml" > euro.yaml
  "$sroi" compare "$forecast" euro.yaml 2> err.txt
  [ $? = 1 ] || fail "currencies: $(cat err.txt)"
  grep -q "forecast.yaml.*GBP.*euro.yaml.*EUR" err.txt || fail "currencies: $(cat err.txt)"
  sed '/^  price_year: 2024$/d' "$data/compare/evaluative.yaml" > no-year.yaml
  "$sroi" compare "$forecast" no-year.yaml 2> err.txt
  [ $? = 1 ] || fail "price years: $(cat err.txt)"
  grep -q "no-year.yaml does not state project.price_year but .*forecast.yaml does" err.txt ||
    fail "price years: $(cat err.txt)"
  ;;
*)
  fail "unknown case"
  ;;
esac
exit 0
