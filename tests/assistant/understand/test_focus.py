"""The focus reader: what is asked, apart from the context around it."""

from __future__ import annotations

import pytest

from assistant.understand.focus import FocusReader


@pytest.fixture(scope="module")
def read():
    return FocusReader.default().read


@pytest.mark.parametrize(
    ("question", "attributes"),
    [
        ("那个200亿的并购基金现在是哪家机构在管？", ["管理人或运营机构"]),
        ("天使母基金总盘子有多大啊？", ["规模或总额"]),
        ("创投机构发债的贴息，按基准利率的几成来贴？", ["具体比例"]),
        ("申报截止日期是哪天", ["申报时间或期限"]),
        ("创投峰会在哪个场馆办？", ["地点或选址"]),
        ("知识产权质押补贴要交哪些材料", ["申报材料或办理流程"]),
        ("我们刚拿到天使轮，投资方有奖励吗？", ["补贴或奖励"]),
        ("投贷联动是在哪一条？", []),
    ],
)
def test_attributes_asked(read, question, attributes):
    assert [a.name for a in read(question).attributes] == attributes


def test_attribute_words_leave_the_subject(read):
    focus = read("那个200亿的并购基金现在是哪家机构在管？")
    assert "并购基金" in focus.subject
    assert "哪家机构" not in focus.subject


@pytest.mark.parametrize(
    ("question", "kind", "name"),
    [
        ("深圳对新落户的创投机构一次性给多少落户奖励？", "other_place", "深圳"),
        ("那上海市对国有创投机构员工跟投的比例有什么规定？", "other_place", "上海"),
        ("海南自贸港的QFLP试点额度要怎么申请？", "other_place", "海南"),
        ("国家对科技型中小企业研发费用加计扣除比例现在是多少？", "topic", "国家的认定与税收规则"),
        ("国家层面对创投机构有什么税收优惠？", "national", "国家"),
        ("附近有什么性价比高的酒店推荐吗？", "topic", "住宿、餐饮、出行"),
        ("越秀资本这只股票下周会不会涨？", "topic", "投资理财建议"),
        ("上海证券交易所科创板对第五套上市标准做了什么调整？", "topic", "他方的上市与交易规则"),
    ],
)
def test_outside_the_policy(read, question, kind, name):
    outside = read(question).outside
    assert outside is not None
    assert (outside.kind, outside.name) == (kind, name)


@pytest.mark.parametrize(
    "question",
    [
        "我们是深圳的VC，投了广州企业，奖励多少",
        "深圳的创投机构投广州企业能拿奖励吗",
        "想跟深圳合作搞风投创投的政策",
        "深圳证券交易所广州服务基地是做什么的",
        "对标深圳南山区的集聚区在哪条",
    ],
)
def test_places_as_context_stay_in_scope(read, question):
    assert read(question).outside is None


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("哪些条款讲到了贴息？", ("贴息",)),
        ("文件里讲到天使投资、天使基金的地方都在哪几条？", ("天使投资", "天使基金")),
        ("广东股权交易中心在文件里一共出现在哪几条？", ("广东股权交易中心",)),
        ("“质押”相关的内容分散在哪几条？", ("质押",)),
        ("哪几条措施跟中国创新创业大赛（广州赛区）有关？", ("中国创新创业大赛（广州赛区）",)),
        ("第三条讲什么？", ()),
    ],
)
def test_mention_terms(read, question, terms):
    assert read(question).mention_terms == terms


def test_a_mention_question_is_never_outside(read):
    focus = read("哪些条款提到了深圳？")
    assert focus.mention_terms == ("深圳",)
    assert focus.outside is None


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("S基金和并购基金分别在哪条？各自怎么说的？", ["S基金在哪条", "并购基金在哪条"]),
        ("以投代评那条，和投贷联动那条，各自找哪个部门？", ["以投代评找哪个部门", "投贷联动找哪个部门"]),
        ("险资那条和国企那条，责任单位分别是", ["险资的责任单位是", "国企的责任单位是"]),  # the aspect after the comma
        ("天使母基金和并购基金的规模分别是多少", ["天使母基金的规模是多少", "并购基金的规模是多少"]),
        ("投贷联动是在哪一条？另外专利质押融资有没有补贴？", ["投贷联动是在哪一条", "专利质押融资有没有补贴"]),
        ("我们是创投公司，自己发公司债来募资，利息这块有没有补贴？", []),
    ],
)
def test_parts(read, question, parts):
    assert list(read(question).parts) == parts


def test_confirming_a_stated_figure(read):
    assert read("并购基金是100亿吧？").confirms
    assert not read("并购基金有多大？").confirms


def test_one_phrase_asks_one_thing(read):
    assert [a.name for a in read("这个上市目标现在已经完成多少家了？").attributes] == ["进展或现状"]


def test_each_question_keeps_its_own_subject(read):
    focus = read("集聚区最后选的是哪个区？专门行动方案什么时候出？")
    assert [[a.name for a in ask.attributes] for ask in focus.asks] == [["进展或现状"], ["申报时间或期限"]]
    assert focus.asks[0].subject.startswith("集聚区") and focus.asks[1].subject == "专门行动方案"
    assert focus.parts == ()  # several things asked, each of its own subject, in one question


def test_the_head_names_the_thing_whose_figure_is_asked(read):
    assert read("区级政策性担保公司现在担保费率降到多少了？").asks[0].head == "区级政策性担保公司现在担保费率"


def test_another_documents_content(read):
    assert read("《广州市科技创新条例》里关于成果赋权是怎么规定的？").document == "广州市科技创新条例"
    assert read("《广州市科技创新条例》在哪几条被引用？").document is None


@pytest.mark.parametrize(
    ("question", "outside"),
    [
        ("深创投现在管理规模有多少？", "深创投"),
        ("清科的年度排行榜评选标准是啥", "清科"),
        ("头部机构怎么认定？清科榜单排前多少名才算？", None),  # asked of the policy's own notion
        ("港交所上市成功了，广州奖励多少？", None),  # asked of a measure of the policy
    ],
)
def test_something_asked_of_another_body(read, question, outside):
    found = read(question).outside
    assert (found.name if found and found.kind == "other_body" else None) == outside


def test_a_bare_figure_with_a_question_mark_is_a_premise(read):
    assert read("那个并购基金总规模是100亿？").confirms


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("上海QFLP试点对管理企业注册资本门槛要求多少？", "上海"),
        ("那苏州的天使母基金返投比例是多少？", "苏州"),
        ("北京中关村投贷联动试点银行都有哪几家", "北京"),
        ("那佛山本地对科技企业贷款贴息是什么政策？", "佛山"),
        ("我们是深圳的创投机构，投资广州企业的奖励比例是多少", None),  # from elsewhere, about this policy
    ],
)
def test_another_places_rules_named_later(read, question, place):
    outside = read(question).outside
    assert (outside.name if outside and outside.kind == "other_place" else None) == place


def test_a_name_with_parentheses_stays_one_term_and_others_split(read):
    assert read("哪几条措施跟中国创新创业大赛（广州赛区）有关？").mention_terms == ("中国创新创业大赛（广州赛区）",)
    assert read("风补资金池（信贷风险补偿）在哪几条里出现过？").mention_terms == ("风补资金池", "信贷风险补偿")
