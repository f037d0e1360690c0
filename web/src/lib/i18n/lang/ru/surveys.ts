import type { Catalogue } from '../../catalogue';

export default {
  title: 'Анкеты',
  searchPlaceholder: 'Название анкеты или мероприятия',
  kind: 'Вид',
  allKinds: 'Все виды',
  surveyForms: 'анкета|анкеты|анкет',
  closes: 'закрывается {date}',
  results: 'Результаты',
  none: 'Нет анкет, подходящих под фильтры.',
} satisfies Catalogue['surveys'];
