"""The tree loader: the shipped tree is valid, and every kind of broken tree is reported with its line."""

from __future__ import annotations

import json
import re

import pytest

from advisor import yamlio
from advisor.errors import TreeError
from advisor.models import LANGS, MODELS, Decision, Leaf
from advisor.tree import default_tree_path, load_tree, parse, validate
from tests.helpers import FIXTURES, ROOT

TREES = FIXTURES / "trees"


def test_shipped_tree_is_valid():
    assert validate() == []


def test_shipped_tree_is_the_repository_root_file():
    assert default_tree_path().read_bytes() == (ROOT / "decision_tree.yaml").read_bytes()


def test_every_leaf_names_a_known_model_and_every_model_is_reachable():
    tree = load_tree()
    leaves = [n for n in tree.nodes.values() if isinstance(n, Leaf)]
    assert {leaf.model for leaf in leaves} == set(MODELS)


def test_question_flags_match_the_documented_table():
    tree = load_tree()
    table = {q.flag: (q.kind, q.default) for q in tree.questions.values()}
    assert table == {
        "--cpu-bound": ("yesno", None),
        "--multi-machine": ("yesno", False),
        "--free-threaded": ("yesno", "auto"),
        "--native-code": ("yesno", False),
        "--program": ("choice", "script"),
        "--cpu-heavy-steps": ("yesno", False),
        "--concurrency": ("integer", None),
        "--shared-memory": ("yesno", None),
        "--async-libs": ("yesno", False),
        "--async-app": ("yesno", None),
    }
    assert [c.value for c in tree.questions["program"].choices] == [
        "script",
        "service",
        "gui",
        "notebook",
    ]
    assert tree.questions["concurrency"].minimum == 1


@pytest.mark.parametrize(
    ("name", "cpu_chain", "io_chain"),
    [
        # The chapter's flowchart, verbatim: CPU-bound is a leaf; I/O asks scale, shared
        # memory, libraries (and the one split of its either/or leaf).
        ("seed", [], ["concurrency", "shared_memory", "async_libs", "async_app"]),
        # The default tree: machines, program, native code, free-threading; I/O: program,
        # scale, CPU steps, then libraries; CPU-heavy steps then ask native code and
        # free-threading, like CPU-bound work.
        (
            None,
            ["multi_machine", "program", "native_code", "free_threaded"],
            [
                "program",
                "concurrency",
                "cpu_heavy_steps",
                "async_libs",
                "native_code",
                "free_threaded",
            ],
        ),
    ],
)
def test_order_and_threshold(name, cpu_chain, io_chain):
    tree = load_tree(name)

    def chain(start: str) -> list[str]:
        order, node = [], tree.nodes[start]
        while isinstance(node, Decision):
            order.append(node.question)
            # follow the branch that does not end in a leaf
            node = next(
                (
                    tree.nodes[b.target]
                    for b in node.branches
                    if isinstance(tree.nodes[b.target], Decision)
                ),
                None,
            )
        return order

    first = tree.nodes[tree.start]
    assert isinstance(first, Decision)
    assert first.question == "cpu_bound"
    cpu = next(tree.nodes[b.target] for b in first.branches if b.condition.value is True)
    io = next(tree.nodes[b.target] for b in first.branches if b.condition.value is False)
    assert chain(cpu.id) == cpu_chain
    assert chain(io.id) == io_chain
    scale = tree.nodes["io_scale"]
    assert scale.branches[0].condition.op == "gt"
    assert scale.branches[0].condition.value == 100


def test_every_text_in_the_shipped_tree_has_every_language():
    tree = load_tree()
    texts = []
    for q in tree.questions.values():
        texts += [q.prompt, q.help, *(d.why for d in q.derive)]
    for node in tree.nodes.values():
        if isinstance(node, Leaf):
            texts += [
                node.title,
                node.justification,
                *(c.text for c in node.caveats),
                *(a.why for a in node.alternatives),
            ]
        else:
            texts += [b.why for b in node.branches]
    for model in tree.models.values():
        texts += [
            model.name,
            model.summary,
            *(p.title for p in model.pitfalls),
            *(p.detail for p in model.pitfalls),
        ]
    for text in texts:
        for lang in LANGS:
            assert text.get(lang).strip(), text
    # zh-TW texts really are Chinese, not copies of the English
    assert all(
        re.search(r"[\u4e00-\u9fff]", t.get("zh-TW"))
        for t in texts
        if t is not None and t.get("en") != t.get("zh-TW")
    )


def invalid_trees() -> list[pytest.param]:
    params = []
    for path in sorted(TREES.glob("invalid_*.yaml")):
        header = path.read_text(encoding="utf-8").splitlines()[:2]
        expect = header[0].split("expect: ", 1)[1]
        line = int(header[1].split("line: ", 1)[1].split()[0])
        params.append(pytest.param(path, expect, line, id=path.stem))
    return params


@pytest.mark.parametrize(("path", "expect", "line"), invalid_trees())
def test_invalid_tree_is_reported_with_file_and_line(path, expect, line):
    problems = validate(path)
    matching = [p for p in problems if expect in p.message]
    assert matching, problems
    assert len(set(problems)) == len(problems), problems  # each problem said once
    assert matching[0].line == line
    assert matching[0].source == str(path)
    assert str(matching[0]).startswith(f"{path}:{line}: ")
    with pytest.raises(TreeError) as info:
        load_tree(path)
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)


def test_valid_custom_tree_loads():
    tree = load_tree(TREES / "valid_custom.yaml")
    assert tree.question_by_flag("--team-size") is not None


def test_edited_tree_is_reloaded(tmp_path):
    path = tmp_path / "tree.yaml"
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_tree(path).questions["team_size"].maximum == 1000
    path.write_text(text.replace("maximum: 1000", "maximum: 999"), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))  # a different mtime, even on coarse clocks
    assert load_tree(path).questions["team_size"].maximum == 999


# --- wrong types, unknown keys, ids: checked on parsed data, located by the key's line ---

CHOICE_TREE = TREES / "valid_choice.yaml"


def test_valid_choice_tree_loads():
    tree = load_tree(CHOICE_TREE)
    assert tree.questions["api_version"].default == "2"
    assert tree.questions["free_threaded"].detect == "free_threading"
    assert tree.models["threading"].pitfalls[0].rule == "ADV900"


def _located(value):
    """A replacement value as yamlio would have built it."""
    if isinstance(value, dict):
        result = yamlio.LocatedDict({k: _located(v) for k, v in value.items()})
        result.line, result.key_lines = 1, {}
        return result
    if isinstance(value, list):
        return [_located(v) for v in value]
    return value


def _at(data, path: str):
    """The mapping or list at a dotted path such as ``nodes.api.branches.0``."""
    for part in path.split(".") if path else []:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _problems(data, source: str = "t.yaml") -> list:
    """What `parse` reports; anything it raises but TreeError fails the test."""
    try:
        parse(data, source)
    except TreeError as exc:
        return list(exc.problems)
    return []


LIST_FIELDS = [
    ("questions.api_version", "choices"),
    ("nodes.api", "branches"),
    ("nodes.threads", "alternatives"),
    ("nodes.threads", "caveats"),
    ("models.threading", "pitfalls"),
]


@pytest.mark.parametrize("value", [5, True, "Watch out", {"en": "x"}], ids=repr)
@pytest.mark.parametrize(("where", "field"), LIST_FIELDS, ids=[f for _, f in LIST_FIELDS])
def test_a_list_field_of_another_type_is_one_located_problem(where, field, value):
    data = yamlio.load_path(CHOICE_TREE)
    _at(data, where)[field] = _located(value)
    problems = [p for p in _problems(data) if p.line == _at(data, where).line_of(field)]
    assert [p.message for p in problems if field in p.message] == [p.message for p in problems], (
        problems
    )
    (problem,) = problems
    assert f"{field!r} must be a list, not a " in problem.message


TYPOS = [
    ("", "modles", "models"),
    ("questions.api_version", "defualt", "default"),
    ("questions.api_version", "minimun", "minimum"),
    ("questions.api_version.choices.0", "lable", "label"),
    ("nodes.api", "brances", "branches"),
    ("nodes.api.branches.0", "got", "goto"),
    ("nodes.threads", "alternatvies", "alternatives"),
    ("nodes.threads", "caveat", "caveats"),
    ("nodes.threads.alternatives.0", "modle", "model"),
    ("models.threading", "pitfals", "pitfalls"),
    ("models.threading.pitfalls.0", "rulle", "rule"),
]


@pytest.mark.parametrize(("where", "key", "meant"), TYPOS, ids=[t[1] for t in TYPOS])
def test_an_unknown_key_is_reported_with_a_suggestion(where, key, meant):
    data = yamlio.load_path(CHOICE_TREE)
    mapping = _at(data, where)
    mapping[key] = mapping.get(meant, 1)
    mapping.key_lines[key] = 999
    messages = [p.message for p in _problems(data) if p.line == 999]
    assert any(m.endswith(f"unknown key {key!r}; did you mean {meant!r}?") for m in messages)


def test_an_unknown_key_without_a_near_miss_lists_the_keys():
    data = yamlio.load_path(CHOICE_TREE)
    data["nodes"]["go_async"]["colour"] = "red"
    (problem,) = _problems(data)
    assert problem.message == (
        "node 'go_async': unknown key 'colour'; "
        "expected model, template, title, justification, alternatives, caveats"
    )


@pytest.mark.parametrize("good", ["missing-await", "missing_await", "adv101"])
def test_pitfall_ids_may_be_kebab_or_snake_case(good):
    data = yamlio.load_path(CHOICE_TREE)
    data["models"]["threading"]["pitfalls"][0]["id"] = good
    assert _problems(data) == []


@pytest.mark.parametrize("bad", ["Missing-await", "a b", 'x"y', "-x", "x--y", "1x"])
def test_pitfall_ids_with_quotes_spaces_or_capitals_are_rejected(bad):
    data = yamlio.load_path(CHOICE_TREE)
    data["models"]["threading"]["pitfalls"][0]["id"] = bad
    (problem,) = _problems(data)
    assert f"pitfall id {bad!r} may only hold a-z, 0-9, - and _" in problem.message


def test_detect_names_come_from_the_facts_advisor_knows():
    from advisor.detect import FACTS, environment_facts

    assert tuple(environment_facts()) == FACTS
    data = yamlio.load_path(CHOICE_TREE)
    data["questions"]["free_threaded"]["detect"] = "gpu"
    (problem,) = _problems(data)
    assert problem.line == data["questions"]["free_threaded"].line_of("detect")
    assert problem.message.endswith(f"unknown fact 'gpu'; advisor knows {', '.join(FACTS)}")


def test_importing_the_tree_module_stays_light():
    import subprocess
    import sys

    code = "import sys, advisor.tree; print(sorted({'advisor.detect', 'yaml', 'difflib'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- numbers Python cannot print, and other values PyYAML cannot build ---


@pytest.mark.parametrize(
    "spelling",
    ["9" * 5000, "-" + "9" * 5000, "0x" + "f" * 4000, "0b" + "1" * 15000, "1" + ":59" * 2500],
    ids=["decimal", "negative", "hex", "binary", "sexagesimal"],
)
def test_a_number_too_long_to_print_is_a_located_problem(tmp_path, spelling):
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    path = tmp_path / "tree.yaml"
    path.write_text(text.replace("maximum: 1000", f"maximum: {spelling}"), encoding="utf-8")
    (problem,) = validate(path)
    assert problem.line == 9
    assert problem.message == "number too long (more than 4300 digits); use a smaller number"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: " + "9" * 5000, 2, "number too long"),
        ("a: 1\n? " + "9" * 5000 + "\n: x", 2, "number too long"),
        ("a:\n  - 2001-13-45", 2, "invalid date '2001-13-45' (month must be in 1..12); quote it"),
    ],
    ids=["value", "key", "date"],
)
def test_yamlio_turns_value_errors_into_located_errors(text, line, message):
    with pytest.raises(yamlio.YAMLFileError) as info:
        yamlio.loads(text)
    assert info.value.line == line
    assert message in str(info.value)
    assert "\n" not in str(info.value)


# --- fuzz: no value of any type anywhere makes the loader raise anything but TreeError ---

FUZZ_VALUES = [
    0,
    5,
    2.5,
    True,
    False,
    None,
    "x",
    "",
    [],
    [1, "x"],
    [{"x": 1}],
    {"x": 1, 7: None},
    {},
]
#: The brief form for the big shipped tree: an int, a string, a list, a mapping, null.
FEW_VALUES = [5, "x", [1, "x"], {"x": 1, 7: None}, None]


def _slots(data, path=()):
    """(container, key, shape) for every value; shape drops the ids and list positions."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        shape = (*path, "#" if isinstance(key, int) or len(path) == 1 else key)
        yield data, key, shape
        if isinstance(value, (dict, list)):
            yield from _slots(value, shape)


def _fuzz(data, source: str, *, every: bool, texts: bool = True, values=FUZZ_VALUES) -> int:
    """Replace each value in turn; *every* occurrence or one per shape; inside texts or not."""
    runs, seen = 0, set()
    for container, key, shape in list(_slots(data)):
        if (not every and shape in seen) or (not texts and key in LANGS):
            continue
        seen.add(shape)
        original = container[key]
        for value in values:
            container[key] = _located(value)
            runs += 1
            problems = _problems(data, source)
            assert all(isinstance(p.line, int) and p.message for p in problems)
        container[key] = original
    return runs


def test_fuzz_wrong_types_give_problems_never_crashes():
    """Each value of the fixtures (and each kind of value in the shipped tree) replaced by
    every type of value: parse, which `validate` runs on the loaded YAML, only raises TreeError."""
    custom = TREES / "valid_custom.yaml"
    runs = _fuzz(yamlio.load_path(custom), str(custom), every=True)
    runs += _fuzz(yamlio.load_path(CHOICE_TREE), str(CHOICE_TREE), every=True, texts=False)
    shipped = default_tree_path()
    runs += _fuzz(
        yamlio.load_path(shipped), str(shipped), every=False, texts=False, values=FEW_VALUES
    )
    assert runs > 1500


def test_fuzz_each_scalar_in_the_file_text(tmp_path, monkeypatch):
    """The same through `validate(path)`, from the text: YAML spellings of each type."""
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    path = TREES / "valid_custom.yaml"
    spellings = ["7", "'text'", "[1, a]", "{a: 1}", "null", "2001-13-45"]
    lines = path.read_text(encoding="utf-8").splitlines()
    n = 0
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*(?:- )?[\w-]+:) \S", line)
        if not match:
            continue
        for spelling in spellings:
            n += 1
            case = tmp_path / f"case{n}.yaml"
            edited = [*lines[:i], f"{match.group(1)} {spelling}", *lines[i + 1 :]]
            case.write_text("\n".join(edited) + "\n", encoding="utf-8")
            problems = validate(case)
            assert all(p.source == str(case) for p in problems)
    assert n > 200


def test_a_long_chain_of_nodes_is_checked_without_recursion(tmp_path):
    """Reachability and cycles are found with a loop: more nodes in a row than the recursion limit."""
    n = 1500
    nodes = {
        f"n{i}": {
            "question": "go",
            "branches": [
                {"otherwise": True, "goto": f"n{i + 1}", "why": {"en": "a", "zh-TW": "甲"}}
            ],
        }
        for i in range(n)
    }
    nodes[f"n{n}"] = {
        "model": "threading",
        "template": "threading",
        "title": {"en": "t", "zh-TW": "乙"},
        "justification": {"en": "j", "zh-TW": "丙"},
    }
    text = {"en": "x", "zh-TW": "丁"}
    data = {
        "version": 1,
        "start": "n0",
        "questions": {"go": {"flag": "--go", "kind": "yesno", "prompt": text, "help": text}},
        "nodes": nodes,
        "models": {"threading": {"name": text, "summary": text}},
    }
    path = tmp_path / "long.json"  # JSON is YAML too
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(load_tree(path).nodes) == n + 1
    nodes[f"n{n - 1}"]["branches"][0]["goto"] = "n0"  # and a cycle through all of them
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cycles = [p.message for p in validate(path) if p.message.startswith("cycle: ")]
    assert cycles == [f"cycle: {' -> '.join(f'n{i}' for i in range(n))} -> n0"]


SHIPPED_PROMPT = next(  # the shipped tree's first English prompt line, as written
    line.strip()
    for line in (default_tree_path()).read_text(encoding="utf-8").splitlines()
    if line.strip().startswith("en: Is the work CPU-bound")
)
TERMINAL_ESCAPES = [
    "\\e]52;c;cHduZWQ=\\a",  # OSC 52: writes the user's clipboard
    "\\e[2J",  # clears the screen
    "\\x9b31m",  # a C1 control (CSI) in one character
    "\\u202e",  # right-to-left override: text that reads other than it is
]


@pytest.mark.parametrize("escape", TERMINAL_ESCAPES)
@pytest.mark.parametrize(
    ("fixture", "old", "template"),
    [
        ("decision_tree.yaml", SHIPPED_PROMPT, 'en: "Is the work CPU-bound?{}"'),
        ("tests/fixtures/trees/valid_choice.yaml", 'value: "1"', 'value: "1{}"'),
        ("tests/fixtures/trees/valid_choice.yaml", "en: The old blocking API",
         'en: "The old blocking API{}"'),
    ],
)  # fmt: skip
def test_control_characters_in_tree_texts_are_located_problems(
    tmp_path, escape, fixture, old, template
):
    """Tree texts reach the terminal as they are (`advisor tree`, --help, `ask`): a
    downloaded tree must not be able to set the clipboard or clear the screen."""
    from tests.helpers import ROOT, run_advisor

    text = (ROOT / fixture).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tree.yaml"
    path.write_text(text.replace(old, template.format(escape), 1), encoding="utf-8")
    report = run_advisor("validate", str(path))
    assert report.code == 2
    assert "control character" in report.err
    assert re.search(r"tree\.yaml:\d+: ", report.err)
    shown = run_advisor("tree", "--tree", str(path), "--format", "plain")
    assert shown.code == 2
    assert all(line.isprintable() for line in (shown.out + shown.err).splitlines())


def test_tidy_joins_folded_chinese_but_keeps_the_space_after_code():
    from advisor.tree.checker import tidy

    assert tidy("zh-TW", "事件迴圈 卡住") == "事件迴圈卡住"
    assert tidy("zh-TW", "請呼叫, 然後") == "請呼叫,然後"
    assert tidy("zh-TW", "以 asyncio.run() 進入") == "以 asyncio.run() 進入"
    assert tidy("en", "a b") == "a b"


def test_a_derived_question_comes_after_the_questions_it_derives_from_on_every_path():
    """`--async-app` follows from `--program`: on every path that asks it, --program was
    asked before, so `ask` offers the derived answer (or skips a fixed one)."""
    tree = load_tree()

    def paths(nid: str, before: tuple[str, ...]):
        node = tree.nodes[nid]
        if not isinstance(node, Decision):
            yield before
            return
        for branch in node.branches:
            yield from paths(branch.target, (*before, node.question))

    derived = {
        q.id: {qid for d in q.derive for qid in d.when.questions}
        for q in tree.questions.values()
        if q.derive
    }
    assert derived == {"async_app": {"program"}}
    for path in paths(tree.start, ()):
        for qid, sources in derived.items():
            if qid in path:
                assert all(s in path[: path.index(qid)] for s in sources), path
