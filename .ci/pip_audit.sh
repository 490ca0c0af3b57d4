#!/usr/bin/env bash
# Audit the project's installed dependencies (.venv, less the project itself) for known vulnerabilities.
# pip-audit (pinned) lives in its own venv; the PyPI JSON API is the vulnerability service.
# Fails on a vulnerability not listed with a reason in .ci/pip-audit-ignore.txt; when no service can be
# reached, warns loudly and passes. Usage: bash .ci/pip_audit.sh [PROJECT_VENV]
set -uo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT_VERSION=2.10.1
PROJECT_VENV=${1:-.venv}
AUDIT_VENV=${FINDINGS_AUDIT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/findings/pip-audit-$PIP_AUDIT_VERSION}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== pip-audit $PIP_AUDIT_VERSION on $PROJECT_VENV"
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
  if ! { python3.11 -m venv "$AUDIT_VENV" 2>/dev/null || python3 -m venv "$AUDIT_VENV"; } \
     || ! "$AUDIT_VENV/bin/pip" install -q "pip-audit==$PIP_AUDIT_VERSION" >"$WORK/install.log" 2>&1; then
    tail -5 "$WORK/install.log" 2>/dev/null
    echo "WARNING: pip-audit could not be installed (package index unreachable?): dependencies NOT audited"
    rm -rf "$AUDIT_VENV"
    exit 0
  fi
fi
"$PROJECT_VENV/bin/python" -m pip freeze --all --exclude-editable 2>/dev/null | grep -v '^-e ' >"$WORK/requirements.txt"
echo "$(wc -l <"$WORK/requirements.txt") installed distributions"
"$AUDIT_VENV/bin/pip-audit" -r "$WORK/requirements.txt" --no-deps --disable-pip -s pypi --timeout 20 \
  --progress-spinner off -f json -o "$WORK/report.json" >"$WORK/pip-audit.log" 2>&1
status=$?  # its own summary is not printed: "No known vulnerabilities found" also when it could check nothing
grep -v -e "No known vulnerabilities found" -e "users are encouraged to fully hash" -e "pip-compile" \
  "$WORK/pip-audit.log" | tail -20
[ $status -le 1 ] || echo "pip-audit exited $status"
"$AUDIT_VENV/bin/python" .ci/pip_audit_check.py "$WORK/report.json" "$WORK/requirements.txt" .ci/pip-audit-ignore.txt
