#!/usr/bin/env bash
# Starts the action server, the Rasa server (REST channel and chat widget, HTTP API off) and a
# demo school page on a second origin that embeds the widget; waits until the bot answers, and
# stops all three on Ctrl-C or SIGTERM.
# The server listens on 127.0.0.1 unless SAFECHAT_HOST says otherwise (put it behind an HTTPS
# reverse proxy rather than exposing it). Rasa's HTTP API (trackers, model loading) stays off
# unless SAFECHAT_API_TOKEN is set: then it is on, and every API call needs that token
# (never run `rasa run --enable-api` without `--auth-token`: CVE-2024-49375).
# SAFECHAT_PRINT_COMMAND=1 prints the Rasa server's command (token hidden) and exits.
set -uo pipefail
HOST=${SAFECHAT_HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}  # endpoints.yml reads it
READY_TIMEOUT=${READY_TIMEOUT:-180}
# Worker processes of the Rasa server: one per core uses the machine (each holds the model,
# about 0.5 GB); they share the conversations (SQLite) and a lock (endpoints.yml). Each does
# its maths on one thread: several threads per worker would only wait for each other.
export SANIC_WORKERS=${SAFECHAT_WORKERS:-$(nproc)} OPENBLAS_NUM_THREADS=1
DEMO_PORT=${DEMO_PORT:-5080}
# The sites allowed to show the widget in a frame (see README, "The chat widget"). Unset, it is
# the demo school page started below.
export SAFECHAT_FRAME_ANCESTORS=${SAFECHAT_FRAME_ANCESTORS-http://$HOST:$DEMO_PORT}

api=()
if [ -n "${SAFECHAT_API_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$SAFECHAT_API_TOKEN")
fi
rasa_command=(rasa run --model models --interface "$HOST" --port "$RASA_PORT"
  --credentials credentials.yml --endpoints endpoints.yml "${api[@]}")
if [ -n "${SAFECHAT_PRINT_COMMAND:-}" ]; then
  echo "${rasa_command[@]//${SAFECHAT_API_TOKEN:-@@no-token@@}/***}"
  exit 0
fi

pids=()
stop() {
  trap - INT TERM
  echo "Stopping Safe Chat..."
  kill -TERM "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  exit "${1:-0}"
}
trap 'stop 0' INT TERM

SANIC_HOST=127.0.0.1 rasa run actions --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
"${rasa_command[@]}" &
pids+=($!)
python -m tools.demo_school --host "$HOST" --port "$DEMO_PORT" --bot "http://$HOST:$RASA_PORT" &
pids+=($!)

start=$(date +%s)
until python -c "import urllib.request as u; u.urlopen('http://$HOST:$RASA_PORT/', timeout=2)" 2>/dev/null; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A server exited during start-up." >&2; stop 1; }
  done
  if (( $(date +%s) - start > READY_TIMEOUT )); then echo "Not ready after ${READY_TIMEOUT}s." >&2; stop 1; fi
  sleep 1
done
cat <<MSG

Safe Chat is ready (after $(( $(date +%s) - start )) s).
  Demo school page (the widget, embedded):  http://$HOST:$DEMO_PORT/
  The chat page alone:                      http://$HOST:$RASA_PORT/widget/
  Talk to it:  curl -s -X POST http://$HOST:$RASA_PORT/webhooks/rest/webhook \\
                 -H 'Content-Type: application/json' \\
                 -d '{"sender": "try-1", "message": "hi", "metadata": {"region": "gb"}}'
  Stop it:     Ctrl-C

MSG
wait -n "${pids[@]}"
echo "A server stopped unexpectedly." >&2
stop 1
