// The registry lists each command's name and summary without loading its module (so `lzsim --help` starts fast);
// this checks the listing agrees with what each module declares.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '@/server/cli/commands';

describe('lzsim command registry', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))('%s: the listing matches the module', async (_name, entry) => {
    const command = await entry.load();
    expect(command.name).toBe(entry.name);
    expect(command.summary).toBe(entry.summary);
  });
});
