import type { RouteGroups } from './lib/lazy-routes.js';

/**
 * The staff API's route groups under /api, each loaded on its first request (lib/lazy-routes.ts).
 * The order is the order of matching, as `app.route()` calls were. After adding, removing or
 * changing a route, `npm run routes` rewrites route-manifest.ts (a test fails until it is run).
 */
export const routeGroups = {
  users: () => import('./users/routes.js').then((m) => m.users),
  audit: () => import('./audit/routes.js').then((m) => m.auditRoutes),
  templates: () => import('./templates/routes.js').then((m) => m.templateRoutes),
  surveys: () => import('./surveys/routes.js').then((m) => m.surveys),
  emails: () => import('./invitations/routes.js').then((m) => m.emailRoutes),
  responses: () => import('./responses/routes.js').then((m) => m.responseRoutes),
  surveyList: () => import('./surveys/list-routes.js').then((m) => m.surveyListRoutes),
  participants: () => import('./public-app.js').then((m) => m.publicRoutes),
  publicSurveys: () => import('./surveys/public-routes.js').then((m) => m.publicSurveys),
  activities: () => import('./activities/routes.js').then((m) => m.activityRoutes),
  frameworks: () => import('./framework/routes.js').then((m) => m.frameworkRoutes),
  indicators: () => import('./indicators/routes.js').then((m) => m.indicatorRoutes),
  results: () => import('./results/routes.js').then((m) => m.resultRoutes),
  reports: () => import('./report/routes.js').then((m) => m.reportRoutes),
  lessons: () => import('./lessons/routes.js').then((m) => m.lessonRoutes),
  comments: () => import('./comments/routes.js').then((m) => m.commentRoutes),
  feedback: () => import('./feedback/routes.js').then((m) => m.feedbackRoutes),
  publicFeedback: () => import('./feedback/public-routes.js').then((m) => m.publicFeedback),
} satisfies RouteGroups;
