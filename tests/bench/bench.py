#!/usr/bin/env python3
"""bench.py — the benchmark's bookkeeping (tests/bench/run.sh does the running).

  bench.py paths   VAR_BENCH TERMS      the scenarios' path files and the mix's counting SQL
  bench.py results VAR_BENCH TERMS      wrk's reports -> VAR_BENCH/results.json, and a table
  bench.py readme  RESULTS README       the table between <!-- bench:begin --> and
                                        <!-- bench:end --> (a "Speed" section is added at the
                                        end of the README when the markers are missing)

Every figure in the README's table comes from results.json through this script.
"""

import datetime
import json
import os
import platform
import re
import sys
import urllib.parse

CLASSES = ["common", "frequent", "medium", "rare"]
CLASS_RANGE = {"common": "> 50 %", "frequent": "10–50 %", "medium": "1–10 %", "rare": "< 1 %"}
SCENARIOS = [
    ("listings_page", "a region's listings page (HTML)"),
    ("search_html", "search, term mix with facets (HTML)"),
    ("search_json", "search, term mix with facets (JSON)"),
    ("call_page", "a call's page"),
    ("call_matches", "matches of a call (organiser)"),
    ("listing_matches", "matches of a listing (SME)"),
    ("login", "login (argon2id: reported, no target)"),
]
# Targets (issues 8 and 12).  ratio: requests/s as a share of the baseline's.
TARGETS = {
    "listings_page": {"ratio": 0.5, "p99_ms": 20},
    "search_html": {"ratio": 0.5, "mix_ratio": 0.25, "p99_ms": 20},
    "search_json": {"ratio": 0.6, "mix_ratio": 0.25, "p99_ms": 20},
    "call_page": {"p99_ms": 20},
    "call_matches": {"p95_ms": 25},
    "listing_matches": {"p95_ms": 25},
    "login": {},
}
CLASS_P99_MS = 50
RSS_GROWTH_KIB = 1024


def read_terms(path):
    terms = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cls, lang, q, sector, region = [f.strip() for f in line.split("|")]
        if cls not in CLASSES:
            raise SystemExit(f"bench.py: {path}: unknown class {cls!r}")
        terms.append({"class": cls, "lang": lang, "q": q,
                      "sector": None if sector == "-" else sector,
                      "region": None if region == "-" else region})
    return terms


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip()]


def query(t):
    params = [("q", t["q"])]
    if t["sector"]:
        params.append(("sector", t["sector"]))
    if t["region"]:
        params.append(("region", t["region"]))
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def cmd_paths(bench_dir, terms_path):
    raw = os.path.join(bench_dir, "raw")
    out = os.path.join(bench_dir, "paths")
    terms = read_terms(terms_path)

    def write(name, paths):
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")

    write("baseline", ["/"])
    write("listings_page", [f"/r/{r}/listings" for r in lines(os.path.join(raw, "regions.txt"))])
    write("search_html", [f"/listings?{query(t)}" for t in terms])
    write("search_json", [f"/api/v1/listings?{query(t)}" for t in terms])
    for c in CLASSES:
        write(f"class_{c}_html", [f"/listings?{query(t)}" for t in terms if t["class"] == c])
        write(f"class_{c}_json", [f"/api/v1/listings?{query(t)}" for t in terms if t["class"] == c])
    write("call_page", [f"/calls/{i}" for i in lines(os.path.join(raw, "call_ids.txt"))])
    write("call_matches",
          [f"/calls/{i}/matches" for i in lines(os.path.join(raw, "organiser_calls.txt"))])
    write("listing_matches",
          [f"/listings/{i}/matches" for i in lines(os.path.join(raw, "sme_listings.txt"))])
    write("login", ["/api/v1/session"])
    with open(os.path.join(out, "mix_counts.sql"), "w", encoding="utf-8") as f:
        for i, t in enumerate(terms):
            cond = []
            if t["sector"]:
                cond.append(f"sectors @> ARRAY[{sql_text(t['sector'])}]")
            if t["region"]:
                cond.append(f"region = {sql_text(t['region'])}")
            m = f"document @@ search_tsquery({sql_text(t['q'])})"
            narrowed = " AND ".join([m] + cond)
            f.write(f"SELECT {i}, count(*) FILTER (WHERE {m}), count(*) FILTER (WHERE {narrowed}) "
                    f"FROM listing_index;\n")


# --- parsing wrk ---------------------------------------------------------------------------------

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(path):
    """wrk's own report (requests/s, percentiles, non-2xx) and our BENCH line (p95 and exact
    figures)."""
    text = open(path, encoding="utf-8", errors="replace").read()
    r = {"requests": None, "rps": None, "non2xx": 0, "socket_errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        r["rps"] = float(m.group(1))
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        if m:
            r[f"p{pct}_ms"] = round(float(m.group(1)) * UNIT_MS[m.group(2)], 3)
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    if m:
        r["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        r["socket_errors"] = sum(int(x) for x in m.groups())
        r["timeouts"] = int(m.group(4))
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", text)
    if m:
        r["requests"] = int(m.group(1))
        r["seconds"] = round(float(m.group(2)) * UNIT_MS[m.group(3)] / 1000.0, 2)
    m = re.search(r"^BENCH (\{.*\})\s*$", text, re.M)
    if m:
        b = json.loads(m.group(1))
        r["p95_ms"] = round(b["p95_us"] / 1000.0, 3)
        r["max_ms"] = round(b["max_us"] / 1000.0, 3)
        r.setdefault("p50_ms", round(b["p50_us"] / 1000.0, 3))
        r.setdefault("p99_ms", round(b["p99_us"] / 1000.0, 3))
    if r["rps"] is None:
        raise SystemExit(f"bench.py: no wrk report in {path}:\n{text[:500]}")
    return r


def parse_rss(path):
    out = {}
    if os.path.exists(path):
        for line in lines(path):
            pid, kib = line.split()
            out[int(pid)] = int(kib)
    return out


def parse_healthz(path):
    best = None
    if not os.path.exists(path):
        return None
    for line in lines(path):
        try:
            s = json.loads(line).get("search_index")
        except ValueError:
            continue
        if s is None:
            continue
        if best is None or s.get("bytes", 0) > best.get("bytes", 0):
            best = s
    return best


def loadavg(raw, label):
    path = os.path.join(raw, f"loadavg_{label}.txt")
    return float(lines(path)[0].split()[0]) if os.path.exists(path) else None


def machine():
    cpu = "unknown"
    mem = None
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1048576, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(), "memory_gib": mem}


def check(res, name, targets, baseline_rps):
    """The target checks of one scenario: a list of (what, ok)."""
    out = []
    if "ratio" in targets:
        out.append((f"≥ {targets['ratio']}× baseline", res["ratio"] >= targets["ratio"]))
    if "mix_ratio" in targets:
        out.append((f"mix ≥ {targets['mix_ratio']}×", res["ratio"] >= targets["mix_ratio"]))
    if "p99_ms" in targets:
        out.append((f"p99 ≤ {targets['p99_ms']} ms", res.get("p99_ms", 1e9) <= targets["p99_ms"]))
    if "p95_ms" in targets:
        out.append((f"p95 ≤ {targets['p95_ms']} ms", res.get("p95_ms", 1e9) <= targets["p95_ms"]))
    if targets:
        out.append(("no errors", res["non2xx"] == 0 and res["socket_errors"] == 0))
    return out


def cmd_results(bench_dir, terms_path):
    raw = os.path.join(bench_dir, "raw")
    cfg = {k: os.environ.get(v) for k, v in [
        ("seconds", "BENCH_SECONDS"), ("class_seconds", "BENCH_CLASS_SECONDS"),
        ("connections", "BENCH_CONNECTIONS"), ("threads", "BENCH_THREADS"),
        ("listings", "BENCH_LISTINGS"), ("calls", "BENCH_CALLS"), ("seed", "BENCH_SEED")]}
    defaults = {"seconds": 10, "class_seconds": 5, "connections": 64, "threads": 2,
                "listings": 100000, "calls": 10000, "seed": 1}
    cfg = {k: int(v) if v else defaults[k] for k, v in cfg.items()}
    cfg["workers"] = os.cpu_count()

    base = parse_wrk(os.path.join(raw, "baseline.txt"))
    brps = base["rps"]
    preflight = {}
    for line in lines(os.path.join(raw, "preflight.txt")):
        name, code, path = line.split(" ", 2)
        preflight[name] = {"status": int(code), "path": path}

    scenarios = {}
    for name, label in SCENARIOS:
        r = parse_wrk(os.path.join(raw, name + ".txt"))
        r["ratio"] = round(r["rps"] / brps, 3) if brps else None
        r["label"] = label
        r["preflight"] = preflight.get(name)
        r["targets"] = [{"what": w, "pass": ok} for w, ok in check(r, name, TARGETS[name], brps)]
        scenarios[name] = r

    terms = read_terms(terms_path)
    documents = int(lines(os.path.join(raw, "documents.txt"))[0])
    counts = {}
    for line in lines(os.path.join(raw, "mix_counts.txt")):
        i, n, narrowed = line.split("|")
        counts[int(i)] = (int(n), int(narrowed))
    mix = []
    for i, t in enumerate(terms):
        n, narrowed = counts.get(i, (None, None))
        share = round(100.0 * n / documents, 2) if n is not None and documents else None
        measured = None
        if share is not None:
            measured = ("common" if share > 50 else "frequent" if share >= 10
                        else "medium" if share >= 1 else "rare")
        mix.append(dict(t, matches=n, share_pct=share, matches_with_filters=narrowed,
                        measured_class=measured))

    classes = {}
    for c in CLASSES:
        entry = {"terms": sum(1 for t in terms if t["class"] == c)}
        for kind in ("html", "json"):
            r = parse_wrk(os.path.join(raw, f"class_{c}_{kind}.txt"))
            r["ratio"] = round(r["rps"] / brps, 3) if brps else None
            r["pass"] = (r.get("p99_ms", 1e9) <= CLASS_P99_MS and r["non2xx"] == 0
                         and r["socket_errors"] == 0)
            entry[kind] = r
        classes[c] = entry

    warm = parse_rss(os.path.join(raw, "rss_warm.txt"))
    after = parse_rss(os.path.join(raw, "rss_after.txt"))
    end = parse_rss(os.path.join(raw, "rss_end.txt"))
    workers = []
    for pid in sorted(set(warm) | set(after)):
        w = {"pid": pid, "warm": warm.get(pid), "after": after.get(pid), "end": end.get(pid)}
        if w["warm"] is not None and w["after"] is not None:
            w["delta"] = w["after"] - w["warm"]
        workers.append(w)
    deltas = [w["delta"] for w in workers if "delta" in w]
    rss_run = parse_wrk(os.path.join(raw, "rss_run.txt"))
    replaced = sorted(set(warm) ^ set(after))
    rss = {
        "warm": max(warm.values()) if warm else None,
        "after": max(after.values()) if after else None,
        "max_delta": max(deltas) if deltas else None,
        "requests": rss_run["requests"],
        "run_non2xx": rss_run["non2xx"] + rss_run["socket_errors"],
        "workers": workers,
        "workers_replaced": replaced,
    }
    rss["pass"] = (rss["max_delta"] is not None and rss["max_delta"] <= RSS_GROWTH_KIB
                   and not replaced)

    si_warm = parse_healthz(os.path.join(raw, "healthz_warm.txt"))
    si_after = parse_healthz(os.path.join(raw, "healthz_after.txt"))
    si_end = parse_healthz(os.path.join(raw, "healthz_end.txt"))
    search_index = None
    if si_warm is not None:
        docs = si_warm.get("documents") or 0
        search_index = {
            "documents": docs,
            "bytes": si_warm.get("bytes"),
            "bytes_per_listing": round(si_warm["bytes"] / docs, 1) if docs else None,
            "bytes_after": si_after.get("bytes") if si_after else None,
            "bytes_end": si_end.get("bytes") if si_end else None,
        }
        # Everything /healthz says about the index (cache counters, when it reports them).
        search_index["healthz_warm"] = si_warm
        search_index["healthz_end"] = si_end
        growth = (search_index["bytes_after"] or 0) - (search_index["bytes"] or 0)
        search_index["growth_bytes"] = growth
        search_index["pass"] = growth <= RSS_GROWTH_KIB * 1024

    deaths_path = os.path.join(raw, "worker_deaths.txt")
    deaths = int(lines(deaths_path)[0]) if os.path.exists(deaths_path) and lines(deaths_path) else 0

    results = {
        "worker_deaths": deaths,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": dict(machine(), loadavg_1min_start=loadavg(raw, "start"),
                        loadavg_1min_end=loadavg(raw, "end")),
        "config": cfg,
        "documents": documents,
        "baseline": {"rps": brps, "p50_ms": base.get("p50_ms"), "p99_ms": base.get("p99_ms"),
                     "non2xx": base["non2xx"], "socket_errors": base["socket_errors"]},
        "scenarios": scenarios,
        "mix": mix,
        "term_classes": classes,
        "rss_kib": rss,
        "search_index": search_index,
    }
    path = os.path.join(bench_dir, "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(text_report(results))
    print(f"\nwritten: {path}")


# --- tables ----------------------------------------------------------------------------------------

def fmt(v, digits=1):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}"


def verdict(checks):
    if not checks:
        return "—"
    failed = [c["what"] for c in checks if not c["pass"]]
    return "pass" if not failed else "FAIL: " + ", ".join(failed)


def rows(res):
    out = [("baseline (minimal libfcgi responder)", fmt(res["baseline"]["rps"], 0), "1.00",
            fmt(res["baseline"]["p50_ms"], 2), "—", fmt(res["baseline"]["p99_ms"], 2),
            fmt(res["baseline"]["non2xx"] + res["baseline"]["socket_errors"]), "—", "—")]
    for name, label in SCENARIOS:
        s = res["scenarios"][name]
        target = ", ".join(c["what"] for c in s["targets"] if c["what"] != "no errors") or "—"
        out.append((label, fmt(s["rps"], 0), fmt(s["ratio"], 2), fmt(s.get("p50_ms"), 2),
                    fmt(s.get("p95_ms"), 2), fmt(s.get("p99_ms"), 2),
                    fmt(s["non2xx"] + s["socket_errors"]), target, verdict(s["targets"])))
    return out


HEAD = ("scenario", "req/s", "× baseline", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "target",
        "result")


def class_rows(res):
    out = []
    for c in CLASSES:
        e = res["term_classes"][c]
        shares = [m["share_pct"] for m in res["mix"] if m["class"] == c and m["share_pct"] is not None]
        share = f"{min(shares):g}–{max(shares):g} %" if shares else "—"
        h, j = e["html"], e["json"]
        ok = "pass" if h["pass"] and j["pass"] else "FAIL"
        out.append((f"{c} ({CLASS_RANGE[c]}), {e['terms']} terms", share, fmt(h["rps"], 0),
                    fmt(h.get("p50_ms"), 2), fmt(h.get("p99_ms"), 2), fmt(j["rps"], 0),
                    fmt(j.get("p50_ms"), 2), fmt(j.get("p99_ms"), 2), ok))
    return out


CLASS_HEAD = ("term class", "measured share", "HTML req/s", "HTML p50", "HTML p99", "JSON req/s",
              "JSON p50", "JSON p99", f"p99 ≤ {CLASS_P99_MS} ms")


def memory_lines(res):
    r = res["rss_kib"]
    out = [f"Worker memory (VmRSS, largest worker): {fmt(r['warm'])} KiB after warm-up, "
           f"{fmt(r['after'])} KiB after {fmt(r['requests'])} more requests; largest growth of a "
           f"worker {fmt(r['max_delta'])} KiB (target ≤ {RSS_GROWTH_KIB} KiB): "
           f"{'pass' if r['pass'] else 'FAIL'}"
           + (f" (workers replaced meanwhile: {r['workers_replaced']})" if r["workers_replaced"]
              else "") + "."]
    if res.get("worker_deaths"):
        out.append(f"Workers that crashed during the run (restarted by the master): "
                   f"{res['worker_deaths']} (backtraces: var/bench/cores/backtraces.txt).")
    si = res.get("search_index")
    if si is None:
        out.append("Search index: /healthz reports no search_index.")
    else:
        out.append(f"Search index (per worker, /healthz): {fmt(si['documents'])} documents, "
                   f"{fmt(si['bytes'])} bytes = {fmt(si['bytes_per_listing'])} bytes per listing; "
                   f"after the memory run {fmt(si['bytes_after'])} bytes (growth "
                   f"{fmt(si['growth_bytes'])} bytes): {'pass' if si['pass'] else 'FAIL'}.")
    return out


def header_line(res):
    m, c = res["machine"], res["config"]
    return (f"Run {res['date']} on {m['cpu']} ({m['nproc']} cores, {m['memory_gib']} GiB, Linux "
            f"{m['kernel']}); {fmt(res['documents'])} public listings, {c['workers']} portal "
            f"workers; wrk -t{c['threads']} -c{c['connections']}, {c['seconds']} s per scenario, "
            f"{c['class_seconds']} s per term class; everything on this one machine"
            + (f" (load average {m['loadavg_1min_start']:g} before the measurements, "
               f"{m['loadavg_1min_end']:g} after)" if m.get("loadavg_1min_start") is not None
               and m.get("loadavg_1min_end") is not None else "") + ".")


def text_report(res):
    def table(head, body):
        widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
        line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths))
        return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in body])

    parts = [header_line(res), "", table(HEAD, rows(res)), "", table(CLASS_HEAD, class_rows(res)),
             ""]
    parts += memory_lines(res)
    mism = [m for m in res["mix"] if m["measured_class"] and m["measured_class"] != m["class"]]
    for m in mism:
        parts.append(f"note: term {m['q']!r} is filed as {m['class']} but matches "
                     f"{m['share_pct']} % of the listings ({m['measured_class']})")
    return "\n".join(parts)


def markdown(res):
    def table(head, body):
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(str(x) for x in r) + " |" for r in body]
        return "\n".join(out)

    mix = ", ".join(
        f"`{m['q']}`" + (f" ({'/'.join(x for x in (m['sector'], m['region']) if x)})"
                         if m["sector"] or m["region"] else "")
        + f" {m['share_pct']:g} %" for m in res["mix"] if m["share_pct"] is not None)
    parts = [
        "<!-- Generated by tests/bench/bench.py from var/bench/results.json: do not edit. -->",
        header_line(res), "", table(HEAD, rows(res)), "",
        "Search by term class (the same mix split by how many listings the words match; each "
        "class run on its own):", "", table(CLASS_HEAD, class_rows(res)), "",
        f"The mix (tests/bench/terms.txt; share of listings matched, facets aside): {mix}.", ""]
    parts += [f"- {l}" for l in memory_lines(res)]
    return "\n".join(parts)


def cmd_readme(results_path, readme_path):
    res = json.load(open(results_path, encoding="utf-8"))
    text = open(readme_path, encoding="utf-8").read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = f"{begin}\n{markdown(res)}\n{end}"
    if begin in text and end in text:
        i, j = text.index(begin), text.index(end) + len(end)
        text = text[:i] + block + text[j:]
    else:
        text = text.rstrip("\n") + "\n\n## Speed\n\n`make bench` (tests/bench/) measures the " \
            "portal against the FastCGI floor; the table is the latest run.\n\n" + block + "\n"
    with open(readme_path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(readme_path + ".tmp", readme_path)
    print(f"README table updated: {readme_path}")


def main(argv):
    if len(argv) == 4 and argv[1] == "paths":
        cmd_paths(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "results":
        cmd_results(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "readme":
        cmd_readme(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
