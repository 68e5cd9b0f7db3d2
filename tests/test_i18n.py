"""Labels as data in four languages, Serbian Cyrillic by transliteration, numbers and dates through Babel."""

import pytest

from kosovo_hr.figures import LANGS as FIGURE_LANGS
from kosovo_hr.figures import TEXT_KINDS, load_all
from kosovo_hr.plots import format_number, format_percent, format_spec, label, month_name, to_cyrillic
from kosovo_hr.plots.i18n import (
    LANGS,
    LabelError,
    build_label_table,
    label_table,
    latin_outside_names,
)


def test_every_label_has_a_text_in_every_language():
    table = label_table()
    assert len(table) > 150
    lacking = [(k, lang) for k, texts in table.items() for lang in LANGS if not texts[lang].strip()]
    assert lacking == []
    assert FIGURE_LANGS == LANGS == ("sq", "sr", "sr-Cyrl", "en")


def test_a_row_lacking_a_language_is_refused_naming_key_and_language():
    rows = [
        {"key": "ok", "sq": "a", "sr": "b", "sr-Cyrl": "", "en": "c"},
        {"key": "half", "sq": "a", "sr": "", "sr-Cyrl": "", "en": "c"},
        {"key": "ok", "sq": "a", "sr": "b", "sr-Cyrl": "", "en": "c"},
    ]
    with pytest.raises(ValueError, match=r"'half' has no text in sr.*'ok' repeated"):
        build_label_table(rows)
    assert build_label_table(rows[:1])["ok"]["sr-Cyrl"] == "б"


def test_every_figure_has_title_caption_and_alt_in_every_language():
    missing = [
        (f"figure.{n}.{kind}", lang)
        for n in load_all()
        for kind in TEXT_KINDS
        for lang in LANGS
        if not label(f"figure.{n}.{kind}", lang).strip()
    ]
    assert missing == []
    captions = [label(f"figure.{n}.caption", "en") for n in load_all()]
    assert all(c.endswith(".") and c.count(". ") == 0 for c in captions)  # one sentence each


def test_missing_label_names_the_key_and_the_language():
    with pytest.raises(LabelError, match=r"'no_such_label' in language 'sr-Cyrl'"):
        label("no_such_label", "sr-Cyrl")
    with pytest.raises(KeyError):  # still a KeyError for callers that catch one
        label("no_such_label", "sq")
    with pytest.raises(LabelError, match=r"'half' in language 'sq'"):
        label("half", "sq", {"half": {"en": "Half", "sr": "Pola"}})
    with pytest.raises(ValueError, match="sq, sr, sr-Cyrl, en"):
        label("missing", "de")


def test_module_dictionaries_get_cyrillic_by_transliteration():
    table = {"k": {"sq": "Viktima", "sr": "Žrtve trgovine ljudima", "en": "Victims"}}
    assert label("k", "sr-Cyrl", table) == "Жртве трговине људима"


@pytest.mark.parametrize(
    "latin,cyrillic",
    [
        ("Opštine Kosova po regionu OEBS-a", "Општине Косова по региону ОЕБС-а"),
        ("Ljubljana, Njegoš, džep, Đakovica, ćelija", "Љубљана, Његош, џеп, Ђаковица, ћелија"),
        ("LJUBAV NJIVA DŽAK", "ЉУБАВ ЊИВА ЏАК"),
        ("Trend {years}: {apc:+.1f}% godišnje", "Тренд {years}: {apc:+.1f}% годишње"),
        ("UNHCR i IDMC; granice: geoBoundaries 2020", "UNHCR и IDMC; границе: geoBoundaries 2020"),
    ],
)
def test_transliteration_keeps_fields_and_proper_names(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_written_out_cyrillic_overrides_transliteration():
    # "Poasonov" is how Serbian writes Poisson; the table's texts never carry a Latin word that is not a name
    assert label("family.poisson", "sr-Cyrl") == "Поасонов модел"
    latin = {k: latin_outside_names(t["sr-Cyrl"]) for k, t in label_table().items()}
    assert {k: w for k, w in latin.items() if w} == {}


def test_latin_words_outside_names_are_found():
    assert latin_outside_names("Извор: Kosovo Police, UNHCR") == ["Kosovo", "Police"]


@pytest.mark.parametrize(
    "lang,big,signed,share,month",
    [
        ("sq", "12\u00a0345,7", "\u22125", "25,3%", "shkurt"),
        ("sr", "12.345,7", "\u22125", "25,3%", "februar"),
        ("sr-Cyrl", "12.345,7", "\u22125", "25,3%", "фебруар"),
        ("en", "12,345.7", "\u22125", "25.3%", "February"),
    ],
)
def test_numbers_and_months_per_language(lang, big, signed, share, month):
    assert format_spec(12345.678, "{:,.1f}", lang) == big
    assert format_spec(-5.4, "{:+.0f}", lang) == signed
    assert format_spec(0.04, "{:+.0f}", lang) == "0"  # zero has no sign
    assert format_spec(20, "{:+.0f}", lang) == "+20"
    assert format_percent(0.253, lang, 1) == share
    assert month_name(2, lang) == month
    assert format_number(1000, lang) in ("1\u00a0000", "1.000", "1,000")


def test_unknown_number_format_is_refused():
    with pytest.raises(ValueError, match="not understood"):
        format_spec(1.0, "{:e}", "sq")


def test_tick_formatter_writes_every_tick_exactly():
    from kosovo_hr.plots.numbers import number_formatter

    f = number_formatter("sq")
    assert f.format_ticks([0, 2.5, 5, 7.5]) == ["0,0", "2,5", "5,0", "7,5"]
    assert f.format_ticks([0, 5000, 10000]) == ["0", "5\u00a0000", "10\u00a0000"]
    assert number_formatter("en", percent=True).format_ticks([0, 0.05, 0.1]) == ["0%", "5%", "10%"]
    assert number_formatter("sr", percent=True).format_ticks([0, 0.025]) == ["0,0%", "2,5%"]


def test_a_written_out_cyrillic_cell_wins_over_transliteration():
    sr = label("hate_crime.odihr_title", "sr")
    assert "ODIHR" in to_cyrillic(sr)  # a source's name is kept in Latin by the rule ...
    assert "ОЕБС/ОДИХР" in label("hate_crime.odihr_title", "sr-Cyrl")  # ... but Serbian writes OSCE/ODIHR so
