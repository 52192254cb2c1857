"""Citation keys of the forms printed in full, as records print them."""

from __future__ import annotations

from inspector.checklists.citations import cn_number, default_table, expand_basis, parse_basis


def test_articles_items_paragraphs_and_clauses() -> None:
    assert expand_basis("质量条例57") == "《建设工程质量管理条例》第五十七条"
    assert expand_basis("质量条例13、56(六)") == "《建设工程质量管理条例》第十三条、第五十六条第（六）项"
    assert expand_basis("发承包办法12(四)(五)").endswith("第十二条第（四）项、第（五）项")
    assert expand_basis("安全条例21第2款") == "《建设工程安全生产管理条例》第二十一条第二款"
    assert expand_basis("GB 50720 6.3.1") == "《建设工程施工现场消防安全技术规范》GB 50720-2011第6.3.1条"
    assert expand_basis("西宁方案 三(五); 青海方案 15") == (
        "《西宁市全面推进城镇老旧小区改造工作实施方案》三（五）；《青海省全面推进城镇老旧小区改造工作方案》"
        "（青政办〔2021〕13号）第15项")
    assert expand_basis("本站规定") == "本站监督工作要求（非法律法规规定）"
    assert [cn_number(n) for n in (7, 10, 12, 20, 57, 100, 103, 110, 278)] == [
        "七", "十", "十二", "二十", "五十七", "一百", "一百零三", "一百一十", "二百七十八"]


def test_old_forms_still_print_and_check_is_strict() -> None:
    # Bases of checklist versions answered before issue 10 still print, never as an English key.
    assert expand_basis("检测办法 见证条款") == "《建设工程质量检测管理办法》（住房和城乡建设部令第57号）见证条款"
    assert expand_basis("product standards; GB 50411") == "相关产品标准；《建筑节能工程施工质量验收标准》GB 50411-2019"
    assert expand_basis("GB 50720-2011 第6.3.1条") == "GB 50720-2011 第6.3.1条"
    assert expand_basis("某地方规定第3条") == "某地方规定第3条"
    assert parse_basis("检测办法 见证条款", default_table())[1] != []
    assert parse_basis("质量条例57; GB 55037", default_table())[1] == []
