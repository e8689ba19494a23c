// A single benchmark, for working on one: `./emulators.sh exec "tsx bench/only.ts billing"`.
import '../scripts/local/text-modules';

const name = process.argv[2];
const modules: Record<string, () => Promise<unknown>> = {
  pep: async () => {
    const r = (await (await import('./pep')).benchPep()) as {
      http: { decisionsPerSecond: number; baselinePerSecond: number };
    };
    return { ...r, ratio: r.http.decisionsPerSecond / r.http.baselinePerSecond };
  },
  scraping: async () => {
    const scraping = await import('./scraping');
    const memory = await scraping.benchScraping('memory');
    await scraping.benchScraping('emulators'); // the emulator's JIT warms up, as later in a full run
    const emulators = await scraping.benchScraping('emulators');
    return { memory, emulators, ratio: emulators.wallMs / emulators.idealMs };
  },
  'scraping-suite': async () => {
    const scraping = await import('./scraping');
    const memory = await scraping.benchScraping('memory');
    const suite = await scraping.benchScrapingSuite();
    return { memory, suite, ratio: suite.wallMs / memory.wallMs };
  },
  trial: async () => (await import('./trial-race')).benchTrialRace(),
  constitution: async () => (await import('./constitution')).benchConstitution(),
  'agents-pep': async () => (await import('./agents-pep')).benchAgentPep(),
  billing: async () => (await import('./billing')).benchBilling(),
  'run-logs': async () => (await import('./run-logs')).benchRunLogs(),
  'approval-push': async () => (await import('./approval-push')).benchApprovalPush(),
  archive: async () => {
    const r = await (await import('./archive')).benchArchive();
    return { ...r, ratio: r.archiveMiBps / r.plainMiBps, ratioToCopy: r.archiveMiBps / r.copyMiBps };
  },
  'health-deployed': async () =>
    (await import('./health-deployed')).benchHealthDeployed({
      endpoints: 1000,
      poolSize: 100,
      timeoutMs: 1000,
    }),
  health: async () =>
    (await import('./health-round')).benchHealthRound({ endpoints: 1000, poolSize: 100, timeoutMs: 1000 }),
};
const run = modules[name ?? ''];
if (!run) throw new Error(`name one of: ${Object.keys(modules).join(', ')}`);
run().then(
  (result) => console.log(JSON.stringify(result, null, 2)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
