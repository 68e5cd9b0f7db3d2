"""Figures of notebook 01: population 2011-2024 by municipality and OSCE region.

Drawing only: the tables come from :mod:`kosovo_hr.indicators.population`. Figures draw on the committed population table (``kosovo_hr/data/population``,
see :mod:`kosovo_hr.datasets.population`). The four northern municipalities
have no 2011 census count (KAS estimate) and a largely boycotted 2024 census
(ASK estimate): the change map shows them as "no data" rather than comparing
two estimates with a census, and the bar chart draws their estimates hatched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..indicators.population import POP_TABLE, north_enumerated_2024, population_change, region_totals
from ..plots import choropleth, format_int
from ..plots.i18n import check_lang, label, unit_names
from ..plots.sources_line import add_source_line
from ..plots.style import PRINT_WIDTH_IN
from . import figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NOTEBOOK = "01_population_and_rates.ipynb"
CHANGE_BINS = [-30, -20, -10, 0, 20, 90]


@figure("population_change_2011_2024", notebook=NOTEBOOK, sources=["geoboundaries_adm2", POP_TABLE])
def population_change_map(lang: str = "en") -> "Figure":
    """Map: census population change 2011-2024 (%), north shown as no data."""
    import matplotlib.pyplot as plt

    check_lang(lang)
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, PRINT_WIDTH_IN * 0.92))
    choropleth(
        population_change(),
        "change_pct",
        lang=lang,
        bins=CHANGE_BINS,
        cmap="RdBu",
        scale="diverging",
        labels=True,
        title=label("population.change_title", lang),
        legend_title=label("population.change_legend", lang),
        ax=ax,
        sources=("geoboundaries_adm2", POP_TABLE),
        note=label("population.change_note", lang),
        fmt="{:+.0f}",
    )
    return fig


@figure("population_region_totals", notebook=NOTEBOOK, sources=[POP_TABLE])
def region_totals_bars(lang: str = "en") -> "Figure":
    """Grouped bars (seaborn): population by OSCE region 2011 and 2024, northern estimates hatched on top."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..plots.charts import grouped_bars

    check_lang(lang)
    t = region_totals()
    regs = sorted(t["osce_region"].unique())
    rnames = unit_names(lang, level="osce_region")
    t = t.assign(thousands=t["total"] / 1000, census_k=t["census"] / 1000, region=t["osce_region"].map(rnames))
    fig, ax = plt.subplots(figsize=(PRINT_WIDTH_IN, 3.4))
    years = [2011, 2024]
    cols, pos = grouped_bars(
        ax,
        t,
        x="region",
        y="thousands",
        hue="year",
        order=[rnames[r] for r in regs],
        hue_order=years,
        labels={y: f"{label('population.census', lang)} {y}" for y in years},
        colours={2011: "#9ecae1", 2024: "#3182bd"},
    )
    # the census part of each bar stays filled; the ASK estimate for the north above it is hatched
    for (cat, year), xpos in pos.items():
        row = t[(t["region"] == cat) & (t["year"] == year)].iloc[0]
        if row["estimate"] > 0:
            ax.bar(
                xpos,
                float(row["estimate"]) / 1000,
                width=0.4,
                bottom=float(row["census_k"]),
                color="white",
                edgecolor=cols[year],
                hatch="///",
                linewidth=0.8,
                zorder=3,
            )
    ax.set_ylabel(label("population.population", lang))
    ax.set_title(label("population.regions_title", lang), loc="left")
    ax.set_ylim(0, float(t["thousands"].max()) * 1.3)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="white", edgecolor="#3182bd", hatch="///", label=label("population.estimate", lang)))
    ax.legend(handles=handles, loc="upper left", ncols=3)
    ax.grid(axis="y")
    note = label("population.regions_note", lang).format(n=format_int(north_enumerated_2024(), lang))
    add_source_line(fig, [POP_TABLE], lang, note=note)
    return fig
