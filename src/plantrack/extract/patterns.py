"""Every rule `plantrack extract` reads text by, in one place (issue 32; docs/recording.md, "Figures from text").

Each rule is a regular expression or a small table, with the text it is meant for beside it; tests/test_extract.py
has a test per rule. Nothing here guesses: a figure the rules cannot place with certainty is skipped with its
reason, never proposed. Core module: no typer, no rich, no network, no model.
"""

from __future__ import annotations

import re

from plantrack.units import KNOWN_UNITS

# ── Cleaning what was pasted ──────────────────────────────────────────────────────────────────────────────────
# Full-width ASCII (０-９, ％, ，, （）, ．) as its ASCII twin, one character for one, so line numbers hold. Only the
# U+FF01–FF5E block and the ideographic space: NFKC would also turn ① into 1 and invent figures.
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Markdown emphasis and strike-through around a figure: **48.9亿元**, __48.9亿元__, *6.2%*, ~~5.8~~.
EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|~~")
# A Markdown link keeps its words: [统计公报](https://…) -> 统计公报.
LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# Romanisation or ruby pasted from a web page, in brackets right after Chinese characters:
# 地区生产总值(dì qū shēng chǎn zǒng zhí), 地(dì)区(qū), 生產總值(seng2 caan2): letters (tone marks included),
# spaces, apostrophes, hyphens and tone digits, with at least one letter. "(2021)" or "(上海)" stay.
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
ROMANISATION = re.compile(rf"(?<=[\u3400-\u9fff])\(\s*[{_LATIN}\u0300-\u036f'’\- ]*[{_LATIN}]"
                          rf"[{_LATIN}\u0300-\u036f0-9'’\- ]*\)")
# Sentences end at 。！？；; ! ? and at a line break (a bulletin's list items are one figure a line).
SENTENCE_END = re.compile(r"[。！？；;!?\n]")
# Clauses inside a sentence: the figure's own clause decides "two readings".
CLAUSE_END = re.compile(r"[，,、：:]")
# Characters only traditional Chinese writes (億 萬 產 總 …): traditional text without OpenCC installed is named,
# never silently read as "no figures".
TRADITIONAL = re.compile("[億萬產業總額財稅發實現區鎮縣門開長資計經濟機關國營農續較為費體長點幣銷進與]")

# ── Years ─────────────────────────────────────────────────────────────────────────────────────────────────────
# The year a figure is for: 2021年, 2021年度, 2021年末.
YEAR = re.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})\s*年(?![0-9])")
# A year named only to compare with: 是2012年的1.68倍, 比2020年, 较2020年, 与2020年相比, 为2012年的.
COMPARED = re.compile(r"(?:是|为|比|较|相当于|与|同|超过)\s*$")
# Several years at once: 2016—2020年, 2016年至2020年, 2012年以来, 十年来, 近八年来, 五年间, "十三五"期间.
SEVERAL_YEARS = re.compile(
    r"(?:19|20)[0-9]{2}\s*年?\s*[-—–~～至到]\s*(?:19|20)[0-9]{2}\s*年"
    r"|(?:19|20)[0-9]{2}\s*年\s*(?:以来|至今)"
    r"|[一二三四五六七八九十两几0-9]+\s*年(?:来|以来|间|中)"
    r"|近[一二三四五六七八九十两几0-9]+\s*年"
    r"|[“\"「]?十[一二三四五六]五[”\"」]?(?:期间|时期|以来)")
# Part of a year only: 1—9月, 上半年, 前三季度, 一季度, 3月份.
PART_OF_YEAR = re.compile(r"[0-9]{1,2}\s*[-—–~至到]\s*[0-9]{1,2}\s*月|上半年|下半年|前三季度|[一二三四1-4]季度|[0-9]{1,2}\s*月份?")

# ── Places ────────────────────────────────────────────────────────────────────────────────────────────────────
# A place named at the start of a clause (after punctuation, a year or the sentence start): 小昆山镇, 周市镇,
# 松江区, 上海市松江区小昆山镇 (a chain: the last one counts). A town's name may hold 市 (周市镇), so towns are
# tried first; 地区, 园区, 城乡 and the like are words, not places.
PLACE_START = re.compile(r"(?:^|(?<=[，,：:、\s年]))")
PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:街道|镇|乡)|[\u4e00-\u9fff]{1,3}?(?:新区|区|县|市|省)")
NOT_PLACES = ("地区", "园区", "城区", "社区", "辖区", "郊区", "市区", "景区", "片区", "工业区", "开发区", "示范区",
              "城乡", "城镇", "乡镇", "集镇", "城市", "超市", "上市")
# The plan's own place in other words: 全镇, 本镇, 该镇, 我镇 (a town's plan), 全区 in a district's.
OWN_PLACE = re.compile(r"^[全本该我](?:街道|镇|乡|区|县|市|省)$")

# ── Figures ───────────────────────────────────────────────────────────────────────────────────────────────────
# A number: 48.9, 141.89, 1,311,012 (thousands separated by commas), 12523. Chinese numerals are not read.
NUMBER = r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# Units a figure may carry beyond plantrack's own: a multiple, percentage points, and 万/亿 of other units (these
# read, and are then skipped as not converting). 年 is not one: "2012年" is a year.
EXTRA_UNITS = ("倍", "个百分点", "百分点", "万亿元", "万人", "万户", "万家", "万个", "亿")
SKIP_AS_UNIT = ("年",)


def figure_pattern(units: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A number and its unit, the longest unit first (亿元 before 元, 万吨标准煤 before 万吨)."""
    names = {u for u in (*KNOWN_UNITS, *units, *EXTRA_UNITS) if u not in SKIP_AS_UNIT}
    alternatives = "|".join(re.escape(u) for u in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![0-9.]){NUMBER}\s*(?P<unit>{alternatives})")


# A rate, read from the words just before its number: 同比增长6.2%, 比上年下降3%, 增速为5%, 增幅达8.1%.
# Not 增长到/提高至 80% (that is a level reached) and not 年均增长 (an average over years: skipped).
RATE_CUE = re.compile(r"(?P<average>年均|平均每年|年平均)?(?:同比|比上年|较上年|比去年|较去年|比上年同期)?"
                      r"(?P<way>增长|增加|提高|上升|增幅|增速|下降|减少|降低|回落)(?:了|为|达)?\s*$")
FALLS = ("下降", "减少", "降低", "回落")
# A running total over years (累计实现净收入30981.14万元), never one year's figure.
RUNNING_TOTAL = re.compile(r"累计")
# Several figures listed against several names: 分别为 48.9亿元和141.89亿元.
RESPECTIVELY = re.compile(r"分别")

# ── Indicator names ───────────────────────────────────────────────────────────────────────────────────────────
# The usual short forms, one group per thing; the first is its full name. A plan indicator whose name (less
# its rate words, below), or one of its `aliases`, is in a group is named by every word of the group.
SHORT_FORMS: tuple[tuple[str, ...], ...] = (
    ("地区生产总值", "生产总值", "GDP", "增加值"),  # a town's 增加值 is its GDP (the bundled plan's note)
    ("规模以上工业总产值", "规上工业总产值", "规上工业产值"),
    ("全社会固定资产投资", "固定资产投资", "固投"),
    ("工业固定资产投资", "工业投资"),
    ("城乡居民人均可支配收入", "居民人均可支配收入", "人均可支配收入"),
    ("单位产值能耗", "产值能耗", "万元产值能耗"),
    ("一般公共预算收入", "地方一般公共预算收入"),
)
# Names of other things that contain an indicator's words: 工业增加值 is not 增加值, 税收 is not 财政总收入.
OTHER_THINGS = ("工业增加值", "服务业增加值", "第一产业增加值", "第二产业增加值", "第三产业增加值", "农业增加值",
                "税收", "税收收入")
# The words a rate indicator's name adds to the thing it measures: 增加值年均增长率 is about 增加值.
RATE_WORDS = re.compile(r"(?:年均|平均)?(?:增长率|下降率|增速|增幅|增长|下降)$")


def stem(name: str) -> str:
    """增加值年均增长率 -> 增加值; 产值能耗年均下降率 -> 产值能耗; 全社会固定资产投资 stays."""
    return RATE_WORDS.sub("", name) or name
