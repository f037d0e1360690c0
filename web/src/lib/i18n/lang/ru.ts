/** The staff app's texts in Russian: one chunk, loaded only when this language is chosen. */
import type { Catalogue } from '../catalogue';
import account from './ru/account';
import activities from './ru/activities';
import activity from './ru/activity';
import activityForm from './ru/activityForm';
import admin from './ru/admin';
import attach from './ru/attach';
import attendance from './ru/attendance';
import builder from './ru/builder';
import comments from './ru/comments';
import common from './ru/common';
import components from './ru/components';
import emails from './ru/emails';
import feedback from './ru/feedback';
import framework from './ru/framework';
import home from './ru/home';
import indicator from './ru/indicator';
import indicatorForm from './ru/indicatorForm';
import indicators from './ru/indicators';
import invitations from './ru/invitations';
import lessons from './ru/lessons';
import plan from './ru/plan';
import planEditor from './ru/planEditor';
import projectForm from './ru/projectForm';
import projects from './ru/projects';
import report from './ru/report';
import responses from './ru/responses';
import resultsActivity from './ru/resultsActivity';
import resultsIndicator from './ru/resultsIndicator';
import resultsOverview from './ru/resultsOverview';
import signin from './ru/signin';
import survey from './ru/survey';
import surveyLifecycle from './ru/surveyLifecycle';
import surveyResults from './ru/surveyResults';
import surveys from './ru/surveys';
import templates from './ru/templates';
import terms from './ru/terms';
import widgets from './ru/widgets';

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
