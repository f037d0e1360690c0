/** Every English namespace, for the catalogue test (the app imports each namespace where it is used). */
import type { Catalogue } from '../catalogue';
import account from './account';
import activities from './activities';
import activity from './activity';
import activityForm from './activityForm';
import admin from './admin';
import attach from './attach';
import attendance from './attendance';
import builder from './builder';
import comments from './comments';
import common from './common';
import components from './components';
import emails from './emails';
import feedback from './feedback';
import framework from './framework';
import home from './home';
import indicator from './indicator';
import indicatorForm from './indicatorForm';
import indicators from './indicators';
import invitations from './invitations';
import lessons from './lessons';
import plan from './plan';
import planEditor from './planEditor';
import projectForm from './projectForm';
import projects from './projects';
import report from './report';
import responses from './responses';
import resultsActivity from './resultsActivity';
import resultsIndicator from './resultsIndicator';
import resultsOverview from './resultsOverview';
import signin from './signin';
import survey from './survey';
import surveyLifecycle from './surveyLifecycle';
import surveyResults from './surveyResults';
import surveys from './surveys';
import templates from './templates';
import terms from './terms';
import widgets from './widgets';

export const en: Catalogue = {
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
