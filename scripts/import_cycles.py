"""Fail if Balai's modules (tests and migrations left out) import each other in a cycle.

import-linter's contracts (pyproject.toml) keep the apps in layers; this checks what they
cannot see: a cycle between two modules of one app. Every import statement counts, those
inside functions too (grimp reads them all), so a cycle cannot hide in a function.

    .venv/bin/python scripts/import_cycles.py
"""

import sys

import grimp


def _left_out(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or "migrations" in parts or parts[1:2] in (["conftest"], ["testing"])


def cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    modules = sorted(module for module in graph.modules if not _left_out(module))
    edges = {module: sorted(imported for imported in graph.find_modules_directly_imported_by(
        module) if not _left_out(imported)) for module in modules}
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(start: str) -> None:
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[module] = min(low[module], index[child])

    for module in modules:
        if module not in index:
            visit(module)
    return found


def main() -> int:
    graph = grimp.build_graph("balai", include_external_packages=False)
    found = cycles(graph)
    for component in found:
        print("Import cycle between:", ", ".join(component))
    if not found:
        print(f"No import cycle among {len([m for m in graph.modules if not _left_out(m)])} "
              "modules of balai (tests and migrations left out).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
