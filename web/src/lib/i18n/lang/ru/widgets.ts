import type { Catalogue } from '../../catalogue';

export default {
  mapFailed: 'Не удалось построить карту; в таблице ниже те же числа.',
  mapDesc: 'Стран, закрашенных по числу проектов: {n}; они перечислены в таблице ниже.',
  projects: 'проект|проекта|проектов',
  openList: 'Открыть список.',
  perCountry: 'Проекты по странам',
  legend: 'Легенда',
  none: 'нет',
  acrossTitle: 'По версиям рамки',
  acrossIntro:
    'Этот индикатор перенесён между версиями рамки. Каждый столбец хранит значения, вычисленные по своей рамке и периоду; ни одно не пересчитано по определению другой версии.',
  frameworkLine: 'Рамка v{fv} · индикатор {code} v{v} · {status}',
  whatChanged: 'Что изменилось при переносе',
  perYear: '{code}, {framework}, значения по годам',
  period: 'Период',
  value: 'Значение',
  version: 'Версия',
  noValues: 'Значений нет.',
  openResults: 'Открыть результаты этой версии',
} satisfies Catalogue['widgets'];
