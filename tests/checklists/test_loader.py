"""One broken file per kind of mistake; each must give its exact `FILE:ITEM:` line and load nothing."""

from __future__ import annotations

from pathlib import Path

from inspector.checklists.loader import check_paths, load_checklist_file
from inspector.checklists.registry import load_registry

GOOD = '''id = "demo"
version = 2
title = { zh = "示例检查表", en = "Demo" }
basis = "质量条例"
sections = [{ id = "s1", zh = "第一组", en = "Group one" }]

[[items]]
id = "D-01"
section = "s1"
text = { zh = "有施工许可证", en = "Permit held" }
answer = "yes-no-na"
fail_when = "no"
severity = "严重"
on_fail = "stop-work"
photo = "required-on-fail"
basis = "质量条例57"

[[items]]
id = "D-02"
section = "s1"
text = { zh = "见证取样比例", en = "Witnessed share" }
answer = "number"
unit = "%"
min = 0
max = 100
fail_when = "< 30"
severity = "较重"
on_fail = "rectify"
basis = "质量条例31; 见证规定"
'''


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    checklist, problems = load_checklist_file(path)
    assert checklist is None, "a file with problems must not load"
    return [str(p) for p in problems]


def test_good_file_loads(tmp_path: Path) -> None:
    checklist, problems = load_checklist_file(write(tmp_path, GOOD))
    assert problems == []
    assert checklist.id == "demo" and checklist.version == 2 and len(checklist.items) == 2
    assert checklist.section_title("s1") == "第一组"


def test_syntax_error_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('answer = "number"', 'answer = number'))
    lines_ = lines(path)
    line_no = GOOD.splitlines().index('answer = "number"') + 1
    assert len(lines_) == 1
    assert lines_[0].startswith(f"{path}:line {line_no}: TOML 语法错误")


def test_unknown_key_in_item_and_at_top(tmp_path: Path) -> None:
    path = write(tmp_path, 'owner = "x"\n'
                 + GOOD.replace('photo = "required-on-fail"', 'photo = "required-on-fail"\ncolour = "red"'))
    got = lines(path)
    assert any(x.startswith(f"{path}:owner: 未知的键 “owner”") for x in got), got
    assert any(x.startswith(f"{path}:D-01: 未知的键 “colour”") for x in got), got
    assert len(got) == 2


def test_unknown_key_inside_text(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('en = "Permit held"', 'en = "Permit held", fr = "Permis"'))
    assert lines(path) == [f"{path}:D-01: 未知的键 “text.fr”（unknown key; 允许：en, zh）"]


def test_duplicate_item_id(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('id = "D-02"', 'id = "D-01"'))
    assert lines(path) == [f"{path}:D-01: 检查项 id 重复（duplicate item id）"]


def test_missing_en_text(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace(', en = "Witnessed share"', ""))
    assert lines(path) == [f"{path}:D-02: 缺少 “text.en”（missing text.en）"]


def test_missing_en_title(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace(', en = "Demo"', ""))
    assert lines(path) == [f"{path}:title: 缺少 “title.en”（missing title.en）"]


def test_unknown_answer_type(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('answer = "yes-no-na"', 'answer = "bool"'))
    assert lines(path) == [f"{path}:D-01: “answer” 的值 “bool” 无效"
                           "（invalid answer; 可选：yes-no-na / number / text / date / choice）"]


def test_fail_rule_that_cannot_match_the_type(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('fail_when = "< 30"', 'fail_when = "no"'))
    got = lines(path)
    assert got == [f'{path}:D-02: fail_when = "no" 与答复类型 number 不匹配（fail rule cannot match answer type）'
                   '；数字题应为 "< 30"、">= 5" 或 "outside"']


def test_failing_choice_not_among_choices_and_min_above_max(tmp_path: Path) -> None:
    text = GOOD.replace('answer = "yes-no-na"\nfail_when = "no"',
                        'answer = "choice"\nchoices = ["合格", "不合格"]\nfail_when = ["差"]')
    text = text.replace("min = 0\nmax = 100", "min = 50\nmax = 10")
    path = write(tmp_path, text)
    got = lines(path)
    assert f"{path}:D-01: fail_when 中的 “差” 不在 choices 中（failing choice not among choices）" in got
    assert f"{path}:D-02: min（50）大于 max（10）（min > max）" in got


def test_bad_enums_and_wrong_types_are_all_reported(tmp_path: Path) -> None:
    text = (GOOD.replace('severity = "严重"', 'severity = "很严重"').replace('on_fail = "rectify"', 'on_fail = "stop"')
            .replace('photo = "required-on-fail"', 'photo = "maybe"').replace("version = 2", 'version = "2"')
            .replace("min = 0", 'min = "0"'))
    got = lines(write(tmp_path, text))
    assert [x.split(": ", 1)[0].rsplit(":", 1)[1] for x in got] == ["version", "D-01", "D-01", "D-02", "D-02"]
    assert any("“severity” 的值 “很严重” 无效" in x for x in got)
    assert any("“photo” 的值 “maybe” 无效" in x for x in got)
    assert any("“on_fail” 的值 “stop” 无效" in x for x in got)
    assert any("“min” 应为数字（expected number, got string）" in x for x in got)
    assert any('“version” 应为正整数（expected positive integer, got "2"）' in x for x in got)


def test_text_answer_with_fail_rule_and_date_rule_unknown(tmp_path: Path) -> None:
    text = GOOD.replace('answer = "yes-no-na"\nfail_when = "no"', 'answer = "text"\nfail_when = "no"')
    text = text.replace('answer = "number"\nunit = "%"\nmin = 0\nmax = 100\nfail_when = "< 30"',
                        'answer = "date"\nfail_when = "too-late"')
    path = write(tmp_path, text)
    got = lines(path)
    assert got[0] == f"{path}:D-01: 文本题不能设置 fail_when（text answers have no fail rule）"
    assert got[1].startswith(f'{path}:D-02: fail_when = "too-late" 与答复类型 date 不匹配')


def test_unknown_section(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('section = "s1"\ntext = { zh = "见证', 'section = "s9"\ntext = { zh = "见证'))
    assert lines(path) == [f"{path}:D-02: 分组 “s9” 未在 sections 中定义（unknown section）"]


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(GOOD.encode("gb18030"))
    assert lines(path)[0].startswith(f"{path}:line ") and "UTF-8" in lines(path)[0]
    assert lines(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}:-: 文件不存在（file not found）"]


def test_duplicate_checklist_id_across_files_keeps_the_first(tmp_path: Path) -> None:
    a, b = write(tmp_path, GOOD, "a.toml"), write(tmp_path, GOOD, "b.toml")
    checklists, problems = check_paths([tmp_path])
    assert [c.source for c in checklists] == [str(a)]
    assert [str(p) for p in problems] == [f"{b}:-: 检查表 id “demo” 与 {a} 重复（duplicate checklist id）"]


def test_registry_leaves_a_broken_file_out_and_loads_the_rest(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "good.toml")
    write(tmp_path, GOOD.replace('id = "demo"', 'id = "other"').replace('answer = "number"', 'answer = "num"'),
          "broken.toml")
    write(tmp_path, 'version = 1\n\n[[items]]\nid = "x"\ncategory = "基础类"\nzh = "屋面防水"\nen = "Roof"\n'
                    'checklist_items = ["D-01", "Z-99"]\n', "renovation-items.toml")
    reg = load_registry(tmp_path)
    assert list(reg.checklists) == ["demo"]
    assert [str(p) for p in reg.problems] == [
        f"{tmp_path / 'broken.toml'}:D-02: “answer” 的值 “num” 无效"
        "（invalid answer; 可选：yes-no-na / number / text / date / choice）",
        f"{tmp_path / 'renovation-items.toml'}:x: 检查项 “Z-99” 不存在（unknown checklist item）",
    ]
    assert reg.renovation_items == []  # a catalogue with a problem is left out as a whole


def test_renovation_catalogue_problems(tmp_path: Path) -> None:
    from inspector.checklists.renovation import load_renovation_file

    path = write(tmp_path, 'version = 1\nextra = 1\n\n[[items]]\nid = "a"\ncategory = "其他类"\nzh = "甲"\n'
                           'en = "A"\n\n[[items]]\nid = "a"\ncategory = "基础类"\nzh = "乙"\n', "renovation-items.toml")
    cat, problems = load_renovation_file(path)
    assert cat is None
    assert [str(p) for p in problems] == [
        f"{path}:extra: 未知的键 “extra”（unknown key; 允许：common_checklists, common_items, items, version）",
        f"{path}:a: “category” 的值 “其他类” 无效（invalid category; 可选：基础类 / 完善类 / 提升类 / 引导类）",
        f"{path}:a: 改造内容 id 重复（duplicate id）",
        f"{path}:a: 缺少 “en”（missing en）",
    ]


def test_every_item_needs_a_basis_the_citation_table_knows(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('basis = "质量条例31; 见证规定"\n', ""))
    assert lines(path) == [f'{path}:D-02: 缺少依据 basis（写法规简称和条款，或写 basis = "本站规定"）']
    path = write(tmp_path, GOOD.replace('basis = "质量条例57"', 'basis = "质量管理条例57"'))
    assert lines(path) == [f"{path}:D-01: 依据“质量管理条例57”的简称不在 citations.toml 中（unknown citation key）"]
    path = write(tmp_path, GOOD.replace('basis = "质量条例57"', 'basis = "质量条例 见证条款"'))
    assert lines(path) == [f"{path}:D-01: 依据“质量条例 见证条款”：条款“见证条款”应写作 57、56(六)、12(四)(五) 或 8第2款"]
    # The station's own rule says so plainly, and is accepted.
    checklist, problems = load_checklist_file(write(tmp_path, GOOD.replace('basis = "质量条例57"', 'basis = "本站规定"')))
    assert problems == [] and checklist.items[0].basis == "本站规定"


def test_when_and_derive_are_checked(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('photo = "required-on-fail"', 'photo = "required-on-fail"\nwhen = "rain > 1"'))
    assert lines(path) == [f'{path}:D-01: when = "rain > 1" 无效；应写作 "wind_level >= 5"，可用：wind_level, temperature_c']
    path = write(tmp_path, GOOD.replace('photo = "required-on-fail"', 'photo = "required-on-fail"\nderive = "pm_attendance_rate"'))
    assert lines(path) == [f'{path}:D-01: derive 只用于 number 类型的检查项（derive is only for answer = "number"）']
