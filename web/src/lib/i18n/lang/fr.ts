/** The staff app's texts in French: one chunk, loaded only when this language is chosen. */
import type { Catalogue } from '../catalogue';
import account from './fr/account';
import activities from './fr/activities';
import activity from './fr/activity';
import activityForm from './fr/activityForm';
import admin from './fr/admin';
import attach from './fr/attach';
import attendance from './fr/attendance';
import builder from './fr/builder';
import comments from './fr/comments';
import common from './fr/common';
import components from './fr/components';
import emails from './fr/emails';
import feedback from './fr/feedback';
import framework from './fr/framework';
import home from './fr/home';
import indicator from './fr/indicator';
import indicatorForm from './fr/indicatorForm';
import indicators from './fr/indicators';
import invitations from './fr/invitations';
import lessons from './fr/lessons';
import plan from './fr/plan';
import planEditor from './fr/planEditor';
import projectForm from './fr/projectForm';
import projects from './fr/projects';
import report from './fr/report';
import responses from './fr/responses';
import resultsActivity from './fr/resultsActivity';
import resultsIndicator from './fr/resultsIndicator';
import resultsOverview from './fr/resultsOverview';
import signin from './fr/signin';
import survey from './fr/survey';
import surveyLifecycle from './fr/surveyLifecycle';
import surveyResults from './fr/surveyResults';
import surveys from './fr/surveys';
import templates from './fr/templates';
import terms from './fr/terms';
import widgets from './fr/widgets';

const texts: Catalogue = {
  account,
  common,
  components,
  signin,
  home,
  resultsOverview,
  resultsIndicator,
  resultsActivity,
  admin,
  lessons,
  report,
  plan,
  framework,
  comments,
  feedback,
  widgets,
  activities,
  surveys,
  indicators,
  projects,
  activity,
  templates,
  indicator,
  surveyResults,
  responses,
  activityForm,
  terms,
  attach,
  surveyLifecycle,
  survey,
  invitations,
  emails,
  attendance,
  indicatorForm,
  projectForm,
  planEditor,
  builder,
};
export default texts;
