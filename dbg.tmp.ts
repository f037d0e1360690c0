import { protectCells, protectHeadline } from './shared/src/disclosure/indicator.js';
const hu = { whole: 12, years: { '2020': 11, '2021': 0, '2022': 1 }, activities: [{ id: 'a0', year: '2022', n: 1 }, { id: 'a1', year: '2020', n: 5 }, { id: 'a2', year: '2020', n: 6 }] };
const cu = { gender: { whole: { female: 5, male: 5 }, '2020': { female: 5, male: 4 }, '2021': {}, '2022': { male: 1 } } };
const h = protectHeadline(hu);
console.log(h.all);
const c = protectCells({ counts: hu, protection: h.all }, cu);
console.log(c.all.gender);
