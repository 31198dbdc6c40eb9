#!/usr/bin/env bash
# Load benchmark: Relais against the standard echo bots (botbuilder for Teams, matrix-bot-sdk for
# Matrix), under the same wrk load, replying to the same nginx sink, runs interleaved
# (peer, Relais, Relais, peer) so that machine drift cancels out. Prints one table.
#
#   tests/bench/load/run.sh [--duration 10] [--rounds 1] [--build build]
#
# Needs wrk, nginx, node and npm (apt-get install -y wrk nginx-light nodejs npm) and a built
# Relais. The echo bots are installed with npm into ~/.cache/relais-bench-peers on first use.
# BENCH_INTERVAL (ms, default 16) sets the fixed-rate run's pace per connection: 16 connections
# at 16 ms is 1,000 messages/s, at 160 ms 100/s. BENCH_KINDS (default "teams matrix") and BENCH_ORDER
# (default "peer relais relais peer") choose the runs; "floor" in BENCH_ORDER adds nginx relaying
# each request to the sink on the bot's core: the most any bot could do on this machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
duration=10 rounds=1 build="$root/build" interval=${BENCH_INTERVAL:-16}
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    *) echo "usage: $0 [--duration SECONDS] [--rounds N] [--build DIR]" >&2; exit 64 ;;
  esac
done
for tool in wrk nginx node npm taskset; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx-light nodejs npm" >&2; exit 2; }
done
[ -x "$build/relais" ] && [ -x "$build/relais-bench" ] || { echo "build Relais first (cmake --build $build)" >&2; exit 2; }

# The load generator and the sink share one core, the bot under test has the other.
load_cpu=0 bot_cpu=1
[ "$(nproc)" -ge 2 ] || bot_cpu=0
work=$(mktemp -d)
sink_port=18190 bot_port=18180
sink="http://127.0.0.1:$sink_port"
as_token=bench-as-token-0123456789 hs_token=bench-hs-token-9876543210
bot_pid=""
cleanup() {
  [ -n "$bot_pid" ] && kill "$bot_pid" 2>/dev/null || true
  [ -f "$work/sink/nginx.pid" ] && kill "$(cat "$work/sink/nginx.pid")" 2>/dev/null || true
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ---- the echo bots ---------------------------------------------------------------------
peers=${BENCH_PEERS:-$HOME/.cache/relais-bench-peers}
if ! cmp -s "$here/peers/package.json" "$peers/package.json"; then
  mkdir -p "$peers"
  cp "$here/peers/package.json" "$peers/"
  # Scripts off: matrix-bot-sdk's crypto package would download a native binary; the stub below
  # stands in for it (the echo bot never encrypts).
  (cd "$peers" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp "$here/peers/matrix-crypto-stub.js" "$peers/node_modules/@matrix-org/matrix-sdk-crypto-nodejs/index.js"
cp "$here"/peers/*_echo.js "$peers/"

# ---- the reply sink: plays the Bot Connector, the identity service and the homeserver ------
"$build/relais-bench" load-keys --dir "$work/sink/keys" --sink "$sink" >/dev/null
mkdir -p "$work/sink/tmp"
chmod 755 "$work"  # nginx workers run as an unprivileged user: they read the keys from here
cat > "$work/sink/nginx.conf" <<CONF
worker_processes 1;
pid $work/sink/nginx.pid;
error_log $work/sink/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/sink/tmp;
  proxy_temp_path $work/sink/tmp;
  fastcgi_temp_path $work/sink/tmp;
  uwsgi_temp_path $work/sink/tmp;
  scgi_temp_path $work/sink/tmp;
  keepalive_requests 1000000;
  log_format replies '\$msec \$request_method \$request_uri';
  geo \$dollar { default "\$"; }  # nginx strings cannot hold a literal dollar
  server {
    listen 127.0.0.1:$sink_port;
    default_type application/json;
    location = /openid.json { root $work/sink/keys; }
    location = /jwks.json { root $work/sink/keys; }
    location = /token { return 200 '{"token_type":"Bearer","expires_in":86400,"ext_expires_in":86400,"access_token":"bench-connector-token"}'; }
    location /teams/ { access_log $work/sink/replies.log replies; return 200 '{"id":"bench-reply"}'; }
    location /_matrix/client/ { access_log $work/sink/replies.log replies; return 200 '{"event_id":"\${dollar}bench-reply","room_id":"!bench:bench"}'; }
  }
}
CONF
taskset -c $load_cpu nginx -p "$work/sink" -c "$work/sink/nginx.conf" -g 'daemon on;'
touch "$work/sink/replies.log"

wait_for_port() {
  for _ in $(seq 1 200); do
    (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "nothing listens on $1" >&2; return 1
}

# ---- the bots under test -----------------------------------------------------------------
# The demo organisation plus 2,000 employees who ask (a Monday morning has many askers, each in
# their own chat), each with a Teams and a Matrix identity.
senders=2000
awk -F, -v n=$senders 'NR == 1 { print $0 ",aad_object_id,matrix_id"; next } { print $0 ",," }
  END { split("fr nl en de", lang, " "); split("Finance;Operations;Customer Care", circle, ";")
        for (i = 0; i < n; i++)
          printf "bench.user.%d,Bench User %d,bench.user.%d@lumen.example,%s,%s,employee,,,Brussels,bench-aad-%d,@bench_%d:bench\n",
                 i, i, i, lang[i % 4 + 1], circle[i % 3 + 1], i, i }' \
  "$root/config/directory.example.csv" > "$work/directory.csv"
cat > "$work/registration.yaml" <<REG
id: relais
url: http://127.0.0.1:$bot_port
as_token: $as_token
hs_token: $hs_token
sender_localpart: relais
namespaces:
  users:
    - exclusive: true
      regex: "@relais.*:bench"
  aliases: []
  rooms: []
rate_limited: false
REG

start_bot() {  # bot kind run
  local data="$work/$3"
  mkdir -p "$data"
  if [ "$1" = relais ]; then
    env RELAIS_SERVER_PORT=$bot_port RELAIS_STORAGE_PATH="$data/relais.db" \
        RELAIS_KNOWLEDGE_PATH="$root/knowledge" RELAIS_DIRECTORY_PATH="$work/directory.csv" \
        RELAIS_DIRECTORY_CIRCLES_PATH="$root/config/circles.example.csv" RELAIS_WEBCHAT_DEMO=false RELAIS_WEBCHAT_SECRET=bench-webchat-secret-of-forty-characters \
        RELAIS_TEAMS_ENABLED=true RELAIS_TEAMS_APP_ID=bench-app RELAIS_TEAMS_APP_PASSWORD=bench-secret \
        RELAIS_TEAMS_OPENID_METADATA_URL="$sink/openid.json" RELAIS_TEAMS_TOKEN_URL="$sink/token" \
        RELAIS_MATRIX_ENABLED=true RELAIS_MATRIX_HOMESERVER_URL="$sink" RELAIS_MATRIX_USER_ID=@relais:bench \
        RELAIS_MATRIX_REGISTRATION_FILE="$work/registration.yaml" ${BENCH_RELAIS_ENV:-} \
        taskset -c $bot_cpu "$build/relais" serve > "$data/bot.log" 2>&1 &
  elif [ "$1" = floor ]; then
    # The floor: nginx relaying each request to the sink and its answer back, on the bot's core.
    # One HTTP exchange in and one out, nothing else: no bot can be faster than this.
    cat > "$data/nginx.conf" <<CONF
worker_processes 1;
pid $data/nginx.pid;
error_log $data/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $data;
  proxy_temp_path $data;
  fastcgi_temp_path $data;
  uwsgi_temp_path $data;
  scgi_temp_path $data;
  upstream sink { server 127.0.0.1:$sink_port; keepalive 64; }
  server {
    listen 127.0.0.1:$bot_port;
    location / { proxy_pass http://sink/teams/floor; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
    taskset -c $bot_cpu nginx -p "$data" -c "$data/nginx.conf" -g 'daemon off; master_process off;' > "$data/bot.log" 2>&1 &
  elif [ "$2" = teams ]; then
    (cd "$peers" && PORT=$bot_port exec taskset -c $bot_cpu node teams_echo.js) > "$data/bot.log" 2>&1 &
  else
    (cd "$peers" && PORT=$bot_port HOMESERVER_URL="$sink" AS_TOKEN=$as_token HS_TOKEN=$hs_token \
       exec taskset -c $bot_cpu node matrix_echo.js) > "$data/bot.log" 2>&1 &
  fi
  bot_pid=$!
  wait_for_port $bot_port
}

stop_bot() {
  kill "$bot_pid" 2>/dev/null || true
  wait "$bot_pid" 2>/dev/null || true
  bot_pid=""
}

replies_of() { grep -c -- " [^ ]*$1-" "$work/sink/replies.log" || true; }

# Waits until the replies for a run stop coming (the outbox has drained).
wait_for_drain() {
  local last=-1 now stable=0
  for _ in $(seq 1 600); do
    now=$(replies_of "$1")
    if [ "$now" = "$last" ]; then stable=$((stable + 1)); [ $stable -ge 10 ] && return 0; else stable=0; fi
    last=$now
    sleep 0.2
  done
}

# One wrk run: kind run connections interval_ms
load() {
  LOAD_KIND=$1 LOAD_RUN=$2 LOAD_INTERVAL_MS=$4 LOAD_CONNECTIONS=$3 LOAD_OUT="$work/$2.wrk" LOAD_SINK="$sink" \
  LOAD_TOKEN=$([ "$bot" = relais ] && cat "$work/sink/keys/token.jwt" || true) LOAD_HS_TOKEN=$hs_token \
  LOAD_SENDERS=$senders LOAD_MATRIX_PREFIX=$([ "$bot" = relais ] && echo '!ask ' || true) \
    taskset -c $load_cpu wrk -t"$3" -c"$3" -d"${duration}s" -s "$here/load.lua" "http://127.0.0.1:$bot_port" > "$work/$2.out"
  wait_for_drain "$2"
}

# Accepted requests, replies to them, duplicates, replies to requests cut off at the end, and
# request->reply latency (sink arrival minus the send time carried in the key), for one run.
analyse() {  # run -> "requests rps p50_ms p99_ms accepted answered dups extra reply_p50_ms reply_p99_ms"
  awk -v run="$1" 'match($0, run "-[0-9]+-[0-9]+-[0-9]+") { print $1, substr($0, RSTART, RLENGTH) }' \
    "$work/sink/replies.log" > "$work/$1.replies"
  awk -v lat="$work/$1.lat" '
    FNR == NR { if ($1 == "thread") { first[$2] = $6; last[$2] = $6 + $3 - 1; total += $3 } else if ($1 == "summary") {
                  requests = $2; rps = $2 / ($3 / 1e6); p50 = $4 / 1000; p99 = $5 / 1000; errors = $6 } next }
    { split($2, k, "-"); seen[$2]++
      if (seen[$2] > 1) { dups++; next }
      if (k[3] + 0 >= first[k[2]] + 0 && k[3] + 0 <= last[k[2]] + 0) answered++; else extra++
      printf "%.3f\n", ($1 * 1e6 - k[4]) / 1000 > lat }
    END { printf "%d %.0f %.2f %.2f %d %d %d %d %d", requests, rps, p50, p99, total, answered, dups, extra, errors }' \
    "$work/$1.wrk" "$work/$1.replies" > "$work/$1.sum"
  local n p50 p99
  n=$(cat "$work/$1.lat" 2>/dev/null | wc -l)
  if [ "$n" -gt 0 ]; then
    sort -n "$work/$1.lat" > "$work/$1.sorted"
    p50=$(sed -n "$(( (n + 1) / 2 ))p" "$work/$1.sorted")
    p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/$1.sorted")
  else p50=- p99=-; fi
  echo "$(cat "$work/$1.sum") $p50 $p99"
}

# CPU time the bot's process has used so far (all threads, user + system), in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' /proc/$bot_pid/stat; }
cpu_per_message() {  # ticks messages -> microseconds
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else printf "-" }'
}

# Relais' own count of what the disk took: WAL pages appended per message accepted (/metrics).
wal_pages_per_message() {
  local metrics
  metrics=$(exec 3<>/dev/tcp/127.0.0.1/$bot_port && printf 'GET /metrics HTTP/1.0\r\n\r\n' >&3 && cat <&3)
  awk '$1 == "relais_wal_frames_total" { frames = $2 } $1 ~ /^relais_messages_in_total/ { messages += $2 }
       END { if (messages > 0) printf "%.1f", frames / messages; else printf "-" }' <<< "$metrics"
}

# ---- the runs ----------------------------------------------------------------------------
printf '%s\n' "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r)"
printf '%s\n' "load and sink on cpu $load_cpu, bot on cpu $bot_cpu; ${duration}s per run; saturation: 32 connections; fixed rate: 16 connections, one request each per ${interval} ms, spread evenly"
printf '\n| transport | bot | req/s (c=32) | HTTP p50 / p99 ms | replies / accepted (c=32) | dup | at 1,000/s: reply p50 / p99 ms | replies / accepted | CPU µs / message (c=32 / 1,000/s) | peak RSS MiB | WAL pages / message |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
n=0
for kind in ${BENCH_KINDS:-teams matrix}; do
  peer=$([ $kind = teams ] && echo botbuilder || echo matrix-bot-sdk)
  for round in $(seq 1 "$rounds"); do
    for bot in ${BENCH_ORDER:-peer relais relais peer}; do
      n=$((n + 1))
      start_bot $bot $kind "b$n"
      ticks=$(cpu_ticks)
      load $kind "s$n" 32 0
      ticks=$(( $(cpu_ticks) - ticks ))
      read -r _ rps p50 p99 acc ans dups extra errors _ _ <<< "$(analyse "s$n")"
      scpu=$(cpu_per_message $ticks "$acc")
      ticks=$(cpu_ticks)
      load $kind "f$n" 16 "$interval"
      ticks=$(( $(cpu_ticks) - ticks ))
      read -r _ _ _ _ facc fans fdups fextra ferrors rp50 rp99 <<< "$(analyse "f$n")"
      fcpu=$(cpu_per_message $ticks "$facc")
      rss=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$bot_pid/status)
      wal=-
      [ $bot = relais ] && wal=$(wal_pages_per_message)
      stop_bot
      name=$([ $bot = relais ] && echo Relais || echo "$peer")
      if [ $bot = floor ]; then  # it relays the answer, not a reply of its own: nothing to count
        name="nginx relay (floor)" ans=- fans=- rp50=- rp99=- dups=0 fdups=0 extra=0 fextra=0
      fi
      note=""
      [ $((extra + fextra)) -gt 0 ] && note=" (+$((extra + fextra)) cut off at the end, also answered once)"
      [ $((errors + ferrors)) -gt 0 ] && note="$note (errors: $((errors + ferrors)))"
      printf '| %s | %s | %s | %s / %s | %s / %s | %s | %s / %s | %s / %s | %s | %s | %s |%s\n' \
        $kind "$name" "$rps" "$p50" "$p99" "$ans" "$acc" "$((dups + fdups))" "$rp50" "$rp99" "$fans" "$facc" "$scpu / $fcpu" "$rss" "$wal" "$note"
    done
  done
done
