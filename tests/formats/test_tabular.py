"""CoNLL, WebAnno TSV 3.x and UIMA CAS XMI: imported whole or refused, and given back.

The samples are written here for the tests, in the shapes INCEpTION, the CoNLL shared
tasks and Universal Dependencies use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.helpers import run
from tests.formats.tabular_compare import conll_facts, tsv_round_trip
from tui.core.document.diagnostics import DiagnosticSink
from tui.core.formats.conll.reading import read_conll
from tui.core.formats.conll.writing import dumps_conll
from tui.core.formats.tabular import import_file, known_format

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"

TSV = f"""#FORMAT=WebAnno TSV 3.3
#T_SP={NE}|identifier|value
#T_SP=webanno.custom.Claim|polarity|stance
#T_SP=webanno.custom.Event|ROLE_webanno.custom.Event:args_webanno.custom.EventArgsLink|{NE}
#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation
#T_RL=webanno.custom.Rel|label|BT_{NE}


#Text=Angela Merkel met Macron in Paris 😊 .
1-1\t0-6\tAngela\thttp://www.wikidata.org/entity/Q567[1]\tPER[1]\t_\t_\t_\t_\tnam[1]\tcoref->1-1\t_\t_\t
1-2\t7-13\tMerkel\thttp://www.wikidata.org/entity/Q567[1]\tPER[1]\t_\t_\t_\t_\tnam[1]\tcoref->1-1\t_\t_\t
1-3\t14-17\tmet\t_\t_\tpositive\tpro\tagent;theme\t1-1[1];1-4\t_\t_\t_\t_\t
1-4\t18-24\tMacron\t*\tPER\t_\t_\t_\t_\t_\t_\tmeets\t1-1[1_0]\t
1-5\t25-27\tin\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t
1-6\t28-33\tParis\t*\tLOC\t_\t_\t_\t_\t_\t_\t_\t_\t
1-7\t34-36\t😊\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t
1-8\t37-38\t.\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t

#Text=She said so .
2-1\t39-42\tShe\t_\t_\t_\t_\t_\t_\tpro[1]\t*->1-2\t_\t_\t
2-2\t43-47\tsaid\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t
2-3\t48-50\tso\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t
2-4\t51-52\t.\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t
"""
"""Sentence 1: a linked two-token name in a chain with 'She', a claim with two features
that hosts two slots, a relation, an emoji (two UTF-16 units)."""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_webanno_layers_become_entities_attributes_chains_and_relations(tmp_path: Path) -> None:
    sink = DiagnosticSink("in.tsv")
    (document,) = import_file("webanno", str(_write(tmp_path, "in.tsv", TSV)), sink)
    assert not sink.has_errors, sink.sorted()
    text = document.text
    assert text == "Angela Merkel met Macron in Paris 😊 .\nShe said so ."
    by_text = {
        tuple(text[m.span.start : m.span.end] for m in e.mentions): e for e in document.entities
    }
    merkel = by_text[("Angela Merkel",)]
    assert merkel.type == "PER"
    assert dict(merkel.links) == {"identifier": "http://www.wikidata.org/entity/Q567"}
    chain = by_text[("Angela Merkel", "She")]
    assert document.entity_types[chain.type].source.endswith("CoreferenceLink")
    assert [dict(m.attributes) for m in chain.mentions] == [
        {"referenceType": "nam", "referenceRelation": "coref"},
        {"referenceType": "pro"},
    ]
    (claim,) = [e for e in document.entities if e.type == "CLAIM"]
    assert dict(claim.mentions[0].attributes) == {"polarity": "positive", "stance": "pro"}
    assert by_text[("Paris",)].type == "LOC"
    kinds = sorted((r.type, dict(r.attributes).get("label")) for r in document.relations)
    assert kinds == [("agent", None), ("rel", "meets"), ("theme", None)]


def test_webanno_round_trip_gives_back_every_annotation() -> None:
    before, after, written = tsv_round_trip(TSV)
    assert after == before, written
    assert "1-7\t34-36\t😊" in written  # UTF-16 offsets, as INCEpTION counts


def test_webanno_import_writes_a_file_that_passes_check_strict(tmp_path: Path) -> None:
    source = _write(tmp_path, "doc.tsv", TSV)
    code, out, err = run("import", "webanno", str(source))
    assert code == 0, err
    assert (tmp_path / "doc.txt").read_text(encoding="utf-8").startswith("Angela Merkel")
    code, out, err = run("check", "--strict", str(tmp_path / "doc.yaml"))
    # Two layers on one span (a name and its chain link, a claim and an event on
    # 'met') are the source's; gloss warns of shared spans, nothing else.
    assert ": 0 error(s), 2 warning(s)" in out, out + err
    assert (out + err).count("[shared-span]") == 2
    code, out, err = run("export", "--format", "webanno", str(tmp_path / "doc.yaml"))
    assert code == 0 and out.startswith("#FORMAT=WebAnno TSV 3.3"), err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace("1-6\t28-33\tParis\t*\tLOC", "1-6\t28-33\tParis\t*"), "column"),
        (lambda s: s.replace("1-4\t18-24", "1-4\t18 24"), "token row"),
        (lambda s: s.replace("#FORMAT=WebAnno TSV 3.3", "#FORMAT=WebAnno TSV 2"), "not WebAnno"),
        (lambda s: s.replace("1-1[1_0]", "1-9[1_0]"), "no single NamedEntity"),
    ],
)
def test_a_webanno_file_read_in_part_is_refused_and_nothing_written(
    tmp_path: Path, change: object, message: str
) -> None:
    source = _write(tmp_path, "bad.tsv", change(TSV))  # type: ignore[operator]
    code, _out, err = run("import", "webanno", str(source))
    assert code == 1
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tsv"]


def test_a_zero_length_annotation_is_refused(tmp_path: Path) -> None:
    zero = TSV.replace("1-5\t25-27\tin\t_\t_", "1-5\t25-27\tin\t_\t_").replace(
        "1-6\t28-33", "1-5.1\t27-27\t\t*\tORG\t_\t_\t_\t_\t_\t_\t_\t_\t\n1-6\t28-33"
    )
    sink = DiagnosticSink("zero.tsv")
    assert import_file("webanno", str(_write(tmp_path, "zero.tsv", zero)), sink) == []
    assert "empty or outside the text" in sink.sorted()[0].message


# -- UIMA CAS XMI ------------------------------------------------------------------------

TYPESYSTEM = """<?xml version="1.0" encoding="UTF-8"?>
<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">
  <types>
    <typeDescription>
      <name>webanno.custom.Claim</name>
      <supertypeName>uima.tcas.Annotation</supertypeName>
      <features>
        <featureDescription><name>stance</name><rangeTypeName>uima.cas.String</rangeTypeName>
        </featureDescription>
      </features>
    </typeDescription>
    <typeDescription>
      <name>webanno.custom.Rel</name>
      <supertypeName>uima.tcas.Annotation</supertypeName>
      <features>
        <featureDescription><name>Governor</name><rangeTypeName>uima.tcas.Annotation</rangeTypeName>
        </featureDescription>
        <featureDescription><name>Dependent</name><rangeTypeName>uima.tcas.Annotation</rangeTypeName>
        </featureDescription>
        <featureDescription><name>label</name><rangeTypeName>uima.cas.String</rangeTypeName>
        </featureDescription>
      </features>
    </typeDescription>
  </types>
</typeSystemDescription>
"""

XMI = """<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI"
 xmlns:cas="http:///uima/cas.ecore" xmlns:type4="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore"
 xmlns:type2="http:///de/tudarmstadt/ukp/dkpro/core/api/coref/type.ecore"
 xmlns:type3="http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore"
 xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">
  <cas:NULL xmi:id="0"/>
  <type3:DocumentMetaData xmi:id="1" sofa="2" begin="0" end="36"
 documentTitle="A visit" documentId="d"/>
  <type4:NamedEntity xmi:id="10" sofa="2" begin="0" end="13"
 value="PER" identifier="http://www.wikidata.org/entity/Q567"/>
  <type4:NamedEntity xmi:id="11" sofa="2" begin="18" end="24" value="PER"/>
  <custom:Claim xmi:id="12" sofa="2" begin="14" end="17" stance="pro"/>
  <custom:Rel xmi:id="13" sofa="2" begin="18" end="24" Governor="10" Dependent="11" label="meets"/>
  <type2:CoreferenceLink xmi:id="20" sofa="2" begin="0" end="13"
 referenceType="nam" referenceRelation="coref" next="21"/>
  <type2:CoreferenceLink xmi:id="21" sofa="2" begin="28" end="31" referenceType="pro"/>
  <type2:CoreferenceChain xmi:id="22" sofa="2" first="20"/>
  <cas:Sofa xmi:id="2" sofaNum="1" sofaID="_InitialView"
 mimeType="text" sofaString="Angela Merkel met Macron 😊 She smiled."/>
  <cas:View sofa="2" members="1 10 11 12 13 20 21 22"/>
</xmi:XMI>
"""


def test_xmi_read_with_its_type_system_beside_it(tmp_path: Path) -> None:
    source = _write(tmp_path, "visit.xmi", XMI)
    _write(tmp_path, "TypeSystem.xml", TYPESYSTEM)
    sink = DiagnosticSink(str(source))
    (document,) = import_file("xmi", str(source), sink)
    assert not sink.has_errors, sink.sorted()
    text = document.text
    mentions = sorted(
        (text[m.span.start : m.span.end], document.entity_by_id[m.entity_id].type)
        for m in document.mentions
    )
    assert document.info.title == "A visit"
    assert ("She", "COREFERENCELINK") in mentions  # cassis gives code points, emoji before
    assert ("met", "CLAIM") in mentions
    (relation,) = document.relations
    assert dict(relation.attributes) == {"label": "meets"}
    code, out, err = run("import", "xmi", str(source))
    assert code == 0, err
    code, out, err = run("check", "--strict", str(tmp_path / "visit.yaml"))
    assert ": 0 error(s), 1 warning(s)" in out and "[shared-span]" in err, out + err


def test_xmi_without_the_types_it_uses_is_refused_and_names_the_option(tmp_path: Path) -> None:
    source = _write(tmp_path, "visit.xmi", XMI)
    code, _out, err = run("import", "xmi", str(source))
    assert code == 1
    assert "webanno.custom.Claim" in err and "--typesystem" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["visit.xmi"]
    ts = _write(tmp_path, "types.xml", TYPESYSTEM)
    code, _out, err = run("import", "xmi", str(source), "--typesystem", str(ts))
    assert code == 0, err


@pytest.mark.parametrize(
    "hostile",
    [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI">&b;</xmi:XMI>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI">&e;</xmi:XMI>',
    ],
)
def test_xmi_entities_are_refused_before_cassis_reads_anything(
    tmp_path: Path, hostile: str
) -> None:
    source = _write(tmp_path, "evil.xmi", hostile)
    code, _out, err = run("import", "xmi", str(source))
    assert code == 1
    assert "refused" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.xmi"]


# -- CoNLL ---------------------------------------------------------------------------

CONLL_2003 = """-DOCSTART- -X- -X- O

EU NNP B-NP I-ORG
rejects VBZ B-VP O
German JJ B-NP I-MISC
call NN I-NP O
. . O O

Peter NNP B-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP I-LOC
1996-08-22 CD I-NP O
"""


def test_conll_2003_documents_in_iob1_come_back_token_for_token(tmp_path: Path) -> None:
    sink = DiagnosticSink("in.conll")
    found = read_conll(CONLL_2003, "in.conll", "news", sink)
    assert [item.document.info.id for item in found] == ["news-1", "news-2"]
    first = found[0]
    assert first.scheme == "iob1"
    assert first.document.text == "EU rejects German call .\nPeter Blackburn"
    names = {(e.type, e.name) for e in first.document.entities}
    assert names == {("ORG", "EU"), ("MISC", "German"), ("PER", "Peter Blackburn")}
    expected = conll_facts(CONLL_2003)
    written = [conll_facts(dumps_conll(item.document, "ner", item.scheme)) for item in found]
    assert [s for doc in written for s in doc] == expected


CONLLU = """# newdoc id = d1
# newpar
# sent_id = 1
# text = I haven't met Anna Smith.
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_
2-3\thaven't\t_\t_\t_\t_\t_\t_\t_\t_
2\thave\thave\tAUX\tVBP\t_\t4\taux\t_\t_
3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tmet\tmeet\tVERB\tVBN\t_\t0\troot\t_\t_
5\tAnna\tAnna\tPROPN\tNNP\t_\t4\tobj\t_\tNER=B-PER
6\tSmith\tSmith\tPROPN\tNNP\t_\t5\tflat\t_\tNER=I-PER|SpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = 2
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t!\t!\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""


def test_conllu_text_is_the_files_and_misc_ner_gives_entities() -> None:
    sink = DiagnosticSink("in.conllu")
    (found,) = read_conll(CONLLU, "in.conllu", "ud", sink)
    assert found.flavour == "u"
    # '# text' where given; SpaceAfter=No where not.
    assert found.document.text == "I haven't met Anna Smith.\nShe left!"
    assert [(e.type, e.name) for e in found.document.entities] == [("PER", "Anna Smith")]
    again = dumps_conll(found.document, "u")
    (back,) = read_conll(again, "x.conllu", "ud", DiagnosticSink("x"))
    assert back.document.text == found.document.text
    assert [m.span for m in back.document.mentions] == [m.span for m in found.document.mentions]


CONLL_2012 = """#begin document (demo); part 000
demo 0 0 John NNP (TOP(S(NP*) john - - - (PERSON) * (1)
demo 0 1 met VBD (VP* meet - - - * * -
demo 0 2 the DT (NP* the - - - * * (2
demo 0 3 mayor NN *)) mayor - - - * * 2)
demo 0 4 . . *)) . - - - * * -

demo 0 0 He PRP (TOP(S(NP*) he - - - * * (1)
demo 0 1 thanked VBD (VP* thank - - - * * -
demo 0 2 him PRP (NP*) him - - - * * (2)
demo 0 3 . . *)) . - - - * * -

#end document
"""


def test_conll_2012_coreference_chains_are_entities() -> None:
    sink = DiagnosticSink("in.conll")
    (found,) = read_conll(CONLL_2012, "in.conll", "demo", sink)
    assert found.flavour == "2012" and not sink.has_errors
    text = found.document.text
    chains = {
        tuple(text[m.span.start : m.span.end] for m in e.mentions): e.type
        for e in found.document.entities
    }
    assert chains == {("John", "He"): "PER", ("the mayor", "him"): "COREF"}


def test_a_bad_tag_refuses_the_whole_conll_file(tmp_path: Path) -> None:
    source = _write(tmp_path, "bad.conll", CONLL_2003.replace("I-PER\nBlackburn", "X-PER\nB"))
    code, _out, err = run("import", "conll", str(source))
    assert code == 1 and "is not O, B-X" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.conll"]


def test_several_documents_are_written_each_with_its_text(tmp_path: Path) -> None:
    source = _write(tmp_path, "news.conll", CONLL_2003)
    code, out, err = run("import", "conll", str(source), "-o", str(tmp_path))
    assert code == 0, err
    for name in ("news-1", "news-2"):
        assert (tmp_path / f"{name}.txt").exists()
        code, out, err = run("check", "--strict", str(tmp_path / f"{name}.yaml"))
        assert code == 0, out + err


@pytest.mark.parametrize(
    ("kind", "name", "text", "named"),
    [
        ("conll", "x.xmi", XMI, "use gloss import xmi"),
        ("conll", "x.tsv", TSV, "use gloss import webanno"),
        ("webanno", "x.conll", CONLL_2003, "use gloss import conll"),
        ("conll", "x.jsonl", '{"text": "a", "spans": []}\n', "this is JSON"),
        ("xmi", "x.tsv", TSV, "use gloss import webanno"),
    ],
)
def test_a_file_of_another_known_format_is_named_and_nothing_written(
    tmp_path: Path, kind: str, name: str, text: str, named: str
) -> None:
    source = _write(tmp_path, name, text)
    code, _out, err = run("import", kind, str(source))
    assert code == 1
    assert named in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_known_format_sniffs_each() -> None:
    assert known_format(TSV) == "webanno"
    assert known_format(XMI) == "xmi"
    assert known_format(CONLLU) == "conll"
    assert known_format("T1\tPerson 0 4\tJohn\n") == "brat"


def test_export_conll_cli_in_each_scheme(tmp_path: Path) -> None:
    source = _write(tmp_path, "one.conll", "Peter B-PER\nBlackburn E-PER\nsaid O\n")
    code, _out, err = run("import", "conll", str(source))
    assert code == 0, err
    for scheme, expected in (("iob2", "I-PER"), ("bioes", "E-PER"), ("iob1", "I-PER")):
        code, out, err = run(
            "export", "--format", "conll", "--scheme", scheme, str(tmp_path / "one.yaml")
        )
        assert code == 0, err
        assert out.splitlines()[1] == f"Blackburn {expected}"
