#!/usr/bin/env bash
# The order lookup against its baseline (issue 12): `GET /api/v1/orders/1004` of `wismo demo`
# (a verified shopper's session token, the order answered from stored data) beside the bare axum
# + SQLite point lookup of a 2 KB JSON row (proxy/examples/bare_lookup.rs), both release builds,
# loaded in turns by the same tool (wrk: 2 threads, 32 connections, 10 s) in the same run.
# Prints the machine, each round's requests/s and latency, and the ratio wismo / bare.
#
#   bash benches/lookup.sh [ROUNDS]        (default 3; needs wrk: apt-get install -y wrk)
#
# Set RUST_LOG=warn to leave out the proxy's access log line per request.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
command -v wrk > /dev/null || { echo "lookup.sh: needs wrk (apt-get install -y wrk)" >&2; exit 2; }
cargo build --release -q -p wismo-proxy --bin wismo --example bare_lookup
dir="$(mktemp -d)"
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$dir"' EXIT
target/release/wismo demo --addr 127.0.0.1:0 --db "$dir/demo.sqlite" --history 0 \
    --www-dir "$dir" --widget-dir "$dir" > "$dir/demo.out" 2> /dev/null &
target/release/examples/bare_lookup > "$dir/bare.out" 2> /dev/null &
for _ in $(seq 100); do
    grep -q "running at" "$dir/demo.out" 2> /dev/null && grep -q "serving at" "$dir/bare.out" 2> /dev/null && break
    sleep 0.2
done
demo="$(sed -n 's|.*wismo demo running at http://\([^/]*\)/.*|\1|p' "$dir/demo.out" | head -1)"
bare="$(sed -n 's|bare lookup serving at http://\([^/]*\)/|\1|p' "$dir/bare.out")"
[ -n "$demo" ] && [ -n "$bare" ] || { echo "lookup.sh: a server did not start" >&2; exit 1; }
token="$(curl -s -X POST -H 'content-type: application/json' \
    -d '{"order_number":"1004","email":"marco@example.com"}' \
    "http://$demo/api/v1/session" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "lookup.sh: no session token" >&2; exit 1; }
wismo_bytes="$(curl -s -H "Authorization: Bearer $token" "http://$demo/api/v1/orders/1004" | wc -c)"
bare_bytes="$(curl -s "http://$bare/orders/1004" | wc -c)"

echo "machine: $(nproc) CPUs ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
echo "bodies: wismo $wismo_bytes B, bare $bare_bytes B; wrk -t2 -c32 -d10s, RUST_LOG=${RUST_LOG:-default}"
echo
echo "| round | wismo req/s | p50 | p99 | bare req/s | p50 | p99 | ratio |"
echo "|---|---|---|---|---|---|---|---|"
load() { # URL [header] -> "rps p50 p99"
    local out
    if [ $# -gt 1 ]; then out="$(wrk -t2 -c32 -d10s --latency -H "$2" "$1")"; else out="$(wrk -t2 -c32 -d10s --latency "$1")"; fi
    if echo "$out" | grep -q "Non-2xx"; then echo "lookup.sh: non-2xx answers from $1" >&2; exit 1; fi
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}') $(echo "$out" | awk '$1=="99%" {print $2}')"
}
ratios=()
for round in $(seq "$rounds"); do
    read -r w50 wp50 wp99 <<< "$(load "http://$demo/api/v1/orders/1004" "Authorization: Bearer $token")"
    read -r b50 bp50 bp99 <<< "$(load "http://$bare/orders/1004")"
    ratio="$(awk -v a="$w50" -v b="$b50" 'BEGIN {printf "%.2f", a / b}')"
    ratios+=("$ratio")
    echo "| $round | $w50 | $wp50 | $wp99 | $b50 | $bp50 | $bp99 | $ratio |"
done
echo
echo "median ratio: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
