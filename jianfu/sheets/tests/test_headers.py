import pytest

from jianfu.registry.selectors import header_vocabulary
from jianfu.sheets.headers import detect_header, is_footer_row


@pytest.fixture
def vocab(db):
    return header_vocabulary()


def test_title_rows_above_header(vocab):
    rows = [
        ["江岸区民意社区高龄老人名册", None, None, None],
        [None, None, None, None],
        ["序号", "姓名", "身份证号", "联系电话"],
        [1, "张三", "420102195003021234", "13800000000"],
    ]
    layout = detect_header(rows, vocab)
    assert layout.header_rows == [2]
    assert [c.text for c in layout.columns] == ["序号", "姓名", "身份证号", "联系电话"]
    assert layout.data_start == 3


def test_two_level_header(vocab):
    rows = [
        ["残疾人基本情况统计表"],
        ["序号", "基本信息", None, None, "残疾情况", None],
        [None, "姓名", "性别", "公民身份号码", "残疾类别", "残疾等级"],
        [1, "李四", "男", "x", "肢体", "二级"],
    ]
    layout = detect_header(rows, vocab)
    assert layout.header_rows == [1, 2]
    texts = {c.index: (c.text, c.group) for c in layout.columns}
    assert texts[0] == ("序号", "")
    assert texts[4] == ("残疾类别", "残疾情况")
    assert texts[2] == ("性别", "基本信息")


def test_example_row_is_skipped(vocab):
    rows = [["姓名", "性别", "出生日期"], ["例：张三", "男", "1950-03-02"], ["王五", "女", "1940-01-01"]]
    layout = detect_header(rows, vocab)
    assert layout.example_rows == [1]
    assert layout.data_start == 2


def test_no_header(vocab):
    assert detect_header([["hello"], [1, 2], [3, 4]], vocab) is None


def test_footer():
    assert is_footer_row(["填表人：王芳", None, "审核人：李明"])
    assert not is_footer_row(["王芳", "女"])
