"""Ingest: decoding, header conventions, folders and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import article_from_text, collect_sources, decode, parse_header, read_article


def test_date_line_with_publisher_in_parentheses() -> None:
    article = article_from_text(
        " date 2024-01-04 (ECNS) -- The year 2024 marks an anniversary of note."
    )
    assert article.date == "2024-01-04"
    assert article.publisher == "ECNS"
    assert article.prose.strip().startswith("The year 2024")
    assert len(article.prose) == len(article.text)  # offsets hold


def test_photo_caption_is_not_prose_and_trailing_publisher_glued() -> None:
    text = (
        "date 2024-01-25 Foreign Ministry spokesperson Li Ming Photo: example.cn\n\n"
        "China announced strong growth in patent filings over the whole of last year.It is believed "
        "that more will follow, Li said.Global Times"
    )
    article = article_from_text(text)
    assert article.date == "2024-01-25"
    assert article.caption == "Foreign Ministry spokesperson Li Ming Photo: example.cn"
    assert article.publisher == "Global Times"
    assert "Photo" not in article.prose and "Global Times" not in article.prose
    assert "example.cn" not in article.prose  # the credit is masked; the caption's words stay
    assert "Foreign Ministry spokesperson Li Ming" in article.prose
    assert article.prose.rstrip().endswith("Li said.")


def test_trailing_publisher_on_its_own_line() -> None:
    header = parse_header(
        "date 2023-05-02\nThe office granted many patents during the year, it said.\n\nXinhua"
    )
    assert header.publisher == "Xinhua"


def test_sentence_ending_in_a_name_is_not_a_publisher() -> None:
    header = parse_header("The patent office published its annual report, said Director Anna Berg")
    assert header.publisher is None


def test_wire_dateline() -> None:
    header = parse_header("GENEVA, March 7, 2024 (Xinhua) -- WIPO said filings rose.")
    assert header.date == "2024-03-07"
    assert header.publisher == "Xinhua"
    assert header.dateline == "Geneva"


def test_press_wire_dateline() -> None:
    header = parse_header(
        "SHENZHEN, China, June 9, 2022 /PRNewswire/ -- The firm said it held patents."
    )
    assert (header.date, header.publisher, header.dateline) == (
        "2022-06-09",
        "PRNewswire",
        "Shenzhen",
    )


def test_source_line_at_the_end() -> None:
    header = parse_header(
        "date 2023-01-01\nThe office reported record filings for the year.\nSource: IP Daily"
    )
    assert header.publisher == "IP Daily"


def test_utf8_bom_and_utf16_are_decoded() -> None:
    assert decode("\ufeffChina".encode(), "a.txt") == "China"
    assert decode("China".encode("utf-16"), "a.txt") == "China"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        ("caf\u00e9 cr\u00e8me".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "bad.txt")


@pytest.mark.parametrize("text", ["", "   \n\t", "12 34 56"])
def test_empty_or_wordless_text_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        article_from_text(text, "x.txt")


def test_folders_are_read_recursively_text_files_only(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("China filed patents.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Japan filed patents.", encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    sources = collect_sources([tmp_path])
    assert [s.article_id for s in sources] == ["a-one", "two"]
    assert read_article(sources[0].path).text == "China filed patents."  # type: ignore[arg-type]


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect_sources([tmp_path / "nope.txt"])


def test_duplicate_names_get_distinct_ids(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text("China.", encoding="utf-8")
    ids = [
        s.article_id for s in collect_sources([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"])
    ]
    assert ids == ["a", "a-2"]


def test_wire_dateline_after_the_date_line() -> None:
    article = article_from_text(
        "date 2025-01-15 BEIJING, Jan. 15 (Xinhua) -- China granted many patents last year."
    )
    assert (article.date, article.publisher, article.dateline) == (
        "2025-01-15",
        "Xinhua",
        "Beijing",
    )
    assert article.prose.strip().startswith("China granted")


def test_single_dash_dateline_on_the_line_after_the_date() -> None:
    article = article_from_text(
        "date 2022-03-18\n\nGENEVA, March 17 (AFP) - Drug makers signed licences with the pool."
    )
    assert (article.date, article.publisher) == ("2022-03-18", "AFP")
    assert "AFP" not in article.prose


def test_caption_on_the_line_after_the_date_and_a_domain_as_publisher() -> None:
    article = article_from_text(
        "date 2024-03-19\nThe office towers in Basel. Photo: Keystone\n\n"
        "Switzerland again filed the most patent applications per inhabitant in Europe.\n"
        "swissinfo.ch"
    )
    assert article.caption == "The office towers in Basel. Photo: Keystone"
    assert article.publisher == "swissinfo.ch"
    assert "Keystone" not in article.prose and "swissinfo" not in article.prose
    assert "The office towers in Basel." in article.prose


@pytest.mark.parametrize(
    ("text", "date", "publisher", "dateline"),
    [
        ("February 8, 2024\nChina stays top filer\n\nBody text.", "2024-02-08", None, None),
        ("8 February 2024\nBody text.", "2024-02-08", None, None),
        ("Feb. 8, 2024 10:30 GMT\nBody text.", "2024-02-08", None, None),
        ("Published: Sept 3, 2023\nBody text.", "2023-09-03", None, None),
        ("(Reuters) - Micron must pay Netlist.", None, "Reuters", None),
        (
            "June 13, 2024\nWashington (AFP) - Officers seized goods.",
            "2024-06-13",
            "AFP",
            "Washington",
        ),
        ("GENEVA, 24 May 2024 (IPS) - Talks ended.", "2024-05-24", "IPS", "Geneva"),
        ("GENEVA, 5 October 2017 -- Nigeria joined.", "2017-10-05", None, "Geneva"),
        ("2024/02/11\nTAIPEI (Taiwan News) — TSMC led.", "2024-02-11", "Taiwan News", "Taipei"),
        # a wire dateline or lead on the line under a written date line
        (
            "January 21, 2015\nDAEJEON, Jan. 21 (Yonhap) -- Filings rose.",
            "2015-01-21",
            "Yonhap",
            "Daejeon",
        ),
        (
            "August 22, 2018\nSINGAPORE, Aug 22 (Reuters) - It grew.",
            "2018-08-22",
            "Reuters",
            "Singapore",
        ),
        (
            "November 22, 2019\nTOKYO/NEW DELHI (Kyodo) -- Japan and India.",
            "2019-11-22",
            "Kyodo",
            "Tokyo",
        ),
        # a weekday, an ordinal day and a dashed time around a written date
        (
            "Thursday, September 28th 2023 - 09:41 UTC\n\nMontevideo (MercoPress) - Brazil led.",
            "2023-09-28",
            "MercoPress",
            "Montevideo",
        ),
        ("Friday, 13 October 2017\n\nTHE IP WEEK\n\nIndonesia joined.", "2017-10-13", None, None),
        ("Munich, March 2, 2022 (dpa) — Inventors filed.", "2022-03-02", "dpa", "Munich"),
        (
            "ABU DHABI, 29th September, 2021 (WAM) -- The UAE joined.",
            "2021-09-29",
            "WAM",
            "Abu Dhabi",
        ),
        (
            "2024-06-05\nLOS ANGELES, June 5 (Xinhua) -- UC led.",
            "2024-06-05",
            "Xinhua",
            "Los Angeles",
        ),
        (
            "12 March 2020\nCampinos presents the figures. Photo: EPO\nMUNICH (Euractiv) -- China rose.",
            "2020-03-12",
            "Euractiv",
            "Munich",
        ),
        # a photo credit in parentheses as the caption, the dateline under it
        (
            "Brands at an expo in Hangzhou. (Xinhua file photo)\n\nBEIJING, Feb. 9 (Xinhua) -- Text.",
            None,
            "Xinhua",
            "Beijing",
        ),
        ("Updated: 2022-07-28 09:12\n\nGuangzhou lends.", "2022-07-28", None, None),
        (
            "The new chair of the Assembly Photo: WIPO\n\nGENEVA, 8 October 2021 -- Text.",
            "2021-10-08",
            None,
            "Geneva",
        ),
        (
            "date 2024-07-10\nThe winner in Malta. Photo: EPO\n\n(Times of Malta) -- A researcher won.",
            "2024-07-10",
            "Times of Malta",
            None,
        ),
        # not headers: a sentence that starts with a month, an acronym after its name
        ("2024/13/40\nBody text.", None, None, None),
        ("May 2024 was a record month for filings.", None, None, None),
        ("World Intellectual Property Organization (WIPO) - the figures.", None, None, None),
    ],
)
def test_written_date_lines_and_agency_leads(text, date, publisher, dateline) -> None:
    header = parse_header(text)
    assert (header.date, header.publisher, header.dateline) == (date, publisher, dateline)


@pytest.mark.parametrize(
    ("text", "date", "dateline"),
    [
        ("24/08/2021 18h32\nBrazil cut its backlog.", "2021-08-24", None),
        ("03/04/2021 18h32\nBrazil cut its backlog.", "2021-04-03", None),  # a French time
        ("03/04/2021\nBrazil cut its backlog.", None, None),  # day or month first: unknown
        ("Geneva, January 9, 2025\n\nSaudi Arabia joined.", "2025-01-09", "Geneva"),
        (
            "Delegates at WIPO headquarters. Photo: WIPO\nGeneva, January 9, 2025\n\nIt joined.",
            "2025-01-09",
            "Geneva",
        ),
    ],
)
def test_day_first_and_place_dated_lines(text: str, date: str | None, dateline: str | None) -> None:
    article = article_from_text(text)
    assert (article.date, article.dateline) == (date, dateline)


@pytest.mark.parametrize(
    "text",
    [
        "date 2024-02-30\nCNIPA granted 5 patents.",
        "February 30, 2023\nCNIPA granted 5.",
        "31/06/2021 18h32\nINPI cut its backlog.",
        "2023/13/01\nThe office granted 5.",
    ],
)
def test_a_day_no_calendar_has_is_no_date(text: str) -> None:
    # found by bench/fuzz.py: such days became ill-typed xsd:date literals
    assert article_from_text(text).date is None


def test_site_stamps_give_date_and_publisher() -> None:
    cases = {
        "China Daily | Updated: 2022-10-11 10:31\n\nJiangsu's patent density rose.": (
            "2022-10-11",
            "China Daily",
        ),
        "Business Standard | New Delhi  |  Last Updated at July 24, 2019 22:10 IST\n\n"
        "India climbs five places.": ("2019-07-24", "Business Standard"),
        "Published: 26th February 2024 06:05 AM  |  Last Updated: 26th February 2024 06:05 AM"
        "\n\nTamil Nadu tops patent filings.": ("2024-02-26", None),
        "Published 3:41 AM GMT, January 30, 2020\n\nLOS ANGELES (AP) — A jury ruled.": (
            "2020-01-30",
            "AP",
        ),
        "19/03/2024 12:41\n\nMILAN (ANSA) - Italian firms filed a record.": ("2024-03-19", "ANSA"),
        "01/12/2022 10:08 PM\n\nTaipei, Jan. 12 (CNA) TSMC was fourth.": ("2022-01-12", "CNA"),
    }
    for text, (day, publisher) in cases.items():
        article = article_from_text(text, "t.txt")
        assert (article.date, article.publisher) == (day, publisher), text


def test_a_release_closing_line_dates_it_and_end_marks_are_no_publishers() -> None:
    text = (
        "Hong Kong and Ruritania sign MOU\n\nThe department signed a memorandum today with the "
        "office of Ruritania on cooperation in patents and trade marks.\n\n"
        "Ends/Friday, December 8, 2023\nIssued at HKT 15:30\n\nNNNN\n"
    )
    article = article_from_text(text, "t.txt")
    assert article.date == "2023-12-08"
    assert article.publisher is None


def test_numeric_dates_read_day_first_outside_the_united_states() -> None:
    article = article_from_text(
        "Rio de Janeiro, 06/02/2025 -- The EUIPO and the SGCAN signed a memorandum.", "t.txt"
    )
    assert (article.date, article.dateline) == ("2025-02-06", "Rio de Janeiro")
    article = article_from_text(
        "02/03/2018 10:15\nNEWPORT (Managing IP) -- Filing fees will rise.", "t.txt"
    )
    assert (article.date, article.publisher) == ("2018-03-02", "Managing IP")
    article = article_from_text("02/03/2018 10:15\n\nThe office said fees will rise.", "t.txt")
    assert article.date is None  # no place says which comes first


# a headline, a byline, then the site's stamp; closing copyright and source lines
_STAMPS_UNDER_A_HEADLINE: list[tuple[str, str, str | None]] = [
    # a headline, a byline, then the site's stamp
    (
        "Court backs inventor in vaccine dispute\n\nBy our Legal Affairs Correspondent\n"
        "Published 2 July 2024, 18:20 BST\n\nThe High Court ruled on Tuesday.\n",
        "2024-07-02",
        None,
    ),
    (
        "Import ban takes effect\n\nAgencies in San Francisco\nTue 26 Dec 2023 21.40 GMT\n\n"
        "The ban on the watches took effect on Tuesday.\n",
        "2023-12-26",
        None,
    ),
    (
        "Court rules on AI picture\n\nLast modified on Wed 29 Nov 2023 09.14 GMT\n\n"
        "A court in Beijing ruled that the picture is protected.\n",
        "2023-11-29",
        None,
    ),
    (
        "Editorial Staff · 2 July 2024 · 4 min read\n\nMilan takes its seat\n\nThe section "
        "opened on Monday.\n",
        "2024-07-02",
        None,
    ),
    (
        "By Anna Meier, swissinfo.ch | 29 September 2022\n\nSwitzerland tops the index again.\n",
        "2022-09-29",
        "swissinfo.ch",
    ),
    (
        "University ranks second\n\nSource: Xinhua| 2020-04-08 03:12:46|Editor: huaxia\n\n"
        "GENEVA, April 7 (Xinhua) -- A university ranked second.\n",
        "2020-04-08",
        "Xinhua",
    ),
    (
        "Applications grow in 2018\n\n11/02/2019 09:40\n\nSantiago de Chile, Feb 11 (EFE).- "
        "Trademark applications grew 5%.\n",
        "2019-02-11",
        "EFE",
    ),
    (
        "Firms sign licence\n\nSTOCKHOLM, Dec. 9, 2022 /PRNewswire/ -- Two firms signed a "
        "licence that settles all disputes between them, the two firms said today.\n\n"
        "SOURCE Ericsson\n",
        "2022-12-09",
        "PRNewswire",
    ),
    (
        "Posted : 2023-11-28 16:02\n\nThe office signed a memorandum with its Saudi "
        "counterpart on Monday, the office said in a statement.\n\nⓒ Korea JoongAng Daily\n",
        "2023-11-28",
        "Korea JoongAng Daily",
    ),
    (
        "December 26, 2015\nBANGKOK, Dec 26 (NNT) - Two offices extended their pilot.\n",
        "2015-12-26",
        "NNT",
    ),
]


# datelines, mastheads and closing lines of news sites and wires
_SITE_HEADERS: list[tuple[str, str, str | None]] = [
    (
        "Applications reach a new high\n\nMunich, 19 March 2024 – The office received "
        "199 275 applications in 2023.\n",
        "2024-03-19",
        None,
    ),
    (
        "Delegates applaud. (SPA)\n\nRiyadh, November 22, 2024, SPA -- Member states "
        "adopted the treaty.\n",
        "2024-11-22",
        "SPA",
    ),
    (
        "Samsung hit with verdict\n\nLaw360 (November 22, 2024, 7:51 PM EST) -- A jury "
        "ordered Samsung to pay.\n",
        "2024-11-22",
        "Law360",
    ),
    (
        "Nikkei Asia\n\nJapan's patent filings climb\n\nReport shows examiners meeting "
        "goals\n\nNIKKEI STAFF WRITERS\nMarch 29, 2024 05:00 JST\n\nTOKYO -- Filings "
        "rose.\n",
        "2024-03-29",
        "Nikkei Asia",
    ),
    (
        "Updated 18:26, 29-Jul-2024\nCGTN\n\nChina granted 554,000 invention patents.\n",
        "2024-07-29",
        "CGTN",
    ),
    (
        "Press release\n\nOffices agree to cooperate\n\nThe two offices have signed a "
        "memorandum.\n\nFrom: Intellectual Property Office\nPublished 4 June 2024\n\n"
        "The offices signed it on Monday.\n",
        "2024-06-04",
        "Intellectual Property Office",
    ),
    (
        "Business\n\nHuawei stays on top\n\n03/07/2024 March 7, 2024\n\nHuawei remained "
        "the biggest filer, the agency said.\n\n© 2024 Deutsche Welle\n",
        "2024-03-07",
        "Deutsche Welle",
    ),
    (
        "By Elena Marsh | 12 June 2024\n\nThe office received 175,000 applications.\n",
        "2024-06-12",
        None,
    ),
    (
        "Patent Office grants over one lakh patents\nPosted On: 16 MAR 2024 2:14PM by PIB "
        "Delhi\n\nThe office granted 1,00,000 patents.\n",
        "2024-03-16",
        "PIB Delhi",
    ),
    (
        "Posted on December 8, 2017 by Anjali Rao\n\nThree stories this week.\n",
        "2017-12-08",
        None,
    ),
    (
        "SÃO PAULO, 19/08/2025 – Brazil's institute wants faster decisions.\n",
        "2025-08-19",
        None,
    ),
    (
        "2024.06.20 16:05 KST\nSEOUL, June 20 (Yonhap) -- The heads met in Seoul.\n",
        "2024-06-20",
        "Yonhap",
    ),
    (
        "Thursday, 09/01/2025 15:20 (GMT+7)\nHà Nội (VNA) – The office received 153,000 "
        "applications.\n",
        "2025-01-09",
        "VNA",
    ),
    (
        "November 16, 2021 01:00 AM Eastern Standard Time\nNEW YORK & GENEVA--(BUSINESS "
        "WIRE)--Pfizer and the MPP signed a licence.\n",
        "2021-11-16",
        "BUSINESS WIRE",
    ),
    (
        "MUNICH (dpa-AFX) - German firms filed more inventions last year, the office said "
        "on Tuesday in its annual report.\n\n© dpa-AFX | 05.03.2024, 14:31\n",
        "2024-03-05",
        "dpa-AFX",
    ),
    (
        "GATINEAU, Que. — Canada was named in 96 applications on its first day as a member, "
        "the office said in its annual report.\n\nThis report by The Canadian Press was "
        "first published July 26, 2021.\n",
        "2021-07-26",
        "The Canadian Press",
    ),
]


# agency leads under a headline, and stamps of other sites
_AGENCY_LEADS: list[tuple[str, str, str | None]] = [
    (
        "All News 14:25 January 13, 2021\n\n(LEAD) Trademark filings jump 16 pct\n\nSEOUL, "
        "Jan. 13 (Yonhap) -- Trademark applications surged 16.4 percent last year.\n",
        "2021-01-13",
        "Yonhap",
    ),
    (
        "Mon May 22, 2006 4:12pm ET\n\nU.S., Japan to test patent highway\n\nWASHINGTON "
        "(Reuters) - The two offices will let inventors jump the queue.\n",
        "2006-05-22",
        "Reuters",
    ),
    (
        "The Yomiuri Shimbun\n16:40 JST, January 16, 2025\n\nCanon slips to 9th\n\nCanon "
        "was granted 2,329 patents.\n",
        "2025-01-16",
        "The Yomiuri Shimbun",
    ),
    (
        "National News Bureau of Thailand\nPub Date: 01/10/2024 15:42\n\nThailand rises "
        "to 41st\n\nBANGKOK (NNT) - Thailand has climbed two places.\n",
        "2024-10-01",
        "National News Bureau of Thailand",  # the masthead: the site's own name
    ),
    (
        "RTHK\n2023-06-02 HKT 16:08\n\nCustoms seizes fakes\n\nCustoms seized 78,000 items.\n",
        "2023-06-02",
        "RTHK",
    ),
    (
        "Last Updated: 02.06.2025, 11:47\n\nEurope's patent court turns two\nBy "
        "Luxembourg Times staff\n\nThe court received 850 cases.\n",
        "2025-06-02",
        "Luxembourg Times",
    ),
    (
        "Editor's note: This story was updated on Feb. 22 to correct a figure.\n\nSHENZHEN, "
        "Feb. 21 [2024] -- BYD has filed more than 48,000 patent applications.\n",
        "2024-02-21",
        None,
    ),
    (
        "Riyadh, Jumada II 24, 1434, May 5, 2013, SPA -- The Kingdom will become the 147th "
        "contracting state of the PCT.\n",
        "2013-05-05",
        "SPA",
    ),
    (
        "Pub Date: 17/03/2023\n\nLocal filers gain ground\n\nResident applicants filed "
        "4,100 patents.\n\nBusinessWorld\n",
        "2023-03-17",
        "BusinessWorld",
    ),
    (
        "thestar.com.my | Updated: 2023-09-12 08:30\n\nPatent office clears backlog\n\n"
        "The office cleared 12,000 files.\n",
        "2023-09-12",
        "thestar.com.my",
    ),
    (
        "Regional office grants more titles\n\nALMATY, 3 May 2024, KAZINFORM - The office "
        "granted 900 patents.\n",
        "2024-05-03",
        "KAZINFORM",
    ),
    (
        "2 March 2021 11:05\n\nItaly backs the treaty\n\n(ANSA) - Rome, March 2 - The "
        "government approved the bill on Tuesday.\n",
        "2021-03-02",
        "ANSA",
    ),
]


# a site's name alone on a line (a masthead), and stamps that name the site in other ways
_MASTHEADS: list[tuple[str, str | None, str | None]] = [
    (
        "The Harbour Times\nPosted : 2024-02-05 09:10 | Updated : 2024-02-05 11:00\n\nOffice "
        "opens a branch\n\nThe office opened a branch in the port city.\n",
        "2024-02-05",
        "The Harbour Times",
    ),
    (
        "THE DAILY LEDGER\nBUSINESS » ECONOMY\n\nFilings climb again\n\nThe Ledger Bureau\n"
        "CHENNAI\n\nPublished - May 2, 2024 07:15 pm IST\n\nThe office received 9,000 "
        "applications.\n",
        "2024-05-02",
        "The Daily Ledger",
    ),
    (
        "Court backs the inventor in a long fight over a valve\n\nVALLEY POST\nUpdated 04 "
        "June 2024\n\nTEMA: The court ruled for the inventor.\n",
        "2024-06-04",
        "Valley Post",
    ),
    (
        "Tech|Ledger\n\nFilings hold steady\n\n12 Feb 2024 | News\n\nBy Tech|Ledger staff\n\n"
        "Filings held steady last year.\n",
        "2024-02-12",
        "Tech|Ledger",
    ),
    (
        "Office clears its backlog early\n\n(Island Daily Online) 09:12, March 4, 2024\n\n"
        "The office cleared its backlog.\n",
        "2024-03-04",
        "Island Daily Online",
    ),
    (
        "COAST WIRE - Mar 5, 2024 - 10:20 | World\n\nOffices sign a plan\n\nThe two offices "
        "signed a plan.\n",
        "2024-03-05",
        "Coast Wire",
    ),
    (
        "Writer: Li Wei | Editor: Zhou Min | From: Harbour Daily | Updated: 2024-04-03\n\n"
        "The city filed 3,000 PCT applications.\n",
        "2024-04-03",
        "Harbour Daily",
    ),
    (
        "Filings rise in the north\n\nBy Eurowire with dpa\nPublished on 05/03/2024 - 10:04 "
        "GMT+1\n\nThe office received 4,000 applications.\n",
        "2024-03-05",  # a European time zone: the day first
        "Eurowire",
    ),
    (
        "Island joins the Madrid system\n\nKINGSTON, Jamaica, Oct 14, CMC – The island "
        "deposited its instrument.\n",
        None,  # the dateline shows no year
        "CMC",
    ),
    (
        "The Morning Courier\n\nFilings rise 3%\n\nMarch 2, 2024 (Courier Japan)\n\nOSAKA -- "
        "Filings rose 3 percent.\n",
        "2024-03-02",
        "The Morning Courier",
    ),
    (
        "Published on 21/06/2023 - 10:45\nBy Agencia Andina News - Lima\n\nPeru extends its PPH"
        "\n\nThe two offices extended their pilot.\n",
        "2023-06-21",
        "Agencia Andina News",
    ),
    (
        "Business\n\nFilings dip\n\n03/07/2024 March 7, 2024\n\nFilings dipped.\n\nDW\n",
        "2024-03-07",
        "DW",  # "Business" is the site's section, not its name
    ),
]


def test_an_agency_lead_s_place_and_day_are_no_prose() -> None:
    article = article_from_text(
        "2 March 2021 11:05\n\nItaly backs the treaty\n\n(ANSA) - Rome, March 2 - The "
        "government approved the bill on Tuesday.\n",
        "t.txt",
    )
    assert article.dateline == "Rome"
    assert "March 2" not in article.prose and "Italy backs the treaty" in article.prose


def test_a_byline_under_a_headline_is_no_prose() -> None:
    article = article_from_text(
        "Court backs inventor\n\nBy our Legal Affairs Correspondent\nPublished 2 July 2024, "
        "18:20 BST\n\nThe High Court ruled on Tuesday.\n",
        "t.txt",
    )
    prose = article.prose
    assert "Correspondent" not in prose and "BST" not in prose
    assert "Court backs inventor" in prose  # the headline stays prose


def test_second_stamps_and_closing_stamps_are_no_prose() -> None:
    article = article_from_text(
        "Tuesday, 16 Apr 2024 13:08\nUpdated / Tuesday, 16 Apr 2024 17:45\n\nThe government "
        "deferred the vote on the court, the minister said on Tuesday.\n\nLast modified on "
        "Wed 17 Apr 2024 00.05 GMT\n",
        "t.txt",
    )
    assert article.date == "2024-04-16"
    assert "17:45" not in article.prose and "00.05" not in article.prose
    assert "deferred the vote" in article.prose


@pytest.mark.parametrize(
    ("text", "date", "publisher"),
    [*_STAMPS_UNDER_A_HEADLINE, *_SITE_HEADERS, *_AGENCY_LEADS, *_MASTHEADS],
)
def test_header_forms_give_date_and_publisher(
    text: str, date: str | None, publisher: str | None
) -> None:
    article = article_from_text(text, "t.txt")
    assert (article.date, article.publisher) == (date, publisher)
