"""A closed plan is never written from the page (docs/web.md): the command line changes it with --force, the
page refuses with the command line's own words, whatever the send would need otherwise (a revision's reason
made the page pass --force, which also let it into the closed plan: HTTP 200 and a figure written)."""

from __future__ import annotations

from conftest import snapshot
from test_closed_plans import close
from web_client import PLAN, client, hidden, text

IND = "fixed-asset-investment"
# closing.refuse_write's words, as `plantrack record` prints them without --force (written out by hand)
CLOSED = ("规划 xiaokunshan-14th 已结束（2026-03-15 通过总结评估），不再记录数据；没有写入任何数据。"
          "如确需补记或修订（例如统计数据事后修正），请加 --force")
CLOSED_EN = "plan xiaokunshan-14th is closed (final evaluation adopted 2026-03-15): nothing was written"


def one_line(s: str) -> str:
    return " ".join(s.split())


def test_the_command_line_refuses_without_force(invoke, plans_dir):
    close(plans_dir)
    refused = invoke("record", IND, "2022", "30", "--source", "x", "--plans-dir", str(plans_dir))
    assert refused.exit_code == 1
    assert CLOSED in one_line(refused.stderr) and CLOSED_EN in one_line(refused.stderr)


def test_a_revision_with_a_reason_from_a_page_opened_before_closing_is_refused_and_writes_nothing(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}/i/{IND}").text   # opened while the plan was open: a valid fingerprint
    close(plans_dir)
    before = snapshot(plans_dir)
    sent = browser.post(f"/plan/{PLAN}/i/{IND}/record", data={
        "csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"), "indicator": IND,
        "year": "2020", "value": "1500", "reason": "统计修正", "source": "x"})
    assert sent.status_code == 409
    assert CLOSED in one_line(text(sent.text)) and CLOSED_EN in one_line(text(sent.text))
    assert snapshot(plans_dir) == before   # actuals.toml byte-identical


def test_a_new_year_and_a_missing_reason_are_refused_as_closed_too(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}/i/{IND}").text
    close(plans_dir)
    before = snapshot(plans_dir)
    for fields in ({"year": "2022", "value": "30"}, {"year": "2020", "value": "1500"}):
        sent = browser.post(f"/plan/{PLAN}/i/{IND}/record", data={
            "csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"), "indicator": IND,
            "source": "x", **fields})
        assert sent.status_code == 409 and CLOSED in one_line(text(sent.text)), fields
    assert snapshot(plans_dir) == before


CSV = "指标,年份,数值,单位,来源\nvalue-added-growth,2022,512000,万元,2022年统计公报\n".encode()


def test_an_upload_into_a_closed_plan_is_refused_and_writes_nothing(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    close(plans_dir)
    before = snapshot(plans_dir)
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("2022.csv", CSV, "text/csv")})
    assert sent.status_code == 409 and CLOSED in one_line(text(sent.text))
    assert snapshot(plans_dir) == before


def test_an_upload_shown_before_closing_is_not_written_after(plans_dir):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    shown = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                         files={"file": ("2022.csv", CSV, "text/csv")})
    assert shown.status_code == 200 and 'id="write"' in shown.text
    close(plans_dir)
    before = snapshot(plans_dir)
    action = shown.text.split('action="', 1)[1].split('"', 1)[0]
    written = browser.post(action, data={"csrf": hidden(shown.text, "csrf")})
    assert written.status_code == 409 and CLOSED in one_line(text(written.text))
    assert snapshot(plans_dir) == before


def test_a_closed_plan_page_shows_no_upload_form_and_says_why(plans_dir):
    browser = client(plans_dir)
    assert 'type="file"' in browser.get(f"/plan/{PLAN}").text   # open: the upload form
    close(plans_dir)
    for lang, said in (("zh", "这个规划已结束，不在网页上记录"), ("en", "This plan is closed: nothing is recorded")):
        page = browser.get(f"/plan/{PLAN}?lang={lang}").text
        assert 'type="file"' not in page and 'action="/plan/xiaokunshan-14th/upload' not in page
        assert said in text(page), lang
    assert 'id="record"' not in browser.get(f"/plan/{PLAN}/i/{IND}").text
