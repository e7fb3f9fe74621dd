"""Which artefact modules a build resolves, from the registry alone (no renderer is imported)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.artefacts.registry import BY_NAME, KINDS, TOGETHER

ORDER = tuple(BY_NAME)  # registry order: a module's needs come before it


def modules_for(only: tuple[str, ...]) -> list[str]:
    """The modules that make the requested kinds, and the modules those need, in registry order."""
    wanted = {name for name, entry in BY_NAME.items() if not only or set(entry.kinds) & set(only)}
    wanted |= {need for name in wanted for need in BY_NAME[name].needs}
    return [name for name in ORDER if name in wanted]


def needs_weasyprint(only: tuple[str, ...]) -> bool:
    """Whether a module asked for lays out HTML with WeasyPrint (the renderers may import it early)."""
    return any(BY_NAME[name].weasyprint for name in modules_for(only))


@dataclass(frozen=True)
class Plan:
    """Which modules this build resolves, and which of them may be rendered (the rest only reused)."""

    modules: list[str]  # registry order, needs before the modules that read them
    render: set[str]
    kinds: set[str]  # the kinds this build writes
    previous_kinds: set[str]


def plan_build(only: tuple[str, ...], previous_kinds: set[str]) -> Plan:
    """Everything for a whole build. For --only: what was asked for, rendered if need be; what it
    reads; the earlier artefacts that read what was asked for (the key cites the booklet's pages)
    or go with it (registry TOGETHER), rendered again if need be; and every other earlier artefact
    only if its inputs are all the same. `previous_kinds`: the kinds the output folder holds."""
    previous_kinds = set(previous_kinds) & set(KINDS)
    if not only:
        return Plan(list(ORDER), set(ORDER), set(KINDS), previous_kinds)
    asked = set(modules_for(only))
    earlier = {name for name, entry in BY_NAME.items() if set(entry.kinds) & previous_kinds}
    render = asked | {name for name in earlier if _reads_any(name, asked)}
    render |= {other for pair in TOGETHER for one, other in (pair, pair[::-1]) if one in render and other in earlier}
    modules = [name for name in ORDER if name in render | earlier]
    return Plan(modules, render, set(only) | previous_kinds, previous_kinds)


def _reads_any(name: str, modules: set[str]) -> bool:
    return any(need in modules or _reads_any(need, modules) for need in BY_NAME[name].needs)
