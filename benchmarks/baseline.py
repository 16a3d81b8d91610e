"""The baseline: what a user without this product does. Every interaction (a filter change)
reads the register CSV files with pandas and recomputes the page's aggregates with groupby.

The figures are the same ones the product's pages show from registers: rotations by
district, term and kind; the non-local share of commune secretaries and chairs by district
and term; the poverty rate by district and year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
KINDS = {("district", "district"): "cross_sector", ("district", "commune"): "district_to_commune",
         ("commune", "district"): "commune_to_district", ("commune", "commune"): "commune_to_commune"}


def _csv(csv_dir: Path, kind: str) -> Path:
    """The register CSV of a kind (the product's generator names it `generated_<kind>.csv`)."""
    for name in (f"generated_{kind}.csv", f"{kind}.csv"):
        if (csv_dir / name).exists():
            return csv_dir / name
    raise FileNotFoundError(f"no {kind} CSV in {csv_dir}")


def terms() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "terms.csv", parse_dates=["starts_on", "ends_on"])


def _term_of(dates: pd.Series, table: pd.DataFrame) -> pd.Series:
    out = pd.Series(None, index=dates.index, dtype=object)
    for t in table.itertuples():
        out[(dates >= t.starts_on) & (dates <= t.ends_on)] = t.term
    return out


def _filter(frame: pd.DataFrame, districts, term_list, term_col="term") -> pd.DataFrame:
    if districts is not None:
        frame = frame[frame["district"].isin(districts)]
    if term_list is not None:
        frame = frame[frame[term_col].isin(term_list)]
    return frame


def rotations(csv_dir: Path, districts=None, term_list=None) -> pd.DataFrame:
    frame = pd.read_csv(_csv(csv_dir, "rotation_events"), usecols=["district", "from_level", "to_level", "start_date"],
                        parse_dates=["start_date"])
    frame = frame[frame["district"].isin(districts)] if districts is not None else frame
    frame = frame.assign(term=_term_of(frame["start_date"], terms()),
                         kind=[KINDS.get(p) for p in zip(frame["from_level"], frame["to_level"])])
    frame = _filter(frame, None, term_list)
    return frame.groupby(["district", "term", "kind"]).size().rename("value").reset_index()


def quota(csv_dir: Path, districts=None, term_list=None) -> pd.DataFrame:
    frame = pd.read_csv(_csv(csv_dir, "office_holders"), parse_dates=["as_of"])
    frame = frame[frame["district"].isin(districts)] if districts is not None else frame
    frame = frame.assign(term=_term_of(frame["as_of"], terms()),
                         non_local=~frame["is_local"].astype(str).str.lower().isin(["true", "1", "có"]))
    frame = _filter(frame, None, term_list)
    out = frame.groupby(["district", "term", "position"]).agg(numerator=("non_local", "sum"),
                                                               denominator=("non_local", "size")).reset_index()
    out["value"] = 100.0 * out["numerator"] / out["denominator"]
    return out


def poverty(csv_dir: Path, districts=None, term_list=None) -> pd.DataFrame:
    frame = pd.read_csv(_csv(csv_dir, "commune_poverty"))
    frame = frame[frame["district"].isin(districts)] if districts is not None else frame
    t = terms()
    frame = frame.assign(term=_term_of(pd.to_datetime(frame["year"].astype(str) + "-12-31"), t))
    frame = _filter(frame, None, term_list)
    out = frame.groupby(["district", "year"])[["households", "poor_households", "near_poor_households"]].sum().reset_index()
    out["value"] = 100.0 * out["poor_households"] / out["households"]
    return out


FIGURES = {"rotations": rotations, "quota": quota, "poverty": poverty}


def figures_for(topics, csv_dir: Path, districts=None, term_list=None) -> dict[str, pd.DataFrame]:
    """One interaction of the baseline: read the CSVs behind `topics` and aggregate them."""
    return {t: FIGURES[t](csv_dir, districts, term_list) for t in topics}


def topics_for(query_or_page: str) -> tuple[str, ...]:
    """Which register figures a named query or page shows (all three when it is not plain)."""
    name = query_or_page.lower()
    if "rotation" in name or "luan_chuyen" in name:
        return ("rotations",)
    if "poverty" in name or "ngheo" in name:
        return ("poverty",)
    if "quota" in name or "attainment" in name or "chi_tieu" in name:
        return ("quota",)
    return ("rotations", "quota", "poverty")
