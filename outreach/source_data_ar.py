"""The Arabic of the example events the loader creates: each English text
of ``outreach.source_data`` and its Arabic, in the portal's own words, with
the terms of docs/glossary.md."""

# How a mobile advisory training team course's title begins, in each language.
MATT_COURSE = ("Mobile advisory training team course: ", "دورة فريق التدريب الاستشاري المتنقل: ")

ARABIC = {
    "Baghdad": "بغداد",
    "Information day for defence attachés": "يوم تعريفي للملحقين العسكريين",
    "An introduction to the mission for defence attachés of nations contributing personnel for the first "
    "time.": "تعريف بالبعثة للملحقين العسكريين من الدول التي تسهم بأفراد للمرة الأولى.",
    "Defence attachés of first-time contributing nations": "الملحقون العسكريون للدول المساهمة للمرة الأولى",
    "Ambassador day with the NATO Contact Point Embassy": "يوم السفراء مع سفارة نقطة اتصال الناتو",
    "One of the two ambassador days the mission holds each year with the NATO Contact Point Embassy in "
    "Baghdad, currently Italy's, to brief Allied and partner ambassadors.": (
        "أحد يومَي السفراء اللذين تعقدهما البعثة كل عام مع سفارة نقطة اتصال الناتو في بغداد، وهي حاليًا "
        "سفارة إيطاليا، لإطلاع سفراء دول الحلف والدول الشريكة."
    ),
    "Ambassadors of Allied and partner nations in Baghdad": "سفراء دول الحلف والدول الشريكة في بغداد",
    "Security Contact Group meeting": "اجتماع مجموعة الاتصال الأمني",
    "The mission represents itself in the informal group of international organisations that supports "
    "security sector reform in Iraq.": (
        "تمثّل البعثة نفسها في المجموعة غير الرسمية من المنظمات الدولية التي تدعم إصلاح القطاع الأمني في العراق."
    ),
    "Members of the Security Contact Group": "أعضاء مجموعة الاتصال الأمني",
    "A course delivered by a mobile advisory training team at the request of advisors and their Iraqi "
    "counterparts.": "دورة يقدّمها فريق تدريب استشاري متنقل بطلب من المستشارين ونظرائهم العراقيين.",
    "Iraqi instructors and staff officers": "المدرّبون وضباط الركن العراقيون",
    "SSRC–RDDC joint seminar": "ندوة مشتركة بين مركز بحوث الدراسات الاستراتيجية وكلية الدفاع الملكية الدنماركية",
    "SSRC–RDDC joint workshop": ("ورشة عمل مشتركة بين مركز بحوث الدراسات الاستراتيجية وكلية الدفاع الملكية الدنماركية"),
    "Iraq's Strategic Studies Research Centre and the Royal Danish Defence College share research and "
    "knowledge.": "يتبادل مركز بحوث الدراسات الاستراتيجية العراقي وكلية الدفاع الملكية الدنماركية البحوث والمعرفة.",
    "Researchers and faculty": "الباحثون والهيئات التدريسية",
    "Example outcome: held as planned, with follow-up actions agreed.": (
        "نتيجة على سبيل المثال: عُقد كما كان مقرّرًا، مع الاتفاق على إجراءات للمتابعة."
    ),
}

# The subjects of the mobile advisory training teams' courses: each
# course's title is MATT_COURSE and its subject.
COURSE_SUBJECTS = {
    "Intelligence requirements and collection management": "متطلبات الاستخبارات وإدارة جمع المعلومات",
    "Exercise planning and direction": "تخطيط التمارين وإدارتها",
    "Intelligence analysis techniques": "أساليب التحليل الاستخباري",
    "Major incident medical management": "الإدارة الطبية للحوادث الكبرى",
    "Air and ground medical evacuation": "الإخلاء الطبي الجوي والبري",
    "CBRN warning and reporting": "الإنذار والإبلاغ عن التهديدات الكيميائية والبيولوجية والإشعاعية والنووية",
    "Explosive ordnance disposal: manual probing and detection": "معالجة الذخائر المتفجرة: التحسّس والكشف اليدوي",
    "Faculty education on field resuscitation": "تعليم الهيئات التدريسية في الإنعاش الميداني",
}

ARABIC.update(
    {f"{MATT_COURSE[0]}{english}": f"{MATT_COURSE[1]}{arabic}" for english, arabic in COURSE_SUBJECTS.items()}
)
