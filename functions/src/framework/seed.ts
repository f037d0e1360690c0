import { defaultFramework } from '../../../shared/src/framework/default-framework.js';
import {
  addDefaultRegions,
  createFramework,
  createProject,
  getFramework,
  getProject,
  listFrameworks,
} from './store.js';

/**
 * Writes the default "Call for Action 2019-2024" framework and its projects where they are not
 * there yet. Idempotent: every write is conditional, so running it twice (or twice at once) adds
 * nothing. The framework is written active only when no version exists yet; a database where an
 * administrator has moved on to a later revision is left as it is.
 */
export async function seedDefaultFramework(
  actor = 'default-seed',
): Promise<{ framework: boolean; projects: number }> {
  const fw = defaultFramework();
  let framework = false;
  if (!(await getFramework(fw.id))) {
    const status = (await listFrameworks()).length === 0 ? 'active' : 'archived';
    try {
      await createFramework({ ...fw, status }, actor, 'seed', { version: fw.version, status });
      framework = true;
    } catch (err) {
      // Another process seeded it between the read and the write: the conditions kept one copy.
      if (!(await getFramework(fw.id))) throw err;
    }
  } else await addDefaultRegions(fw.id, fw.regions, actor);
  let projects = 0;
  for (const p of fw.projects) {
    if (await getProject(p.id)) continue;
    try {
      await createProject(p, actor, { id: p.id });
      projects++;
    } catch (err) {
      if (!(await getProject(p.id))) throw err;
    }
  }
  return { framework, projects };
}
