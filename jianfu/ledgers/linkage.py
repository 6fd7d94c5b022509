"""Probabilistic record linkage of ledger rows to registry people, with Splink 5 on DuckDB.

Exact linkage on a checksum-valid ID number happens before this (an index lookup). What is
left — rows without an ID, with an ID the registry has not seen, or with an ID that is not valid
(a typo, Excel's scientific notation) — is compared here with the people of the same community
that share a blocking key (same name pinyin key, birth date, phone, the last 4 or first 13
characters of the ID number).

No training: small batches would not train a model well, so the m/u probabilities are fixed
and documented below. Override them with `settings.JIANFU_LINKAGE` (same shape).

How the numbers play out (prior 5e-4, i.e. prior odds ≈ 1:2000):
- same name (after simplified/traditional folding) + same birth date      → p ≈ 0.9998  linked
- homophone name (same pinyin, other characters) + same birth date       → p ≈ 0.98    review
- homophone name + same birth date + same phone                          → p ≈ 0.9999  linked
- same name only, nothing else known on either side                       → p ≈ 0.31    new person
- same name + same address                                                → p ≈ 0.98    review
- same name, different birth date                                         → p ≈ 0.02    new person
- ID one digit off (or two swapped) + same name                           → p ≈ 1       linked
- ID one digit off + homophone name + same birth date                     → p ≈ 1       linked
- ID one digit off, nothing else known                                    → p ≈ 0.98    review
- same name, ID invalid and far from the candidate's                      → p ≈ 0.02    new person
A candidate whose valid ID number differs from the row's valid ID number is never a match.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings

if TYPE_CHECKING:
    from splink.internals.comparison_creator import ComparisonCreator

LINK_THRESHOLD = 0.99
REVIEW_THRESHOLD = 0.5

# (m, u) per comparison level; each column's m's sum to 1 and u's sum to 1.
DEFAULT_PARAMS: dict[str, Any] = {
    "prior": 0.0005,
    "name": {
        "exact": (0.90, 0.001),
        "homophone": (0.05, 0.005),
        "similar": (0.03, 0.01),
        "else": (0.02, 0.984),
    },
    # "month": one side only knows the month (出生年月 1956.03 is stored as 1956-03-01)
    "birth_date": {"exact": (0.95, 0.0001), "month": (0.5, 0.0005), "else": (0.05, 0.9999)},
    # An ID number that is not valid, compared with the registry's: one digit different or two
    # adjacent digits swapped (a typo), or the 15 digits Excel kept of it. Random pairs almost never
    # come that close; a real typo is usually one slip, so "else" is evidence against.
    "id_number": {
        "exact": (0.90, 0.000001),
        "one_edit": (0.85, 0.000005),
        "excel_prefix": (0.85, 0.00001),
        "else": (0.05, 0.99998),
    },
    "phone": {"exact": (0.70, 0.0005), "else": (0.30, 0.9995)},
    "address": {"exact": (0.60, 0.005), "similar": (0.25, 0.10), "else": (0.15, 0.895)},
}


def params() -> dict[str, Any]:
    return getattr(settings, "JIANFU_LINKAGE", DEFAULT_PARAMS)


class Record(NamedTuple):
    """One side of a comparison (a NamedTuple: 125,000 of them in a large import, built and read fast)."""

    uid: int
    name_s: str  # simplified, folded
    name_key: str  # pinyin without tones
    birth_date: str | None
    phone: str | None
    address: str | None
    id_number: str | None  # a checksum-valid number (two different ones are never one person)
    id_evidence: str | None = None  # any 18-character number, valid or not (a typo is evidence)
    id_prefix: str | None = None  # its first 15 digits (all Excel keeps of a number it mangled)


def _level(condition: str, label: str, mu: tuple[float, float]) -> dict[str, Any]:
    return {
        "sql_condition": condition,
        "label_for_charts": label,
        "m_probability": mu[0],
        "u_probability": mu[1],
    }


def _null(column: str) -> dict[str, Any]:
    return {
        "sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        "label_for_charts": "null",
        "is_null_level": True,
    }


def settings_creator() -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    p = params()
    # Annotated with SettingsCreator's element type: its `comparisons` is an invariant list.
    comparisons: list[ComparisonCreator | dict[str, Any]] = [
        cl.CustomComparison(
            output_column_name="name",
            comparison_levels=[
                _null("name_s"),
                _level('"name_s_l" = "name_s_r"', "same name", p["name"]["exact"]),
                _level('"name_key_l" = "name_key_r"', "homophone", p["name"]["homophone"]),
                _level(
                    'jaro_winkler_similarity("name_s_l", "name_s_r") >= 0.85', "similar", p["name"]["similar"]
                ),
                _level("ELSE", "different", p["name"]["else"]),
            ],
        ),
        cl.CustomComparison(
            output_column_name="birth_date",
            comparison_levels=[
                _null("birth_date"),
                _level('"birth_date_l" = "birth_date_r"', "same", p["birth_date"]["exact"]),
                _level(
                    'substr("birth_date_l", 1, 7) = substr("birth_date_r", 1, 7) '
                    "AND (substr(\"birth_date_l\", 9, 2) = '01' OR substr(\"birth_date_r\", 9, 2) = '01')",
                    "same month, one side knows only the month",
                    p["birth_date"]["month"],
                ),
                _level("ELSE", "different", p["birth_date"]["else"]),
            ],
        ),
        cl.CustomComparison(
            output_column_name="id_number",
            comparison_levels=[
                _null("id_prefix"),
                _level('"id_evidence_l" = "id_evidence_r"', "same", p["id_number"]["exact"]),
                _level(
                    'damerau_levenshtein("id_evidence_l", "id_evidence_r") = 1',
                    "one digit different or two swapped",
                    p["id_number"]["one_edit"],
                ),
                _level(
                    '("id_evidence_l" IS NULL OR "id_evidence_r" IS NULL) AND "id_prefix_l" = "id_prefix_r"',
                    "the 15 digits Excel kept",
                    p["id_number"]["excel_prefix"],
                ),
                _level("ELSE", "different", p["id_number"]["else"]),
            ],
        ),
        cl.CustomComparison(
            output_column_name="phone",
            comparison_levels=[
                _null("phone"),
                _level('"phone_l" = "phone_r"', "same", p["phone"]["exact"]),
                _level("ELSE", "different", p["phone"]["else"]),
            ],
        ),
        cl.CustomComparison(
            output_column_name="address",
            comparison_levels=[
                _null("address"),
                _level('"address_l" = "address_r"', "same", p["address"]["exact"]),
                _level(
                    'jaro_winkler_similarity("address_l", "address_r") >= 0.9',
                    "similar",
                    p["address"]["similar"],
                ),
                _level("ELSE", "different", p["address"]["else"]),
            ],
        ),
    ]
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        probability_two_random_records_match=p["prior"],
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("name_key"),
            block_on("birth_date"),
            block_on("phone"),
            block_on("id_tail"),  # a typo in the first 14 characters
            block_on("id_head"),  # a typo in the last 4, or Excel's 15 digits
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _table(records: list[Record]) -> dict[str, list[Any]]:
    """The records as columns ("" is NULL, as None)."""
    uid, name_s, name_key, birth_date, phone, address, _id_number, id_evidence, id_prefix = zip(
        *records, strict=True
    )
    return {
        "uid": list(uid),
        "name_s": [v or None for v in name_s],
        "name_key": [v or None for v in name_key],
        "birth_date": [v or None for v in birth_date],
        "phone": [v or None for v in phone],
        "address": [v or None for v in address],
        "id_evidence": [v or None for v in id_evidence],
        "id_prefix": [v or None for v in id_prefix],
        "id_tail": [v[14:] if v else None for v in id_evidence],
        "id_head": [v[:13] if v else None for v in id_prefix],
    }


def duckdb_connection() -> Any:
    """An in-memory DuckDB connection without DuckDB's progress bar: a query that runs longer than
    two seconds (a loaded machine) would draw it on standard output, into `import-ledger --json`."""
    import duckdb

    connection = duckdb.connect(":memory:")
    connection.execute("SET enable_progress_bar = false")
    return connection


def score(incoming: list[Record], candidates: list[Record]) -> dict[int, list[tuple[int, float]]]:
    """Incoming uid → [(candidate uid, match probability)], best first; pairs with conflicting IDs dropped."""
    if not incoming or not candidates:
        return {}
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    db_api = DuckDBAPI(connection=duckdb_connection())
    left = db_api.register(_table(incoming), dataset_display_name="incoming")
    right = db_api.register(_table(candidates), dataset_display_name="registry")
    linker = Linker([left, right], settings_creator(), log_level=None)
    predictions = linker.inference.predict(threshold_match_probability=0.01, warning_mode="never")
    ids_in = {r.uid: r.id_number for r in incoming}
    ids_cand = {r.uid: r.id_number for r in candidates}
    result: dict[int, list[tuple[int, float]]] = {}
    for rec in predictions.as_record_list():
        if rec["source_dataset_l"] == "incoming":
            uid_in, uid_cand = rec["uid_l"], rec["uid_r"]
        else:
            uid_in, uid_cand = rec["uid_r"], rec["uid_l"]
        a, b = ids_in.get(uid_in), ids_cand.get(uid_cand)
        if a and b and a != b:
            continue  # two valid, different ID numbers: two different people, never linked
        result.setdefault(uid_in, []).append((uid_cand, float(rec["match_probability"])))
    for pairs in result.values():
        pairs.sort(key=lambda t: -t[1])
    return result


def decide(pairs: list[tuple[int, float]]) -> tuple[str, list[tuple[int, float]]]:
    """ "linked" | "review" | "new", with the plausible candidates (p ≥ REVIEW_THRESHOLD)."""
    plausible = [(c, p) for c, p in pairs if p >= REVIEW_THRESHOLD]
    if not plausible:
        return "new", []
    if len(plausible) == 1 and plausible[0][1] >= LINK_THRESHOLD:
        return "linked", plausible
    return "review", plausible
