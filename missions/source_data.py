"""
The mission's structure as the public source report describes it.

Names, dates and figures are the report's facts; every description is the
portal's own wording. Names with an official Arabic form (the mission, its
divisions, Iraqi institutions, nations) carry it here; the Arabic of every
other text is in ``missions.source_data_ar``, in the terms of
docs/glossary.md.

:func:`load` creates what is missing and never changes an existing row, so
running it again, or after staff have edited the data, changes nothing.
"""

import datetime
from decimal import Decimal

from missions.models import (
    CapabilityArea,
    Contribution,
    CountQualifier,
    Division,
    Institution,
    InstitutionKind,
    Lesson,
    LessonStage,
    Milestone,
    MilestoneKind,
    Mission,
    Nation,
    NationStatus,
    PartnerKind,
    PartnerOrganisation,
    Programme,
    TrustFundContribution,
)
from nmi_site.content.dates import DatePrecision
from nmi_site.content.loading import split

MISSION = {
    "slug": "nmi",
    "name_en": "NATO Mission Iraq",
    "name_ar": "بعثة حلف الناتو في العراق",
    "short_name_en": "NMI",
    "nature_en": "non-combat advisory and capacity-building mission",
    "mandate_summary_en": (
        "NATO Mission Iraq advises Iraq's defence and security institutions at the invitation of the "
        "Government of Iraq and with full respect for the country's sovereignty. Its aim is a national "
        "defence and security structure that is effective, inclusive, transparent, accountable and able "
        "to sustain itself, so that Iraq can stabilise the country, counter terrorism and keep Daesh "
        "from returning.\n\n"
        "The mission takes no part in combat: its people do not conduct operations or accompany Iraqi "
        "units on them, and it works only with institutions under the control of the Government of Iraq. "
        "Rather than training soldiers itself, it develops the instructors, teachers and leaders who do."
    ),
    "host_country_en": "Iraq",
    "host_country_ar": "العراق",
    "headquarters_city_en": "Baghdad",
    "headquarters_city_ar": "بغداد",
    "launched_on": datetime.date(2018, 7, 1),
    "launched_on_precision": DatePrecision.MONTH,
    "established_on": datetime.date(2018, 10, 1),
    "established_on_precision": DatePrecision.MONTH,
    "objective_count": 21,
}

MILESTONES = [
    {
        "date": datetime.date(2018, 7, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": MilestoneKind.MANDATE,
        "title_en": "Mission launched at the Brussels summit",
        "summary_en": "Allied leaders meeting in Brussels launched the mission in answer to a formal request "
        "from Iraq's Prime Minister.",
    },
    {
        "date": datetime.date(2018, 1, 1),
        "date_precision": DatePrecision.YEAR,
        "kind": MilestoneKind.FUNDING,
        "title_en": "Trust fund support begins",
        "summary_en": "NATO's trust fund for Defence and related Security Capacity Building committed "
        "EUR 1.13 million to demining, civil-military cooperation and armoured vehicle maintenance.",
    },
    {
        "date": datetime.date(2018, 10, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": MilestoneKind.MANDATE,
        "title_en": "Mission formally established",
        "summary_en": "The mission was formally set up in Baghdad three months after its launch.",
    },
    {
        "date": datetime.date(2019, 9, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": MilestoneKind.OPERATIONAL,
        "title_en": "Fully operational",
        "summary_en": "After a year spent agreeing with Iraqi counterparts what they needed, the mission "
        "reached full operational capability and began its advisory work in earnest.",
    },
    {
        "date": datetime.date(2021, 2, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": MilestoneKind.EXPANSION,
        "title_en": "Defence ministers decide to expand the mission",
        "summary_en": "At the request of the Government of Iraq, NATO defence ministers agreed to enlarge the mission.",
    },
    {
        "date": datetime.date(2023, 8, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": MilestoneKind.EXPANSION,
        "title_en": "Advice extended to the Ministry of Interior",
        "summary_en": "Following a further Iraqi request, the North Atlantic Council agreed that the mission "
        "would also advise the Ministry of Interior and the Federal Police Command and help build their "
        "capacity.",
    },
]

DIVISIONS = [
    {
        "slug": "mad",
        "acronym": "MAD",
        "order": 1,
        "name_en": "Ministerial Advisory Division",
        "name_ar": "قسم الاستشارات الوزارية",
        "purpose_en": (
            "Advises the Ministry of Defence and the service commands on becoming self-sufficient in "
            "defence under constitutional oversight, through a reform programme that Iraq can carry on "
            "by itself. Its fields include strategy, defence planning, logistics, cyber, human-resource "
            "management, intelligence and financial reform.\n\n"
            "It also supports the two bodies that oversee reform of Iraq's security sector: the Chief of "
            "Defence's Reform Committee and the Ministerial Reform Committee."
        ),
        "advisor_count": 60,
        "advisor_count_qualifier": CountQualifier.OVER,
        "nation_count": 15,
        "nation_count_qualifier": CountQualifier.ABOUT,
        "objective_count": 14,
    },
    {
        "slug": "pse",
        "acronym": "PSE",
        "order": 2,
        "name_en": "Professional Security Education Division",
        "name_ar": "قسم التعليم الأمني المهني",
        "purpose_en": (
            "Strengthens professional military education with the Defence University for Military "
            "Studies, the Military Academy and the other institutions it advises: their curricula, their "
            "teaching staff and the way they are run. It leads two long-term objectives, reform of the "
            "non-commissioned officer cadre and curriculum, faculty and institutional development."
        ),
        "objective_count": 2,
    },
    {
        "slug": "tdd",
        "acronym": "TDD",
        "order": 3,
        "name_en": "Training Development Division",
        "name_ar": "قسم تطوير التدريب",
        "purpose_en": (
            "Reviews curricula and builds new training capability, above all in leadership and "
            "branch-specific training. Its advisors draw on colleagues from other divisions and, where the "
            "mission lacks a skill, on Mobile Advisory Training Teams requested by advisors and their Iraqi "
            "counterparts."
        ),
    },
    {
        "slug": "spco",
        "acronym": "SPCO",
        "order": 4,
        "name_en": "Special Programs and Coordination Office",
        "name_ar": "مكتب البرامج الخاصة والتنسيق",
        "purpose_en": (
            "Leads the mission's advice on international humanitarian law and human-rights law, one of "
            "the mission's main pillars: bringing both into Iraqi strategy, policy, manuals and doctrine, "
            "into the legal structures of the armed forces, and into their education and training."
        ),
    },
    {
        "slug": "scro",
        "acronym": "SCRO",
        "order": 5,
        "name_en": "Strategic Communications, Representation and Outreach Division",
        "name_ar": "قسم الاتصال الاستراتيجي والتمثيل والتواصل",
        "purpose_en": (
            "The mission's face to the outside world. It carries the mission's key messages to its "
            "audiences, advises the Commander and the wider mission on the strategic and information "
            "environment, and helps coordinate security sector reform inside and outside the mission.\n\n"
            "With the Senior Civilian it deals with the mission's three main civilian interlocutors: the "
            "Prime Minister's Office, the Office of the National Security Advisor and the Ministry of "
            "Foreign Affairs. It organises the ambassador days and information days and represents the "
            "mission at Security Contact Group meetings."
        ),
    },
]

BRANCHES = [
    {
        "slug": "ccpb",
        "acronym": "CCPB",
        "order": 6,
        "parent": "tdd",
        "name_en": "Cross Cutting Project Branch",
        "purpose_en": (
            "Helps the branch service schools and training centres sharpen their instructors' practical "
            "skills. Its main effort is the Combined-Arms Training Course, which builds knowledge of "
            "combined-arms warfare, practice in military decision-making and planning, and interoperability "
            "through NATO doctrine."
        ),
    },
]

NATIONS = [
    {"iso_code": "IQ", "status": NationStatus.HOST, "name_en": "Iraq", "name_ar": "العراق"},
    {"iso_code": "IT", "status": NationStatus.NATO_ALLY, "name_en": "Italy", "name_ar": "إيطاليا"},
    {"iso_code": "GB", "status": NationStatus.NATO_ALLY, "name_en": "United Kingdom", "name_ar": "المملكة المتحدة"},
    {"iso_code": "DK", "status": NationStatus.NATO_ALLY, "name_en": "Denmark", "name_ar": "الدنمارك"},
    {"iso_code": "TR", "status": NationStatus.NATO_ALLY, "name_en": "Türkiye", "name_ar": "تركيا"},
    {"iso_code": "AU", "status": NationStatus.PARTNER, "name_en": "Australia", "name_ar": "أستراليا"},
    {"iso_code": "JO", "status": NationStatus.PARTNER, "name_en": "Jordan", "name_ar": "الأردن"},
]

CONTRIBUTIONS = [
    {
        "nation": "IQ",
        "since": datetime.date(2018, 1, 1),
        "since_precision": DatePrecision.YEAR,
        "role_en": "Host nation. Invited the mission and agrees its long-term objectives with it.",
    },
    {
        "nation": "IT",
        "role_en": "Its embassy in Baghdad is the NATO Contact Point Embassy, with which the mission holds "
        "two ambassador days a year.",
    },
    {
        "nation": "GB",
        "role_en": "Runs the Training Systems Development Program with the Professional Security Education "
        "Division, facilitated by the British Embassy in Baghdad.",
    },
    {
        "nation": "DK",
        "role_en": "The Royal Danish Defence College partners Iraq's Strategic Studies Research Centre.",
    },
    {
        "nation": "AU",
        "since": datetime.date(2018, 1, 1),
        "since_precision": DatePrecision.YEAR,
        "role_en": "A partner nation contributing to the mission alongside the NATO allies.",
    },
    {
        "nation": "JO",
        "role_en": "Before the mission, hosted training for Iraqi forces in countering improvised explosive "
        "devices, military medicine, civil-military planning and officer and NCO training.",
    },
    {
        "nation": "TR",
        "role_en": "Before the mission, hosted cyber defence training for Iraqi forces.",
    },
]

INSTITUTIONS = [
    {
        "slug": "ministry-of-defence",
        "acronym": "MoD",
        "kind": InstitutionKind.MINISTRY,
        "name_en": "Ministry of Defence",
        "name_ar": "وزارة الدفاع",
        "summary_en": "A key counterpart since the mission began; most divisions advise it or bodies under it.",
    },
    {
        "slug": "ministry-of-interior",
        "acronym": "MoI",
        "kind": InstitutionKind.MINISTRY,
        "name_en": "Ministry of Interior",
        "name_ar": "وزارة الداخلية",
        "summary_en": "Within the mission's advisory scope since August 2023.",
    },
    {
        "slug": "ministry-of-foreign-affairs",
        "acronym": "MoFA",
        "kind": InstitutionKind.MINISTRY,
        "name_en": "Ministry of Foreign Affairs",
        "name_ar": "وزارة الخارجية",
        "summary_en": "One of the mission's three main civilian interlocutors.",
    },
    {
        "slug": "prime-ministers-office",
        "acronym": "PMO",
        "kind": InstitutionKind.OFFICE,
        "name_en": "Prime Minister's Office",
        "name_ar": "مكتب رئيس الوزراء",
        "summary_en": "One of the mission's three main civilian interlocutors.",
    },
    {
        "slug": "office-of-the-national-security-advisor",
        "acronym": "ONSA",
        "kind": InstitutionKind.OFFICE,
        "name_en": "Office of the National Security Advisor",
        "name_ar": "مستشارية الأمن القومي",
        "summary_en": "A key counterpart and one of the mission's three main civilian interlocutors.",
    },
    {
        "slug": "counter-terrorism-service",
        "acronym": "CTS",
        "kind": InstitutionKind.SERVICE,
        "name_en": "Counter-Terrorism Service",
        "name_ar": "جهاز مكافحة الإرهاب",
        "summary_en": "A key counterpart of the mission.",
    },
    {
        "slug": "national-security-council",
        "acronym": "NSC",
        "kind": InstitutionKind.COUNCIL,
        "name_en": "National Security Council",
        "name_ar": "مجلس الأمن الوطني",
        "summary_en": "Its mandate frames the crisis-management work the mission supports.",
    },
    {
        "slug": "joint-operations-command",
        "acronym": "JOC",
        "kind": InstitutionKind.COMMAND,
        "name_en": "Joint Operations Command",
        "name_ar": "قيادة العمليات المشتركة",
        "summary_en": "Drew up Iraq's national crisis-management structure.",
    },
    {
        "slug": "federal-police-command",
        "kind": InstitutionKind.COMMAND,
        "parent": "ministry-of-interior",
        "name_en": "Federal Police Command",
        "name_ar": "قيادة الشرطة الاتحادية",
        "summary_en": "Within the mission's advisory scope since August 2023.",
    },
    {
        "slug": "chief-of-defence-reform-committee",
        "kind": InstitutionKind.COMMITTEE,
        "parent": "ministry-of-defence",
        "name_en": "Chief of Defence's Reform Committee",
        "summary_en": "One of the two bodies overseeing reform of the security sector.",
    },
    {
        "slug": "ministerial-reform-committee",
        "kind": InstitutionKind.COMMITTEE,
        "parent": "ministry-of-defence",
        "name_en": "Ministerial Reform Committee",
        "summary_en": "One of the two bodies overseeing reform of the security sector.",
    },
    {
        "slug": "cyber-security-directorate",
        "kind": InstitutionKind.DIRECTORATE,
        "parent": "ministry-of-defence",
        "name_en": "Cyber Security Directorate",
        "summary_en": "Supported by the mission in strategy, policy and operational delivery since May 2023.",
    },
    {
        "slug": "defence-university-for-military-studies",
        "acronym": "DUFMS",
        "kind": InstitutionKind.UNIVERSITY,
        "parent": "ministry-of-defence",
        "name_en": "Defence University for Military Studies",
        "name_ar": "جامعة الدفاع للدراسات العسكرية",
        "summary_en": "Advised by the Professional Security Education Division.",
    },
    {
        "slug": "military-academy",
        "kind": InstitutionKind.ACADEMY,
        "parent": "ministry-of-defence",
        "name_en": "Military Academy",
        "name_ar": "الكلية العسكرية",
        "summary_en": "Advised by the Professional Security Education Division.",
    },
    {
        "slug": "strategic-studies-research-centre",
        "acronym": "SSRC",
        "kind": InstitutionKind.CENTRE,
        "name_en": "Strategic Studies Research Centre",
        "summary_en": "Partners the Royal Danish Defence College in joint seminars and workshops.",
    },
    {
        "slug": "education-cadre-development-centre",
        "acronym": "ECDC",
        "kind": InstitutionKind.CENTRE,
        "name_en": "Education Cadre Development Centre",
        "summary_en": "Develops instructors and trainers for the armed forces, increasingly online.",
    },
    {
        "slug": "branch-service-schools-and-training-centres",
        "acronym": "BSS&TCs",
        "kind": InstitutionKind.CENTRE,
        "parent": "ministry-of-defence",
        "name_en": "Branch Service Schools and Training Centres",
        "summary_en": "Their instructors are supported by the Cross Cutting Project Branch.",
    },
]

PARTNERS = [
    {
        "slug": "euam-iraq",
        "acronym": "EUAM-I",
        "kind": PartnerKind.EU,
        "name_en": "European Union Advisory Mission in Iraq",
        "summary_en": "Member of the Security Contact Group.",
    },
    {
        "slug": "unami",
        "acronym": "UNAMI",
        "kind": PartnerKind.UN,
        "name_en": "United Nations Assistance Mission for Iraq",
        "summary_en": "Member of the Security Contact Group.",
    },
    {
        "slug": "undp",
        "acronym": "UNDP",
        "kind": PartnerKind.UN,
        "name_en": "United Nations Development Programme",
        "summary_en": "Member of the Security Contact Group.",
    },
    {
        "slug": "cjtf-oir",
        "acronym": "CJTF-OIR",
        "kind": PartnerKind.COALITION,
        "name_en": "Combined Joint Task Force – Operation Inherent Resolve",
        "summary_en": "The Counter-Daesh Coalition's task force; member of the Security Contact Group.",
    },
    {
        "slug": "rddc",
        "acronym": "RDDC",
        "kind": PartnerKind.ACADEMIC,
        "name_en": "Royal Danish Defence College",
        "summary_en": "Shares knowledge and research with Iraq's Strategic Studies Research Centre.",
    },
]

CAPABILITY_AREAS = [
    {
        "slug": "c-ied",
        "order": 1,
        "name_en": "Countering improvised explosive devices",
        "summary_en": "Detecting, defeating and disposing of improvised explosive devices.",
    },
    {
        "slug": "civil-military-planning",
        "order": 2,
        "name_en": "Civil-military planning",
        "summary_en": "Planning that joins up military and civilian authorities.",
    },
    {
        "slug": "armoured-vehicle-maintenance",
        "order": 3,
        "name_en": "Armoured vehicle maintenance",
        "summary_en": "Keeping armoured vehicles, including Soviet-era ones, in service.",
    },
    {
        "slug": "military-medicine",
        "order": 4,
        "name_en": "Military medicine",
        "summary_en": "Medical support to forces, from field resuscitation to medical evacuation.",
    },
    {
        "slug": "security-sector-reform",
        "order": 5,
        "name_en": "Security sector reform",
        "summary_en": "Reform of Iraq's security institutions and their governance.",
    },
    {
        "slug": "cyber-defence",
        "order": 6,
        "name_en": "Cyber defence",
        "summary_en": "Protecting defence networks and building cyber security strategy and policy.",
    },
    {
        "slug": "strategy-and-policy",
        "order": 7,
        "name_en": "Strategy and policy",
        "summary_en": "Formulating defence strategy and the policies that carry it out.",
    },
    {
        "slug": "defence-planning",
        "order": 8,
        "name_en": "Defence planning",
        "summary_en": "Setting the requirements for defence capabilities and force structures.",
    },
    {
        "slug": "logistics",
        "order": 9,
        "name_en": "Logistics",
        "summary_en": "A modern, robust logistics system that works with those of partners.",
    },
    {
        "slug": "human-resource-management",
        "order": 10,
        "name_en": "Human resource management",
        "summary_en": "Recruiting, developing, promoting and managing military and civilian personnel.",
    },
    {
        "slug": "intelligence",
        "order": 11,
        "name_en": "Intelligence",
        "summary_en": "Intelligence requirements, collection management and analysis.",
    },
    {
        "slug": "financial-management",
        "order": 12,
        "name_en": "Financial management",
        "summary_en": "Financial reform and the fight against corruption in defence institutions.",
    },
    {
        "slug": "professional-military-education",
        "order": 13,
        "name_en": "Professional military education",
        "summary_en": "Curricula, faculty and governance of military schools, academies and the defence university.",
    },
]

PROGRAMMES = [
    {
        "slug": "deep",
        "division": "pse",
        "acronym": "DEEP",
        "name_en": "Defence Education Enhancement Programme",
        "summary_en": "NATO's programme that opens its network of defence education institutions to the division.",
    },
    {
        "slug": "tsdp",
        "division": "pse",
        "acronym": "TSDP",
        "name_en": "Training Systems Development Program",
        "summary_en": "A bilateral collaboration with the United Kingdom and its industry, arranged through the "
        "British Embassy in Baghdad: curriculum reviews, better Systems Approach to Training standards and new "
        "war games.",
        "nations": ["GB"],
    },
    {
        "slug": "ecdc-it-systems",
        "division": "pse",
        "name_en": "IT systems for the Education Cadre Development Centre",
        "summary_en": "Modern equipment that lets the centre offer instructor and trainer development courses "
        "online to the whole of the Iraqi armed forces.",
        "institutions": ["education-cadre-development-centre"],
    },
    {
        "slug": "ssrc-rddc-partnership",
        "division": "pse",
        "name_en": "SSRC–RDDC partnership",
        "summary_en": "Joint seminars and workshops through which the two institutions exchange knowledge and "
        "research.",
        "partner_organisations": ["rddc"],
        "nations": ["DK"],
        "institutions": ["strategic-studies-research-centre"],
    },
    {
        "slug": "matt",
        "division": "tdd",
        "acronym": "MATT",
        "name_en": "Mobile Advisory Training Teams",
        "summary_en": "Specialist teams sent on request where the mission lacks a skill. Their courses have "
        "covered intelligence requirements and collection management, exercise planning and direction, "
        "intelligence analysis, major incident medical management, air and ground medical evacuation, CBRN "
        "warning and reporting, manual probing and detection of explosive ordnance, and field resuscitation.",
    },
]

LESSONS = [
    {
        "number": 1,
        "title_en": "Quality counts for more than size",
        "summary_en": "Advice is what an advisory mission delivers, and advice scales. A few well-chosen experts "
        "achieve more than a large presence of less suitable ones; staying small and precisely targeted has "
        "kept the mission nimble and quick to answer what Iraq asks for.",
    },
    {
        "number": 2,
        "title_en": "Diversity is an alliance mission's strength",
        "summary_en": "Rather than giving each nation a task of its own, the mission mixes civilian and military "
        "experts from many nations in every advisory team. Different outlooks check one another, which lends "
        "the advice credibility and makes it unlikely that one nation's agenda steers it.",
    },
    {
        "number": 3,
        "title_en": "Training alone is not enough",
        "summary_en": "Iraq's forces have had a great deal of training, run capable academies and a defence "
        "university of their own, and came out of the fight against Daesh far more experienced. What helps "
        "most now is strategic advice: diagnosing institutions and recommending improvements tailored to "
        "them, not teaching generic skills once more.",
    },
    {
        "number": 4,
        "title_en": "Shared objectives are essential",
        "summary_en": "The mission is in Iraq because the Government of Iraq wants it there, and that consent "
        "guides everything it does. Long-term objectives agreed with Iraqi counterparts give both sides one "
        "programme of work and keep friction low.",
    },
    {
        "number": 5,
        "title_en": "Corporate memory must be protected",
        "summary_en": "With most advisors serving tours of about six months, knowledge is easily lost. "
        "Plans-on-a-page, programmes of activity agreed with Iraqi counterparts and kept to one sheet, let each "
        "advisor start where the predecessor stopped and spare Iraqi colleagues from explaining the same "
        "things to every newcomer.",
    },
]

TRUST_FUND = [
    {
        "year": 2018,
        "amount_eur": Decimal("1130000.00"),
        "purpose_en": "Training and capacity building in demining, civil-military cooperation and the "
        "maintenance of Soviet-era armoured vehicles.",
    },
]


def load(loader):
    """Load the mission's structure. Returns the mission, or ``None`` when
    staff deleted it (and with it everything else)."""
    mission_lookup, mission_fields = split(MISSION, "slug")
    mission = loader.get_or_create(Mission, mission_lookup, mission_fields)
    if mission is None:
        return None

    for milestone in MILESTONES:
        lookup, fields = split(milestone, "date", "title_en")
        loader.get_or_create(Milestone, {"mission": mission, **lookup}, fields)

    divisions = {}
    for record in DIVISIONS + BRANCHES:
        lookup, fields = split(record, "slug")
        parent = fields.pop("parent", None)
        if parent:
            # A branch of a deleted division stays deleted with it.
            fields["parent"] = divisions[parent]
            if fields["parent"] is None:
                divisions[record["slug"]] = None
                continue
        divisions[record["slug"]] = loader.get_or_create(Division, {"mission": mission, **lookup}, fields)

    nations = {}
    for record in NATIONS:
        lookup, fields = split(record, "iso_code")
        nations[record["iso_code"]] = loader.get_or_create(Nation, lookup, fields)

    for record in CONTRIBUTIONS:
        _, fields = split(record, "nation")
        loader.get_or_create(Contribution, {"mission": mission, "nation": nations[record["nation"]]}, fields)

    institutions = {}
    for record in INSTITUTIONS:
        lookup, fields = split(record, "slug")
        parent = fields.pop("parent", None)
        if parent:
            fields["parent"] = institutions[parent]
            if fields["parent"] is None:
                institutions[record["slug"]] = None
                continue
        institutions[record["slug"]] = loader.get_or_create(Institution, lookup, fields)

    partners = {}
    for record in PARTNERS:
        lookup, fields = split(record, "slug")
        partners[record["slug"]] = loader.get_or_create(PartnerOrganisation, lookup, fields)

    for record in CAPABILITY_AREAS:
        lookup, fields = split(record, "slug")
        loader.get_or_create(CapabilityArea, lookup, fields)

    for record in PROGRAMMES:
        lookup, fields = split(record, "slug")
        links, fields = split(fields, "partner_organisations", "nations", "institutions")
        fields["division"] = divisions[fields["division"]]
        if fields["division"] is None:
            continue
        loader.get_or_create(
            Programme,
            lookup,
            fields,
            m2m={
                "partner_organisations": [partners[slug] for slug in links.get("partner_organisations", [])],
                "nations": [nations[code] for code in links.get("nations", [])],
                "institutions": [institutions[slug] for slug in links.get("institutions", [])],
            },
        )

    for record in LESSONS:
        lookup, fields = split(record, "number")
        # The report's lessons are lessons learned (the last of NATO's stages).
        loader.get_or_create(Lesson, {"mission": mission, **lookup}, {**fields, "stage": LessonStage.LEARNED})

    for record in TRUST_FUND:
        lookup, fields = split(record, "year")
        loader.get_or_create(TrustFundContribution, {"mission": mission, **lookup}, fields)

    return mission
