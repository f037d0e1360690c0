// The SurveyJS page of the comparison in tests/bench/bundle.ts: survey-core 3 + survey-react-ui +
// React 19, the recipe of SurveyJS's React guide (its stylesheet, survey-core.min.css, is linked
// by the page). It loads the same survey (converted by ./convert.ts) from a JSON file and posts
// the answers when done. Built by the bench with esbuild. Plain JavaScript: no React types needed.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';

const json = await (await fetch('./survey.json')).json();
const model = new Model(json);
model.locale = navigator.language.split('-')[0] ?? 'en';
model.onComplete.add((sender) => {
  fetch('./responses', { method: 'POST', body: JSON.stringify(sender.data) }).catch(() => undefined);
});
const root = document.getElementById('root');
if (root) createRoot(root).render(createElement(Survey, { model }));
