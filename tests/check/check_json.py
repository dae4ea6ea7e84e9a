#!/usr/bin/env python3
"""`f3kit check --json` is valid JSON with the fields the brief names, and it
agrees with the text report: check_json.py F3KIT FIXTURE_DIR"""
import json
import re
import subprocess
import sys

f3kit, fx = sys.argv[1], sys.argv[2]


def run(*args):
    p = subprocess.run([f3kit, "check", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


for name, want_rc in (("good", 0), ("nolink", 1), ("soft_float", 0)):
    rc, out, _ = run(f"{fx}/{name}.elf", "--json")
    assert rc == want_rc, f"{name}: exit {rc}, expected {want_rc}"
    rep = json.loads(out)
    for key in ("file", "header", "segments", "vector_table", "image", "rules", "verdict"):
        assert key in rep, f"{name}: no '{key}' in the JSON report"
    assert rep["header"]["machine"] == 40 and rep["header"]["class"] == 1
    assert rep["verdict"] == ("valid" if want_rc == 0 else "invalid")
    for r in rep["rules"]:
        assert set(r) >= {"id", "severity", "status", "message", "hint"}, r
        assert (r["hint"] is None) == (r["status"] in ("pass", "skip")), r
    # the text report lists the same statuses
    _, text, _ = run(f"{fx}/{name}.elf")
    for r in rep["rules"]:
        if r["status"] == "fail":
            assert f"error[{r['id']}]: {r['message']}" in text, r["id"]
        elif r["status"] == "warn":
            assert f"warning[{r['id']}]: {r['message']}" in text, r["id"]
        else:
            assert re.search(rf"{r['status']}  {r['id']}  ", text), r["id"]
    print(f"ok: {name}: {len(rep['rules'])} rules, verdict {rep['verdict']}")

rep = json.loads(run(f"{fx}/good.elf", "--json")[1])
vt = rep["vector_table"]
assert vt["address"] == 0x08000000 and vt["entries"] == 98
assert vt["vectors"][0]["name"] == "initial SP" and vt["vectors"][1]["name"] == "Reset"
assert vt["vectors"][1]["value"] == rep["header"]["entry"]
assert rep["segments"][0]["load_region"] == "FLASH"
assert 0 < rep["image"]["percent"] < 1

rc, out, err = run(f"{fx}/../bad/empty.elf", "--json")
assert rc == 2 and json.loads(out)["verdict"] == "unreadable" and len(err.splitlines()) == 1
print("ok: unreadable input gives a JSON error object")
