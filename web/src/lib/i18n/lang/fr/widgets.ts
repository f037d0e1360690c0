import type { Catalogue } from '../../catalogue';

export default {
  mapFailed: 'La carte n’a pas pu être dessinée ; le tableau ci-dessous contient les mêmes chiffres.',
  mapDesc: '{n} pays colorés selon le nombre de projets ; le tableau ci-dessous les énumère.',
  projects: 'projet|projets',
  openList: 'Ouvrir la liste.',
  perCountry: 'Projets par pays',
  legend: 'Légende',
  none: 'aucun',
  acrossTitle: 'À travers les versions du cadre',
  acrossIntro:
    'Cet indicateur a été reporté d’une version du cadre à l’autre. Chaque colonne garde les valeurs calculées selon son propre cadre et sa période ; aucune n’a été recalculée avec la définition de l’autre.',
  frameworkLine: 'Cadre v{fv} · indicateur {code} v{v} · {status}',
  whatChanged: 'Ce qui a changé lors du report',
  perYear: '{code}, {framework}, valeurs par année',
  period: 'Période',
  value: 'Valeur',
  version: 'Version',
  noValues: 'Aucune valeur.',
  openResults: 'Ouvrir les résultats de cette version',
} satisfies Catalogue['widgets'];
