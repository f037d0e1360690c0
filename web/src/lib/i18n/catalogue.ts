/** The shape every language's catalogue must have: English's namespaces and keys, all strings. */

import type activities from './en/activities';
import type activity from './en/activity';
import type activityForm from './en/activityForm';
import type admin from './en/admin';
import type comments from './en/comments';
import type common from './en/common';
import type components from './en/components';
import type feedback from './en/feedback';
import type framework from './en/framework';
import type home from './en/home';
import type indicator from './en/indicator';
import type indicators from './en/indicators';
import type lessons from './en/lessons';
import type plan from './en/plan';
import type projects from './en/projects';
import type report from './en/report';
import type responses from './en/responses';
import type resultsActivity from './en/resultsActivity';
import type resultsIndicator from './en/resultsIndicator';
import type resultsOverview from './en/resultsOverview';
import type signin from './en/signin';
import type surveyResults from './en/surveyResults';
import type surveys from './en/surveys';
import type templates from './en/templates';
import type terms from './en/terms';
import type widgets from './en/widgets';

type Texts<T> = { readonly [K in keyof T]: string };

export type Catalogue = {
  common: Texts<typeof common>;
  components: Texts<typeof components>;
  signin: Texts<typeof signin>;
  home: Texts<typeof home>;
  resultsOverview: Texts<typeof resultsOverview>;
  resultsIndicator: Texts<typeof resultsIndicator>;
  resultsActivity: Texts<typeof resultsActivity>;
  admin: Texts<typeof admin>;
  lessons: Texts<typeof lessons>;
  report: Texts<typeof report>;
  plan: Texts<typeof plan>;
  framework: Texts<typeof framework>;
  comments: Texts<typeof comments>;
  feedback: Texts<typeof feedback>;
  widgets: Texts<typeof widgets>;
  activities: Texts<typeof activities>;
  surveys: Texts<typeof surveys>;
  indicators: Texts<typeof indicators>;
  projects: Texts<typeof projects>;
  activity: Texts<typeof activity>;
  templates: Texts<typeof templates>;
  indicator: Texts<typeof indicator>;
  surveyResults: Texts<typeof surveyResults>;
  responses: Texts<typeof responses>;
  activityForm: Texts<typeof activityForm>;
  terms: Texts<typeof terms>;
};
