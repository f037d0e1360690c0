import type { Catalogue } from '../../catalogue';

export default {
  needHeader:
    'В первой строке должны быть названия столбцов: name, email, country, organisation, gender, language.',
  tooMany: 'Строк в файле: {n}; за один раз можно импортировать не более {max}.',
  rowError: 'Строка {row}: {field} {message}',
  heading: 'Импорт списка участников',
  hintStart: 'Файл CSV со строкой заголовков:',
  hintEnd:
    '. Страны — названиями или двухбуквенными кодами; пол — female, male, other или undisclosed (подходят и F/M); язык писем человеку — en, ru, ar, fa, prs, ps, ur, fr или tr (или название языка; пусто — язык анкеты по умолчанию). Люди, уже внесённые в список, пропускаются.',
  csvFile: 'Файл CSV',
  readyForms: 'человек готов|человека готовы|человек готовы',
  problemForms:
    'строка с ошибками не будет отправлена|строки с ошибками не будут отправлены|строк с ошибками не будут отправлены',
  preview: 'Предпросмотр файла',
  row: 'Строка',
  name: 'Имя',
  email: 'Эл. почта',
  country: 'Страна',
  organisation: 'Организация',
  gender: 'Пол',
  language: 'Язык',
  female: 'женский',
  male: 'мужской',
  other: 'другой',
  undisclosed: 'не указан',
  importing: 'Импорт…',
  personForms: 'человек|человека|человек',
  import: 'Импортировать: {people}',
  unknownCountry: 'Неизвестная страна «{value}».',
  unknownGender: 'Неизвестный пол «{value}» (укажите female, male, other или undisclosed).',
  unknownLanguage: 'Неизвестный язык «{value}» (укажите {languages}).',
  nameMissing: 'Не указано имя.',
  notEmail: '«{value}» — не адрес эл. почты.',
} satisfies Catalogue['attendance'];
