"""The sector chapters of a build: those that fit the report (the region's list, else the sectors it
states the most quantities of), and the sectors left out with the reason."""

from __future__ import annotations

from .manifest import find_region
from .one_report import load, member, sector_list, sector_name
from .placement import place


def sector_plan(cfg: dict, seed) -> tuple[list[dict], list[tuple[str, str]]]:
    """The chapters of a build of `seed` with the sector chapters that fit its report, and the sectors left
    out with the reason: ([chapter], [(sector, why)]).

    The sector chapters of report.yml (those with a ``sector`` parameter) stand for the sector chapters
    of the build: they are replaced, at the place of the first, by the list ``sectors.regions`` gives for the
    report's region (read from its text, matched by English, pinyin or Chinese name), or, for a region
    without a list, by the sectors the report has the most quantities for (at least
    ``sectors.min_quantities``, at most ``sectors.max_chapters``; macro is the overview's). A sector the
    report states no quantity of has nothing to show: it is never published. Without a ``sectors`` key
    the chapters are those of report.yml."""
    chapters = cfg["chapters"]
    idx = [i for i, ch in enumerate(chapters) if "sector" in (ch.get("parameters") or {})]
    sc = cfg.get("sectors")
    if not idx or not sc:
        return chapters, []
    region = place(seed).region_en
    lists = {}
    for key, lst in (sc.get("regions") or {}).items():
        found = find_region(key)
        lists[found[0] if found else key] = lst
    df, _ = load(seed)
    order = [x for x in sector_list() if x != "macro"]
    counts = {x: int(member(df, x).sum()) if len(df) else 0 for x in order}
    left: list[tuple[str, str]] = []
    if region in lists:
        wanted = list(lists[region])
        left += [(x, f"not in the sector list of {region} (book/report.yml)") for x in order
                 if x not in wanted and counts[x]]
    else:
        least, most = sc.get("min_quantities", 1), sc.get("max_chapters", len(order))
        ranked = sorted((x for x in order if counts[x]), key=lambda x: (-counts[x], order.index(x)))
        wanted = [x for x in ranked if counts[x] >= least][:most]
        for x in ranked:
            if x not in wanted:
                left.append((x, f"{counts[x]} {'quantity' if counts[x] == 1 else 'quantities'}, fewer than "
                                f"{least}" if counts[x] < least else f"{counts[x]} quantities, not among the "
                                f"{most} sectors with the most quantities"))
    left = [(x, "the report states no quantity of the sector") for x in wanted if not counts[x]] + left
    by_sector = {chapters[i]["parameters"]["sector"]: chapters[i] for i in idx}
    first = chapters[idx[0]]
    chosen = [by_sector.get(x) or {"name": x, "title": sector_name(x), "template": first["template"],
                                   "parameters": {**first.get("parameters", {}), "sector": x},
                                   **({"part": first["part"]} if "part" in first else {})}
              for x in wanted if counts[x]]
    rest = [ch for i, ch in enumerate(chapters) if i not in idx]
    names = {ch["name"] for ch in rest}
    chosen = [ch if ch["name"] not in names else {**ch, "name": f"sector-{ch['name']}"} for ch in chosen]
    return rest[:idx[0]] + chosen + rest[idx[0]:], left
