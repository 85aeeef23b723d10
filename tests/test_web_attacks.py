"""`plantrack serve` refuses what a hostile page, a DNS rebinding or a crafted address would try (issue 33,
item 3), each with a page saying why, and refused writes change no byte of the plans folder."""

from __future__ import annotations

import pytest

from conftest import snapshot
from web_client import BASE, IND, PLAN, TOKEN, client, hidden, text

from plantrack.web import guard as guard_module

RECORD = f"/plan/{PLAN}/i/{IND}/record"


def form(page: str, **fields: str) -> dict[str, str]:
    base = {"csrf": hidden(page, "csrf"), "fingerprint": hidden(page, "fingerprint"), "year": "2022",
            "value": "512000", "unit": "万元", "source": "2022年统计公报"}
    return {**base, **fields}


def test_every_page_needs_the_token_and_the_printed_address_sets_it(plans_dir):
    anonymous = client(plans_dir, signed_in=False)
    refused = anonymous.get("/")
    assert refused.status_code == 403
    assert "需要访问令牌" in text(refused.text) and "小昆山" not in refused.text
    assert anonymous.get(f"/?token={TOKEN}x").status_code == 403   # a wrong token sets nothing
    assert not anonymous.cookies
    signed = client(plans_dir)
    shown = signed.get("/")
    assert shown.status_code == 200 and "小昆山镇「十四五」规划主要发展指标" in shown.text


# (what the attacker sends, expected status, words of the refusal page)
ATTACKS = [
    ("no token cookie", 403, "需要访问令牌"),
    ("no csrf field", 403, "CSRF"),
    ("wrong csrf field", 403, "CSRF"),
    ("origin of another site", 403, "Origin"),
    ("origin null", 403, "Origin"),      # a sandboxed frame or a file:// page
    ("foreign host header", 403, "DNS"),
]


@pytest.mark.parametrize("attack, status, words", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_a_write_without_token_csrf_or_from_elsewhere_is_refused_and_changes_nothing(plans_dir, attack, status,
                                                                                      words):
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}/i/{IND}").text
    fields, headers = form(page), {}
    if attack == "no token cookie":
        browser.cookies.clear()
    elif attack == "no csrf field":
        del fields["csrf"]
    elif attack == "wrong csrf field":
        fields["csrf"] = "0" * 64
    elif attack == "origin of another site":
        headers["origin"] = "http://evil.example"
    elif attack == "origin null":
        headers["origin"] = "null"
    elif attack == "foreign host header":
        headers["host"] = f"evil.example:{BASE.rsplit(':', 1)[1]}"
    before = snapshot(plans_dir)
    sent = browser.post(RECORD, data=fields, headers=headers)
    assert sent.status_code == status
    assert words in sent.text and "Traceback" not in sent.text
    assert snapshot(plans_dir) == before
    # The same form, sent as the page sends it, is accepted: the refusals above are the attack, not the form.
    if attack != "foreign host header":
        good = client(plans_dir)
        assert good.post(RECORD, data=form(good.get(f"/plan/{PLAN}/i/{IND}").text)).status_code == 200


def test_a_foreign_host_header_is_refused_even_for_reading(plans_dir):
    browser = client(plans_dir)
    for host in ("evil.example", "evil.example:8123", "127.0.0.1:9999", "localhost"):
        answer = browser.get("/", headers={"host": host})
        assert answer.status_code == 403 and "DNS" in answer.text, host
    assert browser.get("/", headers={"host": "localhost:8123"}).status_code == 200


def test_plan_text_is_shown_as_text_never_markup_nor_template(plans_dir):
    plan_toml = plans_dir / PLAN / "plan.toml"
    evil = "<script>alert(1)</script>{{ 7*7 }}{% raw %}"
    plan_toml.write_text(plan_toml.read_text(encoding="utf-8").replace('name = "增加值年均增长率"',
                                                                      f'name = "{evil}"', 1), encoding="utf-8")
    browser = client(plans_dir)
    page = browser.post(RECORD, data=form(browser.get(f"/plan/{PLAN}/i/{IND}").text,
                                          source="<img src=x onerror=alert(2)>{{ 6*6 }}")).text
    for shown in (page, browser.get(f"/plan/{PLAN}").text, browser.get(f"/plan/{PLAN}/i/{IND}").text):
        assert "<script>alert(1)" not in shown and "<img src=x" not in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}{% raw %}" in shown
    assert "&lt;img src=x onerror=alert(2)&gt;{{ 6*6 }}" in browser.get(f"/plan/{PLAN}/i/{IND}").text


PATHS = [
    "/plan/..%2F..%2Fetc/i/passwd",
    "/plan/%2E%2E/i/x",
    "/plan/..%5C..%5Cwindows/i/x",
    f"/plan/{PLAN}/download/..%2Fplan.toml",
    f"/plan/{PLAN}/download/..%2F..%2F..%2Fetc%2Fpasswd",
    f"/plan/{PLAN}/i/..%2F..%2Fplan.toml.csv",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_path_with_dot_dot_is_refused_with_a_page(plans_dir, path):
    answer = client(plans_dir).get(path)
    assert answer.status_code in (400, 404, 409)
    assert "root:" not in answer.text and "[plan]" not in answer.text and "Traceback" not in answer.text
    assert "未执行" in answer.text


def test_an_oversized_upload_is_refused_before_it_is_read(plans_dir, monkeypatch):
    monkeypatch.setattr(guard_module, "MAX_UPLOAD", 1000)
    browser = client(plans_dir)
    page = browser.get(f"/plan/{PLAN}").text
    before = snapshot(plans_dir)
    big = "指标,年份,数值,单位,来源\n" + "value-added-growth,2022,512000,万元,x\n" * 100
    sent = browser.post(f"/plan/{PLAN}/upload", data={"csrf": hidden(page, "csrf")},
                        files={"file": ("big.csv", big.encode("utf-8"), "text/csv")})
    assert sent.status_code == 413
    assert "上传的文件过大" in sent.text and "上限 1000 字节" in sent.text
    assert snapshot(plans_dir) == before


def test_read_only_shows_no_forms_and_refuses_writes(plans_dir):
    browser = client(plans_dir, read_only=True)
    page = browser.get(f"/plan/{PLAN}/i/{IND}").text
    assert "<form" not in page
    sent = browser.post(RECORD, data={"year": "2022", "value": "1"})
    assert sent.status_code == 403 and "--read-only" in sent.text


def test_a_refusal_is_the_message_the_command_line_prints(plans_dir, invoke):
    """The command line's own rule and words; only the field is named as the form names it (数值, not VALUE)."""
    cli = invoke("record", IND, "2022", "1,5", "--source", "x", "--plans-dir", str(plans_dir))
    assert cli.exit_code == 2
    message = cli.stderr.split("错误 / Error: ", 1)[1].strip()
    assert message.count("VALUE") == 2  # once in each language
    browser = client(plans_dir)
    page = browser.post(RECORD, data=form(browser.get(f"/plan/{PLAN}/i/{IND}").text, value="1,5"))
    assert page.status_code == 400
    assert " ".join(message.replace("VALUE", "数值").split()) in " ".join(text(page.text).split())


def test_no_template_marks_anything_safe_or_turns_escaping_off():
    from plantrack.web.pages import TEMPLATES, environment

    for template in sorted(TEMPLATES.glob("*.html")):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape" not in source, template.name
        assert "Markup" not in source
    assert environment().autoescape is True or environment().autoescape("x.html") is True


def test_the_site_shows_plan_text_as_text_too(plans_dir, invoke, tmp_path):
    plan_toml = plans_dir / PLAN / "plan.toml"
    evil = "<script>alert(1)</script>{{ 7*7 }}"
    plan_toml.write_text(plan_toml.read_text(encoding="utf-8").replace('name = "增加值年均增长率"', f'name = "{evil}"', 1),
                         encoding="utf-8")
    result = invoke("site", "--plans-dir", str(plans_dir), "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    for page in ("index.html", f"i/{IND}.html", f"i/{IND}.en.html"):
        shown = (tmp_path / "site" / PLAN / page).read_text(encoding="utf-8")
        assert "<script>alert" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in shown, page


@pytest.mark.parametrize("path", ["/", f"/plan/{PLAN}", f"/plan/{PLAN}/i/{IND}", "/nowhere"])
def test_every_answer_forbids_scripts_framing_and_referrers(plans_dir, path):
    answer = client(plans_dir).get(path)
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert answer.headers["x-frame-options"] == "DENY" and answer.headers["referrer-policy"] == "same-origin"
    assert "<script" not in answer.text
