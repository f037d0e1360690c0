/**
 * The three ready templates for a migration-dialogue training or meeting, in English, Russian
 * and Arabic (right to left; Iraq is one of the Silk Routes countries). Each call returns a fresh
 * copy, so an administrator's edits never touch the template.
 */
import type * as z from 'zod/mini';
import { SurveyDefinition } from './schema.js';

type Input = z.input<typeof SurveyDefinition>;
type QuestionInput = Input['questions'][number];

export const TEMPLATE_LANGUAGES = ['en', 'ru', 'ar'] as const;

const t = (en: string, ru: string, ar: string) => ({ en, ru, ar });
const opt = (id: string, en: string, ru: string, ar: string) => ({ id, label: t(en, ru, ar) });

// ---------------------------------------------------------------------------
// Shared scales and profile questions

const AGREEMENT = [
  t('Strongly disagree', 'Совершенно не согласен(на)', 'لا أوافق بشدة'),
  t('Disagree', 'Не согласен(на)', 'لا أوافق'),
  t('Neither agree nor disagree', 'Ни да, ни нет', 'محايد'),
  t('Agree', 'Согласен(на)', 'أوافق'),
  t('Strongly agree', 'Полностью согласен(на)', 'أوافق بشدة'),
];

const SATISFACTION = [
  t('Very dissatisfied', 'Очень недоволен(на)', 'غير راضٍ على الإطلاق'),
  t('Dissatisfied', 'Недоволен(на)', 'غير راضٍ'),
  t('Neutral', 'Нейтрально', 'محايد'),
  t('Satisfied', 'Доволен(на)', 'راضٍ'),
  t('Very satisfied', 'Очень доволен(на)', 'راضٍ جداً'),
];

const KNOWLEDGE_LEVEL = [
  t('Very low', 'Очень низкий', 'منخفض جداً'),
  t('Low', 'Низкий', 'منخفض'),
  t('Moderate', 'Средний', 'متوسط'),
  t('High', 'Высокий', 'مرتفع'),
  t('Very high', 'Очень высокий', 'مرتفع جداً'),
];

const agree = (id: string, text: ReturnType<typeof t>, extra: Partial<QuestionInput> = {}): QuestionInput =>
  ({
    id,
    type: 'likert',
    scale: 5,
    points: AGREEMENT,
    text,
    required: false,
    level: 1,
    ...extra,
  }) as QuestionInput;

const gender: QuestionInput = {
  id: 'gender',
  type: 'profile',
  profile: 'gender',
  measure: 'profile',
  text: t('What is your gender?', 'Ваш пол', 'ما جنسك؟'),
  options: [
    opt('female', 'Female', 'Женский', 'أنثى'),
    opt('male', 'Male', 'Мужской', 'ذكر'),
    opt('prefer_not_to_say', 'Prefer not to say', 'Предпочитаю не отвечать', 'أفضّل عدم الإجابة'),
  ],
};

const country: QuestionInput = {
  id: 'country',
  type: 'profile',
  profile: 'country',
  measure: 'profile',
  text: t(
    'Which country do you represent or work in?',
    'Какую страну вы представляете или в какой стране работаете?',
    'ما البلد الذي تمثّله أو تعمل فيه؟',
  ),
};

const organisationType: QuestionInput = {
  id: 'organisation_type',
  type: 'profile',
  profile: 'organisation_type',
  measure: 'profile',
  text: t(
    'What type of organisation do you work for?',
    'В какой организации вы работаете?',
    'ما نوع الجهة التي تعمل فيها؟',
  ),
  options: [
    opt(
      'national_government',
      'National government (ministry or agency)',
      'Государственный орган (министерство или ведомство)',
      'حكومة وطنية (وزارة أو هيئة)',
    ),
    opt(
      'local_government',
      'Regional or local authority',
      'Региональный или местный орган власти',
      'سلطة إقليمية أو محلية',
    ),
    opt(
      'border_or_law_enforcement',
      'Border or law enforcement agency',
      'Пограничная или правоохранительная служба',
      'جهاز حدود أو إنفاذ قانون',
    ),
    opt(
      'international_organisation',
      'International organisation',
      'Международная организация',
      'منظمة دولية',
    ),
    opt(
      'ngo_civil_society',
      'NGO or civil society',
      'НКО или гражданское общество',
      'منظمة غير حكومية أو مجتمع مدني',
    ),
    opt(
      'academia_research',
      'Academia or research',
      'Научное или исследовательское учреждение',
      'جهة أكاديمية أو بحثية',
    ),
    opt('private_sector', 'Private sector', 'Частный сектор', 'القطاع الخاص'),
    opt('other', 'Other', 'Другое', 'أخرى'),
  ],
};

const role: QuestionInput = {
  id: 'role',
  type: 'profile',
  profile: 'role',
  measure: 'profile',
  text: t(
    'What best describes your role?',
    'Что лучше всего описывает вашу работу?',
    'ما الوصف الأنسب لدورك الوظيفي؟',
  ),
  options: [
    opt('senior_management', 'Senior management', 'Высшее руководство', 'إدارة عليا'),
    opt(
      'policy_officer',
      'Policy making or policy advice',
      'Разработка политики или консультирование',
      'صنع السياسات أو تقديم المشورة بشأنها',
    ),
    opt('technical_expert', 'Technical expert', 'Технический эксперт', 'خبير فني'),
    opt(
      'frontline_officer',
      'Frontline officer (e.g. border guard, case worker)',
      'Оперативный сотрудник (например, пограничник, инспектор)',
      'موظف ميداني (مثل حرس الحدود أو موظف متابعة الحالات)',
    ),
    opt('trainer', 'Trainer', 'Тренер', 'مدرّب'),
    opt('researcher', 'Researcher', 'Исследователь', 'باحث'),
    opt('other', 'Other', 'Другое', 'أخرى'),
  ],
};

const aboutYou = { id: 'about_you', title: t('About you', 'О вас', 'معلومات عنك') };

// ---------------------------------------------------------------------------
// Post-event feedback (levels 1 and 2)

/** Feedback right after a training or meeting: reaction, relevance, intent, self-rated learning, profile. */
export function postEventTemplate(): SurveyDefinition {
  return SurveyDefinition.parse({
    id: 'post_event_feedback',
    version: 1,
    kind: 'post_event',
    languages: [...TEMPLATE_LANGUAGES],
    title: t('Your feedback on the event', 'Ваш отзыв о мероприятии', 'رأيك في الفعالية'),
    intro: t(
      'Thank you for taking part. This short survey takes about five minutes. Your answers are anonymous and help us improve future activities.',
      'Спасибо за участие. Этот короткий опрос займёт около пяти минут. Ваши ответы анонимны и помогут нам улучшить будущие мероприятия.',
      'شكراً لمشاركتك. يستغرق هذا الاستبيان القصير نحو خمس دقائق. إجاباتك مجهولة الهوية وتساعدنا على تحسين الأنشطة القادمة.',
    ),
    thanks: t(
      'Thank you! Your answers have been recorded.',
      'Спасибо! Ваши ответы сохранены.',
      'شكراً لك! تم تسجيل إجاباتك.',
    ),
    questions: [
      {
        id: 'satisfaction',
        type: 'likert',
        scale: 5,
        points: SATISFACTION,
        required: true,
        measure: 'satisfaction',
        level: 1,
        text: t(
          'Overall, how satisfied are you with the event?',
          'Насколько в целом вы довольны мероприятием?',
          'بشكل عام، ما مدى رضاك عن الفعالية؟',
        ),
      },
      agree(
        'relevance',
        t(
          'The topics discussed are relevant to my work.',
          'Обсуждавшиеся темы важны для моей работы.',
          'المواضيع التي نوقشت ذات صلة بعملي.',
        ),
        {
          required: true,
          measure: 'relevance',
        },
      ),
      agree(
        'content_quality',
        t(
          'The presentations and materials were of good quality.',
          'Презентации и материалы были качественными.',
          'كانت العروض والمواد ذات جودة جيدة.',
        ),
        {
          measure: 'quality',
        },
      ),
      agree(
        'exchange',
        t(
          'The event gave me useful opportunities to exchange experience with colleagues from other countries.',
          'Мероприятие дало мне полезную возможность обменяться опытом с коллегами из других стран.',
          'أتاحت لي الفعالية فرصاً مفيدة لتبادل الخبرات مع زملاء من دول أخرى.',
        ),
        { measure: 'usefulness' },
      ),
      agree(
        'organisation',
        t(
          'The event was well organised (logistics, interpretation, timing).',
          'Мероприятие было хорошо организовано (логистика, устный перевод, соблюдение регламента).',
          'كانت الفعالية منظّمة تنظيماً جيداً (الترتيبات اللوجستية والترجمة الفورية والالتزام بالوقت).',
        ),
        { measure: 'quality' },
      ),
      agree(
        'intent_to_apply',
        t(
          'I intend to apply what I learned in my work within the next three months.',
          'Я намерен(а) применить полученные знания в своей работе в ближайшие три месяца.',
          'أنوي تطبيق ما تعلمته في عملي خلال الأشهر الثلاثة القادمة.',
        ),
        { required: true, measure: 'intent_to_apply', level: 2 },
      ),
      {
        id: 'self_rated_knowledge',
        type: 'self_rating',
        required: true,
        measure: 'self_rated_knowledge',
        level: 2,
        text: t(
          'How would you rate your knowledge of the topics of the event?',
          'Как бы вы оценили свои знания по темам мероприятия?',
          'كيف تقيّم معرفتك بمواضيع الفعالية؟',
        ),
        help: t(
          'Rate yourself twice: as your knowledge was before the event, and as it is now.',
          'Оцените себя дважды: какими были ваши знания до мероприятия и какие они сейчас.',
          'قيّم نفسك مرتين: كما كانت معرفتك قبل الفعالية، وكما هي الآن.',
        ),
        beforeLabel: t('Before the event', 'До мероприятия', 'قبل الفعالية'),
        afterLabel: t('Now', 'Сейчас', 'الآن'),
        points: KNOWLEDGE_LEVEL,
      },
      {
        id: 'recommend',
        type: 'rating_0_10',
        measure: 'recommendation',
        level: 1,
        text: t(
          'How likely are you to recommend this event to a colleague?',
          'Насколько вероятно, что вы порекомендуете это мероприятие коллеге?',
          'ما مدى احتمال أن توصي زميلاً بهذه الفعالية؟',
        ),
        minLabel: t('Not at all likely', 'Совсем маловероятно', 'غير محتمل على الإطلاق'),
        maxLabel: t('Extremely likely', 'Очень вероятно', 'محتمل جداً'),
      },
      {
        id: 'most_useful',
        type: 'long_text',
        maxLength: 2000,
        measure: 'lessons',
        level: 1,
        text: t(
          'What was most useful for you, and why?',
          'Что было для вас наиболее полезным и почему?',
          'ما الذي كان الأكثر فائدة بالنسبة لك، ولماذا؟',
        ),
      },
      {
        id: 'suggestions',
        type: 'long_text',
        maxLength: 2000,
        measure: 'lessons',
        level: 1,
        text: t(
          'What could be improved in future events?',
          'Что можно улучшить в будущих мероприятиях?',
          'ما الذي يمكن تحسينه في الفعاليات القادمة؟',
        ),
      },
      gender,
      country,
      organisationType,
      role,
    ],
    pages: [
      {
        id: 'assessment',
        title: t('Your assessment', 'Ваша оценка', 'تقييمك'),
        questionIds: [
          'satisfaction',
          'relevance',
          'content_quality',
          'exchange',
          'organisation',
          'intent_to_apply',
        ],
      },
      {
        id: 'learning',
        title: t('What you learned', 'Что вы узнали', 'ما تعلمته'),
        questionIds: ['self_rated_knowledge', 'recommend'],
      },
      {
        id: 'comments',
        title: t('Your comments', 'Ваши комментарии', 'ملاحظاتك'),
        questionIds: ['most_useful', 'suggestions'],
      },
      { ...aboutYou, questionIds: ['gender', 'country', 'organisation_type', 'role'] },
    ],
  } satisfies Input);
}

// ---------------------------------------------------------------------------
// Pre/post knowledge test (level 2)

const dontKnow = opt('dont_know', "I don't know", 'Не знаю', 'لا أعرف');

const KNOWLEDGE_ITEMS: QuestionInput[] = [
  {
    id: 'k_regular_migration',
    type: 'knowledge',
    required: true,
    measure: 'knowledge',
    level: 2,
    text: t(
      'What does "regular migration" mean?',
      'Что означает «легальная (регулярная) миграция»?',
      'ما المقصود بـ«الهجرة النظامية»؟',
    ),
    options: [
      opt(
        'lawful',
        'Movement that follows the laws of the countries of origin, transit and destination',
        'Перемещение в соответствии с законами стран происхождения, транзита и назначения',
        'التنقل وفقاً لقوانين بلدان المنشأ والعبور والمقصد',
      ),
      opt(
        'seasonal',
        'Only seasonal labour migration',
        'Только сезонная трудовая миграция',
        'هجرة العمالة الموسمية فقط',
      ),
      opt(
        'refugees',
        'Only the movement of recognised refugees',
        'Только перемещение признанных беженцев',
        'تنقل اللاجئين المعترف بهم فقط',
      ),
      opt(
        'frequent',
        'Migration that happens at regular intervals',
        'Миграция, которая происходит через равные промежутки времени',
        'الهجرة التي تتكرر على فترات منتظمة',
      ),
      dontKnow,
    ],
    correct: ['lawful'],
  },
  {
    id: 'k_global_compact',
    type: 'knowledge',
    required: true,
    measure: 'knowledge',
    level: 2,
    text: t(
      'Which of these are objectives of the Global Compact for Safe, Orderly and Regular Migration (2018)? Select all that apply.',
      'Какие из перечисленных целей входят в Глобальный договор о безопасной, упорядоченной и легальной миграции (2018)? Выберите все подходящие варианты.',
      'أيٌّ مما يلي من أهداف الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية (2018)؟ اختر كل الإجابات الصحيحة.',
    ),
    options: [
      opt(
        'data',
        'Collect and use accurate data for evidence-based policies',
        'Сбор и использование точных данных для политики, основанной на фактах',
        'جمع بيانات دقيقة واستخدامها لوضع سياسات قائمة على الأدلة',
      ),
      opt(
        'borders',
        'Manage borders in an integrated, secure and coordinated manner',
        'Комплексное, безопасное и скоординированное управление границами',
        'إدارة الحدود بطريقة متكاملة وآمنة ومنسّقة',
      ),
      opt(
        'return',
        'Cooperate on safe and dignified return and sustainable reintegration',
        'Сотрудничество в обеспечении безопасного и достойного возвращения и устойчивой реинтеграции',
        'التعاون في تيسير العودة الآمنة والكريمة وإعادة الإدماج المستدامة',
      ),
      opt(
        'limit_remittances',
        'Limit the money migrants send home (remittances)',
        'Ограничение денежных переводов мигрантов на родину',
        'الحدّ من التحويلات المالية التي يرسلها المهاجرون إلى بلدانهم',
      ),
      opt(
        'close_borders',
        'Close borders to all migrants without documents',
        'Закрытие границ для всех мигрантов без документов',
        'إغلاق الحدود أمام جميع المهاجرين الذين لا يحملون وثائق',
      ),
    ],
    correct: ['data', 'borders', 'return'],
  },
  {
    id: 'k_integrated_border_management',
    type: 'knowledge',
    required: true,
    measure: 'knowledge',
    level: 2,
    text: t(
      'What does "integrated border management" mean?',
      'Что означает «комплексное управление границами»?',
      'ما المقصود بـ«الإدارة المتكاملة للحدود»؟',
    ),
    options: [
      opt(
        'cooperation',
        'Coordination and cooperation among all national and international authorities involved in border security and trade facilitation',
        'Координация и сотрудничество всех национальных и международных органов, занимающихся безопасностью границ и содействием торговле',
        'التنسيق والتعاون بين جميع السلطات الوطنية والدولية المعنية بأمن الحدود وتيسير التجارة',
      ),
      opt(
        'fences',
        'Building physical barriers along the entire border',
        'Строительство физических заграждений вдоль всей границы',
        'إقامة حواجز مادية على طول الحدود بأكملها',
      ),
      opt(
        'single_agency',
        'Giving one agency sole responsibility for all border tasks',
        'Передача всех пограничных функций одному ведомству',
        'تكليف جهة واحدة بجميع المهام الحدودية',
      ),
      opt(
        'automation',
        'Replacing border officers with automated systems',
        'Замена сотрудников пограничной службы автоматизированными системами',
        'استبدال موظفي الحدود بأنظمة آلية',
      ),
      dontKnow,
    ],
    correct: ['cooperation'],
  },
  {
    id: 'k_non_refoulement',
    type: 'knowledge',
    required: true,
    measure: 'knowledge',
    level: 2,
    text: t(
      'A person at the border says they fear persecution if sent back. What does the principle of non-refoulement require?',
      'Человек на границе заявляет, что опасается преследования в случае возвращения. Чего требует принцип невыдворения (non-refoulement)?',
      'يقول شخص على الحدود إنه يخشى التعرّض للاضطهاد إذا أُعيد. ماذا يقتضي مبدأ عدم الإعادة القسرية؟',
    ),
    options: [
      opt(
        'no_return',
        'Not to return the person to a country where they would face a real risk of persecution or serious harm',
        'Не возвращать человека в страну, где ему реально угрожают преследование или серьёзный вред',
        'عدم إعادة الشخص إلى بلد يواجه فيه خطراً حقيقياً بالتعرّض للاضطهاد أو لأذى جسيم',
      ),
      opt(
        'return_24h',
        'To return the person to the country they came from within 24 hours',
        'Вернуть человека в страну, из которой он прибыл, в течение 24 часов',
        'إعادة الشخص إلى البلد الذي قدم منه خلال 24 ساعة',
      ),
      opt(
        'documents_only',
        'To admit the person only if they hold valid travel documents',
        'Впустить человека, только если у него есть действительные проездные документы',
        'السماح للشخص بالدخول فقط إذا كان يحمل وثائق سفر سارية',
      ),
      opt(
        'detain',
        'To detain the person until all procedures are over',
        'Содержать человека под стражей до завершения всех процедур',
        'احتجاز الشخص حتى انتهاء جميع الإجراءات',
      ),
      dontKnow,
    ],
    correct: ['no_return'],
  },
  {
    id: 'k_reintegration',
    type: 'knowledge',
    required: true,
    measure: 'knowledge',
    level: 2,
    text: t(
      'Which dimensions does sustainable reintegration of returning migrants usually cover?',
      'Какие аспекты обычно охватывает устойчивая реинтеграция возвращающихся мигрантов?',
      'ما الأبعاد التي تشملها عادةً إعادة الإدماج المستدامة للمهاجرين العائدين؟',
    ),
    options: [
      opt(
        'three_dimensions',
        'Economic, social and psychosocial',
        'Экономический, социальный и психосоциальный',
        'الاقتصادية والاجتماعية والنفسية الاجتماعية',
      ),
      opt('economic_only', 'Economic only', 'Только экономический', 'الاقتصادية فقط'),
      opt('legal_only', 'Legal status only', 'Только правовой статус', 'الوضع القانوني فقط'),
      opt(
        'travel_only',
        'Paying for the journey home only',
        'Только оплата обратного проезда',
        'دفع تكاليف رحلة العودة فقط',
      ),
      dontKnow,
    ],
    correct: ['three_dimensions'],
  },
];

/**
 * The same five scored items before and after a training (the question ids match, so a pre and
 * a post response with the same pairing code compare item by item). Attach it as `pre_test` at
 * the start and as `post_event` at the end.
 */
export function knowledgeTestTemplate(kind: 'pre_test' | 'post_event' = 'pre_test'): SurveyDefinition {
  const pre = kind === 'pre_test';
  return SurveyDefinition.parse({
    id: pre ? 'knowledge_pre_test' : 'knowledge_post_test',
    version: 1,
    kind,
    languages: [...TEMPLATE_LANGUAGES],
    title: pre
      ? t(
          'Knowledge test: start of the training',
          'Проверка знаний: начало обучения',
          'اختبار المعارف: بداية التدريب',
        )
      : t(
          'Knowledge test: end of the training',
          'Проверка знаний: конец обучения',
          'اختبار المعارف: نهاية التدريب',
        ),
    intro: t(
      'This short test has five questions and takes about five minutes. You take the same test at the start and at the end of the training: it measures what the training changed, not you. Your answers are anonymous. To compare your two tests without your name, this page creates a pairing code and keeps it on your phone, so please use the same phone both times. If you use another device, enter the pairing code you noted the first time. If you do not know an answer, choose "I don\'t know".',
      'Этот короткий тест состоит из пяти вопросов и займёт около пяти минут. Вы проходите один и тот же тест в начале и в конце обучения: он показывает, что изменило обучение, а не оценивает вас. Ваши ответы анонимны. Чтобы сопоставить два теста без указания имени, страница создаёт код сопоставления и сохраняет его на вашем телефоне, поэтому, пожалуйста, оба раза используйте один и тот же телефон. Если вы проходите тест на другом устройстве, введите код, который записали в первый раз. Если вы не знаете ответа, выберите «Не знаю».',
      'يتكوّن هذا الاختبار القصير من خمسة أسئلة ويستغرق نحو خمس دقائق. ستجيب عن الاختبار نفسه في بداية التدريب وفي نهايته، فهو يقيس ما أحدثه التدريب من تغيير ولا يقيّمك أنت. إجاباتك مجهولة الهوية. ولمقارنة اختباريك دون ذكر اسمك، تُنشئ هذه الصفحة رمز مطابقة وتحفظه على هاتفك، لذا يُرجى استخدام الهاتف نفسه في المرتين. وإذا استخدمت جهازاً آخر، فأدخل رمز المطابقة الذي دوّنته في المرة الأولى. وإذا لم تكن تعرف الإجابة، فاختر «لا أعرف».',
    ),
    thanks: t(
      'Thank you! Your answers have been recorded. Please keep your pairing code.',
      'Спасибо! Ваши ответы сохранены. Пожалуйста, сохраните свой код сопоставления.',
      'شكراً لك! تم تسجيل إجاباتك. يُرجى الاحتفاظ برمز المطابقة الخاص بك.',
    ),
    questions: [...KNOWLEDGE_ITEMS, gender, country],
    pages: [
      {
        id: 'test',
        title: t('Questions', 'Вопросы', 'الأسئلة'),
        questionIds: KNOWLEDGE_ITEMS.map((q) => q.id),
      },
      { ...aboutYou, questionIds: ['gender', 'country'] },
    ],
  } satisfies Input);
}

// ---------------------------------------------------------------------------
// Three-month follow-up (level 3)

/** About three months after the activity: was it applied, how, what got in the way. */
export function followUpTemplate(): SurveyDefinition {
  const appliedAtLeastPartly = { questionId: 'applied', in: ['yes', 'partly'] };
  return SurveyDefinition.parse({
    id: 'follow_up_3_months',
    version: 1,
    kind: 'follow_up',
    languages: [...TEMPLATE_LANGUAGES],
    title: t(
      'Three months later: putting learning into practice',
      'Три месяца спустя: применение знаний на практике',
      'بعد ثلاثة أشهر: تطبيق ما تعلمته',
    ),
    intro: t(
      'About three months ago you took part in an activity of the dialogue. We would like to know whether and how you have used what you learned. This takes about three minutes, and your answers are anonymous.',
      'Около трёх месяцев назад вы приняли участие в мероприятии диалога. Нам важно узнать, применили ли вы полученные знания и как именно. Опрос займёт около трёх минут, ответы анонимны.',
      'شاركتَ قبل نحو ثلاثة أشهر في أحد أنشطة الحوار. نودّ أن نعرف ما إذا كنت قد استفدت مما تعلمته وكيف. يستغرق ذلك نحو ثلاث دقائق، وإجاباتك مجهولة الهوية.',
    ),
    thanks: t(
      'Thank you for sharing your experience!',
      'Спасибо, что поделились своим опытом!',
      'شكراً لمشاركتنا تجربتك!',
    ),
    questions: [
      {
        id: 'applied',
        type: 'single_choice',
        required: true,
        measure: 'application',
        level: 3,
        text: t(
          'Have you applied in your work what you learned at the activity?',
          'Применили ли вы в своей работе то, чему научились на мероприятии?',
          'هل طبّقت في عملك ما تعلمته خلال النشاط؟',
        ),
        options: [
          opt('yes', 'Yes', 'Да', 'نعم'),
          opt('partly', 'Partly', 'Частично', 'جزئياً'),
          opt('no', 'No', 'Нет', 'لا'),
        ],
      },
      {
        id: 'how_applied',
        type: 'long_text',
        maxLength: 2000,
        measure: 'application',
        level: 3,
        showIf: appliedAtLeastPartly,
        text: t(
          'How have you applied it? Please give an example.',
          'Как именно вы это применили? Приведите, пожалуйста, пример.',
          'كيف طبّقته؟ يُرجى ذكر مثال.',
        ),
      },
      {
        id: 'change_in_organisation',
        type: 'long_text',
        maxLength: 2000,
        measure: 'application',
        level: 3,
        showIf: appliedAtLeastPartly,
        text: t(
          'Has this led to any change in your organisation (for example a new procedure, a policy, or cooperation with another country)?',
          'Привело ли это к изменениям в вашей организации (например, к новой процедуре, политике или сотрудничеству с другой страной)?',
          'هل أدى ذلك إلى أي تغيير في مؤسستك (مثل إجراء جديد أو سياسة جديدة أو تعاون مع بلد آخر)؟',
        ),
      },
      {
        id: 'shared_with_colleagues',
        type: 'single_choice',
        measure: 'application',
        level: 3,
        text: t(
          'Have you shared what you learned with colleagues?',
          'Поделились ли вы полученными знаниями с коллегами?',
          'هل شاركت ما تعلمته مع زملائك؟',
        ),
        options: [opt('yes', 'Yes', 'Да', 'نعم'), opt('no', 'No', 'Нет', 'لا')],
      },
      {
        id: 'obstacles',
        type: 'multiple_choice',
        measure: 'obstacles',
        level: 3,
        text: t(
          'What, if anything, has made it difficult to apply what you learned? Select all that apply.',
          'Что мешало вам применять полученные знания? Выберите все подходящие варианты.',
          'ما الذي صعّب عليك تطبيق ما تعلمته، إن وُجد؟ اختر كل ما ينطبق.',
        ),
        options: [
          opt(
            'no_obstacles',
            'Nothing, there were no obstacles',
            'Ничего, препятствий не было',
            'لا شيء، لم تكن هناك عوائق',
          ),
          opt(
            'no_opportunity',
            'No opportunity in my current tasks',
            'Не было возможности в рамках текущих задач',
            'لم تُتح لي الفرصة في مهامي الحالية',
          ),
          opt(
            'no_support',
            'Lack of support from management',
            'Отсутствие поддержки со стороны руководства',
            'قلة الدعم من الإدارة',
          ),
          opt(
            'resources',
            'Lack of resources (time, budget, equipment)',
            'Нехватка ресурсов (времени, бюджета, оборудования)',
            'نقص الموارد (الوقت أو الميزانية أو المعدات)',
          ),
          opt(
            'legal_framework',
            'The legal or institutional framework does not allow it',
            'Этого не допускает правовая или институциональная база',
            'الإطار القانوني أو المؤسسي لا يسمح بذلك',
          ),
          opt(
            'changed_job',
            'I changed position or job',
            'Я сменил(а) должность или место работы',
            'غيّرت منصبي أو وظيفتي',
          ),
          opt(
            'need_more_training',
            'I need more training or guidance',
            'Мне нужно дополнительное обучение или методическая помощь',
            'أحتاج إلى مزيد من التدريب أو التوجيه',
          ),
          opt('other', 'Other', 'Другое', 'أخرى'),
        ],
      },
      {
        id: 'obstacles_other',
        type: 'short_text',
        maxLength: 500,
        measure: 'obstacles',
        level: 3,
        showIf: { questionId: 'obstacles', equals: 'other' },
        text: t(
          'Please describe the other obstacle.',
          'Опишите, пожалуйста, другое препятствие.',
          'يُرجى وصف العائق الآخر.',
        ),
      },
      gender,
      country,
      organisationType,
      role,
    ],
    pages: [
      {
        id: 'practice',
        title: t('Putting it into practice', 'Применение на практике', 'التطبيق العملي'),
        questionIds: ['applied', 'how_applied', 'change_in_organisation', 'shared_with_colleagues'],
      },
      {
        id: 'obstacles',
        title: t('Obstacles', 'Препятствия', 'العوائق'),
        questionIds: ['obstacles', 'obstacles_other'],
      },
      { ...aboutYou, questionIds: ['gender', 'country', 'organisation_type', 'role'] },
    ],
  } satisfies Input);
}

/** The ready templates, by the name an administrator picks from. */
export const templates = {
  post_event_feedback: postEventTemplate,
  knowledge_test: knowledgeTestTemplate,
  follow_up_3_months: followUpTemplate,
} as const;
