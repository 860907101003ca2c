#!/usr/bin/env bash
# Runs the system locally: Azurite (default ports, data in .azurite/), the Zoho CRM sandbox on :5080,
# the function app on the local Functions host (tools/Offboarding.LocalHost) on :7071, the sample subscriber (functions/Offboarding.Subscriber,
# same host, --app subscriber) on :7072 posting to a local chat receiver on :7073, then sends a signed sample webhook and prints the offboarding's
# timeline to its completion event and the subscriber's chat message, then the operator console's URL and the local operator key. Everything keeps running until Ctrl+C,
# also when the sample does not complete (e.g. the blast-radius hold holds it: then it says how to approve it).
# ./run.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'EOF'
Usage: ./run.sh [--reset] [--help]

Builds the app and runs it locally: Azurite (ports 10000-10002, data in .azurite/), the Zoho CRM sandbox
(:5080), the function app on the local Functions host (:7071), and the sample subscriber (:7072) with a local
chat receiver (:7073) that prints what the subscriber posts; sends a signed sample offboarding, prints its timeline,
CloudEvents and the subscriber's chat message, and keeps serving until Ctrl+C (or SIGTERM), which stops everything.

  --reset   start from empty local storage: stop what an earlier ./run.sh left running, delete .azurite/
            (every offboarding, the blast-radius hold, queued messages) and .local-run/ (logs, pid files),
            then run as usual. local.settings.json is kept.
  --help    this text.

Environment: APP_PORT (default 7071), SANDBOX_PORT (default 5080), SUBSCRIBER_PORT (default 7072) and CHAT_PORT
(default 7073) move the app, the sandbox, the subscriber and the chat receiver;
STOP_DEADLINE (default 15) is how many seconds each service gets to stop before it is killed.
Logs and pid files are in .local-run/. Services left running by an earlier ./run.sh (its pid files) are
stopped before starting; a port busy with anything else is an error that names the port.
EOF
}

reset=false
for arg in "$@"; do
  case $arg in
    --reset) reset=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

APP_PORT=${APP_PORT:-7071}
SANDBOX_PORT=${SANDBOX_PORT:-5080}
SUBSCRIBER_PORT=${SUBSCRIBER_PORT:-7072}
CHAT_PORT=${CHAT_PORT:-7073}
STOP_DEADLINE=${STOP_DEADLINE:-15}
STATE=.local-run   # logs, pid files: <service>.pid holds the pid of a service, run.pid the pid of the ./run.sh running
HERE=$(pwd -P)

# --- processes -------------------------------------------------------------------------------------------------------
# Each service runs in a session of its own (setsid: its pid is its session and process group id), so Ctrl+C or a
# SIGTERM to this script's process group reaches only this script, which then signals each service's group once:
# Azurite 3.35 saves its data on the first signal and dies at once on a second, so a second signal would lose
# acknowledged writes. Only when a service has not stopped after STOP_DEADLINE seconds is it killed.

# True while a process of the session is alive (a zombie, an exited child not yet reaped, does not count).
# (No pipe into grep -q: with pipefail, ps cut short by SIGPIPE would read as "not alive".)
session_alive() {
  local stats
  stats=$(ps -o stat= -s "$1" 2>/dev/null) || return 1
  grep -q '^ *[^Z ]' <<< "$stats"
}

# True when pid is a session leader running the service's program, started from this folder: a pid file's process
# that is really ours, not one that reused its pid.
is_ours() { # pid service
  local pid=$1 program cwd
  case $2 in
    azurite) program=azurite ;;
    sandbox) program=Zoho.Crm.Sandbox ;;
    app) program=Offboarding.LocalHost ;;
    subscriber) program="Offboarding.LocalHost.dll --app subscriber" ;;
    chat) program=chat-receiver ;;
    *) return 1 ;;
  esac
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ "$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ] || return 1
  [[ $(ps -o args= -p "$pid" 2>/dev/null) == *"$program"* ]] || return 1
  if [ -e "/proc/$pid/cwd" ]; then
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
    [ "$cwd" = "$HERE" ] || return 1
  fi
}

# SIGTERM once to the service's process group, wait until it is gone, SIGKILL after STOP_DEADLINE seconds.
stop_session() { # sid name
  local sid=$1 name=$2 deadline
  session_alive "$sid" || return 0
  kill -TERM -- "-$sid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_DEADLINE))
  while session_alive "$sid"; do
    if ((SECONDS >= deadline)); then
      echo "  $name (pid $sid) did not stop within ${STOP_DEADLINE}s: killing it (SIGKILL)" >&2
      kill -KILL -- "-$sid" 2>/dev/null || true
      deadline=$((SECONDS + 5))
      while session_alive "$sid" && ((SECONDS < deadline)); do sleep 0.1; done
      session_alive "$sid" && echo "  $name (pid $sid) is still there after SIGKILL; check 'ps -s $sid'" >&2
      break
    fi
    sleep 0.1
  done
  return 0
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

listener_pid() {
  local line
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null) || return 0
  [[ $line =~ pid=([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
  return 0
}

who_listens() {
  local line
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null) || true
  if [[ $line =~ users:(.*) ]]; then echo "${BASH_REMATCH[1]}"; else echo "a process this user cannot see"; fi
}

# --- what an earlier run left ------------------------------------------------------------------------------------------
stop_leftovers() {
  local pid name file sid deadline
  if [ -f "$STATE/run.pid" ]; then
    pid=$(<"$STATE/run.pid")
    if [[ $pid =~ ^[0-9]+$ ]] && [ "$pid" != $$ ] && [[ $(ps -o args= -p "$pid" 2>/dev/null) == *run.sh* ]]; then
      if [ -f "$STATE/stopping" ]; then
        echo "An earlier ./run.sh (pid $pid) is stopping; waiting for it ..."
        deadline=$((SECONDS + 3 * STOP_DEADLINE + 10))
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
      fi
      if kill -0 "$pid" 2>/dev/null; then
        echo "run.sh: another ./run.sh is running from this folder (pid $pid); stop it first (Ctrl+C in its terminal, or kill $pid)." >&2
        exit 1
      fi
    fi
  fi
  for name in subscriber chat app sandbox azurite; do
    file=$STATE/$name.pid
    [ -f "$file" ] || continue
    pid=$(<"$file")
    if is_ours "$pid" "$name" && session_alive "$pid"; then
      echo "Stopping $name (pid $pid), left running by an earlier ./run.sh ..."
      stop_session "$pid" "$name"
    fi
    rm -f "$file"
  done
  # Ours without a pid file (e.g. started by a run.sh older than the pid files) still listening on one of our ports.
  for port in 10000 10001 10002 "$SANDBOX_PORT" "$APP_PORT" "$SUBSCRIBER_PORT" "$CHAT_PORT"; do
    pid=$(listener_pid "$port")
    [ -n "$pid" ] || continue
    sid=$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ') || continue
    for name in subscriber chat app sandbox azurite; do
      if [ -n "$sid" ] && is_ours "$sid" "$name"; then
        echo "Stopping $name (pid $sid, port $port), left running by an earlier ./run.sh ..."
        stop_session "$sid" "$name"
        break
      fi
    done
  done
}

check_ports() {
  local port busy=false
  for port in 10000 10001 10002 "$SANDBOX_PORT" "$APP_PORT" "$SUBSCRIBER_PORT" "$CHAT_PORT"; do
    if port_busy "$port"; then
      echo "run.sh: port $port is busy, held by $(who_listens "$port") (not a service of an earlier ./run.sh from this folder)" >&2
      busy=true
    fi
  done
  if $busy; then
    echo "Stop what listens there; APP_PORT, SANDBOX_PORT, SUBSCRIBER_PORT and CHAT_PORT move the others, Azurite's 10000-10002 are fixed (UseDevelopmentStorage=true)." >&2
    exit 1
  fi
}

stop_leftovers
if $reset; then
  echo "Reset: deleting local storage (.azurite/) and run state ($STATE/) ..."
  rm -rf .azurite "$STATE"
fi
mkdir -p .azurite "$STATE"
echo $$ > "$STATE/run.pid"

names=()
pids=()
sample_pid=
# The stop runs to its end whatever signals arrive meanwhile (a second Ctrl+C, SIGTERM twice): they are ignored.
cleanup() {
  local status=$? i
  trap '' INT TERM HUP
  trap - EXIT
  set +e
  : > "$STATE/stopping"
  if [ -n "$sample_pid" ]; then
    kill -TERM "$sample_pid" 2>/dev/null
    wait "$sample_pid" 2>/dev/null
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do   # the app first, storage last
    if ((i == ${#pids[@]} - 1)); then
      echo
      echo "Stopping (each gets ${STOP_DEADLINE}s; further Ctrl+C or SIGTERM are ignored until done) ..."
    fi
    echo "  stopping ${names[i]} (pid ${pids[i]})"
    stop_session "${pids[i]}" "${names[i]}"
    wait "${pids[i]}" 2>/dev/null
    rm -f "$STATE/${names[i]}.pid"
  done
  ((${#pids[@]})) && echo "Stopped: nothing of this run is left running."
  rm -f "$STATE/run.pid" "$STATE/stopping"
  exit "$status"
}
trap cleanup EXIT INT TERM HUP

started() { # name pid
  names+=("$1")
  pids+=("$2")
  echo "$2" > "$STATE/$1.pid"
}

fail() { echo "$1 exited; see $STATE/$1.log" >&2; tail -n 20 "$STATE/$1.log" >&2 || true; exit 1; }

wait_for() { # url name pid
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    session_alive "$3" || fail "$2"
    sleep 0.5
  done
  echo "$2 did not answer at $1; see $STATE/$2.log" >&2; exit 1
}

check_ports

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Building (Release) ..."
dotnet build tools/Offboarding.LocalRun -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
dotnet build tools/Offboarding.LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
dotnet build tools/Zoho.Crm.Sandbox -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary

# The app reads local.settings.json from the folder it starts in, as Core Tools would.
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

# The operator API's key stands in for a signed-in operator locally (Operators__Key in local.settings.json); the
# console asks for it once per tab, so it is printed at the end.
operator_key=$(node -e 'process.stdout.write(require("./local.settings.json").Values.Operators__Key ?? "")')

echo "Starting Azurite (blob 10000, queue 10001, table 10002) ..."
setsid node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location .azurite > "$STATE/azurite.log" 2>&1 &
started azurite $!
for _ in $(seq 1 60); do
  port_busy 10000 && port_busy 10001 && port_busy 10002 && break
  session_alive "${pids[-1]}" || fail azurite
  sleep 0.5
done

echo "Starting the Zoho CRM sandbox on http://127.0.0.1:$SANDBOX_PORT (jobs finish after 5 s) ..."
setsid dotnet tools/Zoho.Crm.Sandbox/bin/Release/net10.0/Zoho.Crm.Sandbox.dll --port "$SANDBOX_PORT" --job-duration 5 > "$STATE/sandbox.log" 2>&1 &
started sandbox $!
wait_for "http://127.0.0.1:$SANDBOX_PORT/__sandbox/state" sandbox "${pids[-1]}"

echo "Starting the function app on the local Functions host on http://127.0.0.1:$APP_PORT ..."
Zoho__AccountsUri="http://127.0.0.1:$SANDBOX_PORT" Zoho__ApiUri="http://127.0.0.1:$SANDBOX_PORT" \
  ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
  setsid dotnet tools/Offboarding.LocalHost/bin/Release/net10.0/Offboarding.LocalHost.dll > "$STATE/app.log" 2>&1 &
started app $!
wait_for "http://127.0.0.1:$APP_PORT/" app "${pids[-1]}"

echo "Starting a chat receiver on http://127.0.0.1:$CHAT_PORT (prints what is posted to it) ..."
setsid node tools/chat-receiver.js "$CHAT_PORT" > "$STATE/chat.log" 2>&1 &
started chat $!
for _ in $(seq 1 60); do
  port_busy "$CHAT_PORT" && break
  session_alive "${pids[-1]}" || fail chat
  sleep 0.2
done

# The sample subscriber: the same local host running functions/Offboarding.Subscriber. It takes the app's events from the
# offboarding-events queue, reads the leaver's name from the status route with the local operator key, and posts to the chat.
echo "Starting the sample subscriber on http://127.0.0.1:$SUBSCRIBER_PORT ..."
Subscriber__AppBaseUri="http://127.0.0.1:$APP_PORT" Subscriber__ChatWebhookUri="http://127.0.0.1:$CHAT_PORT/hooks/offboarding" \
  Subscriber__OperatorKey="$operator_key" ASPNETCORE_URLS="http://127.0.0.1:$SUBSCRIBER_PORT" \
  setsid dotnet tools/Offboarding.LocalHost/bin/Release/net10.0/Offboarding.LocalHost.dll --app subscriber > "$STATE/subscriber.log" 2>&1 &
started subscriber $!
wait_for "http://127.0.0.1:$SUBSCRIBER_PORT/" subscriber "${pids[-1]}"

# The sample runs in the background so that a signal stops the run at once rather than after the sample.
# Its status: 0 completed, 2 held by the blast-radius hold, anything else did not complete. The services keep serving regardless.
echo
dotnet tools/Offboarding.LocalRun/bin/Release/net10.0/Offboarding.LocalRun.dll --app "http://127.0.0.1:$APP_PORT" --settings local.settings.json &
sample_pid=$!
sample_status=0
wait "$sample_pid" || sample_status=$?
sample_pid=

if [ "$sample_status" = 0 ]; then
  echo
  echo "==> The sample subscriber's chat message (what tools/chat-receiver.js received)"
  chat_line=
  for _ in $(seq 1 60); do
    chat_line=$(grep -m1 '^\[chat ' "$STATE/chat.log" || true)
    [ -n "$chat_line" ] && break
    sleep 0.5
  done
  echo "  ${chat_line:-(nothing yet; see $STATE/subscriber.log)}"
fi

echo
echo "Operator console: http://127.0.0.1:$APP_PORT/api/console"
echo "  operator key: ${operator_key:-(none: set Operators__Key in local.settings.json)}  (the page asks for it once and keeps it for the tab)"
echo
echo "Still serving: app http://127.0.0.1:$APP_PORT/api/offboardings (its OpenAPI document: http://127.0.0.1:$APP_PORT/api/openapi.json,"
echo "the request and event data schemas: http://127.0.0.1:$APP_PORT/api/schemas/{name}, e.g. offboarding-request.json),"
echo "sandbox http://127.0.0.1:$SANDBOX_PORT, the sample subscriber http://127.0.0.1:$SUBSCRIBER_PORT (chat messages in $STATE/chat.log),"
echo "logs in $STATE/. Ctrl+C stops everything."
case $sample_status in
  0) ;;
  2)
    curl_key="curl -sS -X POST -H 'Authorization: Bearer $operator_key' -H 'content-type: application/json'"
    echo
    echo "!! The blast-radius hold is OPEN and holds the sample (why: see '==> The sample is HELD' above). Nothing held goes to Zoho until you decide:"
    echo "!!   console: http://127.0.0.1:$APP_PORT/api/console"
    echo "!!   approve: $curl_key --data '{}' 'http://127.0.0.1:$APP_PORT/api/holds/approve'"
    echo "!!   reject:  $curl_key --data '{\"reason\":\"local testing\"}' 'http://127.0.0.1:$APP_PORT/api/holds/reject'"
    echo "!!   or start from empty local storage: ./run.sh --reset"
    ;;
  *)
    echo
    echo "!! The sample did not complete (status $sample_status; see above and $STATE/app.log). Still serving."
    ;;
esac

# Serve until a signal (the trap stops everything) or until a service dies (then the rest is stopped too).
while :; do
  for i in "${!pids[@]}"; do
    session_alive "${pids[i]}" || { echo "${names[i]} stopped unexpectedly; see $STATE/${names[i]}.log. Stopping the rest." >&2; exit 1; }
  done
  sleep 1 &
  wait $! || true
done
