import type { ProjectDependents, ProjectRecord } from '../../../shared/src/framework/api.js';
import { listActivities } from '../activities/store.js';
import { listIndicators } from '../indicators/store.js';
import { ProblemError } from '../lib/problem.js';
import { deleteProject, listFrameworks, listProjects } from './store.js';

/** What refers to a project: activities (archived ones too), sub-projects, indicators' filters. */
export async function projectDependents(project: ProjectRecord): Promise<ProjectDependents> {
  const [activities, projects, frameworks] = await Promise.all([
    listActivities({ archived: 'include' }),
    listProjects(),
    listFrameworks(),
  ]);
  const indicators = (await Promise.all(frameworks.map((f) => listIndicators({ frameworkId: f.id })))).flat();
  const out = {
    activities: activities
      .filter((a) => a.projectId === project.id)
      .map((a) => ({ id: a.id, title: a.title })),
    childProjects: projects
      .filter((p) => p.parentProjectId === project.id)
      .map((p) => ({ id: p.id, name: p.name })),
    indicators: indicators
      .filter((i) => i.filters.projectIds.includes(project.id))
      .map((i) => ({ id: i.id, code: i.code })),
  };
  return {
    ...out,
    deletable: out.activities.length + out.childProjects.length + out.indicators.length === 0,
  };
}

/** Deletes a project nothing refers to; 409 otherwise (archive it instead). */
export async function deleteUnreferencedProject(project: ProjectRecord, actor: string): Promise<void> {
  const deps = await projectDependents(project);
  if (!deps.deletable)
    throw new ProblemError(
      409,
      'project-referenced',
      `Activities, sub-projects or indicators refer to this project (${deps.activities.length} activities, ` +
        `${deps.childProjects.length} sub-projects, ${deps.indicators.length} indicators): archive it instead.`,
    );
  try {
    await deleteProject(project, actor);
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException')
      throw new ProblemError(409, 'stale-version', 'The project changed meanwhile. Reload and try again.');
    throw err;
  }
}
