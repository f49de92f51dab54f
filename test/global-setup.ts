import type { TestProject } from 'vitest/node';
import { bootstrap } from '../server/src/app/bootstrap.ts';
import { REGISTRY } from '../server/src/app/registry.ts';
import { createDb } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { loadEnv } from '../server/src/env.ts';
import { adminQuery, dropDatabase, testServer, withDatabase } from './support/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

/** Migrates and seeds one template database per run; every test file clones it. */
export default async function setup(project: TestProject) {
  const server = await testServer();
  const template = `cheguan_template_${process.pid}`;
  await dropDatabase(server.adminUrl, template);
  await adminQuery(server.adminUrl, `CREATE DATABASE "${template}"`);
  const url = withDatabase(server.adminUrl, template);
  await migrate(url);
  const db = createDb(url, 2);
  await bootstrap(db, { ...loadEnv({}), CHEGUAN_DEMO: 'auto' }, REGISTRY);
  await db.destroy();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('templateDb', template);
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
