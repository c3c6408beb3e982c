"""Extraction on short texts written for these tests: entities, relations, statistics.

They run the real spaCy pipeline (the declared dependency) because every rule
here depends on its tags and parse.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.article import extract_article
from kg.ingest import article_from_text
from kg.nlp.run import parse_article
from kg.records import Extraction


def extract(text: str) -> Extraction:
    article = article_from_text(text, "test.txt")
    return extract_article(article, parse_article(article))


def labels(result: Extraction) -> dict[str, str]:
    return {e.key: e.cls for e in result.entities if e.mentioned}


def triples(result: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in result.relations}


def test_acronym_defined_after_the_name_resolves_later_uses() -> None:
    result = extract(
        "The Korean Intellectual Property Office (KIPO) received more applications. "
        "KIPO said demand was strong."
    )
    kipo = next(e for e in result.entities if e.key == "korean-intellectual-property-office")
    assert kipo.cls == "IPOffice"
    assert "KIPO" in kipo.alt_labels


def test_acronym_before_the_name_in_parentheses() -> None:
    result = extract("Officials from NIPO (Northland Intellectual Property Office) met on Monday.")
    office = [e for e in result.entities if e.cls == "IPOffice"]
    assert office and office[0].label == "Northland Intellectual Property Office"
    assert "NIPO" in office[0].alt_labels


def test_short_person_name_and_title_are_resolved() -> None:
    result = extract(
        "Ministry of Commerce spokesperson Shu Jueting said on Thursday that talks went well. "
        "Shu added that trade would grow."
    )
    person = next(e for e in result.entities if e.cls == "Person")
    assert person.label == "Shu Jueting"
    assert "Shu" in person.alt_labels
    assert all(not e.label.lower().startswith("spokesperson") for e in result.entities)


def test_non_entities_are_rejected() -> None:
    result = extract(
        "date 2024-03-01 Officials at the signing ceremony Photo: example.gov.cn\n\n"
        "China values intellectual property (IP) protection and IP cooperation."
    )
    names = {e.label for e in result.entities}
    assert "IP" not in names
    assert not any("example" in n or "Photo" in n for n in names)


def test_spokesperson_head_and_affiliation() -> None:
    result = extract(
        "Chinese Foreign Ministry spokesperson Mao Ning spoke on Monday. "
        "WIPO Director General Daren Tang opened the session. "
        "Li Hua, a senior official of the European Patent Office, attended."
    )
    found = triples(result)
    assert ("mao-ning", "spokespersonOf", "chinese-foreign-ministry") in found
    assert ("daren-tang", "headOf", "world-intellectual-property-organization") in found
    assert ("li-hua", "affiliatedWith", "european-patent-office") in found


def test_membership_and_cooperation() -> None:
    result = extract(
        "Brazil became a member of the Hague Agreement in 2023. "
        "Since then, it has engaged in close cooperation with the World Intellectual Property "
        "Organization."
    )
    found = triples(result)
    hague = {o for s, p, o in found if s == "brazil" and p == "memberOf"}
    assert hague, found
    assert ("brazil", "cooperatesWith", "world-intellectual-property-organization") in found


def test_index_publisher_and_rank_with_index_and_date() -> None:
    result = extract(
        "date 2023-09-28\nIndia ranked 40th on the Global Innovation Index 2023 of WIPO."
    )
    assert any(p == "publishedBy" for _, p, _ in triples(result))
    rank = next(s for s in result.statistics if s.unit == "Rank")
    assert rank.subject == "india"
    assert rank.value == 40
    assert rank.index is not None
    assert rank.date == "2023"


def test_statistic_with_scale_qualifier_date_and_announcer() -> None:
    result = extract(
        "date 2024-01-20\nThe Japan Patent Office announced that as of the end of 2023, Japan's "
        "design registrations in force had reached more than 1.2 million."
    )
    stat = next(s for s in result.statistics if s.value == Decimal("1200000"))
    assert stat.subject == "japan"
    assert stat.unit == "Count"
    assert stat.qualifier == "more than"
    assert stat.date == "2023-12-31"
    assert stat.announced_by == "japan-patent-office"
    assert stat.evidence.text.startswith("The Japan Patent Office announced")


def test_percent_change_is_its_own_signed_statistic() -> None:
    result = extract(
        "date 2024-02-01\nGermany filed 16,916 international applications last year, down 5.3 percent."
    )
    values = {(s.subject, s.value, s.unit) for s in result.statistics}
    assert ("germany", Decimal("16916"), "Count") in values
    assert ("germany", Decimal("-5.3"), "Percent") in values
    count = next(s for s in result.statistics if s.unit == "Count")
    assert count.date == "2023"


def test_technology_field_and_demonym_subject() -> None:
    result = extract("Korean companies filed 3,200 patent applications for solid-state batteries.")
    stat = next(s for s in result.statistics if s.value == 3200)
    assert stat.subject == "republic-of-korea"
    assert stat.technology_field == "solid-state-batteries"


@pytest.mark.parametrize(
    "text",
    [
        "The year 2024 marks the 30th anniversary of the treaty.",
        "The Top 10 makers in the country are well known.",
        "Over the past three decades the office has grown.",
        "The 16th meeting of the committee opened in Geneva.",
    ],
)
def test_numbers_that_are_not_claims(text: str) -> None:
    assert extract(text).statistics == ()


def test_offsets_point_at_the_evidence_in_the_source_text() -> None:
    text = "date 2024-01-04 (ECNS) -- Spain filed 1,500 applications in 2023.Italy filed 2,000."
    article = article_from_text(text, "t.txt")
    result = extract_article(article, parse_article(article))
    assert len(result.statistics) == 2
    for stat in result.statistics:
        assert text[stat.evidence.start : stat.evidence.end] == stat.evidence.text
    assert result.statistics[1].evidence.text == "Italy filed 2,000."


def test_signed_agreement_gets_parties_and_a_stable_name() -> None:
    result = extract(
        "The Japan Patent Office (JPO) and the Korean Intellectual Property Office (KIPO) signed a "
        "memorandum of understanding (MoU) on Monday. Under the MoU, the offices will share data."
    )
    agreement = next(e for e in result.entities if e.cls == "Agreement")
    assert agreement.label == "Memorandum of Understanding between JPO and KIPO"
    assert "MoU" in agreement.alt_labels
    found = triples(result)
    assert ("japan-patent-office", "partyTo", agreement.key) in found
    assert ("korean-intellectual-property-office", "partyTo", agreement.key) in found
    assert any(p == "cooperatesWith" for _, p, _ in found)


def test_events_with_host_place_and_participants() -> None:
    result = extract(
        "Heads of five offices met in Seoul on Tuesday for the 17th IP5 Heads of Office Meeting. "
        "The Korean Intellectual Property Office hosted the meeting. It was joined by the European "
        "Patent Office and the Japan Patent Office."
    )
    event = next(e for e in result.entities if e.cls == "Event")
    found = triples(result)
    assert (event.key, "location", "seoul") in found
    assert (event.key, "organizedBy", "korean-intellectual-property-office") in found
    assert ("european-patent-office", "participatedIn", event.key) in found
    assert ("japan-patent-office", "participatedIn", event.key) in found


def test_gazetteer_knowledge_is_background_not_an_article_statement() -> None:
    result = extract("The Japan Patent Office published its annual report.")
    office = next(e for e in result.entities if e.key == "japan-patent-office")
    assert ("country", "japan") in office.facts
    assert not any(r.predicate == "country" for r in result.relations)


def ranks(result: Extraction) -> set[tuple[str, int]]:
    return {(s.subject, int(s.value)) for s in result.statistics if s.unit == "Rank"}


def test_ranks_written_in_words_lists_and_ordinals() -> None:
    result = extract(
        "date 2024-03-01\nHuawei was the top applicant at the office last year, followed by Samsung "
        "and Ericsson. Norway ranked 21st, while Chile (52nd) and Peru, at 70th, trailed. "
        "Spain moved up to No. 5, overtaking Italy, which ranked sixth."
    )
    found = ranks(result)
    assert {("huawei", 1), ("samsung-electronics", 2), ("ericsson", 3)} <= found
    assert {("norway", 21), ("chile", 52), ("peru", 70), ("spain", 5), ("italy", 6)} <= found


def test_one_of_the_leading_is_not_first_place() -> None:
    result = extract("Brazil is one of the world's leading countries in agricultural patents.")
    assert not ranks(result)


def test_respectively_pairs_numbers_with_the_list() -> None:
    result = extract(
        "Filings from Mexico, Chile and Colombia rose by 4.1 percent, 2.5 percent and 1.2 percent "
        "respectively."
    )
    pairs = {(s.subject, float(s.value)) for s in result.statistics if s.unit == "Percent"}
    assert pairs == {("mexico", 4.1), ("chile", 2.5), ("colombia", 1.2)}


def test_change_owned_by_its_own_clause() -> None:
    result = extract("Dutch filings grew by 3.5%, whereas French filings slipped by 1.5%.")
    pairs = {(s.subject, float(s.value)) for s in result.statistics}
    assert ("netherlands", 3.5) in pairs and ("france", -1.5) in pairs


def test_titles_that_are_functions_or_units_are_affiliations() -> None:
    result = extract(
        "Mei Lin, Huawei's Chief Legal Officer, spoke first. Tom Reyes, head of Huawei's patent "
        "department, followed."
    )
    found = triples(result)
    assert ("mei-lin", "affiliatedWith", "huawei") in found
    assert ("tom-reyes", "affiliatedWith", "huawei") in found
    assert not any(p == "headOf" for _, p, _ in found)


def test_role_property() -> None:
    from kg.extract.relations import role_property

    assert role_property("Chief Executive Officer") == "headOf"
    assert role_property("chief economist") == "affiliatedWith"
    assert role_property("Under Secretary of Commerce for IP and Director") == "headOf"
    assert role_property("former President") is None


def test_bare_title_refers_to_the_last_organisation() -> None:
    result = extract(
        "The European Union Intellectual Property Office received record filings. "
        "Executive Director Joao Negrao said demand stayed strong."
    )
    assert ("joao-negrao", "headOf", "european-union-intellectual-property-office") in triples(
        result
    )


def test_joint_action_home_to_and_city_in_region() -> None:
    result = extract(
        "IP Australia and the European Patent Office will launch a pilot programme in July. "
        "Hangzhou, in east China's Zhejiang province, is home to the headquarters of Alibaba."
    )
    found = triples(result)
    assert ("ip-australia", "cooperatesWith", "european-patent-office") in found
    assert ("alibaba-group", "location", "hangzhou") in found
    assert ("hangzhou", "partOf", "zhejiang") in found


def test_company_typed_from_context() -> None:
    result = extract(
        "Robotics maker Zentrix said on Monday that Zentrix executives met regulators."
    )
    assert labels(result).get("zentrix") == "Company"


def test_names_grown_around_places() -> None:
    result = extract(
        "The University of California filed 470 applications, ahead of Shenzhen University and "
        "the South China University of Technology."
    )
    names = {e.label: e.cls for e in result.entities if e.mentioned}
    assert {
        "University of California",
        "Shenzhen University",
        "South China University of Technology",
    } <= set(names)
    assert "California" not in names


def test_identifiers_are_not_statistics() -> None:
    result = extract("The office issued U.S. Patent No. 10,000,000 on Tuesday.")
    assert not [s for s in result.statistics if s.unit == "Rank"]


def test_fragments_and_generic_words_are_not_entities() -> None:
    result = extract(
        "The Institute said the ARIPO Council of Ministers on Thursday met the United Nations "
        "Economic Commission for Africa and the Controller General."
    )
    names = {e.label for e in result.entities if e.mentioned}
    assert "Institute" not in names and "Controller General" not in names
    assert "United Nations Economic Commission for Africa" in names
    assert not any(n.endswith("Thursday") for n in names)
