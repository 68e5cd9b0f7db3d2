"""Maps and plots; every text in Albanian (sq), Serbian (sr) or English (en)."""

from .choropleth import choropleth, class_bins, deferred_drawing, small_multiples
from .i18n import LANGS, label, unit_names
from .sources_line import add_source_line, source_text

__all__ = ["LANGS", "add_source_line", "choropleth", "class_bins", "deferred_drawing", "label", "small_multiples",
           "source_text", "unit_names"]
