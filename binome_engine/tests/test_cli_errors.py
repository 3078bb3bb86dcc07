"""The command line reports every bad input as ``error: file, row, column: why`` (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from binome_engine.cli import main
from binome_engine.io import read_mentors


def run(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mentors: str = "id,capacity\nm1,2\n",
    requests: str = "id,member_id\nr1,p1\n",
    settings: object | None = None,
    extra: tuple[str, ...] = (),
    command: str = "assign",
) -> tuple[int, str]:
    (tmp_path / "m.csv").write_text(mentors, encoding="utf-8")
    (tmp_path / "r.csv").write_text(requests, encoding="utf-8")
    args = [command, "--mentors", str(tmp_path / "m.csv"), "--requests", str(tmp_path / "r.csv")]
    if settings is not None:
        path = tmp_path / "s.json"
        path.write_text(settings if isinstance(settings, str) else json.dumps(settings))
        args += ["--settings", str(path)]
    code = main([*args, *extra])
    return code, capsys.readouterr().err.strip()


def test_a_nan_offset_is_reported_at_its_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(tmp_path, capsys, mentors="id,utc_offset\nm1,1\nm2,nan\n")
    assert code == 2
    assert err == (
        f"error: {tmp_path / 'm.csv'}, row 2, column 'utc_offset': "
        "must be a finite number from -14 to 14 (value nan)"
    )


def test_a_repeated_request_id_is_reported_at_its_second_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(tmp_path, capsys, requests="id,member_id\nr1,p1\nr1,p2\n")
    assert code == 2
    assert "r.csv, row 2, column 'id': is also the id of request #1" in err


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ([1, 2], "s.json: settings must be a JSON object"),
        ({"weigths": {}}, "s.json, weigths: unknown key"),
        ({"weights": {"txt": 3}}, "s.json, weights.txt: unknown key (known: text, sector"),
        ({"weights": {"text": 1e7}}, "s.json, weights.text: must be a finite number from 0 to"),
        ({"constraints": {"require_capacity": "no"}}, "constraints.require_capacity: must be"),
        ({"pinned": [["r1", "m1", "x"]]}, "s.json, pinned: each entry must be a pair"),
        ({"pinned": [["r1", "zz"]]}, "s.json, pinned: no such mentor"),
        ("{oops", "s.json, line 1, column 2: not valid JSON"),
    ],
)
def test_settings_errors_name_the_file_and_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: object, expected: str
) -> None:
    code, err = run(tmp_path, capsys, settings=settings)
    assert code == 2
    assert err.startswith("error: ") and expected in err
    assert "Traceback" not in err


def test_a_missing_file_is_an_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["assign", "--mentors", str(tmp_path / "no.csv"), "--requests", "r.csv"])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'no.csv'}: cannot be read")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (("--rounds", "-1"), "error: --rounds: must be a whole number from 1"),
        (("--rounds", "2", "--table-size", "0"), "error: --table-size: must be"),
    ],
)
def test_impossible_speed_options_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], expected: str
) -> None:
    code, err = run(tmp_path, capsys, extra=extra, command="speed")
    assert code == 2 and err.startswith(expected)


def test_a_yes_no_column_refuses_what_is_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(tmp_path, capsys, mentors="id,paused\nm1,peut-être\n")
    assert code == 2 and "row 1, column 'paused'" in err


def test_french_spreadsheet_numbers_and_words_are_read(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text('id,responsiveness,paused,capacity\nm1,"0,8",oui,3\n', encoding="utf-8")
    [m] = read_mentors(path)
    assert (m.responsiveness, m.is_paused, m.capacity) == (0.8, True, 3)


def test_help_lists_the_columns_and_settings_keys(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["assign", "--help"])
    out = capsys.readouterr().out
    for word in ("utc_offset", "target_sector", "theme_quotas", "require_common_theme"):
        assert word in out
    assert "--no-reasons" in out and "leave out each pair's reasons" in out
    assert "stable: mentee-proposing" in out
