-- paths.lua — the wrk script of every benchmark scenario (tests/bench/run.sh).
--
-- Requests the paths of a file in turn, round-robin (each thread from its own offset, so the
-- threads do not walk in step), with the method, body and content type given; optionally logged
-- in; optionally stopping after a number of responses.  At the end it prints one line
-- "BENCH {json}" with the exact percentiles (microseconds) and counts, which run.sh keeps next to
-- wrk's own report.  Settings come from the environment (wrk hands its arguments to init() only,
-- after setup() has run):
--   BENCH_PATHS           file of paths, one per line (required)
--   BENCH_METHOD          GET (default) or POST
--   BENCH_BODY            request body (with POST); BENCH_CTYPE its Content-Type
--   BENCH_LOGIN_EMAIL     log in once, in setup(), through POST /api/v1/session (JSON) ...
--   BENCH_LOGIN_PASSWORD  ... and send the session cookie with every request
--   BENCH_URL             where to log in (http://127.0.0.1:PORT)
--   BENCH_STOP_AFTER      stop once this many responses have arrived (over all threads): each
--                         thread stops after its share and writes BENCH_STOP_FILE.<thread>

local nthreads = 0
local login_cookie = nil -- main state; each thread gets the global session_cookie

local function login()
  local email = os.getenv("BENCH_LOGIN_EMAIL")
  if email == nil or email == "" then
    return nil
  end
  local body = string.format('{"email":"%s","password":"%s"}', email,
                             os.getenv("BENCH_LOGIN_PASSWORD") or "")
  local cmd = string.format(
    "curl -s -i -m 30 -X POST -H 'Content-Type: application/json' " ..
    "-H 'Accept: application/json' --data '%s' '%s/api/v1/session'", body, os.getenv("BENCH_URL"))
  local p = io.popen(cmd)
  local out = p:read("*a")
  p:close()
  local status = out:match("^HTTP/%S+ (%d+)")
  if status ~= "200" then
    io.stderr:write("paths.lua: login as " .. email .. " failed: " .. (out:sub(1, 300)) .. "\n")
    os.exit(1)
  end
  local pairs_ = {}
  for name, value in out:gmatch("\n[Ss]et%-[Cc]ookie: *([^=;\r\n]+)=([^;\r\n]*)") do
    table.insert(pairs_, name .. "=" .. value)
  end
  return table.concat(pairs_, "; ")
end

function setup(thread)
  if nthreads == 0 then
    login_cookie = login()
  end
  nthreads = nthreads + 1
  thread:set("thread_no", nthreads)
  if login_cookie ~= nil then
    thread:set("session_cookie", login_cookie)
  end
end

local paths = {}
local n = 0
local i = 0
local method, body
local headers = {}
local responses = 0

function init(args)
  local f = assert(io.open(os.getenv("BENCH_PATHS"), "r"))
  for line in f:lines() do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  f:close()
  n = #paths
  i = ((thread_no or 1) - 1) * 7919 % n
  method = os.getenv("BENCH_METHOD") or "GET"
  body = os.getenv("BENCH_BODY")
  if body == "" then
    body = nil
  end
  local ctype = os.getenv("BENCH_CTYPE")
  if ctype ~= nil and ctype ~= "" then
    headers["Content-Type"] = ctype
  end
  headers["Accept-Language"] = "en"
  if session_cookie ~= nil then
    headers["Cookie"] = session_cookie
  end
end

-- wrk decides from the main state whether to call response(), so it is defined (or not) here,
-- at load time: only the memory run counts responses.
local stop_total = tonumber(os.getenv("BENCH_STOP_AFTER") or "")
if stop_total ~= nil then
  -- Each thread stops after its share.
  local share = math.ceil(stop_total / (tonumber(os.getenv("BENCH_THREADS") or "2") or 2))
  local marker = os.getenv("BENCH_STOP_FILE")
  function response(status, hdrs, b)
    responses = responses + 1
    if responses == share then
      -- wrk itself runs for its whole -d unless interrupted: run.sh sends it SIGINT once every
      -- thread has left its marker file.
      if marker ~= nil and marker ~= "" then
        local f = io.open(marker .. "." .. tostring(thread_no), "w")
        if f then
          f:write(tostring(responses) .. "\n")
          f:close()
        end
      end
      wrk.thread:stop()
    end
  end
end

function request()
  i = i % n + 1
  return wrk.format(method, paths[i], headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p95_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"non2xx3xx":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean, e.status,
    e.connect, e.read, e.write, e.timeout))
end
