"""English labels the pages show: a catalogue label stands for a metric name only when it carries every
word of the name that changes what is counted (glossary.yaml label_qualifiers: 新增, 五星级, 新能源, 农村,
国家级 …; label_change_ends: a closing 增加, 减少 …). A qualifier before the concept's name is composed into
the label; any other the label lacks sends the row back to its Chinese name (issue 13)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.corpus import one_report, table
from analysis.corpus.accuracy import heldout_reports
from analysis.extraction.english import missing_qualifiers
from analysis.language import lexicon
from analysis.language.lexicon_schema import LexiconError
from analysis.project import config


def _shown(text: str) -> pd.Series:
    df = analysis.extract(text)
    assert len(df), text
    return one_report.reader_labels(df).iloc[0]


@pytest.mark.parametrize("text,shown", [
    # a qualifier inside the catalogue's name that its label does not say: the Chinese name
    ("新增五星级酒店3家。", "新增五星级酒店"),                # not "New star-rated hotels"
    ("五星级酒店达到30家。", "五星级酒店"),
    ("可再生能源新增装机3亿千瓦。", "New renewable energy capacity"),  # an addition: not "Installed capacity"
    ("农村供水工程120处。", "农村供水工程"),                  # not all water supply projects
    ("新开工改造老旧小区300个。", "新开工改造老旧小区"),      # "… renovated" takes no second action
    ("新增独角兽企业2户。", "新增独角兽企业"),                # a label of two things for one of them
    # a qualifier before the concept's name, composed into the label
    ("建成本科高校2所。", "Undergraduate universities built"),
    ("新建改造农村公路1000公里。", "New or upgraded rural roads"),
    ("国家级技术创新中心达到5家。", "National-level technology innovation centres"),
    ("新认定高新技术企业500家。", "Newly recognised high-tech enterprises"),
    ("新增装机3亿千瓦。", "New installed capacity"),
    # a closing change word: the label says the change
    ("优良天数增加22天。", "Increase in days of good air quality"),
    ("赤字规模增加5600亿元。", "Increase in fiscal deficit"),
    ("地区生产总值增长6%、突破2.6万亿元。", "GDP growth"),  # the growth; the level it reached is the GDP
    # labels that carry their qualifiers already stay as they are
    ("城镇新增就业50万人。", "New urban jobs"),
    ("农村居民人均可支配收入增长6%。", "Rural per-capita disposable income growth"),
    ("固定资产投资下降3%。", "Fixed-asset investment growth"),  # a change of either direction, read on value_signed
    ("对共建一带一路国家进出口增长10%。", "Trade with Belt and Road countries growth"),  # 国家: countries
    ("改造老旧小区300个。", "Old residential compounds renovated"),
])
def test_a_label_carries_the_qualifiers_of_its_name(text, shown):
    assert _shown(text)["metric_en"] == shown


def test_a_refused_label_keeps_its_concept_and_stays_in_the_downloads():
    """The concept (for joins and comparisons) and the extracted label stay; only the source says that
    the rules do not vouch for the label, so the pages show the Chinese name."""
    row = analysis.extract("新增五星级酒店3家。").iloc[0]
    assert row["concept"] == "star_rated_hotels"
    assert row["metric_en_source"] == "concept"
    assert "star-rated hotels" in row["metric_en"].lower()


@pytest.mark.parametrize("name,label,missing", [
    ("新增五星级酒店", "New star-rated hotels", ["五星级"]),
    ("新能源发电量", "Power generation", ["新能源"]),
    ("新能源发电量", "New-energy power generation", []),
    ("新建改造农村公路", "New rural roads", ["新建改造"]),   # the longest word at a place
    ("国家级技术创新中心", "Technology innovation centres", ["国家级"]),
    ("优良天数增加", "Days of good air quality", ["增加"]),
    ("重污染天数减少", "Reduction in heavily polluted days", []),
    ("可再生能源新增装机", "Installed capacity", ["可再生能源", "新增"]),
    ("增加值", "Value added", []),                           # 增加 inside a word is no change word
])
def test_missing_qualifiers(name, label, missing):
    assert missing_qualifiers(name, label) == missing


def test_a_level_read_after_a_change_word_keeps_the_label_of_the_level():
    """地区生产总值增长6%、突破2.6万亿元: the name is carried to the level, which is the GDP, not its increase."""
    df = one_report.reader_labels(analysis.extract("地区生产总值增长6%、突破2.6万亿元。"))
    assert list(zip(df["measure"], df["metric_en"])) == [("growth", "GDP growth"), ("level", "GDP")]
    assert missing_qualifiers("地区生产总值增长", "GDP", change=False) == []


def test_a_malformed_qualifier_entry_is_one_clear_error():
    with pytest.raises(LexiconError, match="label_qualifiers.*五星级"):
        lexicon._qualifiers({"五星级": "Five-star"})
    with pytest.raises(LexiconError, match="五星级"):
        lexicon._qualifiers({"五星级": ["", []]})


def test_every_shown_label_of_the_corpus_carries_its_qualifiers():
    """Over the corpus (the blind reports left out): no row the pages show in English lacks a qualifier
    of its name, and the share of rows shown in English stays about where it was (0.304 before the rule)."""
    reg = heldout_reports()
    blind = set(reg.loc[reg["status"] == "blind", "report"])
    paths = [p for p in sorted(config.CORPUS.glob("*.txt")) if p.stem not in blind]
    df = table.load_tables(paths)  # = analysis.extract_many(paths), from the build's cache when current
    shown = df[df["metric_en_source"].isin(one_report.VOUCHED_LABELS)]
    bad = [(r.metric_zh, r.metric_en) for r in shown.itertuples()
           if missing_qualifiers(r.metric_zh, r.metric_en, change=r.measure == "growth")]
    assert not bad, bad[:10]
    assert 0.28 <= len(shown) / len(df) <= 0.33


def _reviewed(same_name: bool = True) -> pd.DataFrame:
    """The reviewers' verdicts on the English labels of the tuning reports, joined (on start) to the labels
    the pages show now; only rows whose Chinese name is the reviewed one (all rows with same_name False)."""
    reg = heldout_reports()
    frames = []
    for report in reg.loc[reg["status"] == "tuning", "report"]:
        path = config.HELDOUT / "review" / f"{report}_metric_names.csv"
        if not path.exists():
            continue
        rev = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "verdict_en" not in rev:
            continue
        rev["start"] = rev["start"].astype(int)
        now = one_report.reader_labels(table.load_table(config.CORPUS / f"{report}.txt"))
        now = now.drop_duplicates("start").set_index("start")[["metric_zh", "metric_en"]]
        j = rev.join(now, on="start")
        frames.append(j[j["metric_zh"] == j["tool_metric_zh"]] if same_name else j)
    return pd.concat(frames, ignore_index=True)


def test_labels_the_reviewers_found_wrong_are_fewer():
    """Of the labels reviewers judged wrong on the tuning reports (16 still shown before the rule, most a
    catalogue label broader than the name; 42 with the five reviews of session 3, of which 6 remained shown
    after the clause rule; the three reviews of session 4's first blind round add the 20 wrong of 201 shown
    that their reviewers found under the rules with the clause rule), at most 20 are still shown unchanged; of those judged right,
    at most 90 are shown in Chinese (the count when the rule was made)."""
    every = _reviewed(same_name=False)
    r = every[every["metric_zh"] == every["tool_metric_zh"]]
    english = r["metric_en"] != r["metric_zh"]
    same = english & (r["metric_en"] == r["tool_metric_en_shown"])
    assert (same & (r["verdict_en"] == "wrong")).sum() <= 20
    # 90 before the measure checks of session 5; 94 since session 6: two reviewers disagree on 新增风电光伏装机 as
    # "New-energy capacity added" (right on 2025 Ningxia, wrong on 2026 Liaoning, round 6): the stricter verdict is kept
    assert (~english & (r["verdict_en"] == "right")).sum() <= 94
    for name in ("新建改造农村公路", "建成本科高校", "优良天数增加", "重污染天数减少", "清洁能源装机占比", "新增独角兽企业",
                 "高新技术企业", "绿色工厂", "高等院校", "数字经济增加值增长", "出口增速", "新增义务教育学位", "国际航线"):
        # a reviewed wrong label is no longer shown: its name changed since, or the label did
        rows = every[(every["tool_metric_zh"] == name) & (every["verdict_en"] == "wrong")]
        assert len(rows) and (rows["metric_en"] != rows["tool_metric_en_shown"]).all(), name


# ---- the words next to the number in its clause (glossary.yaml clause_qualifiers), heads of measure
# (label_heads), generic heads (generic_heads): each shape with its twin, the same thing without the word

@pytest.mark.parametrize("text,row,shown", [
    # an action before the name that makes the count one of recognised / started / renovated things: composed
    # into the label when it has one English, else the Chinese name
    ("认定高新技术企业1200家以上。", 0, "Newly recognised high-tech enterprises"),
    ("高新技术企业达到1200家。", 0, "High-tech enterprises"),
    ("开工建设农村公路6060公里。", 0, "Rural roads started"),
    ("升级改造农村公路4000公里。", 0, "Rural roads renovated"),
    ("建设筹集保障性租赁住房6.7万套。", 0, "Affordable rental housing built or acquired"),
    ("开工建设两重项目120个。", 0, "开工建设两重项目"),   # no action after a closing note
    # a verb that makes the things, kept at the name's start (建设, 创建): composed; none inside a name
    ("建设高标准农田50万亩。", 0, "High-standard farmland built"),
    ("创建美丽河湖12条。", 0, "Beautiful rivers and lakes created"),
    ("国家生态文明建设示范区达到23个。", 0, "National ecological civilisation demonstration zones"),
    # two actions (new, renovated) on a label that says one: not composed
    ("新建改扩建及维修改造公办幼儿园200所、义务教育学校500所。", 1, "新建义务教育学校"),
    # the head of a list applies to an item that names another thing ...
    ("新认定国家级制造业单项冠军企业4户、绿色工厂39户。", 1, "Newly recognised green factories"),
    ("制造业单项冠军企业4户、绿色工厂39户。", 1, "Green factories"),   # (a level opening the list: see below)
    ("新增7名院士、9个全国重点实验室。", 1, "New national key laboratories"),   # a head of qualifiers only
    # ... not to the total of the same thing after its addition
    ("新增境内外上市企业10家、总量达200家。", 1, "Listed companies"),
    # a word after the number up to the next item
    ("7所高等院校获批设置。", 0, "Newly approved higher education institutions"),
    # a kind the list's head says of every item (national) that the label lacks: not composed
    ("新入选国家5G工厂29家、卓越级智能工厂10家。", 1, "新入选卓越级智能工厂"),   # the list's verb in its name
    # a kind that opens the first item's name is that item's only
    ("新增五星级饭店3家、等级民宿20家。", 1, "New graded homestays (B&Bs)"),
    # the words of a 分别 list belong to its items, named one by one (人均 is the third item's)
    ("接待游客人次、旅游总花费、游客人均花费分别增长8%、9%、10%。", 0, "Tourist arrivals growth"),
    # a head of measure the label says and the name does not
    ("数字经济增加值增长8.7%。", 0, "数字经济增加值增长"),
    ("数字经济规模增长8.7%。", 0, "Digital economy size growth"),
    # a share named by no share word under the label of an amount
    ("财政支出八成以上投向民生领域。", 0, "财政支出"),
    ("财政支出增长5%。", 0, "Fiscal expenditure growth"),
    # the rank of a growth rate says growth
    ("出口增速排名全国第7位。", 0, "Export value growth rank"),
    ("出口排名全国第7位。", 0, "Export value rank"),
    # a qualifier of the name that the label lacks (foreign, domestic, compulsory education, major)
    ("入境外国游客增长90%。", 0, "入境外国游客增长"),
    ("新增境内上市公司62家。", 0, "新增境内上市公司"),
    ("新增境内外上市企业62家。", 0, "New listed companies"),   # at home and abroad narrows nothing
    ("新增义务教育学位40万个。", 0, "新增义务教育学位"),
    # a composed qualifier: both words at one place
    ("新增改造污水处理能力30万吨/日。", 0, "New or upgraded sewage treatment capacity"),
])
def test_a_label_carries_the_words_next_to_its_number(text, row, shown):
    df = one_report.reader_labels(analysis.extract(text))
    assert df.iloc[row]["metric_en"] == shown, list(zip(df["metric_zh"], df["metric_en"]))


def test_a_composed_label_keeps_a_letter_grade_and_an_acronym():
    from analysis.extraction.english import _lower_first
    assert _lower_first("A-level logistics enterprises") == "A-level logistics enterprises"  # not "a-level"
    assert _lower_first("SMEs") == "SMEs"
    assert _lower_first("High-tech enterprises") == "high-tech enterprises"


@pytest.mark.parametrize("label,generic", [
    ("Enterprises", True), ("New enterprises", True), ("Projects growth", True), ("Rate", True), ("Total", True),
    ("Major projects", False), ("High-tech enterprises", False), ("Parks", False), ("Installed capacity", False),
])
def test_generic_label(label, generic):
    from analysis.extraction.english import generic_label
    assert generic_label(label) is generic


def test_unsaid_heads():
    from analysis.extraction.english import unsaid_heads
    assert unsaid_heads("数字经济增加值增长", "Digital economy size growth")
    assert not unsaid_heads("数字经济规模增长", "Digital economy size growth")
    assert not unsaid_heads("规上工业增加值增长", "Industrial value added growth (above designated size)")  # no size
    assert unsaid_heads("战略性新兴产业营业收入增长", "Strategic emerging industries output value growth")


def test_a_malformed_clause_or_head_entry_is_one_clear_error():
    with pytest.raises(LexiconError, match="clause_qualifiers.*认定"):
        lexicon._qualifiers({"认定": "Recognised"}, "clause_qualifiers")
    with pytest.raises(LexiconError, match="label_heads.*size"):
        lexicon._heads({"size": "规模"})
    with pytest.raises(LexiconError, match="generic_heads"):
        lexicon._generic("projects")


def test_no_generic_label_is_shown_in_the_corpus():
    """Over the corpus (the blind reports left out): no label the pages show in English is a bare head
    without its owner ("Enterprises", "New parks" before this rule: 9 rows)."""
    from analysis.extraction.english import generic_label
    reg = heldout_reports()
    blind = set(reg.loc[reg["status"] == "blind", "report"])
    df = table.load_tables([p for p in sorted(config.CORPUS.glob("*.txt")) if p.stem not in blind])
    shown = df[df["metric_en_source"].isin(one_report.VOUCHED_LABELS)]
    assert not [x for x in shown["metric_en"].unique() if generic_label(x)]


# ---- a catalogue label that says another kind of number than the row (english.measure_mismatch), and a change in
# percentage points (issue 13, session 5): each shape with its twin

@pytest.mark.parametrize("text,row,shown", [
    # a change in points of a rate or share that the name ends with: "Increase in …", never "… share … growth"
    ("高等教育毛入学率提高8个百分点。", 0, "Increase in higher-education gross enrolment rate"),
    ("高等教育毛入学率达到60%。", 0, "Higher-education gross enrolment rate"),
    ("产业投资比重提升至55.7%、提高4.7个百分点。", 1, "Increase in productive investment share of total investment"),
    # a share word in the name under a label that says no share
    ("民间投资占比34%、提高1.3个百分点。", 1, "民间投资占比提高"),
    ("优良天数比例上升3个百分点。", 0, "优良天数比例上升"),
    ("优良天数增加22天。", 0, "Increase in days of good air quality"),
    # a label of a rate on a count
    ("完成1000个行政村生活污水治理。", 0, "行政村生活污水治理"),
    ("农村生活污水治理率达到45%。", 0, "农村生活污水治理率"),      # (not covered: 率 after the catalogue's name)
    # a label of an amount of money on a count of people
    ("发放育儿补贴181.2万人。", 0, "育儿补贴"),
    ("发放育儿补贴90亿元。", 0, "Childcare subsidies"),
    ("基本养老保险参保500万人。", 0, "Pension insurance enrolment"),   # a label of the insured, not of money
    # a label of new things on a list item that states a running total
    ("新增公园127座，提前建成千座公园城市，累计达到1100座。", 1, "新增公园"),
    ("新增公园127座，提前建成千座公园城市。", 0, "New parks"),
    ("累计新增城镇就业50万人。", 0, "New urban jobs"),
    # a qualifier of the name the label lacks: domestic, national, first-time, registrations
    ("接待国内游客4.16亿人次。", 0, "接待国内游客"),
    ("接待游客4.16亿人次。", 0, "Tourist arrivals"),
    ("接待国内外游客8000万人次。", 0, "Tourist arrivals"),          # at home and abroad narrows nothing
    ("全国政协提案5件。", 0, "全国政协提案"),
    ("政协提案553件。", 0, "CPPCC proposals"),
    ("国内生产总值增长5%。", 0, "GDP growth"),                     # GDP carries 国内
    ("信访事项一次性化解率达到96%。", 0, "信访事项一次性化解率"),
    ("信访事项化解率达到96%。", 0, "Petition resolution rate"),
    # a word of the clause with no English to compose: reorganised labs are not only new ones
    ("完成新建、重组11家全国重点实验室。", 0, "新建全国重点实验室"),
    ("新建全国重点实验室11家。", 0, "New national key laboratories"),
    # a later item of a 分别 list that is a bare head sharing the first item's owner
    ("省属企业工业总产值、利润总额分别增长17.1%、4.2%。", 1, "省属企业利润总额增长"),
    ("利润总额增长4.2%。", 0, "Total profits growth"),
    # a measure reported for an owner apart, whose owner its sentence says before the number
    ("中老铁路发展远超预期，累计发送旅客超6400万人次。", 0, "发送旅客"),
    ("累计发送旅客超6400万人次。", 0, "Passenger volume"),
    ("创新新能源发展模式，产业投资突破1300亿元。", 0, "产业投资"),
    ("产业投资增长10.1%。", 0, "Productive (industrial) investment growth"),
    ("电力装机容量突破9200万千瓦，发电量超过2600亿千瓦时。", 1, "Power generation"),
    # a list before its number that names the counted things: the qualifiers that open it are theirs
    ("获批创建国家级甘味生猪、高原夏菜2个产业集群。", 0, "产业集群"),
    ("甘味生猪、高原夏菜2个产业集群。", 0, "Industrial clusters"),
    ("布局实施人工智能、高端航空装备等9个重大科技专项。", 0, "Major science and technology projects"),
])
def test_a_label_says_the_kind_of_number_of_its_row(text, row, shown):
    df = one_report.reader_labels(analysis.extract(text))
    assert df.iloc[row]["metric_en"] == shown, list(zip(df["metric_zh"], df["metric_en"]))


@pytest.mark.parametrize("name,label,dim,clause,why", [
    ("民间投资占比提高", "Increase in private investment", "points", "", "share"),
    ("民间投资占比提高", "Increase in private investment share", "points", "", ""),
    ("行政村生活污水治理", "Rural sewage treatment rate", "count", "", "rate on a count"),
    ("生活污水治理率", "Rural sewage treatment rate", "percent", "", ""),
    ("育儿补贴", "Childcare subsidies", "person", "", "money on people"),
    ("育儿补贴", "Childcare subsidies", "money", "", ""),
    ("新增公园", "New parks", "count", "|累计达到|", "running total"),
    ("新增公园", "New parks", "count", "|累计新增|", ""),
    ("利润总额增长", "Total profits growth", "percent", "|||省属企业工业总产值", "list owner"),
    ("利润总额增长", "Total profits growth", "percent", "|||利润总额", ""),
    ("死亡人数下降", "Accident deaths reduction", "percent", "|||生产安全事故起数", ""),   # the label says whose
    ("受伤人数下降", "Injuries reduction", "percent", "|||生产安全事故起数", "list owner"),
    # a 的 before the name: it lost its modifier
    ("一次性补助", "One-off subsidies", "money", "|录取到本科院校的一次性补助|||录取到本科院校的一次性补助", "owner before the name"),
    ("一次性补助", "One-off subsidies", "money", "|一次性补助|||一次性补助", ""),
    # the rank of a growth
    ("快递业务量", "Express parcels handled rank", "position", "||||快递业务量和收入增速分别居全国第", "rank of a growth"),
    ("快递业务量", "Express parcels handled rank", "position", "||||快递业务量分别居全国第", ""),
    # one number for a list of short items: not the last item's
    ("工伤保险", "Work injury insurance", "person", "|工伤保险|||参加医疗、养老、失业、工伤保险", "whole list"),
    ("工伤保险", "Work injury insurance", "person", "|工伤保险|||参加工伤保险", ""),
])
def test_measure_mismatch(name, label, dim, clause, why):
    from analysis.extraction.english import measure_mismatch
    assert measure_mismatch(name, label, dim, clause) == why


def test_the_reviewed_wrong_labels_of_session_five_are_not_shown():
    """Of the labels reviewers judged wrong on the tuning reports, at most 4 are still shown unchanged (41 before
    the measure checks; 10 when blind round 7's reviews joined, 2 after session 7's rules); of those judged right, at
    most 94 are shown in Chinese (90 before; 94 after session 7)."""
    every = _reviewed(same_name=False)
    r = every[every["metric_zh"] == every["tool_metric_zh"]]
    english = r["metric_en"] != r["metric_zh"]
    same = english & (r["metric_en"] == r["tool_metric_en_shown"])
    assert (same & (r["verdict_en"] == "wrong")).sum() <= 4
    assert (~english & (r["verdict_en"] == "right")).sum() <= 94  # see test_labels_the_reviewers_found_wrong_are_fewer


@pytest.mark.parametrize("text,shown", [
    # a scope the catalogue label does not carry (wind and solar, a sales threshold said in the clause): not vouched for
    ("新增风电光伏装机300万千瓦。", False),
    ("年销售收入超5亿元农业产业化龙头企业达到60家以上。", False),
    # twins: the catalogue's own scope, no threshold in the clause
    ("新增新能源装机300万千瓦。", True),
    ("农业产业化龙头企业达到60家以上。", True),
])
def test_a_scope_the_label_does_not_carry_is_not_vouched_for(text, shown):
    df = analysis.extract(text)
    row = df[df["unit"].isin(["万千瓦", "家"])].iloc[0]
    assert (row["metric_en_source"] == "glossary") is shown


@pytest.mark.parametrize("text,label,source", [
    # 建设 projects are under construction in the year; farmland 建设 is built
    ("建设亿元以上项目3000个。", "Projects of 100 million yuan or more under construction", "glossary"),
    ("建设高标准农田500万亩。", "High-standard farmland built", "glossary"),
    ("建设10个国家临床重点专科。", "National key clinical specialties developed", "glossary"),   # specialties are developed
    # a zone named in the sentence before a count of firms registered: the firms may be the zone's, not vouched for
    ("成功申建自贸试验区，出台50项支持政策，新设立企业1万余家。", "New enterprises registered", "concept"),
    ("新设立企业1万余家。", "New enterprises registered", "glossary"),
])
def test_an_opener_and_an_owner_said_in_english(text, label, source):
    row = analysis.extract(text).iloc[-1]
    assert (row["metric_en"], row["metric_en_source"]) == (label, source)


# ---- session 7 (blind round 7 made tuning): a scope or qualifier of the name or its list that the label lacks, and the
# order of composed words; each shape with its twin, the same thing without the word

@pytest.mark.parametrize("text,row,shown", [
    # a growth averaged over years says so (glossary.yaml label_average_growth)
    ("地区生产总值年均增长5.5%。", 0, "Average annual GDP growth"),
    ("地区生产总值增长5.5%。", 0, "GDP growth"),
    ("居民人均可支配收入年均增长6%。", 0, "Average annual per-capita disposable income growth"),
    ("出口年均增速20%以上。", 0, "Average annual export value growth"),
    ("出口增长5%。", 0, "Export value growth"),
    # an opener goes before the qualifiers it opens, in the name's order
    ("新创建13个国家临床重点专科。", 0, "Newly created national key clinical specialties"),
    ("创建国家级绿色工厂25家。", 0, "National-level green factories created"),
    ("创建绿色工厂25家。", 0, "Green factories created"),
    # a level that opens a list with no act before it scopes the later items (list_levels) ...
    ("省级以上绿色工厂1210家、绿色工业园区74个。", 1, "绿色工业园区"),
    ("国家级数字领航企业18家、工业互联网平台46家。", 1, "工业互联网平台"),
    ("国家级制造业单项冠军企业4户、绿色工厂39户。", 1, "绿色工厂"),
    ("绿色工厂1210家、绿色工业园区74个。", 1, "Green industrial parks"),
    # ... after an act it is the first item's own; 国家 alone opens a proper name
    ("建成国家级绿色工厂136家、绿色工业园区10个。", 1, "Green industrial parks built"),
    ("国家高新技术企业1.9万家、科技型中小企业2.9万家。", 1, "Tech-based SMEs"),
    ("国家级高新技术企业1.55万家、科技型中小企业达到2.8万家。", 1, "Tech-based SMEs"),   # an item with a verb of its own
    # a scope word between the last item of a 分别 list and the head the items share (list_shared_scopes)
    ("新能源汽车、智能家电、智能手机限上零售额分别增长8.7%、31.5%和32.3%。", 0, "新能源汽车限上零售额增长"),  # the name carries the scope (name_shapes), no label does
    ("新能源汽车、智能家电、智能手机零售额分别增长8.7%、31.5%和32.3%。", 0, "New-energy vehicle sales growth"),
    ("城镇、农村居民人均可支配收入分别增长5%、6%。", 0, "Urban per-capita disposable income growth"),  # the item itself
    ("限额以上通讯器材、家用电器、新能源汽车零售额分别增长40.9%、27.1%、30.6%。", 2, "新能源汽车零售额增长"),  # opening
    ("规上高技术制造业、装备制造业增加值分别增长23.7%、16.5%。", 1, "Equipment manufacturing value added growth"),
    # a qualifier of the name (开发: development projects' capacity)
    ("新增开发装机1000万千瓦。", 0, "新增开发装机"),
    ("新增装机1000万千瓦。", 0, "New installed capacity"),
    # projects counted beside a reserve pool are the pool's (ownerless_labels, owner_words)
    ("充实省级重点项目储备库，亿元以上项目达到1000个以上。", 0, "亿元以上项目"),
    ("亿元以上项目达到1000个以上。", 0, "Projects of 100 million yuan or more"),
    # a list clause with no word of its own continues the list clause before it, and shares its opening qualifiers
    ("获批创建国家级甘味生猪、高原夏菜2个产业集群，镇原、崆峒2个现代农业产业园。", 1, "现代农业产业园"),
    ("甘味生猪、高原夏菜2个产业集群，镇原、崆峒2个现代农业产业园。", 1, "Modern agricultural industrial parks"),
    # a catalogue label of two things for a name of one, or broader than the name (concepts.yaml unlabelled)
    ("新增国家级领军人才435人。", 0, "新增国家级领军人才"),
    ("新增高层次人才435人。", 0, "New high-level talent"),
    ("新增夜间文旅消费集聚区3个。", 0, "新增夜间文旅消费集聚区"),
    ("新增旅游休闲街区3个。", 0, "新增旅游休闲街区"),
])
def test_a_label_carries_the_scope_of_its_name_and_list(text, row, shown):
    df = one_report.reader_labels(analysis.extract(text))
    assert df.iloc[row]["metric_en"] == shown, list(zip(df["metric_zh"], df["metric_en"]))


def test_a_malformed_list_table_is_one_clear_error(monkeypatch):
    lexicon.glossary.cache_clear()
    monkeypatch.setattr(lexicon, "load_yaml", lambda path: {"list_levels": {"国家级": "National"}})
    try:
        with pytest.raises(LexiconError, match="list_levels.*国家级"):
            lexicon.glossary()
    finally:
        monkeypatch.undo()
        lexicon.glossary.cache_clear()


def test_the_reviewed_wrong_labels_of_blind_round_seven_are_not_shown():
    """The labels reviewers judged wrong on blind round 7's reports (now tuning) that session 7's rules took off the
    pages or corrected: a level or scope of the list, an average over years, the order of composed words, a
    qualifier of the name, a reserve pool's projects, a list's opening qualifiers shared by the next clause."""
    every = _reviewed(same_name=False)
    for name in ("新创建国家临床重点专科", "出口年均增速", "工业互联网平台", "绿色工业园区", "新能源汽车零售额增长",
                 "新增开发装机", "亿元以上项目", "现代农业产业园"):
        rows = every[(every["tool_metric_zh"] == name) & (every["verdict_en"] == "wrong")]
        assert len(rows) and (rows["metric_en"] != rows["tool_metric_en_shown"]).all(), name


# ---- session 8 (issue 13, a reader's page review): a label no broader than its row — an addition is no stock, a grade
# or a measure of the name is its own concept, an owner opening a 分别 list scopes every item, a noun before an added
# head reads in its modifier form; each shape with its twin, the same thing without the word

@pytest.mark.parametrize("text,row,shown", [
    # an addition (新建, 新增) is never shown under a stock's label: a concept of added capacity, else the Chinese
    ("新建新能源装机1500万千瓦。", 0, "New-energy capacity added"),
    ("新能源装机达到1500万千瓦。", 0, "New-energy installed capacity"),
    ("新增电力装机1000万千瓦。", 0, "New power generation capacity"),
    ("电力装机达到1亿千瓦。", 0, "Installed power capacity"),
    ("新增可再生能源发电装机500万千瓦。", 0, "New renewable energy capacity"),
    ("新增核电装机100万千瓦。", 0, "新增核电装机"),           # no concept of added nuclear capacity: not "Installed capacity"
    ("装机达到1亿千瓦。", 0, "Installed capacity"),
    ("新增发电装机4178万千瓦、总装机达9157万千瓦。", 1, "新增总装机"),  # the stock reached, named with the list's 新增
    # an addition the catalogue label says already is not said twice; one it lacks is composed in
    ("新增煤炭产能1000万吨。", 0, "Coal mining capacity added"),
    ("新增光伏装机300万千瓦。", 0, "New solar PV installed capacity"),
    # a grade of the name is a concept of its own
    ("先进级智能工厂达到100个。", 0, "Advanced-level smart factories"),
    ("新增先进级以上智能工厂80家。", 0, "New smart factories of advanced level or higher"),
    ("智能工厂达到100个。", 0, "Smart factories"),
    # revenue (营业收入) is not output value (产值)
    ("战略性新兴产业营业收入增长10%。", 0, "Strategic emerging industries revenue growth"),
    ("战略性新兴产业产值增长10%。", 0, "Strategic emerging industries output value growth"),
    # an owner that opens a 分别 list's first item is every item's (list_shared_scopes: 开发区)
    ("开发区规上工业增加值、工业投资年均分别增长5.9%和6.7%。", 1, "工业投资年均增长"),
    ("规上工业增加值、工业投资年均分别增长5.9%和6.7%。", 1, "Average annual industrial investment growth"),
    # a noun before an added head in its modifier form, the catalogue label kept whole ("Export value")
    ("出口1.2万亿元。", 0, "Export value"),
    ("出口增长5%。", 0, "Export value growth"),
    # funds brought in by returning entrepreneurs (X商回归) are theirs (ownerless_labels, owner_words: 回归)
    ("湘商回归新注册企业达到1670家、到位资金突破6000亿元。", 1, "到位资金"),
    ("招商引资新注册企业达到1670家、到位资金突破6000亿元。", 1, "Investment attracted"),
    # blind round 8's reviews, once tuning: laws submitted are not laws; one profession is not the programme
    ("提请审议地方性法规10件。", 0, "地方性法规"),
    ("制定地方性法规10件。", 0, "Local regulations"),
    ("银龄教师达到500名。", 0, "银龄教师"),
    ("银龄人才达到500名。", 0, "Retired professionals re-engaged (silver-age programme)"),
])
def test_a_label_is_no_broader_than_its_row(text, row, shown):
    df = one_report.reader_labels(analysis.extract(text))
    assert df.iloc[row]["metric_en"] == shown, list(zip(df["metric_zh"], df["metric_en"]))


def test_the_reviewed_wrong_labels_of_the_page_review_are_not_shown():
    """The labels reviewers judged wrong on the tuning reports that session 7's rules took off the pages or corrected:
    an addition under a stock's label, revenue under an output-value label, an owner said before the list."""
    every = _reviewed(same_name=False)
    for name in ("可再生能源新增装机", "战略性新兴产业营业收入增长", "到位资金"):
        rows = every[(every["tool_metric_zh"] == name) & (every["verdict_en"] == "wrong")]
        assert len(rows) and (rows["metric_en"] != rows["tool_metric_en_shown"]).all(), name


def test_no_addition_of_the_corpus_is_under_the_bare_stock_of_capacity():
    """Over the corpus (the blind reports left out): no row named by an addition (新增, 新建, 新开工, 投产) has the concept
    of installed capacity, whose label says a stock (20 rows had it before session 8: 新增电力装机, 新建新能源装机 …)."""
    blind = set(heldout_reports().query("status == 'blind'")["report"])
    n = 0
    for p in sorted(config.CORPUS.glob("*.txt")):
        if p.stem in blind:
            continue
        df = table.load_table(p)
        cap = df[df["concept"] == "installed_capacity"]
        n += len(cap)
        assert not cap["metric_zh"].str.contains("新增|新建|新开工|投产").any(), (p.stem, list(cap["metric_zh"]))
    assert n >= 1  # the stock itself keeps its concept (装机 of 2026 reports)
