// Runs the fake SambaNova server until Ctrl+C:
//   npm run fake-sambanova -- --port 8799 --scenario fast [--keys k1,k2] [--quiet]
// Prints the base URL on the first line (`FAKE_SAMBANOVA_URL=...`, easy for scripts to parse).
import { parseArgs } from 'node:util';
import { presets, startFakeSambaNova } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8799' },
      scenario: { type: 'string', default: 'default' },
      keys: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run fake-sambanova -- [--port 8799] [--scenario NAME[,key=value...]] [--keys k1,k2] [--quiet]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const server = await startFakeSambaNova({
    port,
    scenario: values.scenario,
    apiKeys: values.keys ? values.keys.split(',') : undefined,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`FAKE_SAMBANOVA_URL=${server.baseUrl}`);
  if (!values.quiet) {
    console.log(`Default scenario: ${server.scenario.name}. Any key works unless --keys is given; keys containing "invalid" get 401.`);
    console.log(`Per request: ${server.scenarioUrl('NAME,key=value')}  (e.g. ${server.scenarioUrl('fast,tps=2000,tpc=4')})`);
    console.log('Scenarios:');
    for (const [name, preset] of Object.entries(presets)) console.log(`  ${name.padEnd(24)} ${preset.description}`);
  }
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
