"""Recording in the browser (issue 33, item 2): the same core as `record`, its slip guard asking on the page,
revisions with a reason, a stale form refused, two browsers at once losing nothing, and an upload shown as
its dry run before it is written."""

from __future__ import annotations

import threading
import tomllib
from decimal import Decimal

import pytest

from conftest import snapshot
from web_client import IND, PLAN, client, hidden, text

PAGE = f"/plan/{PLAN}/i/{IND}"


def actuals(plans_dir) -> dict:
    return tomllib.loads((plans_dir / PLAN / "actuals.toml").read_text(encoding="utf-8"), parse_float=Decimal)


def send(browser, indicator: str, **fields: str):
    page = browser.get(f"/plan/{PLAN}/i/{indicator}").text
    data = {"csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"), **fields}
    return browser.post(f"/plan/{PLAN}/i/{indicator}/record", data=data)


def test_a_figure_recorded_on_the_page_is_written_as_record_writes_it_and_the_verdict_changes(plans_dir):
    browser = client(plans_dir)
    before = browser.get(PAGE).text
    assert 'id="status-word">严重滞后' in before   # 2021: 48.9 亿元 against 486600 万元, a = 0.49%
    done = send(browser, IND, year="2022", value="512000", unit="万元", source="2022年统计公报")
    assert done.status_code == 200
    # decisions.md: √(512000 / 486600) − 1 = 2.577% → 年均 2.58%, R = 0.43 → 严重滞后
    assert "value-added-growth 2022 = 512000 万元 · 年均 2.58% · 严重滞后" in text(done.text)
    entry = actuals(plans_dir)[IND]["2022"]
    assert entry["value"] == 512000 and entry["unit"] == "万元" and entry["source"] == "2022年统计公报"


def test_a_slip_asks_for_confirmation_on_the_page_and_writes_only_when_confirmed(plans_dir, invoke):
    # 51.2 typed in 万元 where 亿元 was meant: 2021 was 48.9 亿元 = 489000 万元, ÷ 9551 in a year.
    cli = invoke("record", IND, "2022", "51.2", "--unit", "万元", "--source", "x", "--plans-dir", str(plans_dir))
    assert cli.exit_code == 1 and "--confirm" in cli.stderr
    browser = client(plans_dir)
    before = snapshot(plans_dir)
    asked = send(browser, IND, year="2022", value="51.2", unit="万元", source="x")
    assert asked.status_code == 200 and 'id="confirm"' in asked.text
    said = cli.stderr.split("错误 / Error: ", 1)[1]
    assert " ".join(said.split()) in " ".join(text(asked.text).split())   # the command line's own words
    assert snapshot(plans_dir) == before                                     # nothing written yet
    confirm = {"csrf": hidden(asked.text, "csrf"), "fingerprint": hidden(asked.text, "fingerprint"),
               "year": "2022", "value": "51.2", "unit": "万元", "source": "x", "note": "", "reason": "",
               "rate": "", "confirm": "1"}
    done = browser.post(f"{PAGE}/record", data=confirm)
    assert done.status_code == 200 and "已写入" in done.text
    assert actuals(plans_dir)[IND]["2022"]["value"] == Decimal("51.2")


def test_replacing_a_recorded_year_needs_a_reason_and_keeps_the_old_entry(plans_dir):
    browser = client(plans_dir)
    before = snapshot(plans_dir)
    refused = send(browser, IND, year="2021", value="49.1", unit="亿元", source="修订公报")
    assert refused.status_code == 400 and "修改须填写原因" in refused.text
    assert snapshot(plans_dir) == before
    done = send(browser, IND, year="2021", value="49.1", unit="亿元", source="修订公报", reason="统计局修订")
    assert done.status_code == 200
    entry = actuals(plans_dir)[IND]["2021"]
    assert entry["value"] == Decimal("49.1") and entry["note"] == "修订原因 / reason: 统计局修订"
    assert entry["revisions"][0]["value"] == Decimal("48.9")


def test_a_stale_form_is_refused_and_the_other_write_kept(plans_dir, invoke):
    browser = client(plans_dir)
    page = browser.get(PAGE).text   # the form as it was opened
    other = invoke("record", IND, "2022", "512000", "--source", "另一位同事", "--plans-dir", str(plans_dir))
    assert other.exit_code == 0, other.stderr
    after_other = snapshot(plans_dir)
    sent = browser.post(f"{PAGE}/record", data={"csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"),
                                                "year": "2023", "value": "530000", "unit": "万元", "source": "x"})
    assert sent.status_code == 409
    assert "在您打开此页之后，这里的数值已被修改" in text(sent.text)
    assert snapshot(plans_dir) == after_other
    assert actuals(plans_dir)[IND]["2022"]["source"] == "另一位同事"


# Two browsers at once: each its own indicator, and both on a third one. Every write the page acknowledged
# is in actuals.toml; every one it refused (a stale form: the other wrote that indicator meanwhile) is not.
WORK = {
    "A": [("tech-listings", y, str(y - 2020)) for y in range(2021, 2026)]
         + [("new-srdi", y, "2") for y in (2021, 2023, 2025)],
    "B": [("net-new-high-tech", y, str(y - 2015)) for y in range(2021, 2026)]
         + [("new-srdi", y, "3") for y in (2022, 2024)],
}


def test_two_browsers_recording_into_one_plan_lose_nothing(plans_dir):
    acknowledged: list[tuple[str, int, str]] = []
    refused: list[tuple[str, int, str]] = []
    failures: list[str] = []

    def run(name: str) -> None:
        browser = client(plans_dir)
        for indicator, year, value in WORK[name]:
            answer = send(browser, indicator, year=str(year), value=value, source=f"browser {name}")
            if answer.status_code == 200 and "已写入" in answer.text:
                acknowledged.append((indicator, year, value))
            elif answer.status_code == 409 and "已被修改" in answer.text:
                refused.append((indicator, year, value))
            else:
                failures.append(f"{indicator} {year}: {answer.status_code} {text(answer.text)[:300]}")

    threads = [threading.Thread(target=run, args=(name,)) for name in WORK]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    stored = actuals(plans_dir)
    for indicator, year, value in acknowledged:
        assert stored[indicator][str(year)]["value"] == int(value), (indicator, year)
    for indicator, year, _ in refused:
        assert str(year) not in stored.get(indicator, {}), (indicator, year)
    assert len(acknowledged) + len(refused) == sum(map(len, WORK.values()))
    assert len([a for a in acknowledged if a[0] != "new-srdi"]) == 10   # own indicators: never stale


ROWS = [["指标", "年份", "数值", "单位", "来源"], ["value-added-growth", 2022, 512000, "万元", "2022年统计公报"]]


def workbook(kind: str) -> bytes:
    if kind == "csv":
        return "".join(",".join(map(str, row)) + "\n" for row in ROWS).encode("utf-8")
    import io

    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in ROWS:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_upload_shows_the_dry_run_table_then_writes_on_the_button(plans_dir, kind):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    shown = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                         files={"file": (f"2022.{kind}", workbook(kind), "application/octet-stream")})
    assert shown.status_code == 200, text(shown.text)
    assert "value-added-growth 2022 = 512000 万元" in text(shown.text) and 'id="write"' in shown.text
    assert snapshot(plans_dir) == before   # the dry run wrote nothing
    action = shown.text.split('action="', 1)[1].split('"', 1)[0]   # the page's one form: the write button
    written = browser.post(action, data={"csrf": hidden(shown.text, "csrf")})
    assert written.status_code == 200 and "已写入" in written.text
    assert actuals(plans_dir)[IND]["2022"]["value"] == 512000


def test_a_change_made_between_the_check_and_the_lock_is_still_caught(plans_dir, monkeypatch):
    """The stale check runs again under the lock: a colleague's write that lands after the page's first check
    and before its lock (simulated at the moment the lock is asked for) still refuses the page's write."""
    from contextlib import contextmanager

    from plantrack import recording
    from plantrack.changes import Change

    real_lock, raced = recording.plan_lock, []

    @contextmanager
    def racing(directory):
        if not raced:
            raced.append(True)
            recording.record(plans_dir, PLAN, [Change(IND, 2023, "530000", None, "万元", None, "同事", "")],
                             force=False, dry_run=False)
        with real_lock(directory):
            yield

    browser = client(plans_dir)
    page = browser.get(PAGE).text
    monkeypatch.setattr(recording, "plan_lock", racing)
    sent = browser.post(f"{PAGE}/record", data={"csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"),
                                                "year": "2022", "value": "512000", "unit": "万元", "source": "x"})
    assert raced and sent.status_code == 409 and "已被修改" in text(sent.text)
    stored = actuals(plans_dir)[IND]
    assert stored["2023"]["source"] == "同事" and "2022" not in stored


def test_an_upload_with_a_slip_names_it_and_writes_only_on_the_confirming_button(plans_dir, invoke, tmp_path):
    sheet = "指标,年份,数值,单位,来源\nvalue-added-growth,2022,51.2,万元,2022年统计公报\n"
    (tmp_path / "slip.csv").write_text(sheet, encoding="utf-8")
    cli = invoke("import", str(tmp_path / "slip.csv"), "--dry-run", "--plans-dir", str(plans_dir))
    assert cli.exit_code == 1 and "--confirm" in cli.stderr
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    shown = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                         files={"file": ("slip.csv", sheet.encode("utf-8"), "text/csv")})
    assert shown.status_code == 200
    words = " ".join(text(shown.text).split())
    for line in cli.stderr.split("错误 / Error: ", 1)[1].strip().splitlines():   # import's own words, by cell
        # The command line names the file by its path, the page by the uploaded name.
        said = " ".join(line.split())
        assert ("slip.csv" + said.split("slip.csv", 1)[1] if "slip.csv" in said else said) in words
    assert "确认数值无误，写入" in words
    assert snapshot(plans_dir) == before
    action = shown.text.split('action="', 1)[1].split('"', 1)[0]
    written = browser.post(action, data={"csrf": hidden(shown.text, "csrf")})
    assert written.status_code == 200 and "已写入" in written.text
    assert actuals(plans_dir)[IND]["2022"]["value"] == Decimal("51.2")


@pytest.mark.parametrize("name", ["actuals.toml", "evil.exe", "../../plan.csv.bak", "noextension"])
def test_an_upload_that_is_not_a_workbook_is_refused(plans_dir, name):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": (name, b"x = 1\n", "application/octet-stream")})
    assert sent.status_code == 400 and "只能上传 .csv 或 .xlsx 文件" in text(sent.text)
    assert snapshot(plans_dir) == before


def test_a_figure_before_the_period_is_said_as_record_says_it_without_a_verdict(plans_dir, invoke, tmp_path):
    """The page's line for a written figure is `record`'s (render/recorded.report_written): a year before the
    period is shown as recorded, not beside the plan's latest judgement (issue 30, item 5)."""
    import shutil

    cli_plans = tmp_path / "cli-plans"
    shutil.copytree(plans_dir, cli_plans)
    cli = invoke("record", IND, "2019", "470000", "--unit", "万元", "--source", "x", "--force",
                 "--plans-dir", str(cli_plans))
    assert cli.exit_code == 0, cli.stderr
    said = " ".join(cli.stdout.split())
    assert "规划期前数据，不作判断" in said and "严重滞后" not in said
    done = send(client(plans_dir), IND, year="2019", value="470000", unit="万元", source="x", reason="统计局修订")
    assert done.status_code == 200, text(done.text)
    assert said in " ".join(text(done.text).split())
