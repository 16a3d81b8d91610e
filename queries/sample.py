"""A deterministic, clearly labelled sample register, from 72 to 10 million rotation events.

    python -m queries.sample --seed 1 --out /tmp/sample                 # published size
    python -m queries.sample --seed 1 --events 10000000 --districts 300 --out /tmp/big

At the published size the register aggregates exactly to the published figures (Bắc Hà
2020-2025: 17 cross-sector, 15 district→commune, 8 commune→district, 14 commune→commune;
Điện Biên 2010-2015: 11 cross-sector, 7 district→commune; Thanh Trì 7/2023: 12/16 secretaries
and 5/16 chairs non-local; Phúc Thọ 11/2021: 6/42 and 3/2023: 21/42). Extra events only go to
district-terms with no published count, so those figures stay exact at any size. Events are
drawn with numpy in chunks and written with Arrow, so memory is bounded by the chunk size.
Every file name starts with `generated_`: the import marks such files as generated data.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .cli import ArgumentParser
from .i18n import cli_language
from .registers import ROTATION_KINDS

PREFIX = "generated_"
TERMS = {"2010-2015": ("2010-07-01", "2015-06-30"), "2015-2020": ("2015-07-01", "2020-06-30"),
         "2020-2025": ("2020-07-01", "2025-06-30")}
PROVINCES = {"Bắc Hà": "Lào Cai", "Điện Biên": "Điện Biên", "Phúc Thọ": "Hà Nội", "Thanh Trì": "Hà Nội"}
# (district, term) -> events per kind, as published; the start dates stay within the
# published period (Bắc Hà's count runs to spring 2025).
PUBLISHED_ROTATIONS = {
    ("Bắc Hà", "2020-2025", "2025-03-31"): {"cross_sector": 17, "district_to_commune": 15,
                                            "commune_to_district": 8, "commune_to_commune": 14},
    ("Điện Biên", "2010-2015", "2015-06-30"): {"cross_sector": 11, "district_to_commune": 7},
}
# (district, as-of date) -> non-local (secretaries, chairs): the published counts.
PUBLISHED_NON_LOCAL = {
    ("Thanh Trì", "2023-07-27"): (12, 5),
    ("Phúc Thọ", "2021-11-30"): (4, 2),
    ("Phúc Thọ", "2023-03-31"): (12, 9),
}
DISTRICT_BODIES = ("Ban Tổ chức Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy",
                   "Văn phòng HĐND và UBND huyện", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch",
                   "Phòng Nông nghiệp và PTNT", "Ủy ban MTTQ huyện", "Phòng Lao động - TB&XH")
POSITIONS = {"commune": ("Bí thư Đảng ủy xã", "Chủ tịch UBND xã", "Phó Bí thư Đảng ủy xã",
                         "Phó Chủ tịch UBND xã"),
             "district": ("Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng", "Phó Ban")}
KIND_LEVELS = {kind: levels for levels, kind in ROTATION_KINDS.items()}
KINDS = tuple(KIND_LEVELS)
CHUNK = 1_000_000

# Communes of the four districts for the sample. Not an official list, so it is not used to
# check registers: a register may name any commune of a known district (it becomes a register
# area); an unknown commune is an error only in districts whose full commune list was declared
# (Store.add_districts).
KNOWN_COMMUNES = {
    "Bắc Hà": ("Bắc Hà", "Bản Phố", "Bản Liền", "Bảo Nhai", "Cốc Lầu", "Cốc Ly", "Hoàng Thu Phố",
               "Lùng Cải", "Lùng Phình", "Na Hối", "Nậm Đét", "Nậm Lúc", "Nậm Mòn", "Tả Củ Tỷ",
               "Tả Van Chư", "Thải Giàng Phố", "Bản Cái", "Nậm Khánh"),
    "Điện Biên": ("Thanh Nưa", "Thanh Yên", "Thanh An", "Sam Mứn", "Núa Ngam", "Mường Nhà",
                  "Mường Pồn", "Thanh Hưng", "Thanh Chăn", "Thanh Luông", "Noong Hẹt", "Noong Luống",
                  "Pom Lót", "Hẹ Muông", "Na Ư", "Mường Lói", "Na Tông", "Mường Phăng", "Nà Tấu",
                  "Nà Nhạn", "Pá Khoang"),
    "Phúc Thọ": ("Phúc Thọ", "Vân Hà", "Vân Phúc", "Vân Nam", "Xuân Đình", "Sen Phương",
                 "Võng Xuyên", "Thọ Lộc", "Long Xuyên", "Thượng Cốc", "Hát Môn", "Tích Giang",
                 "Thanh Đa", "Trạch Mỹ Lộc", "Phúc Hòa", "Ngọc Tảo", "Phụng Thượng", "Tam Thuấn",
                 "Tam Hiệp", "Hiệp Thuận", "Liên Hiệp"),
    "Thanh Trì": ("Văn Điển", "Tân Triều", "Thanh Liệt", "Tả Thanh Oai", "Hữu Hòa", "Tam Hiệp",
                  "Yên Mỹ", "Vĩnh Quỳnh", "Ngũ Hiệp", "Duyên Hà", "Ngọc Hồi", "Vạn Phúc", "Đại Áng",
                  "Liên Ninh", "Đông Mỹ", "Tứ Hiệp"),
}
SYNTHETIC_COMMUNES = 15


def synthetic_districts(count: int) -> dict[str, tuple[str, ...]]:
    """Extra districts for national-scale runs, named so nobody takes them for real ones."""
    return {f"Huyện mẫu {i:03d}": tuple(f"Xã mẫu {i:03d}-{j:02d}" for j in range(1, SYNTHETIC_COMMUNES + 1))
            for i in range(1, count + 1)}


def _days(date: str) -> int:
    return (dt.date.fromisoformat(date) - dt.date(1970, 1, 1)).days


class _Writer:
    """Appends Arrow tables to one CSV file (header once)."""

    def __init__(self, path: Path):
        self.path, self.writer = path, None

    def write(self, table: pa.Table) -> None:
        if self.writer is None:
            self.writer = pacsv.CSVWriter(str(self.path), table.schema)
        self.writer.write_table(table)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _pick(rng: np.random.Generator, names: tuple[str, ...], n: int) -> np.ndarray:
    return np.array(names, dtype=object)[rng.integers(0, len(names), n)]


def _events(rng: np.random.Generator, n: int, cells: list[tuple[str, str, str]], kinds: np.ndarray | None,
            communes: dict[str, tuple[str, ...]], first_person: int) -> pa.Table:
    """n events in the given (district, term, last start date) cells. Events come in pairs
    held by one person (the first ends the day before the second starts), so nobody holds
    two posts at once; an odd last event has a person of its own."""
    districts = list(communes)
    cell_district = np.array([districts.index(c[0]) for c in cells])
    cell = rng.integers(0, len(cells), n)
    pair = np.arange(n) // 2
    cell = cell[pair * 2]  # both events of a pair in the first one's cell
    district = cell_district[cell]
    starts = np.array([_days(TERMS[c[1]][0]) for c in cells])[cell]
    lasts = np.array([_days(c[2]) for c in cells])[cell]
    kind = kinds if kinds is not None else _pick(rng, KINDS, n)
    offsets = rng.random((n // 2 + 1, 2))
    span = lasts - starts - 1
    start_first = starts + (offsets.min(axis=1)[pair] * span).astype(int)
    start_second = np.maximum(starts + (offsets.max(axis=1)[pair] * span).astype(int), start_first + 1)
    has_pair = pair * 2 + 1 < n
    second = (np.arange(n) % 2 == 1)
    start = np.where(second, start_second, start_first)
    end = np.where(second, start + rng.integers(200, 900, n), start_second - 1)

    kind_index = pd.Index(KINDS).get_indexer(kind)
    from_level = np.array([KIND_LEVELS[k][0] for k in KINDS], dtype=object)[kind_index]
    to_level = np.array([KIND_LEVELS[k][1] for k in KINDS], dtype=object)[kind_index]
    names = np.array([c for d in districts for c in communes[d]], dtype=object)
    counts = np.array([len(communes[d]) for d in districts])
    first_name = np.concatenate([[0], np.cumsum(counts)[:-1]])

    def units(levels: np.ndarray) -> np.ndarray:
        commune = names[first_name[district] + (rng.random(n) * counts[district]).astype(int)]
        return np.where(levels == "commune", commune, _pick(rng, DISTRICT_BODIES, n))

    position = np.where(to_level == "commune", _pick(rng, POSITIONS["commune"], n),
                        _pick(rng, POSITIONS["district"], n))
    person = pc.utf8_lpad(pa.array(first_person + pair).cast(pa.string()), 8, "0")
    return pa.table({
        "person_code": pc.binary_join_element_wise("SP-", person, ""),
        "district": pa.array(np.array(districts, dtype=object)[district], pa.string()),
        "from_unit": pa.array(units(from_level), pa.string()), "from_level": pa.array(from_level, pa.string()),
        "to_unit": pa.array(units(to_level), pa.string()), "to_level": pa.array(to_level, pa.string()),
        "position": pa.array(position, pa.string()),
        "start_date": pa.array(start.astype("datetime64[D]")),
        "end_date": pa.array(end.astype("datetime64[D]"), mask=~has_pair & ~second),
    })


def write_rotation_events(path: Path, rng: np.random.Generator, total: int,
                          communes: dict[str, tuple[str, ...]]) -> int:
    """Published cells first (exact), then `total` minus those spread over the other cells."""
    writer, person, written = _Writer(path), 0, 0
    for (district, term, last), by_kind in PUBLISHED_ROTATIONS.items():
        kinds = np.array([k for k, count in by_kind.items() for _ in range(count)], dtype=object)
        writer.write(_events(rng, len(kinds), [(district, term, last)], kinds, communes, person))
        person, written = person + len(kinds), written + len(kinds)
    published = {(d, t) for d, t, _ in PUBLISHED_ROTATIONS}
    open_cells = [(d, t, end) for d in communes for t, (_, end) in TERMS.items() if (d, t) not in published]
    while written < total:
        n = min(CHUNK, total - written)
        writer.write(_events(rng, n, open_cells, None, communes, person))
        person, written = person + n, written + n
    writer.close()
    return written


def office_holders(rng: np.random.Generator, communes: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every commune's secretary and chair on each as-of date; published counts are exact,
    other districts get a random share on 1/1/2024."""
    dates = {d: {} for d in communes}
    for (district, as_of), counts in PUBLISHED_NON_LOCAL.items():
        dates[district][as_of] = counts
    rows = []
    for d_index, (district, names) in enumerate(communes.items()):
        for as_of, counts in (dates[district] or {"2024-01-01": None}).items():
            for p_index, position in enumerate(("party_secretary", "commune_chair")):
                non_local = counts[p_index] if counts else int(rng.integers(0, len(names) + 1))
                local = np.ones(len(names), dtype=bool)
                local[rng.choice(len(names), non_local, replace=False)] = False
                rows += [(district, commune, position, f"OH-{d_index:04d}-{c_index:02d}-{p_index}",
                          "true" if is_local else "false", as_of)
                         for c_index, (commune, is_local) in enumerate(zip(names, local))]
    return pd.DataFrame(rows, columns=["district", "commune", "position", "person_code", "is_local", "as_of"])


def commune_poverty(rng: np.random.Generator, communes: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Households per commune and year 2016-2024, falling poverty around each district's level."""
    levels = {"Bắc Hà": 0.7, "Điện Biên": 0.45, "Phúc Thọ": 0.06, "Thanh Trì": 0.01}
    rows = []
    for district, names in communes.items():
        base = levels.get(district, float(rng.uniform(0.02, 0.4)))
        for commune in names:
            households = int(rng.integers(600, 3500))
            for year in range(2016, 2025):
                rate = max(base * (1 - 0.08 * (year - 2016)) * rng.uniform(0.7, 1.3), 0.0)
                poor = int(households * min(rate, 0.9))
                near = int(households * min(base * rng.uniform(0.3, 0.6), 0.9) * (1 - min(rate, 0.9)))
                rows.append((district, commune, year, households, poor, near))
    return pd.DataFrame(rows, columns=["district", "commune", "year", "households", "poor_households",
                                       "near_poor_households"])


def generate(out: Path, seed: int, events: int, extra_districts: int) -> dict[str, Path]:
    """Write the sample files into `out`; returns them by register kind."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    communes = {**KNOWN_COMMUNES, **synthetic_districts(extra_districts)}
    paths = {kind: out / f"{PREFIX}{kind}.csv" for kind in ("rotation_events", "office_holders", "commune_poverty")}
    write_rotation_events(paths["rotation_events"], rng, events, communes)
    office_holders(rng, communes).to_csv(paths["office_holders"], index=False)
    commune_poverty(rng, communes).to_csv(paths["commune_poverty"], index=False)
    if extra_districts:
        paths["districts"] = out / f"{PREFIX}districts.csv"
        pd.DataFrame([(d, "Tỉnh mẫu", c) for d, names in synthetic_districts(extra_districts).items() for c in names],
                     columns=["district", "province", "commune"]).to_csv(paths["districts"], index=False)
    return paths


PUBLISHED_SIZE = sum(sum(k.values()) for k in PUBLISHED_ROTATIONS.values())


def main(argv: list[str] | None = None) -> int:
    parser = ArgumentParser(prog="python -m queries.sample", description=__doc__.split("\n")[0], lang=cli_language())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, default=PUBLISHED_SIZE,
                        help=f"rotation events in total (at least {PUBLISHED_SIZE}, the published ones)")
    parser.add_argument("--districts", type=int, default=0,
                        help="extra synthetic districts 'Huyện mẫu NNN' (declare them with generated_districts.csv)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.events < PUBLISHED_SIZE:
        parser.error(f"--events must be at least {PUBLISHED_SIZE}")
    for kind, path in generate(args.out, args.seed, args.events, args.districts).items():
        print(f"{kind}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
