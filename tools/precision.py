"""The labelled precision benchmark: bilint over the dev corpus, each finding matched to a
human label in ``bench/labels/*.tsv``.

    python tools/precision.py [--select BL3,BL4] [--docs treaties/,udhr] [-j 2]
                              [--unlabelled NEW.tsv] [--show FALSE] [--json]

Prints, per rule and per family, the findings, how many are labelled, TRUE / DEFENSIBLE /
FALSE, precision ((TRUE + DEFENSIBLE) / labelled) and false findings per 1,000 words of
the documents run; then the findings without a label. ``--unlabelled`` writes those in
the label format with an empty verdict, ready to be read in context and labelled.

Label files are UTF-8 TSV with the header ``doc code lang flagged context verdict
reason``. A finding matches a label on all of doc, code, lang, flagged text and context
(40 characters either side of the flagged text, whitespace collapsed, the flagged text
between ⟦ ⟧); when the context no longer matches (a rule's span moved, a neighbouring
word changed), it matches on the other four if every label with those agrees.
Verdicts: TRUE (a real error a lawyer-linguist wants to see), DEFENSIBLE (not an error,
but a reasonable thing to flag and cheap to dismiss), FALSE (noise).

Opt-in rules (off unless selected by code) run too and are listed with a ``+``; the family
and overall lines count only the rules that run by default, the ``opt-in`` line the rest.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels"
FIELDS = ("doc", "code", "lang", "flagged", "context", "verdict", "reason")
VERDICTS = ("TRUE", "DEFENSIBLE", "FALSE")
CONTEXT = 40
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Doc:
    """One document of the benchmark: an id, its files and its language pair."""

    id: str
    paths: tuple[str, ...]
    languages: tuple[str, str] = ("nl", "fr")
    monolingual: str = "error"   # a one-language file: "lint" lints it with the single-language rules


def corpus_documents(corpus: Path) -> list[Doc]:
    """Every document of the dev corpus that bilint reads today, in a stable order."""
    docs = [Doc("example", (str(ROOT / "examples" / "benelux-2021-drugs.md"),))]
    pair = corpus / "be-strafwetboek"
    docs.append(Doc("be-strafwetboek", (str(pair / "strafwetboek.nl.html"), str(pair / "strafwetboek.fr.html"))))
    docs.append(Doc("udhr", (str(corpus / "udhr" / "udhr-nl.md"), str(corpus / "udhr" / "udhr-fr.md"))))
    for readme in sorted((corpus / "treaties").glob("*/README.md")):
        docs.append(Doc(f"treaties/{readme.parent.name}", (str(readme),)))
    for english in sorted((corpus / "ca-laws").glob("*.en.xml")):
        name = english.name[: -len(".en.xml")]
        docs.append(Doc(f"ca-laws/{name}", (str(english), str(english.with_name(f"{name}.fr.xml"))), ("en", "fr")))
    docs.append(Doc("be-kamer", (str(corpus / "be-kamer" / "56K0055002.txt"),), ("fr", "nl")))
    formats = corpus / "formats"   # the files as parliaments publish them (Word-HTML, PDF)
    docs.append(Doc("formats/be-kamer-criv-55-plen-285", (str(formats / "be-kamer-criv-55-plen-285" / "ip285x.html"),)))
    docs.append(Doc("formats/be-senaat-annales/5-19", (str(formats / "be-senaat-annales" / "5-19.pdf"),)))
    docs.append(Doc("formats/be-senaat-annales/5-150", (str(formats / "be-senaat-annales" / "5-150.pdf"),)))
    docs.append(Doc("formats/be-kamer-criv-55-plen-285/pdf",
                    (str(formats / "be-kamer-criv-55-plen-285" / "ip285.pdf"),), ("fr", "nl")))
    docs.append(Doc("formats/be-moniteur-bijlagen-annex", (str(formats / "be-moniteur-bijlagen-annex" / "19335491.pdf"),)))
    grondwet = formats / "be-grondwet-kamer-pdf"
    docs.append(Doc("formats/be-grondwet-kamer-pdf", (str(grondwet / "grondwet_nl_2021.pdf"),
                                                      str(grondwet / "constitution_en_2021.pdf")), ("nl", "en")))
    justel = formats / "be-justel-strafwetboek-pdf"   # one PDF a language, named differently
    docs.append(Doc("formats/be-justel-strafwetboek-pdf", (str(justel / "strafwetboek_nl.pdf"),
                                                           str(justel / "code_penal_fr.pdf")), ("nl", "fr")))
    docs.append(Doc("formats/ca-gazette-part1-quarterly-index",
                    (str(formats / "ca-gazette-part1-quarterly-index" / "2005_Volume_139_g1-139q1.pdf"),), ("en", "fr")))
    un = formats / "un-akn-ecn7-2012-L2-en-es"   # Akoma Ntoso 2.0, one file a language, paired by their work
    docs.append(Doc("formats/un-akn-ecn7-2012-L2-en-es", (str(un / "Bill_UN_2012.xml"), str(un / "Bill_UN_2012_ES.xml")),
                    ("en", "es")))
    docs.append(Doc("formats/lu-legilux-akn-fr", (str(formats / "lu-legilux-akn-fr" / "2006_07_31_n2_jo.xml"),),
                    monolingual="lint"))   # French only, as Luxembourg publishes its laws
    # English, Afrikaans, isiXhosa: English is linted, the other two (no data) are left out (BL007)
    docs.append(Doc("formats/za-wc-provincial-gazette-6013",
                    (str(formats / "za-wc-provincial-gazette-6013" / "pg6013_2003-05-12_cape-town-sub-council-by-law.pdf"),),
                    ("en", "nl"), monolingual="lint"))
    return [doc for doc in docs if all(Path(p).is_file() for p in doc.paths)]


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text)


def _clean(field: str) -> str:
    return field.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def finding_rows(doc: Doc, select: tuple[str, ...]) -> tuple[int, list[dict[str, str]]]:
    """Lint one document; its word count and one label-shaped row per finding."""
    from bilint.engine import Settings, lint_paths
    from bilint.source import read_source

    # opt-in rules are measured too (that is how one learns whether they may run by default);
    # the report keeps them out of the default set's figures
    settings = Settings(languages=doc.languages, select=list(select), extend_select=opt_in_codes(select),
                        monolingual=doc.monolingual)
    bitext, diagnostics = lint_paths(list(doc.paths), settings)
    sources = {}
    rows = []
    for d in diagnostics:
        source = sources.get(d.path)
        if source is None:
            source = sources[d.path] = read_source(d.path)
        starts = source.line_starts
        start = starts[d.span.line - 1] + d.span.column - 1
        end = starts[d.span.end_line - 1] + d.span.end_column - 1 if d.span.end_line <= len(starts) else start
        end = max(start, end)
        flagged = source.text[start:end]
        context = (_collapse(source.text[max(0, start - CONTEXT):start]).lstrip() + "⟦" + _collapse(flagged) + "⟧"
                   + _collapse(source.text[end:end + CONTEXT]).rstrip())
        rows.append({"doc": doc.id, "code": d.code, "lang": d.lang or "", "flagged": _clean(_collapse(flagged).strip()),
                     "context": _clean(context), "verdict": "", "reason": "",
                     "where": f"{Path(d.path).name}:{d.span.line}:{d.span.column}", "message": d.message})
    return words(bitext), rows


def opt_in_codes(select: tuple[str, ...] = ()) -> list[str]:
    """The codes of the opt-in rules a prefix selection covers (all of them when none is given)."""
    from bilint.plugins import all_rules

    return [rule.code for rule in all_rules()
            if rule.opt_in and (not select or rule.code.startswith(tuple(select)))]


def words(bitext) -> int:
    """Words of the text both versions carry (structure labels and notes included)."""
    return sum(len(_WORD.findall(node.text)) for document in bitext.documents.values()
               for node in document.nodes())


def load_labels(folder: Path = LABELS) -> list[dict[str, str]]:
    labels = []
    for path in sorted(folder.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t") if lines else []
        if tuple(header[:len(FIELDS)]) != FIELDS:
            raise SystemExit(f"{path}:1: the header must be {' '.join(FIELDS)}")
        for number, line in enumerate(lines[1:], 2):
            if not line.strip():
                continue
            row = dict(zip(header, line.split("\t")))
            verdict = (row.get("verdict") or "").strip().upper()
            if verdict not in VERDICTS:
                raise SystemExit(f"{path}:{number}: verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
            labels.append({k: (row.get(k) or "") for k in FIELDS} | {"verdict": verdict, "file": f"{path.name}:{number}"})
    return labels


class Labeller:
    """Finds the label of a finding: exact key first, then the key without its context."""

    def __init__(self, labels: list[dict[str, str]]) -> None:
        self.exact = {}
        loose = collections.defaultdict(set)
        for label in labels:
            self.exact[self._key(label)] = label["verdict"]
            loose[self._key(label)[:4]].add(label["verdict"])
        self.loose = {key: verdicts.pop() for key, verdicts in loose.items() if len(verdicts) == 1}

    @staticmethod
    def _key(row: dict[str, str]) -> tuple[str, ...]:
        return row["doc"], row["code"], row["lang"], row["flagged"], row["context"]

    def verdict(self, row: dict[str, str]) -> str:
        key = self._key(row)
        return self.exact.get(key) or self.loose.get(key[:4], "")


def _family(code: str) -> str:
    return code[:3]


def report(rows: list[dict[str, str]], total_words: int) -> dict:
    """Counts per rule, per family and overall."""
    def tally(subset):
        counts = collections.Counter(row["verdict"] or "unlabelled" for row in subset)
        labelled = sum(counts[v] for v in VERDICTS)
        right = counts["TRUE"] + counts["DEFENSIBLE"]
        return {"findings": len(subset), "labelled": labelled, **{v: counts[v] for v in VERDICTS},
                "unlabelled": counts["unlabelled"],
                "precision": round(right / labelled, 3) if labelled else None,
                "false_per_1000_words": round(1000 * counts["FALSE"] / total_words, 3) if total_words else None}

    opt_in = set(opt_in_codes())
    by_rule = collections.defaultdict(list)
    by_family = collections.defaultdict(list)
    for row in rows:
        by_rule[row["code"]].append(row)
        if row["code"] not in opt_in:
            by_family[_family(row["code"])].append(row)
    return {"words": total_words,
            "rules": {code: tally(subset) | {"opt_in": code in opt_in} for code, subset in sorted(by_rule.items())},
            "families": {family: tally(subset) for family, subset in sorted(by_family.items())},
            "all": tally([row for row in rows if row["code"] not in opt_in]),
            "opt_in": tally([row for row in rows if row["code"] in opt_in])}


def _print_table(result: dict) -> None:
    head = f"{'':8} {'findings':>8} {'labelled':>8} {'TRUE':>5} {'DEF':>5} {'FALSE':>5} {'prec.':>6} {'false/1k':>8}"
    print(f"{result['words']:,} words")
    print(head)
    sections = [("rules", result["rules"]), ("families", result["families"]),
                ("all", {"all": result["all"], "opt-in": result["opt_in"]})]
    for title, table in sections:
        for name, t in table.items():
            precision = "-" if t["precision"] is None else f"{100 * t['precision']:.0f}%"
            label = f"{name}*" if title == "families" else f"{name}+" if t.get("opt_in") else name
            print(f"{label:8} {t['findings']:>8} {t['labelled']:>8} {t['TRUE']:>5} {t['DEFENSIBLE']:>5} "
                  f"{t['FALSE']:>5} {precision:>6} {t['false_per_1000_words']:>8}")
        print()


def run(docs: list[Doc], select: tuple[str, ...], jobs: int,
        per_doc: dict[str, int] | None = None) -> tuple[int, list[dict[str, str]]]:
    """Lint every document; the total word count and the rows. ``per_doc``, when given, is
    filled with each document's word count."""
    if jobs > 1 and len(docs) > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(finding_rows, docs, [select] * len(docs)))
    else:
        results = [finding_rows(doc, select) for doc in docs]
    if per_doc is not None:
        per_doc.update({doc.id: count for doc, (count, _) in zip(docs, results)})
    return sum(w for w, _ in results), [row for _, rows in results for row in rows]


def document_table(rows: list[dict[str, str]], words_by_doc: dict[str, int]) -> list[dict]:
    """Per document, the rules that run by default: findings, FALSE, false per 1,000 words
    (a target such as 'under 1 per 1,000 words on each document' is read here)."""
    opt_in = set(opt_in_codes())
    table = []
    for doc, count in words_by_doc.items():
        mine = [row for row in rows if row["doc"] == doc and row["code"] not in opt_in]
        false = sum(row["verdict"] == "FALSE" for row in mine)
        table.append({"doc": doc, "words": count, "findings": len(mine), "FALSE": false,
                      "unlabelled": sum(not row["verdict"] for row in mine),
                      "false_per_1000_words": round(1000 * false / count, 3) if count else None})
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     allow_abbrev=False)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--select", default="", help="comma-separated code prefixes (default: every rule)")
    parser.add_argument("--docs", default="", help="comma-separated prefixes of document ids (default: all)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--unlabelled", metavar="FILE", help="write the unlabelled findings here, label-shaped")
    parser.add_argument("--show", metavar="VERDICT", action="append", default=[],
                        help="also list the findings with this verdict (TRUE, DEFENSIBLE, FALSE, unlabelled)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--per-doc", action="store_true",
                        help="also print, per document, the default rules' findings and false findings per 1,000 words")
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    select = tuple(s for s in args.select.split(",") if s)
    wanted = tuple(s for s in args.docs.split(",") if s)
    docs = [doc for doc in corpus_documents(corpus) if not wanted or doc.id.startswith(wanted)]
    words_by_doc: dict[str, int] = {}
    total_words, rows = run(docs, select, args.jobs, words_by_doc)
    labeller = Labeller(load_labels())
    for row in rows:
        row["verdict"] = labeller.verdict(row)
    result = report(rows, total_words)
    if args.per_doc:
        result["documents"] = document_table(rows, words_by_doc)

    if args.json:
        print(json.dumps(result, indent=1))
    else:
        _print_table(result)
        if args.per_doc:
            print(f"\n{'document':48} {'words':>8} {'findings':>8} {'FALSE':>5} {'false/1k':>8}")
            for line in result["documents"]:
                print(f"{line['doc']:48} {line['words']:>8,} {line['findings']:>8} {line['FALSE']:>5} "
                      f"{line['false_per_1000_words']:>8}")
    shown = {v.upper() if v.lower() != "unlabelled" else "" for v in args.show}
    for row in rows:
        if row["verdict"] in shown:
            print(f"{row['verdict'] or '?':10} {row['doc']} {row['where']} {row['code']} [{row['lang']}] "
                  f"{row['context']}  -- {row['message'][:160]}")
    unlabelled = [row for row in rows if not row["verdict"]]
    if args.unlabelled:
        with open(args.unlabelled, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("\t".join(FIELDS + ("where", "message")) + "\n")
            seen = set()
            for row in unlabelled:
                key = Labeller._key(row)
                if key not in seen:
                    seen.add(key)
                    handle.write("\t".join([row[f] for f in FIELDS] + [row["where"], _clean(row["message"])]) + "\n")
        print(f"{len(unlabelled)} unlabelled findings written to {args.unlabelled}", file=sys.stderr)
    elif unlabelled and not args.json:
        print(f"{len(unlabelled)} findings have no label (--unlabelled FILE writes them)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
