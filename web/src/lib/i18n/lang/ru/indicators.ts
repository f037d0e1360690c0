import type { Catalogue } from '../../catalogue';

export default {
  title: 'Индикаторы',
  newIndicator: 'Новый индикатор',
  searchPlaceholder: 'Код или название',
  framework: 'Рамка',
  activeFramework: 'Действующая рамка',
  status: 'Статус',
  all: 'Все',
  indicatorForms: 'индикатор|индикатора|индикаторов',
  noCode: 'Без кода',
  untitled: 'Без названия',
  smartTitle: 'Конкретный, измеримый, достижимый, значимый, ограниченный во времени',
  openFindings: 'Буквы с открытыми замечаниями',
  missing: 'не хватает: {letters}',
  none: 'Нет индикаторов, подходящих под фильтры.',
} satisfies Catalogue['indicators'];
