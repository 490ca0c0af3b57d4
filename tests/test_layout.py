"""The package tree: grouped by stage, and no import cycles between our modules."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "extractors", "flows")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Our modules imported by one module, anywhere in it (late imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(up + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in known}
    return found - {name}


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    known = set(files)
    return {name: _imports(path, name, known) for name, path in files.items()}


def test_no_import_cycles():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # A package importing its own submodules in __init__ is not a cycle of ours to break.
    real = [c for c in cycles if not any(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(c, c[1:]))]
    assert not real, real


def test_pipeline_is_grouped_by_stage():
    loose = sorted(p.name for p in (ROOT / "pipeline").glob("*.py"))
    assert loose == ["__init__.py", "cli.py", "config.py", "datafiles.py", "errors.py", "exits.py",
                     "runs_cli.py"]
    for stage in ("ingest", "jobs", "quality", "register", "publisher"):
        assert (ROOT / "pipeline" / stage / "__init__.py").is_file()


def test_early_stages_import_nothing_later():
    later = ("pipeline.jobs", "pipeline.register", "pipeline.publisher", "pipeline.quality", "flows")
    bad = {name: sorted(t for t in targets if t.startswith(later))
           for name, targets in _graph().items() if name.startswith(("pipeline.ingest", "extractors"))}
    assert not {k: v for k, v in bad.items() if v}
