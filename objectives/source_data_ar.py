"""The Arabic of the objectives the loader creates, and of their example
data: each English text of ``objectives.source_data`` and its Arabic, in
the portal's own words, with the terms of docs/glossary.md."""

ARABIC = {
    # Objectives ----------------------------------------------------------------
    "Reform of the non-commissioned officer cadre": "إصلاح ملاك ضباط الصف",
    "A far-reaching reform of how the NCO cadre is organised across every service command: how NCOs are "
    "recruited and promoted, how their careers progress, the personnel structures they sit in, assignments "
    "that match their rank, and the training they need.": (
        "إصلاح واسع لطريقة تنظيم ملاك ضباط الصف في جميع قيادات القوات: كيف يُجنَّد ضباط الصف ويُرقَّون، "
        "وكيف تتقدّم مسيرتهم المهنية، والهياكل التنظيمية التي ينتمون إليها، وتكليفهم بمهام تناسب رتبهم، "
        "والتدريب الذي يحتاجونه."
    ),
    "Curriculum, faculty and institutional development": "تطوير المناهج والهيئات التدريسية والمؤسسات",
    "Lasting improvement in every institution the division advises, among them the Defence University for "
    "Military Studies and the Military Academy: what they teach, who teaches it, and how the institutions are "
    "governed.": (
        "تحسين دائم في كل مؤسسة يقدّم لها القسم المشورة، ومنها جامعة الدفاع للدراسات العسكرية والكلية "
        "العسكرية: ما تدرّسه، ومن يدرّسه، وكيف تُدار المؤسسات."
    ),
    "International humanitarian law and human-rights law": "القانون الدولي الإنساني وقانون حقوق الإنسان",
    "International humanitarian law and human-rights law are built into the strategies, policies, manuals, "
    "education and training of Iraq's security institutions.": (
        "إدماج القانون الدولي الإنساني وقانون حقوق الإنسان في استراتيجيات المؤسسات الأمنية العراقية "
        "وسياساتها وأدلتها وتعليمها وتدريبها."
    ),
    "Strategy formulation": "صياغة الاستراتيجية",
    "Help the Ministry of Defence formulate defence strategy and the policy that carries it out.": (
        "مساعدة وزارة الدفاع على صياغة الاستراتيجية الدفاعية والسياسة التي تنفّذها."
    ),
    "Force and capability development": "تطوير القوات والقدرات",
    "A planning system that sets requirements for defence capabilities and force structures.": (
        "منظومة تخطيط تحدّد متطلبات القدرات الدفاعية وهياكل القوات."
    ),
    "Financial reform": "الإصلاح المالي",
    "Sound, transparent management of defence finances that leaves no room for corruption.": (
        "إدارة سليمة وشفافة للموارد المالية الدفاعية لا تترك مجالًا للفساد."
    ),
    "Modern management of the armed forces' people, from recruitment to retirement.": (
        "إدارة حديثة لأفراد القوات المسلحة، من التجنيد حتى التقاعد."
    ),
    "Intelligence institutions that set requirements, manage collection and analyse well.": (
        "مؤسسات استخبارية تحدّد المتطلبات وتدير جمع المعلومات وتحسن تحليلها."
    ),
    "A modern, robust logistics system that can work alongside those of Iraq's partners.": (
        "منظومة إمداد حديثة ومتينة قادرة على العمل إلى جانب منظومات شركاء العراق."
    ),
    "Cyber": "الأمن السيبراني",
    "Cyber security strategy, policy and operations for the defence institutions.": (
        "استراتيجية الأمن السيبراني وسياساته وعملياته للمؤسسات الدفاعية."
    ),
    "Civilian oversight of the armed forces": "الرقابة المدنية على القوات المسلحة",
    "Management of out-of-country activities": "إدارة الأنشطة خارج البلاد",
    "National crisis management": "الإدارة الوطنية للأزمات",
    "Protection of civilians": "حماية المدنيين",
    "Readiness reporting": "الإبلاغ عن الجاهزية",
    "Women in defence": "المرأة في قطاع الدفاع",
    "Combined-arms training": "تدريب الأسلحة المشتركة",
    "Leadership training": "تدريب القيادة",
    "Women, peace and security": "المرأة والسلام والأمن",
    "Strategic communication capacity": "قدرات الاتصال الاستراتيجي",
    "Example objective for demonstration; the source report does not describe it.": (
        "هدف على سبيل المثال للعرض؛ لا يصفه التقرير المصدر."
    ),
    # Lines of effort -----------------------------------------------------------
    "Curriculum development": "تطوير المناهج",
    "Help evaluate and design curricula that meet the armed forces' needs and bring in NATO priorities such "
    "as Women, Peace and Security, international humanitarian law and the protection of civilians.": (
        "المساعدة في تقييم المناهج وتصميمها لتلبّي احتياجات القوات المسلحة وتُدخل أولويات الناتو، مثل "
        "المرأة والسلام والأمن، والقانون الدولي الإنساني، وحماية المدنيين."
    ),
    "Faculty development": "تطوير الهيئات التدريسية",
    "Raise learning standards by strengthening instructors and course developers, with modern teaching "
    "methods and media and training of their own.": (
        "رفع مستوى التعلّم بتقوية المدرّبين ومطوّري الدورات، بأساليب ووسائل تعليمية حديثة وبتدريب خاص بهم."
    ),
    "Institutional development": "التطوير المؤسسي",
    "Apply NATO's Systems Approach to Training to improve governance and quality assurance.": (
        "تطبيق النهج المنظومي للتدريب المعتمد في الناتو لتحسين الحوكمة وضمان الجودة."
    ),
    "Strategy, policy, manuals and doctrine": "الاستراتيجية والسياسات والأدلة والعقيدة",
    "Develop and improve the written framework on the subject.": "تطوير الإطار المكتوب في هذا المجال وتحسينه.",
    "Legal structures in the armed forces": "البنى القانونية في القوات المسلحة",
    "Give international humanitarian law a permanent place in the armed forces' legal structures.": (
        "منح القانون الدولي الإنساني مكانة دائمة في البنى القانونية للقوات المسلحة."
    ),
    "Training and education": "التدريب والتعليم",
    "Train and educate the armed forces in both bodies of law.": "تدريب القوات المسلحة وتعليمها في كلا القانونين.",
    # Indicators ----------------------------------------------------------------
    "Service commands applying the new NCO promotion standards": (
        "قيادات القوات التي تطبّق معايير ترقية ضباط الصف الجديدة"
    ),
    "NCO posts filled at the right rank": "مناصب ضباط الصف المشغولة بالرتبة المناسبة",
    "Courses reviewed against the Systems Approach to Training": "الدورات التي رُوجعت وفق النهج المنظومي للتدريب",
    "Instructors through faculty development": "المدرّبون الذين أتمّوا تطوير الهيئات التدريسية",
    "Curricula including protection of civilians": "المناهج التي تتضمّن حماية المدنيين",
    "commands": "قيادات",
    "courses": "دورات",
    "instructors": "مدرّبون",
    # Key achievements ----------------------------------------------------------
    "A Planning Guide for setting defence capability and force-structure requirements": (
        "دليل تخطيط لتحديد متطلبات القدرات الدفاعية وهياكل القوات"
    ),
    "Closer partnership with Allies through better-managed out-of-country activities": (
        "شراكة أوثق مع الحلفاء بفضل إدارة أفضل للأنشطة خارج البلاد"
    ),
    "Iraqi personnel taking part in activities in NATO countries are now managed more effectively.": (
        "باتت إدارة الأفراد العراقيين المشاركين في أنشطة في دول الناتو أكثر فاعلية."
    ),
    "Firmer civilian and constitutional control of the armed forces": "رقابة مدنية ودستورية أرسخ على القوات المسلحة",
    "A habit of continuous, measurable reform taking root in civilian governance.": (
        "ترسّخ عادة الإصلاح المستمر والقابل للقياس في الحوكمة المدنية."
    ),
    "Greater readiness of the Iraqi armed forces": "جاهزية أعلى للقوات المسلحة العراقية",
    "Iraq's first written logistic support strategy": "أول استراتيجية مكتوبة للإسناد اللوجستي في العراق",
    "It guides the building of a modern, robust logistics system able to work with partners'.": (
        "توجّه بناء منظومة إمداد حديثة ومتينة قادرة على العمل مع منظومات الشركاء."
    ),
    "Marked progress in modernising human-resource management": "تقدّم ملحوظ في تحديث إدارة الموارد البشرية",
    "Service command advice established": "ترسيخ المشورة لقيادات القوات",
    "Opens a regular partnership with NATO on human resources, logistics, readiness, force and capability "
    "development, NCO development, protection of civilians and women in defence.": (
        "تفتح شراكة منتظمة مع الناتو في الموارد البشرية والإمداد والجاهزية وتطوير القوات والقدرات وتطوير "
        "ضباط الصف وحماية المدنيين والمرأة في قطاع الدفاع."
    ),
    "Stronger crisis management": "إدارة أقوى للأزمات",
    "Under the National Security Council's mandate, the Joint Operations Command drew up a national "
    "crisis-management structure.": (
        "بتكليف من مجلس الأمن الوطني، وضعت قيادة العمليات المشتركة هيكلًا وطنيًا لإدارة الأزمات."
    ),
    "Full support to the Ministry of Defence's Cyber Security Directorate": (
        "دعم كامل لمديرية الأمن السيبراني في وزارة الدفاع"
    ),
    "Help with operational delivery and with developing cyber security strategy and policy.": (
        "المساعدة في التنفيذ العملياتي وفي تطوير استراتيجية الأمن السيبراني وسياساته."
    ),
    # Example reports, plans and activities -------------------------------------
    "Example report for demonstration: the figures are invented.": "تقرير على سبيل المثال للعرض: الأرقام مفترضة.",
    "Example: agreed milestones met with the counterpart.": "مثال: تحقّقت المراحل المتفق عليها مع الجهة النظيرة.",
    "Example: continue with the agreed plan-on-a-page.": "مثال: مواصلة العمل بخطة الصفحة الواحدة المتفق عليها.",
    "Example: staff turnover in the counterpart institution delayed work.": (
        "مثال: تأخّر العمل بسبب تبدّل الموظفين في المؤسسة النظيرة."
    ),
    "Example: first plan agreed with the counterpart.": "مثال: أول خطة يُتفق عليها مع الجهة النظيرة.",
    "Example: re-phased after the mid-tour review.": "مثال: أُعيدت جدولة المراحل بعد مراجعة منتصف فترة الخدمة.",
    "Example outcome.": "نتيجة على سبيل المثال.",
    "Joint assessment with the counterpart": "تقييم مشترك مع الجهة النظيرة",
    "Agree terms of reference for the reform": "الاتفاق على الإطار المرجعي للإصلاح",
    "Workshop with senior officers": "ورشة عمل مع كبار الضباط",
    "Draft policy reviewed with the counterpart": "مراجعة مسودة السياسة مع الجهة النظيرة",
    "Pilot course delivered": "تنفيذ دورة تجريبية",
    "Train-the-trainer sessions": "جلسات تدريب المدرّبين",
    "Mid-term review of progress": "مراجعة التقدّم في منتصف المدة",
    "Evaluation and lessons identified": "التقييم والدروس المحدّدة",
}
