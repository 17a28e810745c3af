# The state files of a version that kept its state in JSON (imported when history first reads it).
mkdir -p data/state
cat > data/state/state.json <<'JSON'
{"version": 1, "jobs": {"daily-brief": {"done_through": "2026-03-08T00:00:00Z", "last_completed": "2026-03-08T00:00:00Z", "last_status": "ok", "last_output": "out/daily-brief/2026-03-08.pdf"}}}
JSON
cat > data/state/runs.jsonl <<'JSON'
{"job":"daily-brief","slot":"2026-03-07T00:00:00Z","slot_local":"2026-03-07T08:00:00+08:00","attempt":1,"start":"2026-03-07T00:00:00Z","end":"2026-03-07T00:00:02Z","status":"retry","output":"out/daily-brief/2026-03-07.pdf","error":"data/ai.json:41:17 /figures/3/date: \"2018-13\" is not a valid date (month 13) (exit status 1)"}
{"job":"daily-brief","slot":"2026-03-07T00:00:00Z","slot_local":"2026-03-07T08:00:00+08:00","attempt":2,"start":"2026-03-07T00:01:00Z","end":"2026-03-07T00:01:02Z","status":"ok","output":"out/daily-brief/2026-03-07.pdf","error":null}
{"job":"daily-brief","slot":"2026-03-08T00:00:00Z","slot_local":"2026-03-08T08:00:00+08:00","attempt":1,"start":"2026-03-08T00:00:00Z","end":"2026-03-08T00:00:02Z","status":"ok","output":"out/daily-brief/2026-03-08.pdf","error":null}
{"job":"ny","slot":"2026-03-01T07:30:00Z","slot_local":"2026-03-01T02:30:00-05:00","attempt":0,"start":null,"end":null,"status":"missed","output":null,"error":"the scheduler was not running (catch_up: none)","through":"2026-03-07T07:30:00Z","count":7}
JSON
