// lzsim principal-permissions in-process on the committed sample bundle: the app-runtime role's identity policy
// grants a handful of actions on named resources; SCPs and the boundary leave them (reference_policies_evaluation-logic.html).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../support/run-cli-in-process';

const bundles = fileURLToPath(new URL('../../fixtures/bundles/', import.meta.url));

function run(args: string[]) {
  return runCliInProcess(args, bundles);
}

describe('lzsim principal-permissions', () => {
  it('lists the role\'s actions by service and access level with their resource patterns', async () => {
    const { code, stdout } = await run(['principal-permissions', '--bundle', 'sample-org.json', '--principal', 'arn:aws:iam::100000000005:role/app/app-runtime', '--region', 'eu-west-1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { total: number; services: { service: string; levels: { accessLevel: string; actions: { action: string; decision: string; resources: string[] }[] }[] }[] };
    const sqs = result.services.find((service) => service.service === 'sqs')!;
    expect(sqs.levels.find((level) => level.accessLevel === 'Read')?.actions).toEqual([
      { action: 'sqs:ReceiveMessage', decision: 'allowed', resources: ['arn:aws:sqs:eu-west-1:100000000006:orders'] },
    ]);
    expect(result.services.map((service) => service.service)).not.toContain('ec2');
    expect(result.total).toBe(result.services.reduce((sum, service) => sum + service.levels.reduce((n, level) => n + level.actions.length, 0), 0));
  });

  it('refuses an unknown principal in one line, exit 2', async () => {
    const { code, stderr } = await run(['principal-permissions', '--bundle', 'sample-org.json', '--principal', 'arn:aws:iam::100000000005:role/nobody']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^lzsim: principal-permissions: --principal: NoSuchEntity/);
  });
});
