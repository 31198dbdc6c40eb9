-- wrk script for the load benchmark: Teams message activities (LOAD_KIND=teams) or Matrix
-- application-service transactions (LOAD_KIND=matrix), each with a unique key that carries the
-- thread, its sequence number and the send time in microseconds, so the reply sink's log tells
-- which request each reply answers and how long it took.
--
-- Run with one connection per thread (-t N -c N): requests on a connection go one after the
-- other, so a thread's accepted requests are the sequence numbers from its first answered one
-- on. (wrk calls request() once before the run to check the script: that number is never sent.)
-- LOAD_INTERVAL_MS > 0 paces each connection at that interval (a fixed rate); 0 saturates.
-- Paced connections are spread evenly over the interval (LOAD_CONNECTIONS of them), so a fixed
-- rate of 1,000/s is one request every millisecond, not a burst of 16 every 16 ms.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval* tv, void* tz);
]]
local tv = ffi.new("bench_timeval")
local function now_us()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end
-- Whole microseconds as digits (Lua would print a number this large in exponent form).
local function stamp() return string.format("%.0f", now_us()) end

local threads = {}
local next_thread = 1

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

-- How-to questions the bundled FAQ answers, in its four languages.
local questions = {
  "Comment partager mon écran dans Teams ?",
  "Hoe deel ik mijn scherm in Teams?",
  "How do I share my screen in Teams?",
  "Wie teile ich meinen Bildschirm in Teams?",
  "Comment retrouver un fichier supprimé dans OneDrive ?",
  "How do I recover a deleted file in OneDrive?",
}

function init(args)
  kind = os.getenv("LOAD_KIND")
  run = os.getenv("LOAD_RUN")
  token = os.getenv("LOAD_TOKEN") or ""
  hs_token = os.getenv("LOAD_HS_TOKEN") or ""
  sink = os.getenv("LOAD_SINK")
  senders = tonumber(os.getenv("LOAD_SENDERS"))
  prefix = os.getenv("LOAD_MATRIX_PREFIX") or ""
  interval_us = tonumber(os.getenv("LOAD_INTERVAL_MS") or "0") * 1000
  seq = 0
  accepted = 0
  refused = 0
  first_answered = 0
  local connections = tonumber(os.getenv("LOAD_CONNECTIONS") or "1")
  next_at = now_us() + (thread_no - 1) * interval_us / connections
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function request()
  seq = seq + 1
  local key = run .. "-" .. thread_no .. "-" .. seq .. "-" .. stamp()
  local text = questions[(seq % #questions) + 1]
  local sender = (thread_no * 7919 + seq) % senders
  if kind == "teams" then
    local headers = { ["Content-Type"] = "application/json" }
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    local body = '{"type":"message","id":"' .. key .. '","text":' .. json_string(text) ..
      ',"from":{"id":"29:bench-user-' .. sender .. '","name":"Bench User","aadObjectId":"bench-aad-' .. sender .. '"}' ..
      ',"serviceUrl":"' .. sink .. '/teams/","channelId":"msteams","locale":"fr-FR"' ..
      ',"conversation":{"conversationType":"personal","tenantId":"bench-tenant","id":"a:' .. key .. '"}' ..
      ',"recipient":{"id":"28:bench-app","name":"Bot"},"textFormat":"plain"' ..
      ',"timestamp":"2026-11-23T08:00:00.000Z","channelData":{"tenant":{"id":"bench-tenant"}}}'
    return wrk.format("POST", "/api/messages", headers, body)
  end
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. hs_token }
  local body = '{"events":[{"type":"m.room.message","event_id":"$' .. key .. '","room_id":"!' .. key ..
    ':bench","sender":"@bench_' .. sender .. ':bench","origin_server_ts":1795420800000,"content":{"msgtype":"m.text","body":' ..
    json_string(prefix .. text) .. '}}]}'
  return wrk.format("PUT", "/_matrix/app/v1/transactions/" .. key .. "?access_token=" .. hs_token, headers, body)
end

function response(status, headers, body)
  if first_answered == 0 then first_answered = seq end
  if status >= 200 and status < 300 then accepted = accepted + 1 else refused = refused + 1 end
end

function delay()
  if interval_us == 0 then return 0 end
  next_at = next_at + interval_us
  local wait = (next_at - now_us()) / 1000
  if wait < 0 then return 0 end
  return wait
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("LOAD_OUT"), "w")
  for _, t in ipairs(threads) do
    out:write(string.format("thread %d %d %d %d %d\n", t:get("thread_no"), t:get("accepted"), t:get("seq"),
      t:get("refused"), t:get("first_answered")))
  end
  local e = summary.errors
  out:write(string.format("summary %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
  out:close()
end
