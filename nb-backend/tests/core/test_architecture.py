"""The house rules that a reader of the tree relies on, checked on the source itself."""

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2]
PRODUCT = BACKEND / "nb"
DOMAINS = ("accounts", "credits", "redeem", "pool", "gateway", "upstream", "conversations", "stats", "audit")
HTTP_LIBRARIES = ("fastapi", "starlette")
HEALTH_COLUMNS = {
    "consecutive_failures",
    "failure_count",
    "success_count",
    "last_error_code",
    "last_error_message",
    "cooling_until",
    "status_reason",
}


def _module(path: Path) -> str:
    parts = path.relative_to(BACKEND).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(root: Path = PRODUCT) -> dict[str, tuple[Path, ast.Module]]:
    return {_module(path): (path, ast.parse(path.read_text())) for path in sorted(root.rglob("*.py"))}


def _top_level_imports(tree: ast.Module, modules: set[str]) -> set[str]:
    """Modules loaded when this one loads (not imports inside functions). `from package import
    submodule` depends on the submodule, not on the package's own names."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & modules
            names |= submodules
            if len(submodules) < len(node.names):
                names.add(node.module)
    return names


def _all_imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _is_router(module: str) -> bool:
    return module.rsplit(".", 1)[-1] in ("router", "deps") or module.endswith("_router")


def test_no_import_cycle_between_product_modules():
    sources = _sources()
    graph = {
        name: {dep for dep in _top_level_imports(tree, set(sources)) if dep in sources and dep != name}
        for name, (_, tree) in sources.items()
    }
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep) :] + [dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_services_never_import_the_web_framework():
    offenders = [
        name
        for name, (_, tree) in _sources().items()
        if name.split(".")[1:2] in [[domain] for domain in DOMAINS]
        and not _is_router(name)
        and any(dep.split(".")[0] in HTTP_LIBRARIES for dep in _all_imports(tree))
    ]
    assert offenders == [], "services return outcomes; only routers and deps speak HTTP"


def test_routers_hold_no_transaction_and_no_query():
    offenders = []
    for name, (_, tree) in _sources().items():
        if not _is_router(name) or name.endswith(".deps"):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("commit", "execute", "scalars", "scalar", "flush", "rollback")
            ):
                offenders.append(f"{name}:{node.lineno} .{node.func.attr}()")
        if any(
            dep == "sqlalchemy" or dep.startswith("sqlalchemy.") and dep != "sqlalchemy.ext.asyncio"
            for dep in _all_imports(tree)
        ):
            offenders.append(f"{name} imports sqlalchemy")
    assert offenders == []


def test_only_the_upstream_client_sends_the_gemini_key_header():
    senders = [
        name
        for name, (path, _) in _sources().items()
        if not name.startswith("nb.simulator") and '{"x-goog-api-key":' in path.read_text()
    ]
    assert senders == ["nb.upstream.client"]


def test_only_the_key_pool_writes_key_health():
    writers = []
    for name, (_, tree) in _sources().items():
        for node in ast.walk(tree):
            assigned = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(target, ast.Attribute) and target.attr in HEALTH_COLUMNS for target in assigned):
                writers.append(f"{name}:{node.lineno}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "update"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == "UpstreamKey"
            ):
                writers.append(f"{name}:{node.lineno}")
    assert writers and {writer.split(":")[0] for writer in writers} == {"nb.pool.key_pool"}


def test_the_product_never_imports_development_tooling_or_tests():
    offenders = [
        name
        for name, (_, tree) in _sources().items()
        if any(dep.split(".")[0] in ("devtools", "tests") for dep in _all_imports(tree))
    ]
    assert offenders == []


def test_tests_import_helpers_from_support_never_from_each_other():
    offenders = [
        name
        for name, (_, tree) in _sources(BACKEND / "tests").items()
        if any(dep.startswith("tests.") and not dep.startswith("tests.support") for dep in _all_imports(tree))
    ]
    assert offenders == []
