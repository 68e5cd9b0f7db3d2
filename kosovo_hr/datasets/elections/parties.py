"""Which community each electoral subject represents: a committed, cited table.

Table: ``kosovo_hr/data/parties/subjects.csv`` (see ``SOURCES.md`` beside it),
one row per subject name as spelt in the election files, with a ``party_key``
merging spelling variants of one party, the ``community`` (``serb``,
``bosniak``, ``turkish``, ``roma``, ``ashkali``, ``egyptian``, ``gorani``,
``montenegrin``, ``albanian_or_multiethnic`` or ``unclassified``) and the
``source_url`` the classification was read from.

Rules: a subject with no cited classification is ``unclassified`` (never
guessed), and a name that is not in the table at all raises
:class:`UnknownSubjectError` naming it — extend the table only with a source.

Caveat: the sources are mostly encyclopaedia pages, OSCE/UNMIK documents and
news, not the election commission's lists of subjects competing for the
reserved seats; some cases are contested (see ``note``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

from ...errors import KosovoHRError, KosovoHRValueError

NON_MAJORITY = ("serb", "bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani", "montenegrin")
COMMUNITIES = NON_MAJORITY + ("albanian_or_multiethnic", "unclassified")
TABLE = "kosovo_hr/data/parties/subjects.csv"


class UnknownSubjectError(KosovoHRError, KeyError):
    """Subject names absent from the classification table."""

    def __init__(self, names: dict[str, str]):
        self.names = names
        lines = [f"{len(names)} electoral subject name(s) not in {TABLE}:"]
        lines += [f"  {n!r} (seen in {where})" for n, where in names.items()]
        lines.append(
            "Add each with its community and a source you have read (or community 'unclassified' and an empty source)."
        )
        super().__init__("\n".join(lines))

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    path = resources.files("kosovo_hr.data").joinpath("parties/subjects.csv")
    with path.open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, dtype=str, keep_default_na=False)
    bad = sorted(set(df["community"]) - set(COMMUNITIES))
    if bad:
        raise KosovoHRValueError(f"{TABLE}: unknown community value(s) {bad}")
    if not df["subject_name"].is_unique:
        raise KosovoHRValueError(f"{TABLE}: duplicate subject names")
    classified = df["community"] != "unclassified"
    if (df.loc[classified, "source_url"] == "").any():
        raise KosovoHRValueError(
            f"{TABLE}: classified rows without a source: "
            f"{list(df.loc[classified & (df['source_url'] == ''), 'subject_name'])}"
        )
    return df


def subjects() -> pd.DataFrame:
    """The classification table, one row per subject name (a copy)."""
    return _table().copy()


def parties() -> pd.DataFrame:
    """One row per ``party_key``: community, the names it merges, its source(s)."""
    t = _table()
    g = t.groupby("party_key", sort=True)
    out = pd.DataFrame(
        {
            "community": g["community"].agg(lambda s: ";".join(sorted(set(s)))),
            "names": g["subject_name"].agg(lambda s: " | ".join(s)),
            "n_names": g.size(),
            "source_url": g["source_url"].agg(lambda s: " ".join(sorted(set(x for x in s if x)))),
        }
    ).reset_index()
    if out["community"].str.contains(";").any():
        raise KosovoHRValueError(
            f"{TABLE}: a party_key has names in different communities: "
            f"{list(out.loc[out['community'].str.contains(';'), 'party_key'])}"
        )
    return out


def classify(results: pd.DataFrame, column: str = "subject_name") -> pd.DataFrame:
    """Add ``party_key``, ``community`` and ``non_majority`` (bool, NA when unclassified).

    Raises :class:`UnknownSubjectError` naming every subject absent from the
    table (with the election where it was seen); nothing is returned then.
    """
    t = _table().set_index("subject_name")
    names = results[column]
    unknown = ~names.isin(t.index)
    if unknown.any():
        where = (
            results.loc[unknown].groupby(column)["election"].agg(lambda s: ", ".join(sorted(set(s))))
            if "election" in results
            else pd.Series("input", index=names[unknown].unique())
        )
        raise UnknownSubjectError({str(k): str(v) for k, v in where.items()})
    out = results.copy()
    out["party_key"] = names.map(t["party_key"]).astype("string")
    out["community"] = names.map(t["community"]).astype("string")
    nm = out["community"].isin(NON_MAJORITY)
    out["non_majority"] = pd.array(nm.where(out["community"] != "unclassified", None), dtype="boolean")
    return out
