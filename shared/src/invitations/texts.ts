/**
 * The default e-mail texts, per participant language: what an invitation and a reminder say for each
 * kind of survey. Administrators may replace any subject or body per survey (`SurveyEmails`); these
 * are what they start from. Bodies are plain text with `{placeholders}` (see `render.ts`); the link
 * stands on a line of its own so that a right-to-left text never wraps around it.
 */

import type { EmailKind, InviteeLanguage, Message } from './kinds.js';

export * from './kinds.js';

interface Phrases {
  subject: Record<EmailKind, string>;
  /** The reminder's subject around the invitation's: `Reminder: {subject}`. */
  reminderSubject: string;
  greeting: string;
  invite: Record<EmailKind, string>;
  remind: string;
  linkLabel: string;
  closes: string;
  anonymous: string;
  signoff: string;
  /** Who signs when the survey names no organiser. */
  organiser: string;
}

const PHRASES: Record<InviteeLanguage, Phrases> = {
  en: {
    subject: {
      pre_test: 'Knowledge test before "{activity}"',
      post_test: 'Knowledge test after "{activity}"',
      feedback: 'Your feedback on "{activity}"',
      follow_up: 'What has changed since "{activity}"?',
    },
    reminderSubject: 'Reminder: {subject}',
    greeting: 'Dear {name},',
    invite: {
      pre_test:
        'Before "{activity}" begins, please take a short knowledge test. It helps us see what the training changes.',
      post_test:
        'Now that "{activity}" is over, please take the same short knowledge test again. It shows what the training changed.',
      feedback:
        'Thank you for taking part in "{activity}". Please tell us what you thought of it in a short survey.',
      follow_up:
        'A few months ago you took part in "{activity}". Please tell us in a short survey whether and how you have used what you learnt.',
    },
    remind:
      'A few days ago we asked you to answer a short survey about "{activity}". If you have not found the time yet, it takes only a few minutes.',
    linkLabel: 'Open the survey:',
    closes: 'The survey is open until {closes}.',
    anonymous: 'Your answers are not linked to your name or e-mail address.',
    signoff: 'With thanks,',
    organiser: 'The organising team',
  },
  ru: {
    subject: {
      pre_test: 'Тест знаний перед мероприятием «{activity}»',
      post_test: 'Тест знаний после мероприятия «{activity}»',
      feedback: 'Ваш отзыв о мероприятии «{activity}»',
      follow_up: 'Что изменилось после мероприятия «{activity}»?',
    },
    reminderSubject: 'Напоминание: {subject}',
    greeting: 'Уважаемый(ая) {name},',
    invite: {
      pre_test:
        'Перед началом мероприятия «{activity}» просим вас пройти короткий тест знаний. Он поможет нам понять, что даёт обучение.',
      post_test:
        'Мероприятие «{activity}» завершено. Просим вас ещё раз пройти тот же короткий тест знаний: он покажет, что изменилось благодаря обучению.',
      feedback:
        'Благодарим вас за участие в мероприятии «{activity}». Просим вас поделиться своим мнением в коротком опросе.',
      follow_up:
        'Несколько месяцев назад вы участвовали в мероприятии «{activity}». Просим вас ответить в коротком опросе, применяете ли вы полученные знания и как.',
    },
    remind:
      'Несколько дней назад мы пригласили вас ответить на короткий опрос о мероприятии «{activity}». Если вы ещё не успели, это займёт всего несколько минут.',
    linkLabel: 'Открыть опрос:',
    closes: 'Опрос открыт до {closes}.',
    anonymous: 'Ваши ответы не связаны с вашим именем или адресом электронной почты.',
    signoff: 'С благодарностью,',
    organiser: 'Организационная группа',
  },
  ar: {
    subject: {
      pre_test: 'اختبار المعارف قبل «{activity}»',
      post_test: 'اختبار المعارف بعد «{activity}»',
      feedback: 'رأيك في «{activity}»',
      follow_up: 'ماذا تغيّر منذ «{activity}»؟',
    },
    reminderSubject: 'تذكير: {subject}',
    greeting: 'عزيزي/عزيزتي {name}،',
    invite: {
      pre_test:
        'قبل بدء «{activity}»، نرجو منك الإجابة عن اختبار قصير للمعارف. يساعدنا ذلك على معرفة ما يضيفه التدريب.',
      post_test:
        'بعد انتهاء «{activity}»، نرجو منك الإجابة مرة أخرى عن اختبار المعارف القصير نفسه، فهو يبيّن ما غيّره التدريب.',
      feedback: 'شكراً لمشاركتك في «{activity}». نرجو أن تشاركنا رأيك من خلال استبيان قصير.',
      follow_up:
        'شاركتَ قبل بضعة أشهر في «{activity}». نرجو أن تخبرنا في استبيان قصير هل استخدمت ما تعلّمته وكيف.',
    },
    remind:
      'دعوناك قبل بضعة أيام إلى الإجابة عن استبيان قصير حول «{activity}». إذا لم تجد الوقت بعد، فلن يستغرق ذلك سوى بضع دقائق.',
    linkLabel: 'افتح الاستبيان:',
    closes: 'يبقى الاستبيان مفتوحاً حتى {closes}.',
    anonymous: 'إجاباتك غير مرتبطة باسمك ولا بعنوان بريدك الإلكتروني.',
    signoff: 'مع الشكر،',
    organiser: 'فريق التنظيم',
  },
  fa: {
    subject: {
      pre_test: 'آزمون دانش پیش از «{activity}»',
      post_test: 'آزمون دانش پس از «{activity}»',
      feedback: 'نظر شما دربارهٔ «{activity}»',
      follow_up: 'پس از «{activity}» چه چیزی تغییر کرده است؟',
    },
    reminderSubject: 'یادآوری: {subject}',
    greeting: '{name} گرامی،',
    invite: {
      pre_test:
        'پیش از آغاز «{activity}»، لطفاً به یک آزمون کوتاه دانش پاسخ دهید. این آزمون به ما کمک می‌کند ببینیم آموزش چه تأثیری دارد.',
      post_test:
        'اکنون که «{activity}» به پایان رسیده است، لطفاً دوباره به همان آزمون کوتاه دانش پاسخ دهید. این آزمون نشان می‌دهد آموزش چه چیزی را تغییر داده است.',
      feedback:
        'از شرکت شما در «{activity}» سپاسگزاریم. لطفاً نظر خود را در یک پرسشنامهٔ کوتاه با ما در میان بگذارید.',
      follow_up:
        'چند ماه پیش در «{activity}» شرکت کردید. لطفاً در یک پرسشنامهٔ کوتاه بگویید آیا آموخته‌های خود را به کار برده‌اید و چگونه.',
    },
    remind:
      'چند روز پیش از شما خواستیم به یک پرسشنامهٔ کوتاه دربارهٔ «{activity}» پاسخ دهید. اگر هنوز فرصت نکرده‌اید، تنها چند دقیقه وقت می‌گیرد.',
    linkLabel: 'باز کردن پرسشنامه:',
    closes: 'پرسشنامه تا {closes} باز است.',
    anonymous: 'پاسخ‌های شما به نام یا نشانی ایمیل شما پیوند داده نمی‌شود.',
    signoff: 'با سپاس،',
    organiser: 'گروه برگزارکننده',
  },
  prs: {
    subject: {
      pre_test: 'آزمون معلومات پیش از «{activity}»',
      post_test: 'آزمون معلومات پس از «{activity}»',
      feedback: 'نظر شما در مورد «{activity}»',
      follow_up: 'بعد از «{activity}» چه چیزی تغییر کرده است؟',
    },
    reminderSubject: 'یادآوری: {subject}',
    greeting: '{name} محترم،',
    invite: {
      pre_test:
        'پیش از آغاز «{activity}»، لطفاً به یک آزمون کوتاه معلومات پاسخ بدهید. این آزمون به ما کمک می‌کند تا ببینیم آموزش چه تأثیری دارد.',
      post_test:
        'حالا که «{activity}» به پایان رسیده است، لطفاً بار دیگر به همان آزمون کوتاه معلومات پاسخ بدهید. این آزمون نشان می‌دهد که آموزش چه چیزی را تغییر داده است.',
      feedback:
        'از اشتراک شما در «{activity}» تشکر می‌کنیم. لطفاً نظر خود را در یک پرسشنامهٔ کوتاه با ما شریک بسازید.',
      follow_up:
        'چند ماه پیش شما در «{activity}» اشتراک کردید. لطفاً در یک پرسشنامهٔ کوتاه بگویید که آیا آموخته‌های خود را به کار برده‌اید و چگونه.',
    },
    remind:
      'چند روز پیش از شما خواستیم به یک پرسشنامهٔ کوتاه در مورد «{activity}» پاسخ بدهید. اگر تا هنوز فرصت نکرده‌اید، تنها چند دقیقه وقت می‌گیرد.',
    linkLabel: 'باز کردن پرسشنامه:',
    closes: 'پرسشنامه تا {closes} باز است.',
    anonymous: 'پاسخ‌های شما با نام یا آدرس ایمیل شما وصل نمی‌شود.',
    signoff: 'با تشکر،',
    organiser: 'تیم تنظیم‌کننده',
  },
  ps: {
    subject: {
      pre_test: 'له «{activity}» مخکې د پوهې ازموینه',
      post_test: 'له «{activity}» وروسته د پوهې ازموینه',
      feedback: 'د «{activity}» په اړه ستاسو نظر',
      follow_up: 'له «{activity}» راهیسې څه بدل شوي دي؟',
    },
    reminderSubject: 'یادونه: {subject}',
    greeting: 'قدرمن {name}،',
    invite: {
      pre_test:
        'د «{activity}» له پیل مخکې، مهرباني وکړئ یوې لنډې د پوهې ازموینې ته ځواب ورکړئ. دا له موږ سره مرسته کوي چې وګورو روزنه څه بدلون راولي.',
      post_test:
        'اوس چې «{activity}» پای ته رسیدلی، مهرباني وکړئ بیا همدې لنډې د پوهې ازموینې ته ځواب ورکړئ. دا ښیي چې روزنې څه بدل کړي دي.',
      feedback:
        'په «{activity}» کې د ګډون لپاره مننه. مهرباني وکړئ په یوه لنډ پوښتنلیک کې خپل نظر له موږ سره شریک کړئ.',
      follow_up:
        'څو میاشتې مخکې تاسو په «{activity}» کې ګډون کړی و. مهرباني وکړئ په یوه لنډ پوښتنلیک کې ووایاست چې ایا مو زده کړې کارولې دي او څنګه.',
    },
    remind:
      'څو ورځې مخکې مو له تاسو وغوښتل چې د «{activity}» په اړه یوه لنډ پوښتنلیک ته ځواب ورکړئ. که تر اوسه مو وخت نه دی موندلی، یوازې څو دقیقې وخت نیسي.',
    linkLabel: 'پوښتنلیک پرانیزئ:',
    closes: 'پوښتنلیک تر {closes} پورې خلاص دی.',
    anonymous: 'ستاسو ځوابونه ستاسو له نوم یا بریښنالیک پتې سره نه تړل کیږي.',
    signoff: 'په مننه،',
    organiser: 'تنظیمونکې ډله',
  },
  ur: {
    subject: {
      pre_test: '«{activity}» سے پہلے معلومات کا ٹیسٹ',
      post_test: '«{activity}» کے بعد معلومات کا ٹیسٹ',
      feedback: '«{activity}» کے بارے میں آپ کی رائے',
      follow_up: '«{activity}» کے بعد کیا بدلا؟',
    },
    reminderSubject: 'یاد دہانی: {subject}',
    greeting: 'محترم {name}،',
    invite: {
      pre_test:
        '«{activity}» کے آغاز سے پہلے، براہ کرم معلومات کے ایک مختصر ٹیسٹ کا جواب دیں۔ اس سے ہمیں یہ دیکھنے میں مدد ملتی ہے کہ تربیت سے کیا فرق پڑتا ہے۔',
      post_test:
        'اب جبکہ «{activity}» ختم ہو چکا ہے، براہ کرم وہی مختصر ٹیسٹ دوبارہ دیں۔ اس سے پتا چلتا ہے کہ تربیت سے کیا تبدیلی آئی۔',
      feedback: '«{activity}» میں شرکت کا شکریہ۔ براہ کرم ایک مختصر سروے میں ہمیں اپنی رائے بتائیں۔',
      follow_up:
        'چند ماہ پہلے آپ نے «{activity}» میں شرکت کی تھی۔ براہ کرم ایک مختصر سروے میں بتائیں کہ کیا آپ نے جو سیکھا اسے استعمال کیا ہے، اور کیسے۔',
    },
    remind:
      'چند دن پہلے ہم نے آپ سے «{activity}» کے بارے میں ایک مختصر سروے کا جواب دینے کی درخواست کی تھی۔ اگر آپ کو ابھی تک وقت نہیں ملا تو اس میں صرف چند منٹ لگتے ہیں۔',
    linkLabel: 'سروے کھولیں:',
    closes: 'سروے {closes} تک کھلا ہے۔',
    anonymous: 'آپ کے جوابات آپ کے نام یا ای میل پتے سے منسلک نہیں ہیں۔',
    signoff: 'شکریہ کے ساتھ،',
    organiser: 'منتظم ٹیم',
  },
  fr: {
    subject: {
      pre_test: 'Test de connaissances avant « {activity} »',
      post_test: 'Test de connaissances après « {activity} »',
      feedback: 'Votre avis sur « {activity} »',
      follow_up: "Qu'est-ce qui a changé depuis « {activity} » ?",
    },
    reminderSubject: 'Rappel : {subject}',
    greeting: 'Bonjour {name},',
    invite: {
      pre_test:
        'Avant le début de « {activity} », merci de répondre à un court test de connaissances. Il nous aide à mesurer ce que la formation apporte.',
      post_test:
        '« {activity} » est terminé : merci de répondre une nouvelle fois au même court test de connaissances. Il montre ce que la formation a changé.',
      feedback:
        "Merci d'avoir participé à « {activity} ». Pourriez-vous nous donner votre avis dans un court questionnaire ?",
      follow_up:
        'Il y a quelques mois, vous avez participé à « {activity} ». Dites-nous, dans un court questionnaire, si et comment vous avez mis en pratique ce que vous avez appris.',
    },
    remind:
      "Il y a quelques jours, nous vous avons invité(e) à répondre à un court questionnaire sur « {activity} ». Si vous n'en avez pas encore eu le temps, cela ne prend que quelques minutes.",
    linkLabel: 'Ouvrir le questionnaire :',
    closes: "Le questionnaire est ouvert jusqu'au {closes}.",
    anonymous: 'Vos réponses ne sont liées ni à votre nom ni à votre adresse e-mail.',
    signoff: 'Avec nos remerciements,',
    organiser: "L'équipe d'organisation",
  },
  tr: {
    subject: {
      pre_test: '“{activity}” öncesi bilgi testi',
      post_test: '“{activity}” sonrası bilgi testi',
      feedback: '“{activity}” hakkındaki görüşünüz',
      follow_up: '“{activity}” sonrasında neler değişti?',
    },
    reminderSubject: 'Hatırlatma: {subject}',
    greeting: 'Sayın {name},',
    invite: {
      pre_test:
        '“{activity}” başlamadan önce lütfen kısa bir bilgi testini yanıtlayın. Bu test, eğitimin neler kazandırdığını görmemize yardımcı olur.',
      post_test:
        '“{activity}” sona erdi; lütfen aynı kısa bilgi testini bir kez daha yanıtlayın. Bu test, eğitimin neleri değiştirdiğini gösterir.',
      feedback:
        '“{activity}” etkinliğine katıldığınız için teşekkür ederiz. Lütfen görüşlerinizi kısa bir ankette bizimle paylaşın.',
      follow_up:
        'Birkaç ay önce “{activity}” etkinliğine katıldınız. Lütfen kısa bir ankette öğrendiklerinizi kullanıp kullanmadığınızı ve nasıl kullandığınızı bize anlatın.',
    },
    remind:
      'Birkaç gün önce sizi “{activity}” hakkında kısa bir anketi yanıtlamaya davet etmiştik. Henüz vakit bulamadıysanız, yalnızca birkaç dakikanızı alır.',
    linkLabel: 'Anketi açın:',
    closes: 'Anket {closes} tarihine kadar açıktır.',
    anonymous: 'Yanıtlarınız adınızla veya e-posta adresinizle ilişkilendirilmez.',
    signoff: 'Teşekkürlerimizle,',
    organiser: 'Düzenleme ekibi',
  },
};

/** One e-mail's editable text: a subject line and a plain-text body, both with placeholders. */
export interface EmailText {
  subject: string;
  body: string;
}

/** The default text of a message of a kind of survey in a language (English for an unknown one). */
export function defaultEmailText(kind: EmailKind, message: Message, lang: string): EmailText {
  const p = PHRASES[(lang in PHRASES ? lang : 'en') as InviteeLanguage];
  const subject = p.subject[kind];
  return {
    subject: message === 'invite' ? subject : p.reminderSubject.replace('{subject}', subject),
    body: [
      p.greeting,
      '',
      message === 'invite' ? p.invite[kind] : p.remind,
      '',
      p.linkLabel,
      '{link}',
      '',
      `${p.closes} ${p.anonymous}`,
      '',
      p.signoff,
      '{organiser}',
    ].join('\n'),
  };
}

/** Who signs an e-mail when the survey names no organiser, in the invitee's language. */
export function defaultOrganiser(lang: string): string {
  return PHRASES[(lang in PHRASES ? lang : 'en') as InviteeLanguage].organiser;
}
