/**
 * `npm run demo:seed`: fills an empty database with the demo company (config/demo): a small
 * portfolio with renewals due in the next 90 days, a large deal awaiting approval, obligations and
 * a few contract documents Ask Clause can quote. Refuses NODE_ENV=production and a database that
 * already holds real contracts; running it again changes nothing.
 */
import { loadEnv } from '../config/env.js';
import { systemClock } from '../core/ports/clock.js';
import { loadDemoData } from '../app/demo/demo-data.js';
import { DemoSeedRefused, seedDemo } from '../app/demo/seed-demo.js';
import { composeServices } from '../app/compose-services.js';
import { openDatabase } from '../app/open-database.js';
import { createLogger, resolveLogFormat } from '../infra/logger.js';
import { CliError, EXIT, runCli, type CliSpec } from './cli-kit.js';

const demoSeedCli: CliSpec = {
  name: 'demo:seed',
  file: 'demo-seed',
  usage: '[--dir DIR]',
  summary: 'Seeds the demo company (personas, policy, portfolio, documents) into an empty database, for trying Clause out.',
  options: {
    dir: { type: 'string', value: 'DIR', description: 'the demo data folder', default: 'config/demo' },
  },
  details: `The database is the one \`npm start\` uses (MONGODB_URI / MONGODB_DB_NAME, or the embedded one).
Demo data is never mixed into a real portfolio: the command refuses when NODE_ENV=production or when
the database already holds contracts that are not demo data. Running it again changes nothing.
Start the service with POLICY_FILE=config/demo/policy.yaml so approvals go to the demo personas.

exit codes: 0 seeded (or already seeded), 1 failed or some rows rejected, 2 refused.`,
};

runCli(demoSeedCli, async ({ values }) => {
  const dir = String(values.dir);
  if (process.env.NODE_ENV === 'production')
    throw new CliError('refusing to seed demo data: NODE_ENV=production (demo data never goes into a production database)', EXIT.usage);
  const data = await loadDemoData(dir).catch((error: Error) => {
    throw new CliError(`cannot read the demo data: ${error.message.split('\n')[0]}`, EXIT.usage);
  });
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, undefined, resolveLogFormat(env.LOG_FORMAT));
  const db = await openDatabase(env, logger, systemClock);
  try {
    const { ctx } = await composeServices({
      env,
      logger,
      clock: systemClock,
      connection: db.connection,
      store: db.store,
      webhooks: db.webhooks,
      policy: data.policy,
    });
    const report = await seedDemo(ctx, { dir, nodeEnv: process.env.NODE_ENV }).catch((error: unknown) => {
      if (error instanceof DemoSeedRefused) throw new CliError(error.message, EXIT.usage);
      throw error;
    });
    const c = report.contracts;
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`${report.company} demo ${report.rerun ? 'was already seeded' : 'seeded'} in database "${env.MONGODB_DB_NAME}" (dates counted from ${report.anchor}):`);
    out(`  contracts: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.rejected.length ? `, ${c.rejected.length} rejected` : ''}`);
    for (const r of c.rejected) out(`    ${r}`);
    out(`  documents stored: ${report.documents}; obligations added: ${report.obligations}`);
    if (report.decisions.length) out(`  renewal decisions: ${report.decisions.join('; ')}`);
    if (report.awaitingApproval.length) out(`  awaiting approval: ${report.awaitingApproval.join(', ')}`);
    out('  approvals go to the demo personas when the service runs with POLICY_FILE=config/demo/policy.yaml');
    return c.rejected.length > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await db.close();
  }
});
