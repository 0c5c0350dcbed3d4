"""`spark extract` + `load` give the ledger `ingest` gives, row by row (Spark on local[2]).

The corpus is invented: one outlet whose furniture lines `ingest` learns as it goes (batches of
two here, so that learning across batches happens within a handful of articles), a ledger that
already knows some of that furniture (Spark cannot: `load` must extract those again), a wire
story and a syndicated copy, an input read twice, a bad line, a blank line and a WARC.
"""

from __future__ import annotations

import json
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import text

from claimledger.config import Settings
from claimledger.ledger import Ledger
from claimledger.service import Service

pytestmark = pytest.mark.spark

FURNITURE = ["Valley Post reporters cover the river towns for you",
             "Tell us what you saw on the valley roads this week"]
LEARNED = "The valley edition goes to press each evening at nine"
STORIES = [
    "Police in the river town of Arlen said on Monday that three people were killed and 12 injured "
    "when a bus overturned on the bridge road.",
    "Officials in Dorvale said about 200 families had been displaced by the floods, according to the "
    "regional governor, who visited the camps on Tuesday.",
    "The health ministry said at least 40 people were injured in clashes in the capital on Wednesday, "
    "and that hospitals had asked for blood donors.",
    "A spokesman for the army said two soldiers were killed near the border on Thursday, while local "
    "officials said five villagers were missing.",
]
WIRE = ("Heavy fighting broke out on Monday around the river port of Mopti in central Mali, where army units "
        "clashed with armed men who had crossed from the north during the night.\n"
        "Army spokesman Colonel Souleymane Dembele said on Monday evening that 14 soldiers were killed and 22 "
        "were wounded in the clashes, which lasted for several hours.\n"
        "Residents said the market and the bus station were closed, and that hundreds of families had left "
        "the eastern districts for villages along the river.")
PAGE = ("<html><head><title>Storm damage in Corlis</title></head><body><article><h1>Storm damage in Corlis"
        "</h1><p>The mayor of Corlis said on Friday that 30 houses were destroyed and four people were "
        "injured when a storm crossed the coast overnight.</p><p>Emergency crews said the coastal road "
        "would stay closed until the weekend while power lines were repaired.</p></article></body></html>")
TABLES = ("articles", "claims", "places", "figures", "flags", "article_events", "events", "event_links", "event_keys")
WHEN = ("ingested_at", "created_at")  # when a row was written: the only columns that may differ


def _valley(i: int, extra: list[str]) -> dict:
    return {"id": f"v{i}", "outlet": "Valley Post", "published": f"2025-03-0{i + 1}",
            "text": "\n".join([STORIES[i], *FURNITURE, *extra])}


def _write_jsonl(path: Path, rows: list[dict | str]) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))


def _write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body),
                                                          http_headers=headers))


def _corpus(root: Path) -> tuple[Path, Path]:
    """(seed file, corpus folder). The seed teaches a ledger FURNITURE before the corpus arrives."""
    seed = root / "seed.jsonl"
    _write_jsonl(seed, [{"id": f"s{i}", "outlet": "Valley Post", "text": f"{body}\n" + "\n".join(FURNITURE)}
                        for i, body in enumerate(["The council met on Monday to discuss the new bridge.",
                                                  "The school fair opened on Saturday with music."])])
    corpus = root / "corpus"
    corpus.mkdir()
    first = _valley(0, [LEARNED])
    _write_jsonl(corpus / "a.jsonl", [
        first, _valley(1, [LEARNED]), "", "{broken", _valley(2, [LEARNED]),
        {"id": "w1", "outlet": "Wire", "published": "2025-06-02", "text": WIRE},
        {"id": "w2", "outlet": "Sahel Daily", "published": "2025-06-02",
         "text": WIRE.split("\n", 1)[1] + "\nFollow the Sahel Daily for more."},
        first, _valley(3, [LEARNED]),
    ])
    _write_warc(corpus / "b.warc.gz", [("https://corlis.example/storm", "text/html", PAGE.encode()),
                                       ("https://corlis.example/logo.png", "image/png", b"\x89PNG")])
    return seed, corpus


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every ledger table in id order, the ingest timestamp left out."""
    engine = Ledger(db).engine
    out = {}
    with engine.connect() as conn:
        for table in TABLES:
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))  # noqa: S608 - fixed names
            keep = [i for i, name in enumerate(result.keys()) if name not in WHEN]
            out[table] = [tuple(row[i] for i in keep) for row in result]
    return out


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One `spark extract` on local[2] and the ledgers that `ingest` and `load` make of it."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
    if shutil.which("java") is None and not __import__("os").environ.get("JAVA_HOME"):
        pytest.skip("no Java (Spark needs Java 17+): the Spark face cannot run here")
    from claimledger.spark.job import run

    root = tmp_path_factory.mktemp("spark")
    seed, corpus = _corpus(root)
    patch = pytest.MonkeyPatch()
    patch.setattr(Service, "batch_size", 2)
    try:
        dbs, outcomes = {}, {}
        for name in ("ingest", "load"):
            dbs[name] = root / f"{name}.db"
            list(Service(Settings.from_options(db=str(dbs[name]))).ingest([str(seed)]))
        outcomes["ingest"] = list(Service(Settings.from_options(db=str(dbs["ingest"]))).ingest([str(corpus)]))
        lines: list[str] = []
        summary = run([str(corpus)], str(root / "out"), Settings(), master="local[2]", partitions=3,
                      say=lines.append)
        from claimledger.spark.output import read_output

        loader = Service(Settings.from_options(db=str(dbs["load"])))
        outcomes["load"] = list(loader.load(read_output(str(root / "out"))))
        outcomes["again"] = list(loader.load(read_output(str(root / "out"))))
    finally:
        patch.undo()
    return {"root": root, "dbs": dbs, "outcomes": outcomes, "summary": summary, "progress": lines}


def test_spark_extract_then_load_gives_the_ledger_ingest_gives(spark_run: dict) -> None:
    ingested, loaded = _rows(spark_run["dbs"]["ingest"]), _rows(spark_run["dbs"]["load"])
    for table in TABLES:
        assert loaded[table] == ingested[table], table
    assert len(ingested["articles"]) == 2 + 7  # the seed, 4 Valley Post, 2 wire, 1 page
    assert ingested["events"] and ingested["event_links"] and len(ingested["article_events"]) == 8  # copies have none
    statuses = [o.status for o in spark_run["outcomes"]["ingest"]]
    assert statuses.count("copy") == 1 and statuses.count("already stored") == 1 and statuses.count("failed") == 1
    outcomes = spark_run["outcomes"]
    assert [o.to_dict() for o in outcomes["load"]] == [o.to_dict() for o in outcomes["ingest"]]


def _cut(removed: list[dict] | tuple, art_text: str, line: str) -> bool:
    start = art_text.index(line)
    return any(_get(r, "start") <= start and start + len(line) <= _get(r, "end") for r in removed)


def _get(removal: object, key: str) -> int:
    return removal[key] if isinstance(removal, dict) else getattr(removal, key)


def test_the_corpus_exercises_learned_furniture(spark_run: dict) -> None:
    """The seed's furniture is cut from every Valley Post article, LEARNED only from the third
    on; Spark could not know the seed, so `load` extracted the first two again."""
    from claimledger.service import Prepared
    from claimledger.spark.output import read_output

    ledger = Ledger(spark_run["dbs"]["load"])
    stored = {a["uri"]: ledger.article(a["id"]) for a in ledger.articles()}
    uris = [f"{spark_run['root'] / 'corpus' / 'a.jsonl'}#v{i}" for i in range(4)]
    assert all(_cut(stored[u]["removed"], stored[u]["text"], FURNITURE[0]) for u in uris)
    assert [_cut(stored[u]["removed"], stored[u]["text"], LEARNED) for u in uris] == [False, False, True, True]
    spark: dict = {}
    for x in read_output(str(spark_run["root"] / "out")):
        if isinstance(x, Prepared):
            spark.setdefault(x.extraction.article.uri, x.extraction.article)  # v0 comes twice: the first
    assert [_cut(spark[u].removed, spark[u].text, FURNITURE[0]) for u in uris] == [False, False, True, True]


def test_loading_the_same_output_twice_stores_it_once(spark_run: dict) -> None:
    again = spark_run["outcomes"]["again"]
    assert {o.status for o in again} == {"already stored", "failed"}
    assert len(_rows(spark_run["dbs"]["load"])["articles"]) == 9


def test_errors_output_and_a_progress_line_per_partition(spark_run: dict) -> None:
    from claimledger.records import Failure
    from claimledger.spark.output import read_output

    failures = [x for x in read_output(str(spark_run["root"] / "out")) if isinstance(x, Failure)]
    assert len(failures) == 1 and failures[0].error.startswith("[CL004]") and failures[0].uri.endswith("a.jsonl:4")
    assert spark_run["summary"].articles == 8 and spark_run["summary"].errors == 1
    assert len(spark_run["progress"]) == 3 and spark_run["progress"][-1].startswith("partition 3 of 3 done")


def test_parquet_and_hadoop_urls_give_the_same_records(spark_run: dict) -> None:
    """The JSONL rows as a Parquet file (dates typed), the WARC named by a file:// URL (listed by
    Hadoop, read as bytes): the same articles come out as from the first run."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from claimledger.service import Prepared
    from claimledger.spark.job import run
    from claimledger.spark.output import read_output

    root = spark_run["root"]
    rows = [json.loads(line) for line in (root / "corpus" / "a.jsonl").read_text().splitlines()
            if line.startswith('{"')]
    table = pa.Table.from_pylist(rows)
    table = table.set_column(table.schema.get_field_index("published"), "published",
                             table.column("published").cast(pa.date32()))
    pq.write_table(table, root / "rows.parquet")
    warc_url = (root / "corpus" / "b.warc.gz").as_uri()
    run([str(root / "rows.parquet"), warc_url], str(root / "out2"), Settings(), master="local[2]", say=print)

    def articles(out: str) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for x in read_output(out):
            if isinstance(x, Prepared):
                d = x.extraction.to_dict()
                key = d.pop("path").rsplit("#", 1)[-1]
                found.setdefault(key, {k: d[k] for k in ("text", "published", "outlet", "url", "claims", "figures")})
        return found

    first, second = articles(str(root / "out")), articles(str(root / "out2"))
    assert sorted(second) == sorted(first) == ["https://corlis.example/storm", "v0", "v1", "v2", "v3", "w1", "w2"]
    for key in ("w1", "w2", "https://corlis.example/storm"):
        assert second[key] == first[key], key
    for key in ("v0", "v1", "v2", "v3"):
        assert {k: second[key][k] for k in ("text", "published", "outlet")} == \
            {k: first[key][k] for k in ("text", "published", "outlet")}
