import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from './env.ts';
import { buildApp } from './app/server.ts';
import { DataDirInUseError } from './db/embedded.ts';
import { startJobs } from './jobs/jobs.ts';
import { REGISTRY } from './app/registry.ts';
import { startPlatform } from './app/start.ts';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

async function main() {
  const env = loadEnv();
  const platform = await startPlatform(env);
  const app = await buildApp(platform.ctx, { webDir: WEB_DIR, logLevel: env.LOG_LEVEL });
  const jobs =
    env.CHEGUAN_JOBS === 'on'
      ? await startJobs(platform.ctx, REGISTRY, platform.databaseUrl, (e) =>
          app.log.error({ err: e }, 'job error'),
        )
      : null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping Cheguan…`);
    await app.close();
    await jobs?.stop();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: env.PORT, host: env.HOST });
  const where = platform.embedded
    ? `embedded PostgreSQL in ${path.resolve(env.CHEGUAN_DATA_DIR)}`
    : 'DATABASE_URL';
  console.log(`
  Cheguan 车管 is running — database: ${where}${platform.demoSeeded ? ' (demo network created)' : ''}
  Open   http://localhost:${env.PORT}/
  Login  admin / clerk.city / clerk.dealer / sup.county …  password: ${env.CHEGUAN_DEMO === 'off' ? '(your own accounts)' : 'DEMO_PASSWORD (default cheguan-demo)'}
  API    http://localhost:${env.PORT}/api/openapi.json
`);
}

main().catch((e: unknown) => {
  if (e instanceof DataDirInUseError) console.error(`Cheguan cannot start: ${e.message}`);
  else console.error('Cheguan failed to start:', e);
  process.exit(1);
});
