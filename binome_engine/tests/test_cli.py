import json
from pathlib import Path

from binome_engine.cli import main


def test_it_generates_then_shortlists_assigns_and_schedules_from_csv(tmp_path: Path) -> None:
    assert main(["generate", "--requests", "12", "--mentors", "6", "--out-dir", str(tmp_path)]) == 0
    files = [
        "--mentors",
        str(tmp_path / "mentors.csv"),
        "--requests",
        str(tmp_path / "requests.csv"),
    ]
    out = tmp_path / "short.json"
    assert main(["shortlist", *files, "--request", "r0", "--k", "2", "--out", str(out)]) == 0
    [result] = json.loads(out.read_text())
    assert result["request_id"] == "r0"
    first = result["proposals"][0]
    assert abs(sum(r["points"] for r in first["reasons"]) - first["score"]) < 1e-9
    assert main(["assign", *files, "--mode", "fair", "--out", str(tmp_path / "a.json")]) == 0
    assignment = json.loads((tmp_path / "a.json").read_text())
    assert assignment["certificate"]["gap"] == 0
    assert main(["assign", *files, "--out", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_text().startswith("request_id,mentor_id,score")
    assert main(["speed", *files, "--rounds", "3", "--out", str(tmp_path / "s.txt")]) == 0
    assert "Round 3" in (tmp_path / "s.txt").read_text()


def test_a_bad_row_is_reported_with_its_place(tmp_path: Path, capsys: object) -> None:
    (tmp_path / "m.csv").write_text("id,capacity\nm1,two\n")
    (tmp_path / "r.csv").write_text("id,member_id\nr1,p1\n")
    code = main(
        ["assign", "--mentors", str(tmp_path / "m.csv"), "--requests", str(tmp_path / "r.csv")]
    )
    assert code == 2
