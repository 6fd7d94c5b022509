"""A roster that says GBK is GBK: the example rosters (and a freshly seeded set) whose truth names
the GBK format decode as strict GBK (code page 936, what a Windows system writes), not merely as
GB18030, and still carry their whitespace and minority-name-dot mess in characters GBK has."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.acceptance.rosters import ROSTERS, truth


def gbk_files(directory: Path) -> dict[str, set[str]]:
    """Files whose rows the truth marks as GBK (CSV) or HTML-as-.xls (charset=gbk), with their kinds."""
    kinds: dict[str, set[str]] = {}
    for row in truth(directory):
        found = set(row["kinds"].split(";"))
        if found & {"format_csv_gbk", "format_html_xls"}:
            kinds.setdefault(row["file"], set()).update(found)
    return kinds


def check(directory: Path) -> None:
    files = gbk_files(directory)
    assert len(files) >= 3, files  # at least two GBK CSVs and an HTML table
    for name, kinds in files.items():
        data = (directory / name).read_bytes()
        text = data.decode("gbk")  # strict: raises on GB18030-only bytes
        assert text.encode("gbk") == data
        if "format_html_xls" in kinds:
            assert "charset=gbk" in text
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # really a legacy encoding, not UTF-8 that happens to decode
    assert any("\u3000" in (directory / n).read_bytes().decode("gbk") for n in files)


def test_committed_gbk_rosters_are_true_gbk():
    check(ROSTERS)


@pytest.mark.parametrize("seed", [7, 23])
def test_generated_gbk_rosters_are_true_gbk(seed):
    out = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, str(ROSTERS / "generate.py"), "--seed", str(seed), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    check(out)
