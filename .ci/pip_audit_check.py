"""Judge a pip-audit JSON report: print it, fail (exit 1) on a vulnerability not ignored with a reason.

    python pip_audit_check.py REPORT.json REQUIREMENTS.txt IGNORE_FILE

pip-audit's PyPI service asks /pypi/<name>/<version>/json. Where that endpoint is not served (some
mirrors and proxies answer only /pypi/<name>/json), pip-audit reports every dependency as "not found"
and would say "No known vulnerabilities found" having checked nothing. Such dependencies are looked up
here on /pypi/<name>/json, whose `vulnerabilities` apply to the project's latest release: a dependency
pinned at that release is audited by it; one pinned elsewhere is listed as not audited. When nothing at
all could be audited the service is unreachable: a warning, not a failure.

Ignore file: one vulnerability id (or alias) per line, then at least a few words of reason; '#' comments.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PYPI = "https://pypi.org/pypi/{name}/json"
TIMEOUT = 20


def read_ignores(path: Path) -> dict[str, str]:
    """{id: reason}; an entry without a reason is an error (exit 2)."""
    ignores = {}
    if not path.exists():
        return ignores
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        vuln_id, _, reason = line.partition(" ")
        if len(reason.strip()) < 10:
            sys.exit(f"pip-audit: {path}:{number}: '{vuln_id}' needs a reason (why it does not apply, until when)")
        ignores[vuln_id.strip()] = reason.strip()
    return ignores


def read_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line.strip())
        if m:
            pins[normalise(m[1])] = m[2]
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def project_vulns(name: str, version: str) -> tuple[str, list[dict]]:
    """('audited', vulns) when `version` is the project's latest release; ('not latest'|'unreachable', [])."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=TIMEOUT) as response:
            data = json.load(response)
    except (urllib.error.URLError, OSError, ValueError):
        return "unreachable", []
    if data.get("info", {}).get("version") != version:
        return "not latest", []
    vulns = [{"id": v.get("id"), "aliases": v.get("aliases") or [], "fix_versions": v.get("fixed_in") or [],
              "description": v.get("summary") or v.get("details") or ""}
             for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]
    return "audited", vulns


def main(report_path: str, requirements: str, ignore_path: str) -> int:
    ignores = read_ignores(Path(ignore_path))
    pins = read_pins(Path(requirements))
    try:
        report = json.loads(Path(report_path).read_text(encoding="utf-8"))
        deps = report["dependencies"]
    except (OSError, ValueError, KeyError):
        deps = [{"name": name, "version": version, "skip_reason": "pip-audit produced no report"}
                for name, version in pins.items()]
    for dep in deps:  # pip-audit's skipped entries carry no version
        dep["version"] = dep.get("version") or pins.get(normalise(dep["name"]), "?")
    audited, found, unaudited = 0, [], []
    skipped = [d for d in deps if d.get("skip_reason")]
    for dep in deps:
        if not dep.get("skip_reason"):
            audited += 1
            found += [(dep["name"], dep["version"], v) for v in dep.get("vulns", [])]
    with ThreadPoolExecutor(8) as pool:
        looked_up = list(pool.map(lambda d: (d, *project_vulns(d["name"], d["version"])), skipped))
    for dep, state, vulns in looked_up:
        if state == "audited":
            audited += 1
            found += [(dep["name"], dep["version"], v) for v in vulns]
        else:
            unaudited.append((dep["name"], dep["version"], state))
    via_project = sum(1 for _, state, _ in looked_up if state == "audited")

    print(f"pip-audit: {len(deps)} dependencies, {audited} audited "
          f"({audited - via_project} by pip-audit, {via_project} on the project JSON API), {len(unaudited)} not audited")
    failing = []
    for name, version, vuln in found:
        ids = {vuln["id"], *vuln.get("aliases", [])}
        ignored = next((i for i in ids if i in ignores), None)
        fix = ", ".join(vuln.get("fix_versions") or []) or "no fixed release"
        status = f"IGNORED ({ignores[ignored]})" if ignored else "VULNERABLE"
        print(f"  {status}: {name}=={version} {vuln['id']} (aliases: {', '.join(vuln.get('aliases') or []) or '-'}; "
              f"fixed in: {fix}) {(vuln.get('description') or '').splitlines()[0][:160] if vuln.get('description') else ''}")
        if not ignored:
            failing.append(vuln["id"])
    if unaudited:
        reasons = {}
        for name, version, state in unaudited:
            reasons.setdefault(state, []).append(f"{name}=={version}")
        for state, names in sorted(reasons.items()):
            print(f"  not audited ({state}): {len(names)}: {' '.join(sorted(names))}")
    if audited == 0:
        print("WARNING: pip-audit could not reach a vulnerability service for any dependency: "
              "NOTHING WAS AUDITED (not a failure: the service is unreachable from here)")
        return 0
    if failing:
        print(f"pip-audit: FAILED: {len(failing)} known vulnerabilities not listed in {ignore_path}: "
              f"{' '.join(sorted(set(failing)))}")
        return 1
    if unaudited:
        print(f"WARNING: {len(unaudited)} dependencies could not be audited (see above)")
    print("pip-audit: no unignored known vulnerabilities among the audited dependencies")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
