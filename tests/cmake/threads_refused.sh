#!/usr/bin/env bash
# A thread the system refuses is a fallback to fewer threads, never an abort: `sroi simulate` and
# `sroi sobol` asked for 200 threads under a 2 GiB address-space limit with 64 MiB thread stacks
# (room for about 25 threads) must exit 0 and print exactly what they print with 2 threads.
#   threads_refused.sh SROI MODEL OUTDIR
set -u
sroi=$1
model=$2
out=$3
status=0
for args in "simulate --draws 300000 --seed 5" "sobol --samples 300000 --bootstrap 0 --seed 5"; do
    name=${args%% *}
    # shellcheck disable=SC2086  # the arguments are split on purpose
    "$sroi" $args "$model" --threads 2 > "$out/threads-$name-2.txt" || { echo "$name --threads 2 failed"; exit 1; }
    # shellcheck disable=SC2086
    (ulimit -s 65536 && ulimit -v 2097152 && exec "$sroi" $args "$model" --threads 200) \
        > "$out/threads-$name-200.txt" 2> "$out/threads-$name-200.err"
    code=$?
    if [ "$code" -ne 0 ]; then
        echo "$name --threads 200 under ulimit -v exited $code:"
        cat "$out/threads-$name-200.err"
        status=1
    elif ! cmp -s "$out/threads-$name-2.txt" "$out/threads-$name-200.txt"; then
        echo "$name: --threads 200 under ulimit -v printed other figures than --threads 2"
        diff "$out/threads-$name-2.txt" "$out/threads-$name-200.txt" | head -20
        status=1
    fi
done
exit $status
