"""The Arabic of the mission's structure as the loader creates it: each
English text of ``missions.source_data`` and its Arabic, in the portal's
own words, with the terms of docs/glossary.md. The loader fills a record's
empty Arabic field from here while its English is still the loaded text
(``Loader.fill_arabic``)."""

ARABIC = {
    # The mission ---------------------------------------------------------------
    "NMI": "بعثة الناتو بالعراق",
    "non-combat advisory and capacity-building mission": "بعثة غير قتالية للاستشارة وبناء القدرات",
    "NATO Mission Iraq advises Iraq's defence and security institutions at the invitation of the Government "
    "of Iraq and with full respect for the country's sovereignty. Its aim is a national defence and security "
    "structure that is effective, inclusive, transparent, accountable and able to sustain itself, so that Iraq "
    "can stabilise the country, counter terrorism and keep Daesh from returning.\n\n"
    "The mission takes no part in combat: its people do not conduct operations or accompany Iraqi units on "
    "them, and it works only with institutions under the control of the Government of Iraq. Rather than "
    "training soldiers itself, it develops the instructors, teachers and leaders who do.": (
        "تقدّم بعثة الناتو في العراق المشورة لمؤسسات الدفاع والأمن العراقية بدعوة من الحكومة العراقية، "
        "وباحترام كامل لسيادة البلاد. وغايتها منظومة وطنية للدفاع والأمن تكون فعّالة وشاملة للجميع وشفافة "
        "وخاضعة للمساءلة وقادرة على الاستمرار بقدراتها الذاتية، ليتمكّن العراق من تثبيت الاستقرار ومكافحة "
        "الإرهاب ومنع عودة داعش.\n\n"
        "لا تشارك البعثة في القتال: فأفرادها لا ينفّذون عمليات ولا يرافقون الوحدات العراقية فيها، ولا تعمل "
        "إلا مع مؤسسات خاضعة لسلطة الحكومة العراقية. وبدلًا من أن تدرّب الجنود بنفسها، فهي تطوّر المدرّبين "
        "والمعلّمين والقادة الذين يتولّون تدريبهم."
    ),
    # Milestones ----------------------------------------------------------------
    "Mission launched at the Brussels summit": "إطلاق البعثة في قمة بروكسل",
    "Allied leaders meeting in Brussels launched the mission in answer to a formal request from Iraq's "
    "Prime Minister.": "أطلق قادة الحلفاء البعثة خلال اجتماعهم في بروكسل، استجابةً لطلب رسمي من رئيس وزراء العراق.",
    "Trust fund support begins": "بدء الدعم من الصندوق الاستئماني",
    "NATO's trust fund for Defence and related Security Capacity Building committed EUR 1.13 million to "
    "demining, civil-military cooperation and armoured vehicle maintenance.": (
        "خصّص صندوق الناتو الاستئماني لبناء القدرات الدفاعية والأمنية 1.13 مليون يورو لإزالة الألغام "
        "والتعاون المدني العسكري وصيانة المركبات المدرّعة."
    ),
    "Mission formally established": "التأسيس الرسمي للبعثة",
    "The mission was formally set up in Baghdad three months after its launch.": (
        "أُسّست البعثة رسميًا في بغداد بعد ثلاثة أشهر من إطلاقها."
    ),
    "Fully operational": "بلوغ الجاهزية التشغيلية الكاملة",
    "After a year spent agreeing with Iraqi counterparts what they needed, the mission reached full "
    "operational capability and began its advisory work in earnest.": (
        "بعد عام من الاتفاق مع النظراء العراقيين على احتياجاتهم، بلغت البعثة قدرتها التشغيلية الكاملة "
        "وانطلقت في عملها الاستشاري على نحو فعلي."
    ),
    "Defence ministers decide to expand the mission": "وزراء الدفاع يقرّرون توسيع البعثة",
    "At the request of the Government of Iraq, NATO defence ministers agreed to enlarge the mission.": (
        "بطلب من الحكومة العراقية، وافق وزراء دفاع الناتو على توسيع البعثة."
    ),
    "Advice extended to the Ministry of Interior": "توسيع المشورة لتشمل وزارة الداخلية",
    "Following a further Iraqi request, the North Atlantic Council agreed that the mission would also advise "
    "the Ministry of Interior and the Federal Police Command and help build their capacity.": (
        "بناءً على طلب عراقي جديد، وافق مجلس شمال الأطلسي على أن تقدّم البعثة المشورة أيضًا لوزارة "
        "الداخلية وقيادة الشرطة الاتحادية وأن تساعد في بناء قدراتهما."
    ),
    # Divisions -----------------------------------------------------------------
    "Cross Cutting Project Branch": "فرع المشاريع المشتركة بين الأقسام",
    "Advises the Ministry of Defence and the service commands on becoming self-sufficient in defence under "
    "constitutional oversight, through a reform programme that Iraq can carry on by itself. Its fields "
    "include strategy, defence planning, logistics, cyber, human-resource management, intelligence and "
    "financial reform.\n\n"
    "It also supports the two bodies that oversee reform of Iraq's security sector: the Chief of Defence's "
    "Reform Committee and the Ministerial Reform Committee.": (
        "يقدّم المشورة لوزارة الدفاع وقيادات القوات كي تعتمد على نفسها في الدفاع في ظل الرقابة "
        "الدستورية، عبر برنامج إصلاح يستطيع العراق مواصلته بمفرده. وتشمل مجالاته الاستراتيجية والتخطيط "
        "الدفاعي والإمداد والأمن السيبراني وإدارة الموارد البشرية والاستخبارات والإصلاح المالي.\n\n"
        "ويدعم كذلك الهيئتين المشرفتين على إصلاح القطاع الأمني في العراق: لجنة الإصلاح لرئيس أركان الجيش "
        "ولجنة الإصلاح الوزارية."
    ),
    "Strengthens professional military education with the Defence University for Military Studies, the "
    "Military Academy and the other institutions it advises: their curricula, their teaching staff and the "
    "way they are run. It leads two long-term objectives, reform of the non-commissioned officer cadre and "
    "curriculum, faculty and institutional development.": (
        "يعزّز التعليم العسكري المهني مع جامعة الدفاع للدراسات العسكرية والكلية العسكرية وسائر المؤسسات "
        "التي يقدّم لها المشورة: مناهجها وهيئاتها التدريسية وطريقة إدارتها. ويقود هدفين طويلَي الأمد: "
        "إصلاح ملاك ضباط الصف، وتطوير المناهج والهيئات التدريسية والمؤسسات."
    ),
    "Reviews curricula and builds new training capability, above all in leadership and branch-specific "
    "training. Its advisors draw on colleagues from other divisions and, where the mission lacks a skill, on "
    "Mobile Advisory Training Teams requested by advisors and their Iraqi counterparts.": (
        "يراجع المناهج ويبني قدرات تدريبية جديدة، ولا سيما في تدريب القيادة وتدريب الصنوف. ويستعين "
        "مستشاروه بزملاء من الأقسام الأخرى، وحيث تفتقر البعثة إلى خبرة ما، بفرق التدريب الاستشارية "
        "المتنقلة التي يطلبها المستشارون ونظراؤهم العراقيون."
    ),
    "Leads the mission's advice on international humanitarian law and human-rights law, one of the mission's "
    "main pillars: bringing both into Iraqi strategy, policy, manuals and doctrine, into the legal structures "
    "of the armed forces, and into their education and training.": (
        "يقود مشورة البعثة في القانون الدولي الإنساني وقانون حقوق الإنسان، وهي من الركائز الأساسية "
        "للبعثة: إدخال كليهما في الاستراتيجيات والسياسات والأدلة والعقائد العراقية، وفي البنى القانونية "
        "للقوات المسلحة، وفي تعليمها وتدريبها."
    ),
    "The mission's face to the outside world. It carries the mission's key messages to its audiences, "
    "advises the Commander and the wider mission on the strategic and information environment, and helps "
    "coordinate security sector reform inside and outside the mission.\n\n"
    "With the Senior Civilian it deals with the mission's three main civilian interlocutors: the Prime "
    "Minister's Office, the Office of the National Security Advisor and the Ministry of Foreign Affairs. It "
    "organises the ambassador days and information days and represents the mission at Security Contact "
    "Group meetings.": (
        "واجهة البعثة أمام العالم الخارجي. ينقل رسائل البعثة الرئيسية إلى جمهورها، ويقدّم المشورة للقائد "
        "وللبعثة عمومًا بشأن البيئة الاستراتيجية والإعلامية، ويساعد في تنسيق إصلاح القطاع الأمني داخل "
        "البعثة وخارجها.\n\n"
        "ويتعامل مع كبير المسؤولين المدنيين مع المحاورين المدنيين الثلاثة الرئيسيين للبعثة: مكتب رئيس "
        "الوزراء ومستشارية الأمن القومي ووزارة الخارجية. وينظّم أيام السفراء والأيام التعريفية، ويمثّل "
        "البعثة في اجتماعات مجموعة الاتصال الأمني."
    ),
    "Helps the branch service schools and training centres sharpen their instructors' practical skills. Its "
    "main effort is the Combined-Arms Training Course, which builds knowledge of combined-arms warfare, "
    "practice in military decision-making and planning, and interoperability through NATO doctrine.": (
        "يساعد مدارس الصنوف ومراكز التدريب على صقل المهارات العملية لمدرّبيها. وجهده الرئيسي دورة تدريب "
        "الأسلحة المشتركة، التي تبني المعرفة بحرب الأسلحة المشتركة والممارسة في صنع القرار العسكري "
        "والتخطيط، والعمل المشترك من خلال عقيدة الناتو."
    ),
    # Contributions -------------------------------------------------------------
    "A partner nation contributing to the mission alongside the NATO allies.": (
        "دولة شريكة تسهم في البعثة إلى جانب دول حلف الناتو."
    ),
    "The Royal Danish Defence College partners Iraq's Strategic Studies Research Centre.": (
        "تتشارك كلية الدفاع الملكية الدنماركية مع مركز بحوث الدراسات الاستراتيجية العراقي."
    ),
    "Host nation. Invited the mission and agrees its long-term objectives with it.": (
        "الدولة المضيفة. دعت البعثة، وتتفق معها على أهدافها طويلة الأمد."
    ),
    "Its embassy in Baghdad is the NATO Contact Point Embassy, with which the mission holds two ambassador "
    "days a year.": "سفارتها في بغداد هي سفارة نقطة اتصال الناتو، وتعقد البعثة معها يومين للسفراء كل عام.",
    "Before the mission, hosted training for Iraqi forces in countering improvised explosive devices, "
    "military medicine, civil-military planning and officer and NCO training.": (
        "استضافت قبل البعثة تدريبًا للقوات العراقية في مكافحة العبوات الناسفة والطب العسكري والتخطيط "
        "المدني العسكري وتدريب الضباط وضباط الصف."
    ),
    "Before the mission, hosted cyber defence training for Iraqi forces.": (
        "استضافت قبل البعثة تدريبًا للقوات العراقية في الدفاع السيبراني."
    ),
    "Runs the Training Systems Development Program with the Professional Security Education Division, "
    "facilitated by the British Embassy in Baghdad.": (
        "تدير برنامج تطوير منظومات التدريب مع قسم التعليم الأمني المهني، بتيسير من السفارة البريطانية في بغداد."
    ),
    # Institutions --------------------------------------------------------------
    "Branch Service Schools and Training Centres": "مدارس الصنوف ومراكز التدريب",
    "Chief of Defence's Reform Committee": "لجنة الإصلاح لرئيس أركان الجيش",
    "Cyber Security Directorate": "مديرية الأمن السيبراني",
    "Education Cadre Development Centre": "مركز تطوير الملاكات التعليمية",
    "Ministerial Reform Committee": "لجنة الإصلاح الوزارية",
    "Strategic Studies Research Centre": "مركز بحوث الدراسات الاستراتيجية",
    "Their instructors are supported by the Cross Cutting Project Branch.": (
        "يدعم فرع المشاريع المشتركة بين الأقسام مدرّبيها."
    ),
    "One of the two bodies overseeing reform of the security sector.": (
        "إحدى الهيئتين المشرفتين على إصلاح القطاع الأمني."
    ),
    "A key counterpart of the mission.": "جهة نظيرة رئيسية للبعثة.",
    "Supported by the mission in strategy, policy and operational delivery since May 2023.": (
        "تدعمها البعثة في الاستراتيجية والسياسات والتنفيذ العملياتي منذ مايو 2023."
    ),
    "Advised by the Professional Security Education Division.": "يقدّم لها قسم التعليم الأمني المهني المشورة.",
    "Develops instructors and trainers for the armed forces, increasingly online.": (
        "يطوّر المدرّبين والمعلّمين للقوات المسلحة، وعلى نحو متزايد عبر الإنترنت."
    ),
    "Within the mission's advisory scope since August 2023.": "ضمن نطاق مشورة البعثة منذ أغسطس 2023.",
    "Drew up Iraq's national crisis-management structure.": "وضعت الهيكل الوطني لإدارة الأزمات في العراق.",
    "A key counterpart since the mission began; most divisions advise it or bodies under it.": (
        "جهة نظيرة رئيسية منذ بدء البعثة؛ تقدّم معظم الأقسام المشورة لها أو لجهات تابعة لها."
    ),
    "One of the mission's three main civilian interlocutors.": "أحد المحاورين المدنيين الثلاثة الرئيسيين للبعثة.",
    "Its mandate frames the crisis-management work the mission supports.": (
        "تؤطّر ولايتُه عملَ إدارة الأزمات الذي تدعمه البعثة."
    ),
    "A key counterpart and one of the mission's three main civilian interlocutors.": (
        "جهة نظيرة رئيسية وأحد المحاورين المدنيين الثلاثة الرئيسيين للبعثة."
    ),
    "Partners the Royal Danish Defence College in joint seminars and workshops.": (
        "يتشارك مع كلية الدفاع الملكية الدنماركية في ندوات وورش عمل مشتركة."
    ),
    # Partner organisations -----------------------------------------------------
    "Combined Joint Task Force – Operation Inherent Resolve": "قوة المهام المشتركة الموحدة – عملية العزم الصلب",
    "European Union Advisory Mission in Iraq": "بعثة الاتحاد الأوروبي الاستشارية في العراق",
    "Royal Danish Defence College": "كلية الدفاع الملكية الدنماركية",
    "United Nations Assistance Mission for Iraq": "بعثة الأمم المتحدة لمساعدة العراق",
    "United Nations Development Programme": "برنامج الأمم المتحدة الإنمائي",
    "The Counter-Daesh Coalition's task force; member of the Security Contact Group.": (
        "قوة المهام التابعة للتحالف الدولي لهزيمة داعش؛ عضو في مجموعة الاتصال الأمني."
    ),
    "Member of the Security Contact Group.": "عضو في مجموعة الاتصال الأمني.",
    "Shares knowledge and research with Iraq's Strategic Studies Research Centre.": (
        "تتبادل المعرفة والبحوث مع مركز بحوث الدراسات الاستراتيجية العراقي."
    ),
    # Capability areas ----------------------------------------------------------
    "Countering improvised explosive devices": "مكافحة العبوات الناسفة",
    "Civil-military planning": "التخطيط المدني العسكري",
    "Armoured vehicle maintenance": "صيانة المركبات المدرّعة",
    "Military medicine": "الطب العسكري",
    "Security sector reform": "إصلاح القطاع الأمني",
    "Cyber defence": "الدفاع السيبراني",
    "Strategy and policy": "الاستراتيجية والسياسات",
    "Defence planning": "التخطيط الدفاعي",
    "Logistics": "الإمداد والتموين",
    "Human resource management": "إدارة الموارد البشرية",
    "Intelligence": "الاستخبارات",
    "Financial management": "الإدارة المالية",
    "Professional military education": "التعليم العسكري المهني",
    "Detecting, defeating and disposing of improvised explosive devices.": (
        "كشف العبوات الناسفة وإبطالها والتخلّص منها."
    ),
    "Planning that joins up military and civilian authorities.": "تخطيط يربط بين السلطات العسكرية والمدنية.",
    "Keeping armoured vehicles, including Soviet-era ones, in service.": (
        "إبقاء المركبات المدرّعة في الخدمة، ومنها مركبات من الحقبة السوفيتية."
    ),
    "Medical support to forces, from field resuscitation to medical evacuation.": (
        "الإسناد الطبي للقوات، من الإنعاش الميداني إلى الإخلاء الطبي."
    ),
    "Reform of Iraq's security institutions and their governance.": "إصلاح المؤسسات الأمنية العراقية وحوكمتها.",
    "Protecting defence networks and building cyber security strategy and policy.": (
        "حماية الشبكات الدفاعية وبناء استراتيجية الأمن السيبراني وسياساته."
    ),
    "Formulating defence strategy and the policies that carry it out.": (
        "صياغة الاستراتيجية الدفاعية والسياسات التي تنفّذها."
    ),
    "Setting the requirements for defence capabilities and force structures.": (
        "تحديد متطلبات القدرات الدفاعية وهياكل القوات."
    ),
    "A modern, robust logistics system that works with those of partners.": (
        "منظومة إمداد حديثة ومتينة تعمل مع منظومات الشركاء."
    ),
    "Recruiting, developing, promoting and managing military and civilian personnel.": (
        "تجنيد الأفراد العسكريين والمدنيين وتطويرهم وترقيتهم وإدارتهم."
    ),
    "Intelligence requirements, collection management and analysis.": (
        "متطلبات الاستخبارات وإدارة جمع المعلومات وتحليلها."
    ),
    "Financial reform and the fight against corruption in defence institutions.": (
        "الإصلاح المالي ومكافحة الفساد في المؤسسات الدفاعية."
    ),
    "Curricula, faculty and governance of military schools, academies and the defence university.": (
        "مناهج المدارس والكليات العسكرية وجامعة الدفاع وهيئاتها التدريسية وحوكمتها."
    ),
    # Programmes ----------------------------------------------------------------
    "Defence Education Enhancement Programme": "برنامج تعزيز التعليم الدفاعي",
    "IT systems for the Education Cadre Development Centre": "منظومات تقنية المعلومات لمركز تطوير الملاكات التعليمية",
    "Mobile Advisory Training Teams": "فرق التدريب الاستشارية المتنقلة",
    "SSRC–RDDC partnership": "شراكة مركز بحوث الدراسات الاستراتيجية وكلية الدفاع الملكية الدنماركية",
    "Training Systems Development Program": "برنامج تطوير منظومات التدريب",
    "NATO's programme that opens its network of defence education institutions to the division.": (
        "برنامج الناتو الذي يفتح شبكة مؤسساته للتعليم الدفاعي أمام القسم."
    ),
    "Modern equipment that lets the centre offer instructor and trainer development courses online to the "
    "whole of the Iraqi armed forces.": (
        "معدات حديثة تمكّن المركز من تقديم دورات تطوير المدرّبين والمعلّمين عبر الإنترنت للقوات المسلحة العراقية كلها."
    ),
    "Specialist teams sent on request where the mission lacks a skill. Their courses have covered "
    "intelligence requirements and collection management, exercise planning and direction, intelligence "
    "analysis, major incident medical management, air and ground medical evacuation, CBRN warning and "
    "reporting, manual probing and detection of explosive ordnance, and field resuscitation.": (
        "فرق متخصصة تُرسل عند الطلب حيث تفتقر البعثة إلى خبرة ما. وقد شملت دوراتها متطلبات الاستخبارات "
        "وإدارة جمع المعلومات، وتخطيط التمارين وإدارتها، والتحليل الاستخباري، والإدارة الطبية للحوادث "
        "الكبرى، والإخلاء الطبي الجوي والبري، والإنذار والإبلاغ عن التهديدات الكيميائية والبيولوجية "
        "والإشعاعية والنووية، والكشف اليدوي عن الذخائر المتفجرة وتحسّسها، والإنعاش الميداني."
    ),
    "Joint seminars and workshops through which the two institutions exchange knowledge and research.": (
        "ندوات وورش عمل مشتركة تتبادل من خلالها المؤسستان المعرفة والبحوث."
    ),
    "A bilateral collaboration with the United Kingdom and its industry, arranged through the British "
    "Embassy in Baghdad: curriculum reviews, better Systems Approach to Training standards and new war "
    "games.": (
        "تعاون ثنائي مع المملكة المتحدة وصناعتها، يُرتّب عبر السفارة البريطانية في بغداد: مراجعة المناهج، "
        "وتحسين معايير النهج المنظومي للتدريب، وألعاب حرب جديدة."
    ),
    # Lessons -------------------------------------------------------------------
    "Quality counts for more than size": "النوعية أهم من الحجم",
    "Advice is what an advisory mission delivers, and advice scales. A few well-chosen experts achieve more "
    "than a large presence of less suitable ones; staying small and precisely targeted has kept the mission "
    "nimble and quick to answer what Iraq asks for.": (
        "ما تقدّمه البعثة الاستشارية هو المشورة، وأثر المشورة يتّسع. فقلّة من الخبراء المختارين بعناية "
        "تنجز أكثر من حضور كبير لخبراء أقل ملاءمة؛ وقد أبقى الحجم الصغير والاستهداف الدقيق البعثةَ مرنةً "
        "وسريعة الاستجابة لما يطلبه العراق."
    ),
    "Diversity is an alliance mission's strength": "التنوّع مصدر قوة لبعثة التحالف",
    "Rather than giving each nation a task of its own, the mission mixes civilian and military experts from "
    "many nations in every advisory team. Different outlooks check one another, which lends the advice "
    "credibility and makes it unlikely that one nation's agenda steers it.": (
        "بدلًا من إسناد مهمة مستقلة لكل دولة، تجمع البعثة في كل فريق استشاري خبراء مدنيين وعسكريين من "
        "دول كثيرة. وتتوازن وجهات النظر المختلفة فيما بينها، مما يمنح المشورة مصداقية ويجعل من المستبعد أن "
        "توجّهها أجندة دولة بعينها."
    ),
    "Training alone is not enough": "التدريب وحده لا يكفي",
    "Iraq's forces have had a great deal of training, run capable academies and a defence university of their "
    "own, and came out of the fight against Daesh far more experienced. What helps most now is strategic "
    "advice: diagnosing institutions and recommending improvements tailored to them, not teaching generic "
    "skills once more.": (
        "تلقّت القوات العراقية قدرًا كبيرًا من التدريب، وتدير كليات قديرة وجامعة دفاع خاصة بها، وخرجت من "
        "الحرب على داعش بخبرة أكبر بكثير. وما يفيدها أكثر اليوم هو المشورة الاستراتيجية: تشخيص المؤسسات "
        "واقتراح تحسينات مفصّلة على قدّها، لا تعليم المهارات العامة مرة أخرى."
    ),
    "Shared objectives are essential": "الأهداف المشتركة ضرورية",
    "The mission is in Iraq because the Government of Iraq wants it there, and that consent guides everything "
    "it does. Long-term objectives agreed with Iraqi counterparts give both sides one programme of work and "
    "keep friction low.": (
        "البعثة موجودة في العراق لأن الحكومة العراقية تريد وجودها، وهذه الموافقة توجّه كل ما تقوم به. "
        "والأهداف طويلة الأمد المتفق عليها مع النظراء العراقيين تمنح الطرفين برنامج عمل واحدًا وتقلّل "
        "الاحتكاك."
    ),
    "Corporate memory must be protected": "يجب الحفاظ على الذاكرة المؤسسية",
    "With most advisors serving tours of about six months, knowledge is easily lost. Plans-on-a-page, "
    "programmes of activity agreed with Iraqi counterparts and kept to one sheet, let each advisor start "
    "where the predecessor stopped and spare Iraqi colleagues from explaining the same things to every "
    "newcomer.": (
        "لأن معظم المستشارين يخدمون فترات لا تتجاوز ستة أشهر تقريبًا، تضيع المعرفة بسهولة. وخطط الصفحة "
        "الواحدة، وهي برامج أنشطة يُتفق عليها مع النظراء العراقيين وتُختصر في ورقة واحدة، تتيح لكل مستشار "
        "أن يبدأ من حيث توقّف سلفه، وتعفي الزملاء العراقيين من شرح الأمور نفسها لكل قادم جديد."
    ),
    # Trust fund ----------------------------------------------------------------
    "Training and capacity building in demining, civil-military cooperation and the maintenance of Soviet-era "
    "armoured vehicles.": (
        "التدريب وبناء القدرات في إزالة الألغام والتعاون المدني العسكري وصيانة المركبات المدرّعة من الحقبة السوفيتية."
    ),
}
