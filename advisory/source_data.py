"""Example corporate memory for the source report's divisions: one
advisory post per division that leads objectives, with an outgoing and an
incoming tour, two engagements with its counterparts and their next steps,
and one lesson still at the observation stage. All flagged as example
data and dated relative to the day of the first load; made once, never
again once staff deleted them (``Loader.first_time``)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from advisory.models import AdvisoryPost, Atmosphere, Engagement, NextStep, Tour
from missions.models import Division, Lesson, LessonStage, Nation
from nmi_site.content.visibility import Visibility
from objectives.models import LongTermObjective


def load(loader, mission):
    today = timezone.localdate()
    nations = list(Nation.objects.filter(iso_code__in=["IT", "DK", "ES"]).order_by("iso_code"))
    for index, division in enumerate(Division.objects.filter(mission=mission).order_by("order", "pk")):
        objectives = list(LongTermObjective.objects.filter(owning_division=division).order_by("number", "pk")[:3])
        # Made once; a database loaded before the loader remembered its
        # groups has them already.
        if not objectives or not loader.first_time("example post", division) or division.advisory_posts.exists():
            continue
        institutions = list({i.pk: i for o in objectives for i in o.institutions.all()}.values())[:2]
        post = loader.create(
            AdvisoryPost,
            division=division,
            title_en=f"Example: senior advisor, {division.acronym or division.name_en}",
            title_ar=f"مثال: مستشار أول، {division.acronym or division.name_ar or division.name_en}",
            duties_en="Example: advises the counterpart's leadership on the division's objectives.",
            duties_ar="مثال: يقدّم المشورة لقيادة الجهة النظيرة في أهداف القسم.",
            is_example=True,
        )
        post.institutions.set(institutions)
        post.objectives.set(objectives)
        nation = nations[index % len(nations)] if nations else None
        # The outgoing holder leaves in three weeks; the incoming one arrives
        # ten days earlier, for the overlap.
        outgoing_end = today + datetime.timedelta(days=21 + index)
        loader.create(
            Tour,
            post=post,
            holder_name="Example outgoing advisor",
            nation=nation,
            starts_on=outgoing_end - datetime.timedelta(days=180),
            ends_on=outgoing_end,
        )
        if index % 2 == 0:  # the other posts show a missing successor
            loader.create(
                Tour,
                post=post,
                holder_name="Example incoming advisor",
                nation=nation,
                starts_on=outgoing_end - datetime.timedelta(days=10),
                ends_on=outgoing_end + datetime.timedelta(days=170),
            )
        for days, atmosphere in ((-60, Atmosphere.POSITIVE), (-20, Atmosphere.NEUTRAL)):
            if not institutions:
                break
            held_on = today + datetime.timedelta(days=days)
            engagement = loader.create(
                Engagement,
                post=post,
                held_on=held_on,
                institution=institutions[days % len(institutions)],
                purpose="Example: review progress on the plan-on-a-page with the counterpart.",
                outcomes="Example: dates agreed for the next course; a data request made.",
                atmosphere=atmosphere,
                is_example=True,
            )
            engagement.objectives.set(objectives[:1])
            loader.create(
                NextStep,
                engagement=engagement,
                description="Example: send the draft course calendar",
                owner=post,
                due_on=held_on + datetime.timedelta(days=30),
            )
    if (
        loader.first_time("example observation", mission)
        and not Lesson.objects.filter(mission=mission, is_example=True).exists()
    ):
        number = (Lesson.objects.filter(mission=mission).aggregate(top=Max("number"))["top"] or 0) + 1
        loader.create(
            Lesson,
            mission=mission,
            number=number,
            title_en="Example: handovers lose the counterpart's contact list",
            title_ar="مثال: قائمة جهات الاتصال لدى الجهة النظيرة تضيع عند التسليم",
            summary_en="Example observation: two incoming advisors rebuilt their counterparts' contacts from scratch.",
            summary_ar=(
                "ملاحظة على سبيل المثال: اضطرّ مستشاران قادمان إلى إعادة بناء قائمة جهات الاتصال"
                " لدى نظرائهما من البداية."
            ),
            stage=LessonStage.OBSERVATION,
            # Published as the report's lessons are: it shows on the site only
            # once staff have taken it to a lesson learned.
            visibility=Visibility.PUBLIC,
            is_example=True,
        )
