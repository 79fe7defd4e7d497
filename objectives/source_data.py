"""
The long-term objectives the source report describes, and example data.

Facts: LTO 9 and LTO 11 of the Professional Security Education Division, the
objective on international humanitarian and human-rights law of the Special
Programs and Coordination Office (the report gives no number), the
Ministerial Advisory Division's objective domains and its key achievements
of 2018–2023. Descriptions are the portal's own wording.

The report gives no progress figures and names only some of the mission's 21
objectives. For demonstration the loader adds, flagged ``is_example``: the
remaining objectives (to reach each division's reported share), progress
reports, indicators with measurements and plans-on-a-page. Example data is
made once per objective, dated relative to the day of the first load, and
never touched again; ``--facts-only`` skips it.
"""

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from missions.models import CapabilityArea, Division, Institution, Lesson, Nation
from nmi_site.content.dates import DatePrecision
from nmi_site.content.loading import split
from objectives.models import (
    ActivityStatus,
    Indicator,
    KeyAchievement,
    LineOfEffort,
    LongTermObjective,
    Measure,
    Measurement,
    ObjectiveStatus,
    PlannedActivity,
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
    ReportStatus,
)

FACT_OBJECTIVES = [
    {
        "slug": "lto-9-nco-cadre-reform",
        "number": 9,
        "division": "pse",
        "title_en": "Reform of the non-commissioned officer cadre",
        "statement_en": (
            "A far-reaching reform of how the NCO cadre is organised across every service command: how NCOs "
            "are recruited and promoted, how their careers progress, the personnel structures they sit in, "
            "assignments that match their rank, and the training they need."
        ),
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["human-resource-management", "professional-military-education"],
        "lessons": [3],
    },
    {
        "slug": "lto-11-curriculum-faculty-institutions",
        "number": 11,
        "division": "pse",
        "title_en": "Curriculum, faculty and institutional development",
        "statement_en": (
            "Lasting improvement in every institution the division advises, among them the Defence University "
            "for Military Studies and the Military Academy: what they teach, who teaches it, and how the "
            "institutions are governed."
        ),
        "institutions": ["defence-university-for-military-studies", "military-academy"],
        "capability_areas": ["professional-military-education"],
        "lessons": [3, 5],
        "lines": [
            (
                "Curriculum development",
                "Help evaluate and design curricula that meet the armed forces' needs and bring in NATO "
                "priorities such as Women, Peace and Security, international humanitarian law and the "
                "protection of civilians.",
            ),
            (
                "Faculty development",
                "Raise learning standards by strengthening instructors and course developers, with modern "
                "teaching methods and media and training of their own.",
            ),
            (
                "Institutional development",
                "Apply NATO's Systems Approach to Training to improve governance and quality assurance.",
            ),
        ],
    },
    {
        "slug": "international-humanitarian-and-human-rights-law",
        "division": "spco",
        "title_en": "International humanitarian law and human-rights law",
        "statement_en": (
            "International humanitarian law and human-rights law are built into the strategies, policies, "
            "manuals, education and training of Iraq's security institutions."
        ),
        "institutions": ["ministry-of-defence"],
        "lessons": [4],
        "lines": [
            ("Strategy, policy, manuals and doctrine", "Develop and improve the written framework on the subject."),
            (
                "Legal structures in the armed forces",
                "Give international humanitarian law a permanent place in the armed forces' legal structures.",
            ),
            ("Training and education", "Train and educate the armed forces in both bodies of law."),
        ],
    },
    # The Ministerial Advisory Division's objective domains.
    {
        "slug": "mad-strategy-formulation",
        "division": "mad",
        "title_en": "Strategy formulation",
        "statement_en": "Help the Ministry of Defence formulate defence strategy and the policy that carries it out.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["strategy-and-policy", "security-sector-reform"],
    },
    {
        "slug": "mad-defence-planning",
        "division": "mad",
        "title_en": "Defence planning",
        "statement_en": "A planning system that sets requirements for defence capabilities and force structures.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["defence-planning"],
    },
    {
        "slug": "mad-logistics",
        "division": "mad",
        "title_en": "Logistics",
        "statement_en": "A modern, robust logistics system that can work alongside those of Iraq's partners.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["logistics"],
    },
    {
        "slug": "mad-cyber",
        "division": "mad",
        "title_en": "Cyber",
        "statement_en": "Cyber security strategy, policy and operations for the defence institutions.",
        "institutions": ["cyber-security-directorate"],
        "capability_areas": ["cyber-defence"],
    },
    {
        "slug": "mad-human-resource-management",
        "division": "mad",
        "title_en": "Human resource management",
        "statement_en": "Modern management of the armed forces' people, from recruitment to retirement.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["human-resource-management"],
    },
    {
        "slug": "mad-intelligence",
        "division": "mad",
        "title_en": "Intelligence",
        "statement_en": "Intelligence institutions that set requirements, manage collection and analyse well.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["intelligence"],
    },
    {
        "slug": "mad-financial-reform",
        "division": "mad",
        "title_en": "Financial reform",
        "statement_en": "Sound, transparent management of defence finances that leaves no room for corruption.",
        "institutions": ["ministry-of-defence"],
        "capability_areas": ["financial-management"],
    },
]

# Not in the report: invented to complete the 21 objectives (each division's
# reported share), flagged and labelled as examples.
EXAMPLE_OBJECTIVES = [
    ("mad", "Readiness reporting"),
    ("mad", "Management of out-of-country activities"),
    ("mad", "National crisis management"),
    ("mad", "Civilian oversight of the armed forces"),
    ("mad", "Force and capability development"),
    ("mad", "Protection of civilians"),
    ("mad", "Women in defence"),
    ("spco", "Women, peace and security"),
    ("tdd", "Leadership training"),
    ("tdd", "Combined-arms training"),
    ("scro", "Strategic communication capacity"),
]

PERIOD_2018_2023 = {
    "achieved_from": datetime.date(2018, 1, 1),
    "achieved_by": datetime.date(2023, 1, 1),
    "date_precision": DatePrecision.YEAR,
}

ACHIEVEMENTS = [
    {"title_en": "Greater readiness of the Iraqi armed forces", **PERIOD_2018_2023},
    {
        "title_en": "Marked progress in modernising human-resource management",
        "objective": "mad-human-resource-management",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "A Planning Guide for setting defence capability and force-structure requirements",
        "objective": "mad-defence-planning",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "Closer partnership with Allies through better-managed out-of-country activities",
        "summary_en": "Iraqi personnel taking part in activities in NATO countries are now managed more effectively.",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "Full support to the Ministry of Defence's Cyber Security Directorate",
        "summary_en": "Help with operational delivery and with developing cyber security strategy and policy.",
        "objective": "mad-cyber",
        "achieved_from": datetime.date(2023, 5, 1),
        "date_precision": DatePrecision.MONTH,
    },
    {
        "title_en": "Iraq's first written logistic support strategy",
        "summary_en": "It guides the building of a modern, robust logistics system able to work with partners'.",
        "objective": "mad-logistics",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "Stronger crisis management",
        "summary_en": "Under the National Security Council's mandate, the Joint Operations Command drew up a national "
        "crisis-management structure.",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "Firmer civilian and constitutional control of the armed forces",
        "summary_en": "A habit of continuous, measurable reform taking root in civilian governance.",
        **PERIOD_2018_2023,
    },
    {
        "title_en": "Service command advice established",
        "summary_en": "Opens a regular partnership with NATO on human resources, logistics, readiness, force and "
        "capability development, NCO development, protection of civilians and women in defence.",
        **PERIOD_2018_2023,
    },
]

EXAMPLE_ACTIVITIES = [
    "Joint assessment with the counterpart",
    "Agree terms of reference for the reform",
    "Workshop with senior officers",
    "Draft policy reviewed with the counterpart",
    "Pilot course delivered",
    "Train-the-trainer sessions",
    "Mid-term review of progress",
    "Evaluation and lessons identified",
]


def seed(text):
    """A stable number from ``text``, so example figures are the same on
    every machine."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def half_years_before(today, count):
    """The last ``count`` complete half-years before ``today``, oldest first."""
    year, half = (today.year, 1) if today.month > 6 else (today.year - 1, 2)
    periods = []
    for _ in range(count):
        if half == 1:
            periods.append((datetime.date(year, 1, 1), datetime.date(year, 6, 30)))
            year, half = year - 1, 2
        else:
            periods.append((datetime.date(year, 7, 1), datetime.date(year, 12, 31)))
            half = 1
    return list(reversed(periods))


def load(loader, mission, *, facts_only=False):
    divisions = {division.slug: division for division in Division.objects.filter(mission=mission)}
    institutions = {institution.slug: institution for institution in Institution.objects.all()}
    areas = {area.slug: area for area in CapabilityArea.objects.all()}
    lessons = {lesson.number: lesson for lesson in Lesson.objects.filter(mission=mission)}

    objectives = {}
    for record in FACT_OBJECTIVES:
        lookup, fields = split(record, "slug")
        links, fields = split(fields, "division", "institutions", "capability_areas", "lessons", "lines")
        if links["division"] not in divisions:
            continue  # its division was deleted
        objective = loader.get_or_create(
            LongTermObjective,
            {"mission": mission, **lookup},
            {"owning_division": divisions[links["division"]], "status": ObjectiveStatus.ACTIVE, **fields},
            m2m={
                "institutions": [institutions.get(slug) for slug in links.get("institutions", [])],
                "capability_areas": [areas.get(slug) for slug in links.get("capability_areas", [])],
                "lessons": [lessons[number] for number in links.get("lessons", []) if number in lessons],
            },
        )
        for order, (title, description) in enumerate(links.get("lines", []), start=1):
            loader.get_or_create(
                LineOfEffort,
                {"objective": objective, "order": order},
                {"title_en": title, "description_en": description},
            )
        objectives[record["slug"]] = objective

    for record in ACHIEVEMENTS:
        lookup, fields = split(record, "title_en")
        objective = fields.pop("objective", None)
        loader.get_or_create(
            KeyAchievement,
            {"division": divisions.get("mad"), **lookup},
            {"objective": objectives.get(objective), **fields},
        )

    if facts_only:
        return

    for division_slug, title in EXAMPLE_OBJECTIVES:
        if division_slug not in divisions:
            continue
        slug = f"example-{slugify(title)}"
        objectives[slug] = loader.get_or_create(
            LongTermObjective,
            {"mission": mission, "slug": slug},
            {
                "owning_division": divisions[division_slug],
                "title_en": title,
                "statement_en": "Example objective for demonstration; the source report does not describe it.",
                "status": ObjectiveStatus.ACTIVE,
                "is_example": True,
            },
        )

    today = timezone.localdate()
    italy = Nation.objects.filter(iso_code="IT").first()
    for objective in objectives.values():
        if objective is None:
            continue  # deleted by staff
        _example_indicators(loader, objective)
        _example_reports(loader, objective, today)
        _example_plans(loader, objective, today, italy)


def _example_indicators(loader, objective):
    if objective.number not in (9, 11) or not loader.first_time("example indicators", objective):
        return
    if objective.indicators.exists():
        return
    lines = list(objective.lines_of_effort.all())
    if objective.number == 9:
        specs = [
            ("Service commands applying the new NCO promotion standards", Measure.UNIT, "commands", 0, 5),
            ("NCO posts filled at the right rank", Measure.PERCENTAGE, "", 40, 85),
        ]
    else:
        specs = [
            ("Courses reviewed against the Systems Approach to Training", Measure.UNIT, "courses", 2, 24),
            ("Instructors through faculty development", Measure.UNIT, "instructors", 10, 150),
            ("Curricula including protection of civilians", Measure.PERCENTAGE, "", 5, 90),
        ]
    for order, (name, measure, unit, baseline, target) in enumerate(specs, start=1):
        loader.create(
            Indicator,
            objective=objective,
            line_of_effort=lines[order - 1] if order <= len(lines) else None,
            order=order,
            name_en=name,
            measure=measure,
            unit_en=unit,
            baseline_value=baseline,
            target_value=target,
            is_example=True,
        )


def _example_reports(loader, objective, today):
    if not loader.first_time("example reports", objective) or objective.reports.exists():
        return
    number = seed(objective.slug)
    periods = half_years_before(today, 3 + number % 4)
    percent = 5 + number % 15
    indicators = list(objective.indicators.all())
    for index, (start, end) in enumerate(periods):
        percent = min(100, percent + 6 + (number >> index) % 12)
        if percent == 100:
            status = ReportStatus.COMPLETED
        elif (number >> (index + 3)) % 5 == 0:
            status = ReportStatus.AT_RISK
        else:
            status = ReportStatus.ON_TRACK
        reviewed = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=30), datetime.time(9)))
        report = loader.create(
            ProgressReport,
            objective=objective,
            period_start=start,
            period_end=end,
            percent_complete=percent,
            status=status,
            narrative_en="Example report for demonstration: the figures are invented.",
            achievements_en="Example: agreed milestones met with the counterpart." if status != "at_risk" else "",
            obstacles_en="Example: staff turnover in the counterpart institution delayed work."
            if status == "at_risk"
            else "",
            next_steps_en="Example: continue with the agreed plan-on-a-page.",
            state=ReportState.APPROVED,
            submitted_at=reviewed - datetime.timedelta(days=10),
            reviewed_at=reviewed,
            is_example=True,
        )
        # Seeding bypasses the workflow: the example reports are created
        # approved, so their measurements are written in bulk.
        measurements = [
            Measurement(
                indicator=indicator,
                report=report,
                actual_value=round(
                    Decimal(indicator.baseline_value)
                    + (Decimal(indicator.target_value) - Decimal(indicator.baseline_value))
                    * (index + 1)
                    / (len(periods) + 2),
                    # Counts are whole numbers.
                    0 if indicator.measure == Measure.UNIT else 1,
                ),
            )
            for indicator in indicators
        ]
        Measurement.objects.bulk_create(measurements)
        if measurements:
            loader.count(Measurement, len(measurements))


def _example_plans(loader, objective, today, nation):
    if not loader.first_time("example plans", objective) or objective.plans.exists():
        return
    number = seed(objective.slug + "plan")
    institution = objective.institutions.first()
    first_agreed = today - datetime.timedelta(days=330)
    second_agreed = today - datetime.timedelta(days=120)
    versions = [
        (1, PlanState.SUPERSEDED, first_agreed, "Example: first plan agreed with the counterpart."),
        (2, PlanState.AGREED, second_agreed, "Example: re-phased after the mid-tour review."),
    ]
    for version, state, agreed_on, summary in versions:
        plan = loader.create(
            PlanOnAPage,
            objective=objective,
            institution=institution,
            version=version,
            state=state,
            agreed_on=agreed_on,
            valid_from=agreed_on,
            valid_to=agreed_on + datetime.timedelta(days=365),
            change_summary_en=summary,
            is_example=True,
        )
        count = 5 + (number + version) % 4
        for order, title in enumerate(EXAMPLE_ACTIVITIES[:count], start=1):
            quarter_date = agreed_on + datetime.timedelta(days=45 * order)
            status = ActivityStatus.PLANNED
            if quarter_date < today:
                status = ActivityStatus.DROPPED if version == 2 and order == 4 else ActivityStatus.DONE
            loader.create(
                PlannedActivity,
                plan=plan,
                order=order,
                title_en=title,
                target=f"{quarter_date.year}-Q{(quarter_date.month - 1) // 3 + 1}",
                lead_division=objective.owning_division,
                lead_nation=nation if order == 3 else None,
                status=status,
                outcome_en="Example outcome." if status == ActivityStatus.DONE else "",
            )
