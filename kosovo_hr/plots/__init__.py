"""Maps and plots; every text in Albanian (sq), Serbian Latin (sr) or Cyrillic (sr-Cyrl), or English (en)."""

from .choropleth import choropleth, class_bins, class_colours, deferred_drawing, place_labels, small_multiples
from .i18n import LANGS, LabelError, label, to_cyrillic, unit_names
from .numbers import format_date, format_int, format_number, format_percent, format_spec, month_name
from .sources_line import add_source_line, source_text
from .style import project_style, use_style

__all__ = [
    "LANGS",
    "LabelError",
    "add_source_line",
    "choropleth",
    "class_bins",
    "class_colours",
    "deferred_drawing",
    "format_date",
    "format_int",
    "format_number",
    "format_percent",
    "format_spec",
    "label",
    "month_name",
    "place_labels",
    "project_style",
    "small_multiples",
    "source_text",
    "to_cyrillic",
    "unit_names",
    "use_style",
]
