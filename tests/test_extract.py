"""Numbers, units, qualifiers and traps: one case per construction named in the data contract."""

from __future__ import annotations

import pytest

import analysis


def rows(text: str) -> list[dict]:
    df = analysis.extract(text)
    for _, r in df.iterrows():
        assert text[r["start"]:r["end"]] == r["raw"]
    return df.to_dict("records")


def one(text: str) -> dict:
    out = rows(text)
    assert len(out) == 1, [r["raw"] for r in out]
    return out[0]


@pytest.mark.parametrize("text,raw,value,unit,base,base_unit", [
    ("实现收入4140亿元。", "4140亿元", 4140, "亿元", 4.14e11, "元"),
    ("资产总额1,234.5亿元。", "1,234.5亿元", 1234.5, "亿元", 1.2345e11, "元"),
    ("完成清洁取暖改造 19.3 万户。", "19.3 万户", 19.3, "万户", 1.93e5, "户"),
    ("新增并网4000万千瓦。", "4000万千瓦", 4000, "万千瓦", 4e7, "千瓦"),
    ("发电量超3000亿度。", "3000亿度", 3000, "亿度", 3e11, "度"),
    ("用电量达到500亿千瓦时。", "500亿千瓦时", 500, "亿千瓦时", 5e10, "千瓦时"),
    ("建设农村公路5000公里。", "5000公里", 5000, "公里", 5000, "公里"),
    ("新建高标准农田850万亩。", "850万亩", 850, "万亩", 8.5e6, "亩"),
    ("新增农业节水3.8亿立方米。", "3.8亿立方米", 3.8, "亿立方米", 3.8e8, "立方米"),
    ("新建舍饲棚圈500万平方米以上。", "500万平方米", 500, "万平方米", 5e6, "平方米"),
    ("口岸货运量超过1.3亿吨。", "1.3亿吨", 1.3, "亿吨", 1.3e8, "吨"),
    ("粮食产量稳定在800亿斤以上。", "800亿斤", 800, "亿斤", 8e10, "斤"),
    ("算力规模突破20万P。", "20万P", 20, "万P", 2e5, "P"),
    ("接待游客2.73亿人次。", "2.73亿人次", 2.73, "亿人次", 2.73e8, "人次"),
    ("到发中欧班列突破500列。", "500列", 500, "列", 500, "列"),
    ("交易转化2412笔。", "2412笔", 2412, "笔", 2412, "笔"),
    ("巡演760多场。", "760多场", 760, "场", 760, "场"),
    ("带动7万多名劳动力就业。", "7万多名", 7, "万名", 7e4, "名"),
    ("1000余名专家开展服务。", "1000余名", 1000, "名", 1000, "名"),
    ("以旧换新带动消费300多亿元。", "300多亿元", 300, "亿元", 3e10, "元"),
    ("全区有280万农牧民在城镇就业。", "280万", 280, "万", 2.8e6, "人"),
    ("增长１２．５％。", "１２．５％", 12.5, "%", 12.5, "%"),
    ("涨幅百分之三点五。", "百分之三点五", 3.5, "%", 3.5, "%"),
    ("高于平均水平33个百分点。", "33个百分点", 33, "个百分点", 33, "个百分点"),
    ("利润增长15倍。", "15倍", 15, "倍", 15, "倍"),
    ("PM2.5平均浓度降至28.6微克/立方米。", "28.6微克/立方米", 28.6, "微克/立方米", 28.6, "微克/立方米"),
])
def test_units_and_magnitudes(text, raw, value, unit, base, base_unit):
    r = one(text)
    assert (r["raw"], r["value"], r["unit"], r["base_unit"]) == (raw, value, unit, base_unit)
    assert r["value_base"] == pytest.approx(base)


@pytest.mark.parametrize("text,raw,value,unit,base", [
    ("资产总额首次突破万亿元。", "万亿元", 1, "万亿元", 1e12),
    ("力争技术合同交易额突破百亿。", "百亿", 100, "亿", 1e10),
    ("产业链产值稳定在千亿元以上。", "千亿元", 1000, "亿元", 1e11),
    ("营收达到两千亿元。", "两千亿元", 2000, "亿元", 2e11),
    ("城镇新增就业一千二百万人以上。", "一千二百万人", 1200, "万人", 1.2e7),
    ("全国人口十四亿人。", "十四亿人", 14, "亿人", 1.4e9),
    ("办好十件民生实事。", "十件", 10, "件", 10),
])
def test_chinese_numerals(text, raw, value, unit, base):
    r = one(text)
    assert (r["raw"], r["value"], r["unit"]) == (raw, value, unit)
    assert r["value_base"] == pytest.approx(base)


@pytest.mark.parametrize("text,qualifier", [
    ("地区生产总值增长6%左右。", "about"),
    ("一般公共预算收入增长4%以上。", "over"),
    ("确保投资超过3000亿元。", "over"),
    ("力争投资突破9100亿元。", "over"),
    ("投入近200亿元。", "near"),
    ("接近50万人。", "near"),
    ("巡演760多场。", "over"),
    ("新增就业1000余名。", "over"),
    ("指数降到10%以下。", "under"),
    ("经济总量不足100亿元。", "under"),
    ("失业率控制在5.5%以内。", "under"),
    ("绿电比例不低于80%。", "at_least"),
    ("债务率不超过30%。", "at_most"),
    ("逾300万人参加。", "over"),
    ("增长5%。", "exact"),
])
def test_qualifiers(text, qualifier):
    assert one(text)["qualifier"] == qualifier


def test_shared_trailing_qualifier_and_respectively():
    out = rows("粮肉奶产量分别稳定在800亿斤、60亿斤、160亿斤以上。")
    assert [r["qualifier"] for r in out] == ["over"] * 3
    assert "dairy" in out[2]["sectors"].split(";") and "dairy" not in out[0]["sectors"].split(";")


def test_pairs_from_to_and_respectively():
    out = rows("天然草原草畜平衡指数由23.9%降至 10%以下。网络货运量、交易额分别增长3.5倍和 2.5倍。")
    assert [(r["value"], r["qualifier"], r["measure"]) for r in out] == [
        (23.9, "exact", "share"), (10, "under", "share"), (3.5, "exact", "growth"), (2.5, "exact", "growth")]
    assert out[2]["metric_zh"].startswith("网络货运量") and out[3]["metric_zh"].startswith("交易额")


def test_ranges():
    out = rows("今年地区生产总值增长5%—6%，投资增长8%至10%，建设3-5个基地。")
    assert [(r["value"], r["unit"], r["qualifier"], r["measure"]) for r in out] == [
        (5, "%", "at_least", "growth"), (6, "%", "at_most", "growth"),
        (8, "%", "at_least", "growth"), (10, "%", "at_most", "growth"),
        (3, "个", "at_least", "level"), (5, "个", "at_most", "level")]


@pytest.mark.parametrize("text,measure", [
    ("固定资产投资增长13%。", "growth"),
    ("区域创新能力全国排名上升4位。", "growth"),
    ("环节时限材料均压减70%以上。", "growth"),
    ("城镇调查失业率5.5%左右。", "share"),
    ("新能源利用率保持在90%以上。", "share"),
    ("固定资产投资保持全国第2位。", "rank"),
    ("智算规模保持全国第一位。", "rank"),
    ("新增城镇就业20.1万人。", "level"),
    ("赤字规模比上年增加2200亿元。", "growth"),
    ("养老金最低标准再提高20元。", "growth"),
    ("执行好20%的刚性增长机制。", "growth"),
])
def test_measures(text, measure):
    assert one(text)["measure"] == measure


@pytest.mark.parametrize("text", [
    "2025年是“十四五”规划收官之年，也是“十五五”规划谋篇之年。",
    "深入贯彻党的二十大和二十届二中、三中全会精神，自治区党委召开十一届九次全会。",
    "建成S22白永段、S29呼凉高速，开工建设G0616海乌段，打造中国最美边疆路331。",
    "■上接第1版 （一）实施重大项目谋划行动。一是加快发展新型储能。",
    "学习运用“千万工程”经验，把“三北”工程做成富民工程，稳妥推进第二轮土地承包到期后再延长试点。",
    "电视剧获“五个一工程”奖，严格执行中央八项规定精神，加快引黄入呼三期工程，实现一期、二期工程全线通水。",
    "建设二连浩特公路口岸第二通道，办好两件大事，接续实施“六个工程”，推进“一带一路”建设。",
    "千方百计扩大内需，万众一心，建设百亿级项目和千亿级产业链，冰雪经济是万亿级新赛道。",
    "2025年3月5日第十四届全国人民代表大会第三次会议，5G基站，5A级景区。",
])
def test_traps_are_never_emitted(text):
    assert rows(text) == []


@pytest.mark.parametrize("text,kind", [
    ("一、2024年工作回顾\n全年地区生产总值增长5.8%。\n二、2025年工作安排\n地区生产总值增长6%左右。", ["achieved", "target"]),
    ("二、2025年工作安排\n全区有280万农牧民在城镇转移就业，我区每年接待游客近3亿人次，力争游客数量突破3亿人次。",
     ["context", "context", "target"]),
    # a past result cited in a task is a baseline (context): task and plan chapters never give results
    ("二、2025年工作安排\n在去年布局5个点位基础上，今年再启动一批新点位。", ["context"]),
])
def test_kinds_follow_sections_and_cues(text, kind):
    assert [r["kind"] for r in rows(text)] == kind


def test_sections_and_years():
    text = ("一、2024年工作回顾\n过去一年，全年地区生产总值增长5.8%。\n我们也清醒看到，民间投资下降3.1%，有34个县经济总量不足百亿。\n"
            "二、2025年工作安排\n全区经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
            "（一）扩大有效投资。确保基础设施投资超过3000亿元。\n（二）提振消费。力争社会消费品零售总额增长5%。")
    out = rows(text)
    assert [(r["section"], r["kind"], r["year"]) for r in out] == [
        ("review", "achieved", 2024), ("problems", "achieved", 2024), ("problems", "context", None),
        ("problems", "context", None), ("targets", "target", 2025), ("task-01", "target", 2025),
        ("task-02", "target", 2025)]
    assert out[5]["section_title"] == "（一）扩大有效投资"


def test_very_long_line_and_repeated_numerals():
    """One line of 65,000 characters (no 。: sentences cut at MAX_SENTENCE), the same number 6,000 times, a run of
    5,000 numerals and a 40-digit number: every repeat found, nothing else."""
    text = "全区新增就业18万人，" * 6000 + "一" * 5000 + "9" * 40 + "元"
    out = analysis.extract(text)
    assert len(out) == 6000
    assert (out["raw"] == "18万人").all()
