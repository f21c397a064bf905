#!/bin/sh
# Seeds corpus/load/ with the bytecode files of programs/ and tests/cases/ (made afresh: committed
# bytecode would go stale whenever the opcode table changes). Run from tests/fuzz/.
set -e
mkdir -p corpus/load
root=../..
cargo build -q --manifest-path $root/Cargo.toml -p coro-vm --bin coro
for f in $root/programs/*.py $(find ../cases -name '*.py'); do
    out=corpus/load/$(echo "$f" | tr '/.' '__').coroc
    $root/target/debug/coro compile "$f" -o "$out" 2>/dev/null || true
done
