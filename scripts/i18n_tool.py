"""Helpers for scripts/update-translations (English translation of the Chinese UI).

  i18n_tool.py dynamic OUT.py      write QT_TRANSLATE_NOOP lines for strings lupdate cannot see
                                   (labels translated through a variable, e.g. the section names)
  i18n_tool.py unfinished TS       print "context<TAB>source<TAB>" for every untranslated message
  i18n_tool.py fill TS TSV         put the translations of TSV ("context<TAB>source<TAB>english")
                                   into TS; a context of "*" matches any context
  i18n_tool.py check               list tr() calls whose text is not a literal and could not be
                                   traced back to literals (they would stay untranslated), and
                                   Column/Field declarations whose texts cannot be collected

Besides tr() texts, plain Chinese declarations translated at display time are collected:
table headers `Column("…", …)` (context "Columns", RowTableModel.headerData), form labels
`Field(name, "…", …)` (context "Fields", FieldForm) and fixed choice values (context "Choices":
every Field's choices and the Chinese values of the StrEnums in inspector/domain/vocab.py).
"""

from __future__ import annotations

import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = [REPO / "inspector" / "ui", REPO / "inspector" / "app.py"]


def source_files() -> list[Path]:
    files: list[Path] = []
    for src in SOURCES:
        files += sorted(src.rglob("*.py")) if src.is_dir() else [src]
    return files


# Texts that reach tr() through a variable: (context = the class whose tr() is called, module,
# attribute, how to get the strings out of it). A missing module or attribute is reported, not
# fatal: the code moves under our feet.
_DYNAMIC_TABLES = [
    ("MainWindow", "inspector.ui.views.registry", "VIEWS", lambda v: [x[1] for x in v]),
    ("ChecklistModel", "inspector.ui.models.checklist", "HEADERS", list),
    ("AnswerDelegate", "inspector.ui.models.checklist", "YN_LABELS", lambda v: list(v.values())),
    ("InspectionsView", "inspector.domain.vocab", "INSPECTION_STATUS_LABELS", lambda v: list(v.values())),
    ("RectificationsView", "inspector.ui.views.rectifications", "FILTERS", lambda v: [x[0] for x in v]),
    ("PdfPreviewDialog", "inspector.domain.kinds", "KIND_LABELS", lambda v: list(v.values())),
    ("Choices", "inspector.ui.views.inspection_editor", "WEATHER", lambda v: [x for x in v if x]),
    ("Shortcuts", "inspector.ui.shortcuts", "CHECKLIST_KEYS", lambda v: [x[1] for x in v]),
    ("Identity", "inspector.domain.rules.identity", "MESSAGES", lambda v: list(v.values())),
    ("Choices", "inspector.domain.vocab", "FINDING_STATUS_LABELS", lambda v: list(v.values())),
    ("Choices", "inspector.domain.vocab", "RECTIFICATION_STATUS_LABELS", lambda v: list(v.values())),
    ("Choices", "inspector.domain.vocab", "COMPLAINT_STATUS_LABELS", lambda v: list(v.values())),
    ("Choices", "inspector.domain.vocab", "INSPECTION_STATUS_LABELS", lambda v: list(v.values())),
    ("Choices", "inspector.domain.rules.acceptance", "TESTED_MATERIALS",
     lambda v: [x[0] for x in v.values()] + [x[1] for x in v.values()] + ["未填", "未填写"]),
    # Sentences the rules write in Chinese, shown translated by inspector.ui.texts.
    ("Sentences", "inspector.ui.texts", "templates", lambda f: f()),
    ("Sentences", "inspector.domain.rules.redflags", "RULE_TITLES", lambda v: list(v.values())),
    # The acceptance record's 核查 rows and functional tests, and the handover's lists.
    ("Acceptance", "inspector.domain.rules.acceptance", "COUNT_ROWS",
     lambda v: [x[1] for x in v] + [f[1] for x in v for f in x[2]]),
    ("Acceptance", "inspector.domain.rules.acceptance", "FUNCTIONAL_TESTS", list),
    ("Acceptance", "inspector.domain.rules.acceptance", "FUNCTIONAL_RESULTS", lambda v: [x or "未做" for x in v]),
    ("Handover", "inspector.domain.rules.acceptance", "LIST_FIELDS", lambda v: [x[1] for x in v]),
    ("Handover", "inspector.ui.views.acceptance_handover", "LIST_LABELS", lambda v: list(v.values())),
    ("Handover", "inspector.ui.views.acceptance_handover", "_HEADERS", lambda v: list(v.values())),
    ("Choices", "inspector.domain.vocab", "REFERRAL_AUTHORITY_NAMES", list),
]
# Literal texts passed through a helper before tr() (ProjectsView._add_action).
_DYNAMIC_LITERALS = [
    ("ProjectsView", ["新建项目", "搜索", "关闭项目", "刷新"]),
    ("Language", ["zh"]),  # inspector.ui.i18n.ui_language: "en" in the English translation
    ("MainWindow", ["老旧小区改造质量安全监督"]),  # inspector.APP_TITLE_ZH, in the window title
    # Why an item keeps an inspection from completion (services.inspections, checklists.model).
    ("Sentences", ["未作答（必填）", "须附照片", "选择“不适用”须在备注中说明理由", "不符合时须在备注中说明具体情况"]),
    # Words of the rules shown through translate("Choices", value): notice titles and verdicts.
    ("Choices", ["责令整改通知书", "停工整改通知书", "整改回复单", "竣工联合验收记录", "监督检查记录", "移交记录", "案件线索移送函", "同意销项", "未整改到位", "未复验", "无需复验",
                 "待核实", "已确认", "已排除", "接通", "未接通", "级", "材料批次"]),
]


def dynamic_strings() -> list[tuple[str, str]]:
    """(context, text) pairs translated at run time through a variable."""
    import importlib

    sys.path.insert(0, str(REPO))
    out = [(ctx, text) for ctx, texts in _DYNAMIC_LITERALS for text in texts]
    out += inferred_strings()[0]
    out += declared_strings()[0]
    for ctx, module, attr, pick in _DYNAMIC_TABLES:
        try:
            value = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:
            print(f"warning: dynamic strings {module}.{attr} not found ({exc})", file=sys.stderr)
            continue
        out += [(ctx, text) for text in pick(value)]
    return out


def write_dynamic(out: Path) -> None:
    lines = ["# Generated by scripts/i18n_tool.py for lupdate; not part of the app.",
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    lines += [f"QT_TRANSLATE_NOOP({ctx!r}, {text!r})" for ctx, text in dict.fromkeys(dynamic_strings())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _messages(root: ET.Element):
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            yield name, msg


def unfinished(ts: Path) -> list[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    out = []
    for name, msg in _messages(root):
        tr = msg.find("translation")
        forms = [] if tr is None else tr.findall("numerusform")
        empty = any(not (f.text or "").strip() for f in forms) if forms else not (tr.text or "").strip()
        if tr is not None and (tr.get("type") == "unfinished" or empty):
            if tr.get("type") not in ("obsolete", "vanished"):
                out.append((name, msg.findtext("source") or ""))
    return out


def fill(ts: Path, tsv: Path) -> int:
    table: dict[tuple[str, str], str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ctx, src, eng = line.split("\t")
        table[(ctx, src.replace("\\n", "\n"))] = eng.replace("\\n", "\n")
    tree = ET.parse(ts)
    n = 0
    for name, msg in _messages(tree.getroot()):
        src = msg.findtext("source") or ""
        eng = table.get((name, src), table.get(("*", src)))
        tr = msg.find("translation")
        if eng is None or tr is None:
            continue
        forms = tr.findall("numerusform")
        if msg.get("numerus") == "yes" and forms:
            # Plural message (%n): English forms separated by "|", e.g. "%n page|%n pages".
            for form, text in zip(forms, eng.split("|"), strict=True):
                form.text = text
        else:
            tr.text = eng
        tr.attrib.pop("type", None)
        n += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return n


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _module_value(module: str, name: str) -> object:
    """A module-level (or imported) name's value, by importing the module: tables are often
    built from other tables, which the AST alone cannot evaluate."""
    import importlib

    sys.path.insert(0, str(REPO))
    return getattr(importlib.import_module(module), name)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise LookupError(f"not text: {value!r:.60}")


def _path_to(target: ast.expr, name: str) -> list[int] | None:
    """Where `name` sits in a for-loop target: [] for `for name in`, [1, 0] for `for a, (name, b) in`."""
    if isinstance(target, ast.Name):
        return [] if target.id == name else None
    if isinstance(target, ast.Tuple):
        for i, elt in enumerate(target.elts):
            sub = _path_to(elt, name)
            if sub is not None:
                return [i, *sub]
    return None


def _pick(item: object, path: list[int]) -> object:
    for i in path:
        item = item.elts[i] if isinstance(item, ast.Tuple | ast.List) else item[i]  # type: ignore[index]
    return item


class _Resolver:
    """Finds the literal texts that reach a non-literal `self.tr(x)`: x a loop variable over a
    literal or module-level table, a parameter of a helper method called with literals, a
    subscript of a module-level table, or a module-level string."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.module = _module_name(path)
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def enclosing(self, node: ast.AST, kind: type | tuple[type, ...]) -> ast.AST | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, kind):
                return node
        return None

    def resolve(self, expr: ast.expr, at: ast.AST, depth: int = 0) -> list[str]:
        if depth > 3:
            raise LookupError("too deep")
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value]
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name):
            value = _module_value(self.module, expr.value.id)
            return _texts(list(value.values()) if isinstance(value, dict) else value)  # type: ignore[union-attr]
        if not isinstance(expr, ast.Name):
            raise LookupError(f"unsupported {ast.unparse(expr)}")
        name = expr.id
        node: ast.AST | None = at
        while (node := self.enclosing(node, (ast.For, ast.FunctionDef))) is not None:  # type: ignore[arg-type]
            if isinstance(node, ast.For) and (path := _path_to(node.target, name)) is not None:
                return [t for item in self.items(node.iter) for t in self.resolve_item(_pick(item, path), node, depth)]
            if isinstance(node, ast.FunctionDef):
                params = [a.arg for a in node.args.args]
                if name in params:
                    return self.from_callers(node, params.index(name), name, depth)
                break
        return _texts(_module_value(self.module, name))

    def resolve_item(self, item: object, at: ast.AST, depth: int) -> list[str]:
        return self.resolve(item, at, depth + 1) if isinstance(item, ast.expr) else _texts(item)

    def items(self, it: ast.expr) -> list[object]:
        """The elements a for loop walks: AST nodes for a literal, values for a module-level table."""
        if isinstance(it, ast.Tuple | ast.List):
            return list(it.elts)
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "enumerate":
            return [(i, x) for i, x in enumerate(self.items(it.args[0]))]
        if (isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and not it.args
                and it.func.attr in ("items", "values", "keys") and isinstance(it.func.value, ast.Name)):
            return list(getattr(_module_value(self.module, it.func.value.id), it.func.attr)())
        if isinstance(it, ast.Name):
            return list(_module_value(self.module, it.id))  # type: ignore[call-overload]
        raise LookupError(f"unsupported loop over {ast.unparse(it)}")

    def from_callers(self, func: ast.FunctionDef, index: int, name: str, depth: int) -> list[str]:
        """A helper's parameter: the texts its callers in the same class pass (self.helper("…"))."""
        cls = self.enclosing(func, ast.ClassDef)
        if cls is None or index == 0:
            raise LookupError(f"parameter {name} of a function outside a class")
        out: list[str] = []
        for call in ast.walk(cls):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == func.name and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "self"):
                continue
            args = [kw.value for kw in call.keywords if kw.arg == name]
            args += call.args[index - 1:index]
            if not args:
                raise LookupError(f"a call of {func.name} without {name}")
            out += self.resolve(args[0], call, depth + 1)
        if not out:
            raise LookupError(f"no calls of {func.name}")
        return out


def _translate_wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level `def _tr(text): return QCoreApplication.translate("Ctx", text)` → {"_tr": "Ctx"}."""
    out = {}
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and len(fn.body) == 1 and isinstance(fn.body[0], ast.Return):
            call = fn.body[0].value
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate" and call.args
                    and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                out[fn.name] = call.args[0].value
    return out


def inferred_strings() -> tuple[list[tuple[str, str]], list[str]]:
    """(context, text) pairs found behind non-literal tr() calls and translate() wrappers, and
    the calls that could not be resolved (to be listed in _DYNAMIC_TABLES or made literal)."""
    found: list[tuple[str, str]] = []
    unresolved: list[str] = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        resolver = _Resolver(path, tree)
        wrappers = _translate_wrappers(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            arg = node.args[0]
            literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if isinstance(node.func, ast.Name) and node.func.id in wrappers:
                if literal:
                    found.append((wrappers[node.func.id], arg.value))
                else:
                    unresolved.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)}")
                continue
            where = f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node.func)}({ast.unparse(arg)})"
            if isinstance(node.func, ast.Name) and node.func.id == "tr":
                # lupdate files a bare tr("…") under an empty context, which nothing looks up.
                unresolved.append(where + " (bare tr(): use self.tr or QCoreApplication.translate)")
                continue
            if not (isinstance(node.func, ast.Attribute) and node.func.attr == "tr"):
                continue
            cls = resolver.enclosing(node, ast.ClassDef)
            if cls is None or not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
                # lupdate takes `parent` in parent.tr(…) for the context; at run time it is the
                # object's class: the two never match.
                unresolved.append(where + " (not self.tr in a class: use QCoreApplication.translate)")
                continue
            if literal:
                continue
            try:
                found += [(cls.name, text) for text in resolver.resolve(arg, node)]  # type: ignore[attr-defined]
            except (LookupError, ImportError, AttributeError, TypeError, IndexError) as exc:
                unresolved.append(f"{where} ({exc})")
    return found, unresolved


DECLARED_SOURCES = [REPO / "inspector"]
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _arg(node: ast.Call, index: int, name: str) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == name:
            return kw.value
    return node.args[index] if len(node.args) > index else None


def _choice_values(module: str, expr: ast.expr) -> list[str]:
    """A Field's `choices=` expression, evaluated in its module (tables are built from enums);
    `a if cond else b` gives the values of both."""
    import importlib

    if isinstance(expr, ast.IfExp):
        return _choice_values(module, expr.body) + _choice_values(module, expr.orelse)
    sys.path.insert(0, str(REPO))
    namespace = vars(importlib.import_module(module))
    try:
        value = eval(compile(ast.Expression(expr), "<choices>", "eval"), dict(namespace))  # noqa: S307
    except NameError as exc:
        raise LookupError(f"choices not computable from module names ({exc})") from None
    return [str(v) for v in value]


def vocab_choices() -> list[str]:
    """The Chinese values of every StrEnum in inspector.domain.vocab (codes such as "draft" are
    shown through their *_LABELS tables instead)."""
    import enum
    import importlib

    sys.path.insert(0, str(REPO))
    vocab = importlib.import_module("inspector.domain.vocab")
    out: list[str] = []
    for obj in vars(vocab).values():
        if isinstance(obj, type) and issubclass(obj, enum.StrEnum) and obj is not enum.StrEnum:
            out += [m.value for m in obj if _CJK.search(m.value)]
    return out


def declared_strings() -> tuple[list[tuple[str, str]], list[str]]:
    """("Columns", header), ("Fields", label) and ("Choices", value) pairs from the Column(...)
    and Field(...) declarations and the vocabulary, and the declarations whose texts are not
    literals (or computable choices): they would show untranslated."""
    found: list[tuple[str, str]] = []
    bad: list[str] = []
    files = [f for src in DECLARED_SOURCES for f in sorted(src.rglob("*.py"))]
    for path in files:
        text = path.read_text(encoding="utf-8")
        if "Column(" not in text and "Field(" not in text:
            continue
        where = str(path.relative_to(REPO))
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            kind = _call_name(node)
            # Column outside the UI is SQLAlchemy's (migrations, reports), not a table header.
            if kind not in ("Column", "Field") or (kind == "Column" and "ui" not in path.relative_to(REPO).parts):
                continue
            ctx, expr = ("Columns", _arg(node, 0, "header")) if kind == "Column" else ("Fields", _arg(node, 1, "label"))
            if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                found.append((ctx, expr.value))
            elif expr is not None:
                bad.append(f"{where}:{node.lineno}: {kind}({ast.unparse(expr)}, …) (not a literal)")
            choices = _arg(node, 4, "choices") if kind == "Field" else None
            if choices is not None:
                try:
                    found += [("Choices", c) for c in _choice_values(_module_name(path), choices) if c]
                except (LookupError, ImportError, TypeError) as exc:
                    bad.append(f"{where}:{node.lineno}: choices={ast.unparse(choices)} ({exc})")
    found += [("Choices", c) for c in vocab_choices()]
    return list(dict.fromkeys(found)), bad


def nonliteral_tr_calls() -> list[str]:
    """tr() calls whose texts lupdate cannot see and this tool cannot find either, and
    Column/Field declarations whose texts cannot be collected."""
    return inferred_strings()[1] + declared_strings()[1]


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else ""
    if cmd == "dynamic":
        write_dynamic(Path(argv[1]))
    elif cmd == "unfinished":
        for ctx, src in unfinished(Path(argv[1])):
            src = src.replace("\n", "\\n")
            print(f"{ctx}\t{src}\t")
    elif cmd == "fill":
        print(f"filled {fill(Path(argv[1]), Path(argv[2]))} translations")
    elif cmd == "check":
        for line in nonliteral_tr_calls():
            print(line)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
