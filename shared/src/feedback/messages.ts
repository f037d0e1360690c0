/**
 * Texts of the results summary sent back to participants (e-mail and public page), in the nine
 * languages of the participant page (web/src/lib/participant/strings.ts), as small flat catalogues
 * with `{name}` placeholders, no i18n library (the public page must stay tiny). Figures are
 * formatted with `Intl` in the same language, so Arabic or Persian digits come with the text.
 * The translations were written for this feature and should be reviewed by native speakers.
 */
import type { FeedbackSummary, SummaryMeasure } from './summary.js';

export interface FeedbackMessages {
  title: string;
  intro: string;
  respondents: string;
  satisfaction: string;
  relevance: string;
  usefulness: string;
  intent_to_apply: string;
  knowledge: string;
  improved: string;
  withheld: string;
  partlyWithheld: string;
  thanks: string;
  notFound: string;
  language: string;
  subject: string;
}

const en: FeedbackMessages = {
  title: 'What participants told us',
  intro: 'Thank you for taking part in “{activity}”. Here is a short summary of the survey results.',
  respondents: '{n} people answered the survey.',
  satisfaction: '{p} were satisfied with the event.',
  relevance: '{p} found it relevant to their work.',
  usefulness: '{p} found it useful.',
  intent_to_apply: '{p} intend to apply what they learned.',
  knowledge:
    'Knowledge test, taken before and after by {n} people: the average score rose from {before} to {after}.',
  improved: '{p} improved their score.',
  withheld: 'Fewer than {min} people answered, so no figures are shown, to protect their anonymity.',
  partlyWithheld: 'Figures about fewer than {min} people are not shown.',
  thanks: 'Thank you for your time and your answers.',
  notFound: 'This summary is not available. The link may be wrong or no longer valid.',
  language: 'Language',
  subject: 'Results: {activity}',
};

const ru: FeedbackMessages = {
  title: 'Что сказали участники',
  intro: 'Благодарим вас за участие в мероприятии «{activity}». Ниже — краткие итоги опроса.',
  respondents: 'Ответили на опрос: {n} чел.',
  satisfaction: '{p} остались довольны мероприятием.',
  relevance: '{p} считают его актуальным для своей работы.',
  usefulness: '{p} считают его полезным.',
  intent_to_apply: '{p} намерены применить полученные знания.',
  knowledge: 'Тест знаний до и после (прошли {n} чел.): средний балл вырос с {before} до {after}.',
  improved: '{p} улучшили свой результат.',
  withheld: 'Ответили менее {min} человек, поэтому цифры не показываются — ради их анонимности.',
  partlyWithheld: 'Цифры о группах менее {min} человек не показываются.',
  thanks: 'Спасибо за ваше время и ответы.',
  notFound: 'Эти итоги недоступны. Возможно, ссылка неверна или больше не действует.',
  language: 'Язык',
  subject: 'Итоги: {activity}',
};

const ar: FeedbackMessages = {
  title: 'ما قاله المشاركون',
  intro: 'شكرًا لمشاركتكم في «{activity}». إليكم ملخصًا قصيرًا لنتائج الاستبيان.',
  respondents: 'أجاب على الاستبيان {n} شخصًا.',
  satisfaction: '{p} كانوا راضين عن الفعالية.',
  relevance: '{p} وجدوها ذات صلة بعملهم.',
  usefulness: '{p} وجدوها مفيدة.',
  intent_to_apply: '{p} ينوون تطبيق ما تعلموه.',
  knowledge: 'اختبار المعارف قبل وبعد ({n} شخصًا): ارتفع متوسط الدرجة من {before} إلى {after}.',
  improved: '{p} حسّنوا درجاتهم.',
  withheld: 'أجاب أقل من {min} أشخاص، لذلك لا تُعرض أي أرقام حفاظًا على سرية هويتهم.',
  partlyWithheld: 'لا تُعرض الأرقام التي تخص أقل من {min} أشخاص.',
  thanks: 'شكرًا على وقتكم وإجاباتكم.',
  notFound: 'هذا الملخص غير متاح. ربما يكون الرابط خاطئًا أو لم يعد صالحًا.',
  language: 'اللغة',
  subject: 'النتائج: {activity}',
};

const fa: FeedbackMessages = {
  title: 'آنچه شرکت‌کنندگان گفتند',
  intro: 'از شرکت شما در «{activity}» سپاسگزاریم. در اینجا خلاصه‌ای کوتاه از نتایج نظرسنجی آمده است.',
  respondents: '{n} نفر به نظرسنجی پاسخ دادند.',
  satisfaction: '{p} از این رویداد راضی بودند.',
  relevance: '{p} آن را با کار خود مرتبط دانستند.',
  usefulness: '{p} آن را مفید دانستند.',
  intent_to_apply: '{p} قصد دارند آموخته‌های خود را به کار ببرند.',
  knowledge: 'آزمون دانش پیش و پس ({n} نفر): میانگین نمره از {before} به {after} رسید.',
  improved: '{p} نمره خود را بهتر کردند.',
  withheld: 'کمتر از {min} نفر پاسخ دادند؛ برای حفظ ناشناس ماندن آنان هیچ رقمی نشان داده نمی‌شود.',
  partlyWithheld: 'رقم‌های مربوط به کمتر از {min} نفر نشان داده نمی‌شوند.',
  thanks: 'از وقت و پاسخ‌های شما سپاسگزاریم.',
  notFound: 'این خلاصه در دسترس نیست. شاید پیوند نادرست باشد یا دیگر معتبر نباشد.',
  language: 'زبان',
  subject: 'نتایج: {activity}',
};

/** Dari: Persian as written in Afghanistan. */
const prs: FeedbackMessages = {
  ...fa,
  intro: 'از اشتراک شما در «{activity}» تشکر. در اینجا خلاصهٔ کوتاه نتایج نظرسنجی آمده است.',
  thanks: 'از وقت و پاسخ‌های شما تشکر.',
};

const ps: FeedbackMessages = {
  title: 'ګډونوالو څه وویل',
  intro: 'په «{activity}» کې د ګډون لپاره مو مننه. دلته د سروې د پایلو لنډیز دی.',
  respondents: '{n} کسانو سروې ته ځواب ورکړ.',
  satisfaction: '{p} له پروګرام څخه راضي وو.',
  relevance: '{p} دا د خپل کار لپاره اړوند وباله.',
  usefulness: '{p} دا ګټور وباله.',
  intent_to_apply: '{p} اراده لري چې زده کړې به یې وکاروي.',
  knowledge: 'د پوهې ازموینه مخکې او وروسته ({n} کسان): منځنۍ نمره له {before} څخه {after} ته لوړه شوه.',
  improved: '{p} خپلې نمرې ښې کړې.',
  withheld: 'له {min} کسانو لږ ځواب ورکړی، نو د هغوی د پټ پاتې کېدو لپاره هېڅ شمېرې نه ښودل کېږي.',
  partlyWithheld: 'له {min} کسانو د لږو په اړه شمېرې نه ښودل کېږي.',
  thanks: 'ستاسو د وخت او ځوابونو مننه.',
  notFound: 'دا لنډیز شتون نه لري. کېدای شي لینک غلط وي یا نور د اعتبار وړ نه وي.',
  language: 'ژبه',
  subject: 'پایلې: {activity}',
};

const ur: FeedbackMessages = {
  title: 'شرکاء نے کیا کہا',
  intro: '«{activity}» میں شرکت کا شکریہ۔ سروے کے نتائج کا مختصر خلاصہ یہ ہے۔',
  respondents: '{n} افراد نے سروے کا جواب دیا۔',
  satisfaction: '{p} تقریب سے مطمئن تھے۔',
  relevance: '{p} نے اسے اپنے کام سے متعلق پایا۔',
  usefulness: '{p} نے اسے مفید پایا۔',
  intent_to_apply: '{p} سیکھی ہوئی باتوں پر عمل کرنے کا ارادہ رکھتے ہیں۔',
  knowledge: 'پہلے اور بعد کا علمی امتحان ({n} افراد): اوسط اسکور {before} سے بڑھ کر {after} ہو گیا۔',
  improved: '{p} نے اپنا اسکور بہتر کیا۔',
  withheld: '{min} سے کم افراد نے جواب دیا، اس لیے ان کی شناخت کے تحفظ کے لیے کوئی اعداد نہیں دکھائے جاتے۔',
  partlyWithheld: '{min} سے کم افراد کے بارے میں اعداد نہیں دکھائے جاتے۔',
  thanks: 'آپ کے وقت اور جوابات کا شکریہ۔',
  notFound: 'یہ خلاصہ دستیاب نہیں۔ ممکن ہے لنک غلط ہو یا اب درست نہ ہو۔',
  language: 'زبان',
  subject: 'نتائج: {activity}',
};

const fr: FeedbackMessages = {
  title: 'Ce que les participants nous ont dit',
  intro: 'Merci d’avoir participé à « {activity} ». Voici un bref résumé des résultats de l’enquête.',
  respondents: '{n} personnes ont répondu à l’enquête.',
  satisfaction: '{p} ont été satisfaits de l’événement.',
  relevance: '{p} l’ont jugé pertinent pour leur travail.',
  usefulness: '{p} l’ont jugé utile.',
  intent_to_apply: '{p} ont l’intention d’appliquer ce qu’ils ont appris.',
  knowledge:
    'Test de connaissances avant et après ({n} personnes) : le score moyen est passé de {before} à {after}.',
  improved: '{p} ont amélioré leur score.',
  withheld:
    'Moins de {min} personnes ont répondu : aucun chiffre n’est affiché, pour protéger leur anonymat.',
  partlyWithheld: 'Les chiffres portant sur moins de {min} personnes ne sont pas affichés.',
  thanks: 'Merci pour votre temps et vos réponses.',
  notFound: 'Ce résumé n’est pas disponible. Le lien est peut-être erroné ou n’est plus valable.',
  language: 'Langue',
  subject: 'Résultats : {activity}',
};

const tr: FeedbackMessages = {
  title: 'Katılımcıların söyledikleri',
  intro:
    '“{activity}” etkinliğine katıldığınız için teşekkür ederiz. Anket sonuçlarının kısa bir özeti aşağıdadır.',
  respondents: 'Ankete {n} kişi yanıt verdi.',
  satisfaction: 'Katılımcıların {p} kadarı etkinlikten memnun kaldı.',
  relevance: 'Katılımcıların {p} kadarı etkinliği işiyle ilgili buldu.',
  usefulness: 'Katılımcıların {p} kadarı etkinliği yararlı buldu.',
  intent_to_apply: 'Katılımcıların {p} kadarı öğrendiklerini uygulamayı düşünüyor.',
  knowledge:
    'Önce ve sonra bilgi testi ({n} kişi): ortalama puan {before} düzeyinden {after} düzeyine yükseldi.',
  improved: 'Katılımcıların {p} kadarı puanını artırdı.',
  withheld: '{min} kişiden az yanıt verdi; kimliklerini korumak için hiçbir rakam gösterilmiyor.',
  partlyWithheld: '{min} kişiden az kişiyle ilgili rakamlar gösterilmiyor.',
  thanks: 'Zamanınız ve yanıtlarınız için teşekkür ederiz.',
  notFound: 'Bu özet kullanılamıyor. Bağlantı yanlış olabilir veya artık geçerli değildir.',
  language: 'Dil',
  subject: 'Sonuçlar: {activity}',
};

export const FEEDBACK_MESSAGES: Readonly<Record<string, FeedbackMessages>> = {
  en,
  ru,
  ar,
  fa,
  prs,
  ps,
  ur,
  fr,
  tr,
};

/** The languages the summary is written in (those of the participant page). */
export const FEEDBACK_LANGUAGES = Object.keys(FEEDBACK_MESSAGES);

/** Names of the languages in themselves, for the public page's language switch. */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  ru: 'Русский',
  ar: 'العربية',
  fa: 'فارسی',
  prs: 'دری',
  ps: 'پښتو',
  ur: 'اردو',
  fr: 'Français',
  tr: 'Türkçe',
};

/**
 * The language a summary is written in for someone: the first of `wanted` (their invitation's
 * language, then the survey's default) that has texts, else English. `ar-IQ` counts as `ar`.
 */
export function feedbackLanguage(...wanted: (string | null | undefined)[]): string {
  for (const w of wanted) {
    if (!w) continue;
    if (FEEDBACK_MESSAGES[w]) return w;
    const primary = w.split('-')[0] ?? '';
    if (FEEDBACK_MESSAGES[primary]) return primary;
  }
  return 'en';
}

/**
 * A name put into a sentence of another direction (a Latin activity title in an Arabic sentence),
 * wrapped in Unicode's first-strong isolate so it keeps its own direction and moves no punctuation.
 */
export const isolate = (text: string): string =>
  `${String.fromCharCode(0x2068)}${text}${String.fromCharCode(0x2069)}`;

/** Fills `{name}` placeholders. */
export const fillIn = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

const percent = (lang: string, p: number) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(p / 100);
const count = (lang: string, n: number) => new Intl.NumberFormat(lang).format(n);

/**
 * The summary as lines of text in one language: what the e-mail says and the public page shows.
 * `summaryLines(s, 'ar')` → `['أجاب على الاستبيان ١٢ شخصًا.', '٨٣٪ كانوا راضين عن الفعالية.', …]`.
 */
export function summaryLines(summary: FeedbackSummary, lang: string): string[] {
  const m = FEEDBACK_MESSAGES[feedbackLanguage(lang)] ?? en;
  const min = count(lang, summary.minPeople);
  if (summary.withheld || summary.respondents === null) return [fillIn(m.withheld, { min })];
  const lines = [fillIn(m.respondents, { n: count(lang, summary.respondents) })];
  for (const s of summary.shares)
    lines.push(fillIn(m[s.measure as SummaryMeasure], { p: percent(lang, s.percent) }));
  const k = summary.knowledge;
  if (k) {
    lines.push(
      fillIn(m.knowledge, {
        n: count(lang, k.n),
        before: percent(lang, k.before),
        after: percent(lang, k.after),
      }),
    );
    if (k.improvedPercent !== null) lines.push(fillIn(m.improved, { p: percent(lang, k.improvedPercent) }));
  }
  if (summary.partlyWithheld) lines.push(fillIn(m.partlyWithheld, { min }));
  return lines;
}
