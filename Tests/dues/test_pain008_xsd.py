"""The SEPA direct-debit file (pain.008.001.02) against the official XSD, and its sums.

The file is the one named by PAIN008_FILE (the lead points it at the output of
`maillage dues sepa` on the demo); otherwise the Swift test Pain008Tests writes its sample
document to a temporary file (PAIN008_OUT), from an already built test bundle
(`swift build --build-tests` first). The schema is the one the PyPI package sepaxml ships.
"""

import importlib.resources
import os
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

try:
    import sepaxml  # noqa: F401
    import xmlschema
except ImportError as e:  # a clear failure, never a skip
    raise ImportError("the pain.008 check needs xmlschema and sepaxml (pip install -r Tests/requirements.txt)") from e

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}


@pytest.fixture(scope="module")
def pain008(tmp_path_factory) -> str:
    given = os.environ.get("PAIN008_FILE")
    if given:
        assert os.path.isfile(given), f"PAIN008_FILE={given} does not exist"
        return given
    path = str(tmp_path_factory.mktemp("pain008") / "sample.xml")
    run = subprocess.run(["swift", "test", "--skip-build", "--filter", "Pain008Tests"], cwd=ROOT,
                         env={**os.environ, "PAIN008_OUT": path}, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert os.path.isfile(path) and os.path.getsize(path) > 0, "Pain008Tests wrote no file (is the test bundle built?)"
    return path


def schema() -> "xmlschema.XMLSchema":
    xsd = importlib.resources.files("sepaxml") / "schemas" / "pain.008.001.02.xsd"
    with importlib.resources.as_file(xsd) as path:
        return xmlschema.XMLSchema(str(path))


def test_the_file_validates_against_the_official_xsd(pain008):
    # MUT
    errors = list(schema().iter_errors(pain008))
    # validate
    assert errors == [], "\n".join(str(e) for e in errors[:5])


def test_counts_and_control_sums_equal_the_transactions(pain008):
    # setup
    root = ET.parse(pain008).getroot()
    header = root.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    blocks = root.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    # validate
    assert blocks, "no PmtInf"
    all_amounts = []
    for block in blocks:
        amounts = [Decimal(a.text) for a in block.findall("p:DrctDbtTxInf/p:InstdAmt", NS)]
        assert all(a.get("Ccy") == "EUR" for a in block.findall("p:DrctDbtTxInf/p:InstdAmt", NS))
        assert all(a > 0 for a in amounts)
        assert int(block.findtext("p:NbOfTxs", namespaces=NS)) == len(amounts)
        assert Decimal(block.findtext("p:CtrlSum", namespaces=NS)) == sum(amounts)
        all_amounts += amounts
    assert int(header.findtext("p:NbOfTxs", namespaces=NS)) == len(all_amounts)
    assert Decimal(header.findtext("p:CtrlSum", namespaces=NS)) == sum(all_amounts)
    sequences = [b.findtext("p:PmtTpInf/p:SeqTp", namespaces=NS) for b in blocks]
    assert len(sequences) == len(set(sequences)), f"one PmtInf per sequence type, got {sequences}"
    assert set(sequences) <= {"FRST", "RCUR"}


def test_a_broken_file_is_caught_by_the_check(pain008, tmp_path):
    # setup: the same file with one amount changed, so the check is shown to bite
    tree = ET.parse(pain008)
    amount = tree.getroot().find(".//p:DrctDbtTxInf/p:InstdAmt", NS)
    amount.text = str(Decimal(amount.text) + Decimal("0.01"))
    broken = tmp_path / "broken.xml"
    tree.write(broken, xml_declaration=True, encoding="UTF-8")
    # MUT + validate
    with pytest.raises(AssertionError):
        test_counts_and_control_sums_equal_the_transactions(str(broken))
    bad_iban = open(pain008, encoding="utf-8").read().replace("<IBAN>", "<IBAN>x", 1)
    (tmp_path / "bad.xml").write_text(bad_iban, encoding="utf-8")
    assert list(schema().iter_errors(str(tmp_path / "bad.xml"))), "the XSD should refuse a malformed IBAN"
