"""An article and a small library for the tests of suggestions: names the article's own
entities and the library's other articles know, some already marked, some not."""

from __future__ import annotations

from pathlib import Path

ARTICLE_TEXT = (
    "Israel Aerospace Industries said on Monday that it would build a plant near Haifa.\n"
    "\n"
    "Its chief, Boaz Levy, spoke at the University of Haifa. Levy said Israel Aerospace\n"
    "Industries had orders from India, Reuters reported in Haifa.\n"
)

ARTICLE_YAML = """\
gloss: 1
document:
  id: iai-plant
  title: IAI builds a plant
  date: 2024-05-06
  text: article.txt
# The people and places this article names.
entities:
  - id: boaz-levy
    type: PER
    name: Boaz Levy
    aliases: [Levy]
    mentions: [Boaz Levy]
  - id: university-of-haifa
    type: ORG
    name: University of Haifa
    mentions: [University of Haifa]
  - id: haifa
    type: GPE
    name: Haifa
    mentions: [{quote: Haifa, occurrence: 3}]
"""

OTHER_ARTICLES = {
    "contract": (
        "Israel Aerospace Industries signed a contract with India. Reuters had the news.\n",
        [
            ("iai", "ORG", "Israel Aerospace Industries", {"wikidata": "Q1354327"}),
            ("india", "GPE", "India", {}),
            ("reuters", "ORG", "Reuters", {}),
        ],
    ),
    "drone": (
        "A drone by Israel Aerospace Industries flew over India, said Reuters.\n",
        [
            ("iai", "ORG", "Israel Aerospace Industries", {"wikidata": "Q1354327"}),
            ("india", "GPE", "India", {}),
            ("reuters", "ORG", "Reuters", {}),
        ],
    ),
    "wire": (
        "Reuters counted its reporters.\n",
        [("reuters", "ORG", "Reuters", {})],
    ),
}


def write_article(folder: Path) -> Path:
    """The article (its text and annotation file) in ``folder``; the YAML's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    path = folder / "article.yaml"
    path.write_text(ARTICLE_YAML, encoding="utf-8")
    return path


def write_library(folder: Path) -> Path:
    """The article and three others that know some of its names; the article's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (text, entities) in OTHER_ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = [
            "gloss: 1",
            "document:",
            f"  id: {name}",
            f"  title: The {name} article",
            "  date: 2024-05-01",
            f"  text: {name}.txt",
            "entities:",
        ]
        for entity_id, type_code, entity_name, links in entities:
            lines += [f"  - id: {entity_id}", f"    type: {type_code}", f"    name: {entity_name}"]
            if links:
                lines.append(
                    "    links: {" + ", ".join(f"{k}: {v}" for k, v in links.items()) + "}"
                )
            lines.append(f"    mentions: [{{quote: {entity_name}, all: true}}]")
        (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return write_article(folder)
