#!/usr/bin/python3
"""Fault and load bench for `quarry serve` (stdlib only, loopback only). Run through bench/fault-load.sh.

Phase A: 50 concurrent clients (valid /run + /status polling, /runsync, invalid inputs, broken PDFs) while
faults are in the mix: a stalled S3 endpoint, an endless trickling file_url body, and mid-job /cancel.
Phase B: a fresh server under /run and /runsync load gets SIGTERM; clients keep polling; results that can
still be fetched are counted, and the time from SIGTERM to process exit is the drain time.
Everything is reported as seen: nothing here assumes the server drains, times out or cancels correctly.
"""
import base64, concurrent.futures as cf, glob, http.client, json, os, random, signal, socket, subprocess
import sys, threading, time

DLL, WORK, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CLIENTS = int(os.environ.get("CLIENTS", "50"))
CONCURRENCY = os.environ.get("QUARRY_MAX_CONCURRENCY", "2")
DEADLINE = float(os.environ.get("BENCH_DEADLINE_SECONDS", "180"))  # a job not final by then is lost
FINAL = {"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"}
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def b64(path):
    return base64.b64encode(open(path, "rb").read()).decode()


def request(port, method, path, body=None, raw=None, timeout=30):
    """(status, json-or-None, seconds); status 0 = no answer (refused, reset, timed out)."""
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection(HOST, port, timeout=timeout)
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        c.request(method, path, body=data, headers={"Content-Type": "application/json"})
        r = c.getresponse()
        text = r.read()
        c.close()
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        return r.status, parsed, time.monotonic() - t
    except (OSError, http.client.HTTPException):
        return 0, None, time.monotonic() - t


# ---- fault servers -------------------------------------------------------------------------------------
def stalled_listener():
    """Accepts connections and never answers (a stalled S3 endpoint)."""
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((HOST, 0)); s.listen(64)
    held = []
    def loop():
        while True:
            try:
                held.append(s.accept()[0])
            except OSError:
                return
    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


def trickle_server():
    """HTTP 200 with no length, then one byte every 0.5 s forever (a slow, endless file_url body)."""
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((HOST, 0)); s.listen(64)
    def serve(c):
        try:
            c.recv(65536)
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nConnection: close\r\n\r\n%PDF-1.7\n")
            while True:
                time.sleep(0.5)
                c.sendall(b"%")
        except OSError:
            c.close()
    def loop():
        while True:
            try:
                c, _ = s.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(c,), daemon=True).start()
    threading.Thread(target=loop, daemon=True).start()
    return s.getsockname()[1]


# ---- the server under test -----------------------------------------------------------------------------
class Server:
    def __init__(self, env, tag):
        self.port = free_port()
        self.log = open(os.path.join(WORK, f"serve-{tag}.log"), "wb")
        full = dict(os.environ, LOG_FORMAT="json", QUARRY_MAX_CONCURRENCY=CONCURRENCY, **env)
        self.proc = subprocess.Popen(["dotnet", DLL, "serve", "--host", HOST, "--port", str(self.port)],
                                     env=full, stdout=self.log, stderr=subprocess.STDOUT)
        self.hwm_kb = 0
        threading.Thread(target=self._sample, daemon=True).start()
        for _ in range(600):
            if request(self.port, "GET", "/health", timeout=2)[0] == 200:
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"quarry serve exited with {self.proc.returncode}; see {self.log.name}")
            time.sleep(0.1)
        raise SystemExit("quarry serve did not answer /health within 60 s")

    def _sample(self):
        while self.proc.poll() is None:
            try:
                for line in open(f"/proc/{self.proc.pid}/status"):
                    if line.startswith("VmHWM:"):
                        self.hwm_kb = max(self.hwm_kb, int(line.split()[1]))
            except OSError:
                return
            time.sleep(0.2)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# ---- scenarios: each returns a record {kind, accepted, final, code, latency, fetched, note} ---------------
def error_code(out):
    if isinstance(out, dict):
        o = out.get("output") if isinstance(out.get("output"), dict) else out
        code = o.get("error_code") if isinstance(o, dict) else None
        if code:
            return code
        err = out.get("error") or (o.get("error") if isinstance(o, dict) else None)
        if isinstance(err, str) and ":" in err:
            return err.split(":", 1)[0]
    return "?"


def poll(port, job_id, started, until):
    """Polls /status until a final state; (status-json or None, seconds, note)."""
    delay = 0.2
    while time.monotonic() < until:
        st, js, _ = request(port, "GET", f"/status/{job_id}", timeout=10)
        if st == 200 and js and js.get("status") in FINAL:
            return js, time.monotonic() - started, ""
        if st == 0 and port_closed(port):
            return None, time.monotonic() - started, "server gone"
        if st not in (0, 200):
            return None, time.monotonic() - started, f"/status answered {st}"
        time.sleep(delay)
        delay = min(delay * 1.5, 2.0)
    return None, time.monotonic() - started, "not final by the deadline"


def port_closed(port):
    try:
        socket.create_connection((HOST, port), timeout=1).close()
        return False
    except OSError:
        return True


def outcome(kind, js, latency, note=""):
    if js is None:
        return dict(kind=kind, accepted=True, final=None, code=None, latency=latency, note=note)
    status = js.get("status")
    code = "ok" if status == "COMPLETED" and (js.get("output") or {}).get("ok", True) else (status if status in ("CANCELLED", "TIMED_OUT") else error_code(js))
    return dict(kind=kind, accepted=True, final=status, code=code, latency=latency, note=note)


def run_and_poll(port, kind, job_input, until, cancel_after=None):
    t = time.monotonic()
    st, js, _ = request(port, "POST", "/run", {"input": job_input})
    if st != 200 or not js or "id" not in js:
        return dict(kind=kind, accepted=False, final=None, code=f"HTTP {st} {error_code(js) if js else ''}".strip(), latency=time.monotonic() - t, note="refused at submit")
    if cancel_after is not None:
        time.sleep(cancel_after)
        request(port, "POST", f"/cancel/{js['id']}")
    res, latency, note = poll(port, js["id"], t, until)
    return outcome(kind, res, latency, note)


def runsync(port, kind, job_input, until):
    t = time.monotonic()
    st, js, _ = request(port, "POST", "/runsync?wait=120000", {"input": job_input}, timeout=max(5, until - t))
    if st == 0:
        return dict(kind=kind, accepted=True, final=None, code=None, latency=time.monotonic() - t, note="no answer")
    if st != 200 or not js:
        return dict(kind=kind, accepted=False, final=None, code=f"HTTP {st} {error_code(js) if js else ''}".strip(), latency=time.monotonic() - t, note="refused at submit")
    if js.get("status") not in FINAL and "id" in js:  # still running: follow it like a /run client
        res, latency, note = poll(port, js["id"], t, until)
        return outcome(kind, res, latency, note)
    return outcome(kind, js, time.monotonic() - t)


def invalid(port, kind, raw, until):
    t = time.monotonic()
    st, js, _ = request(port, "POST", "/run", raw=raw)
    if st == 200 and js and "id" in js:  # queued although invalid: follow it to its end
        res, latency, note = poll(port, js["id"], t, until)
        r = outcome(kind, res, latency, note)
        # quarry serve answers a contract violation at once as an already FAILED job (RunPod's shape), never queued
        r["note"] = (r["note"] + (" failed at submit" if js.get("status") == "FAILED" else " queued")).strip()
        return r
    return dict(kind=kind, accepted=False, final=None, code=f"HTTP {st} {error_code(js) if js else 'non-JSON body'}", latency=time.monotonic() - t, note="answered at submit")


# ---- phases --------------------------------------------------------------------------------------------
def docs():
    synth = sorted(glob.glob(os.path.join(SHARED, "corpus/synthetic/*/doc.pdf")))[:8]
    return [b64(p) for p in synth]


def phase_a():
    stall, trickle = stalled_listener(), trickle_server()
    env = dict(QUARRY_ALLOW_LOCAL_FETCH="1", QUARRY_UPSTREAM_TIMEOUT_SECONDS="10",
               BUCKET_ENDPOINT_URL=f"http://{HOST}:{stall}", BUCKET_NAME="quarry",
               BUCKET_ACCESS_KEY_ID="bench", BUCKET_SECRET_ACCESS_KEY="bench", BUCKET_REGION="us-east-1")
    srv = Server(env, "load")
    good = docs()
    bad = {os.path.basename(p): b64(p) for p in sorted(glob.glob(os.path.join(SHARED, "corpus/bad/*.pdf")))}
    big = b64(os.path.join(SHARED, "corpus/bad/3000-blank-pages.pdf"))
    rnd = random.Random(9)
    until = time.monotonic() + DEADLINE
    port = srv.port
    tasks = []
    for i in range(CLIENTS):
        kind = ["run", "run", "run", "runsync", "runsync", "invalid", "broken-pdf", "run", "runsync", "broken-pdf"][i % 10]
        if i in (3, 29):
            kind = "stalled-s3"
        elif i in (7, 33):
            kind = "endless-file_url"
        elif i in (11, 37, 41):
            kind = "cancel"
        tasks.append((i, kind))

    def client(i, kind):
        doc = good[i % len(good)]
        transport = rnd.choice(["inline", "tarball_b64"])
        if kind == "run":
            return run_and_poll(port, kind, {"file_b64": doc, "parse_method": "txt", "transport": transport, "basename": f"c{i}"}, until)
        if kind == "runsync":
            return runsync(port, kind, {"file_b64": doc, "parse_method": "txt", "transport": transport}, until)
        if kind == "stalled-s3":
            return run_and_poll(port, kind, {"file_b64": doc, "parse_method": "txt", "transport": "s3"}, until)
        if kind == "endless-file_url":
            return run_and_poll(port, kind, {"file_url": f"http://{HOST}:{trickle}/endless.pdf", "parse_method": "txt"}, until)
        if kind == "cancel":
            return run_and_poll(port, kind, {"file_b64": big, "parse_method": "txt"}, until, cancel_after=1.0)
        if kind == "broken-pdf":
            name = sorted(bad)[i % len(bad)]
            r = run_and_poll(port, kind, {"file_b64": bad[name], "parse_method": "txt", "transport": "inline"}, until)
            r["note"] = (r["note"] + " " + name).strip()
            return r
        raw = [b'{"input": {"file_b64": ', b'{"input": {"file_b64": "AAAA", "colour": "blue"}}', b'not json at all',
               json.dumps({"input": {"file_b64": base64.b64encode(b"hello, not a PDF").decode()}}).encode(),
               b'{"input": {"file_url": "http://127.0.0.1:1/x.pdf", "basename": "x\\n"}}'][(i // 10) % 5]
        return invalid(port, kind, raw, until)

    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(CLIENTS) as ex:
        records = list(ex.map(lambda a: client(*a), tasks))
    wall = time.monotonic() - t0
    health = request(port, "GET", "/health")[1]
    srv.stop()
    return records, wall, srv.hwm_kb, health


def phase_b():
    srv = Server({}, "drain")
    good = docs()
    port = srv.port
    until = time.monotonic() + DEADLINE
    term_at = [None]
    after = []

    def client(i):
        doc = good[i % len(good)]
        if i % 5 == 4:
            return runsync(port, "runsync", {"file_b64": doc, "parse_method": "txt", "transport": "inline"}, until)
        return run_and_poll(port, "run", {"file_b64": doc, "parse_method": "txt", "transport": "tarball_b64"}, until)

    def terminator():
        time.sleep(1.5)
        term_at[0] = time.monotonic()
        srv.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)  # a submission after SIGTERM should be refused with 503 + Retry-After
        st, js, _ = request(port, "POST", "/run", {"input": {"file_b64": good[0], "parse_method": "txt"}}, timeout=5)
        after.append(st)

    threading.Thread(target=terminator, daemon=True).start()
    with cf.ThreadPoolExecutor(CLIENTS) as ex:
        records = list(ex.map(client, range(CLIENTS)))
    try:
        srv.proc.wait(timeout=max(1, until - time.monotonic()))
        drain = srv.proc.returncode, time.monotonic() - term_at[0]
    except subprocess.TimeoutExpired:
        drain = None, None
    hwm = srv.hwm_kb
    srv.stop()
    return records, drain, hwm, after


def pct(values, p):
    if not values:
        return "-"
    v = sorted(values)
    return f"{v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]:.2f}"


def table(records):
    rows = ["| scenario | requests | completed | failed (by code) | refused at submit | lost | p50 s | p95 s |", "|---|---|---|---|---|---|---|---|"]
    kinds = sorted({r["kind"] for r in records}, key=lambda k: [r["kind"] for r in records].index(k))
    for k in kinds + ["all"]:
        rs = [r for r in records if k == "all" or r["kind"] == k]
        done = [r for r in rs if r["final"] == "COMPLETED" and r["code"] == "ok"]
        failed = [r for r in rs if r["final"] is not None and r not in done]
        refused = [r for r in rs if not r["accepted"]]
        lost = [r for r in rs if r["accepted"] and r["final"] is None]
        codes = {}
        for r in failed:
            codes[r["code"]] = codes.get(r["code"], 0) + 1
        ref = {}
        for r in refused:
            ref[r["code"]] = ref.get(r["code"], 0) + 1
        lat = [r["latency"] for r in rs if r["final"] is not None or not r["accepted"]]
        fmt = lambda d: ", ".join(f"{c} {n}" for c, n in sorted(d.items())) or "0"
        rows.append(f"| {k} | {len(rs)} | {len(done)} | {len(failed)}{' (' + fmt(codes) + ')' if codes else ''} | {len(refused)}{' (' + fmt(ref) + ')' if ref else ''} | {len(lost)} | {pct(lat, 50)} | {pct(lat, 95)} |")
    return "\n".join(rows)


def main():
    print(f"## Phase A: {CLIENTS} concurrent clients with faults (QUARRY_MAX_CONCURRENCY={CONCURRENCY}, deadline {DEADLINE:.0f} s)\n")
    records, wall, hwm, health = phase_a()
    print(table(records))
    print(f"\nwall {wall:.1f} s; server peak RSS (VmHWM) {hwm / 1024:.0f} MB; /health at the end: {json.dumps(health)}")
    notes = sorted({(r["kind"], r["note"]) for r in records if r["note"]})
    for kind, note in notes:
        print(f"- {kind}: {note}")
    print(f"\n## Phase B: SIGTERM 1.5 s into {CLIENTS} clients (/run + /status polling, 1 in 5 /runsync)\n")
    records, (rc, drain), hwm, after = phase_b()
    print(table(records))
    fetched = sum(1 for r in records if r["final"] == "COMPLETED")
    accepted = sum(1 for r in records if r["accepted"])
    print(f"\naccepted {accepted}, results fetched after SIGTERM-or-before {fetched}, lost {sum(1 for r in records if r['accepted'] and r['final'] is None)}; "
          + (f"drain time (SIGTERM to exit) {drain:.2f} s, exit code {rc}" if drain is not None else "the server had not exited by the deadline")
          + f"; a /run 0.3 s after SIGTERM answered {after[0] if after else '?'} (0 = no answer); server peak RSS {hwm / 1024:.0f} MB")
    for kind, note in sorted({(r["kind"], r["note"]) for r in records if r["note"]}):
        print(f"- {kind}: {note}")


if __name__ == "__main__":
    main()
