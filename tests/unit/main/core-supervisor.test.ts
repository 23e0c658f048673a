import { describe, expect, it } from 'vitest';
import type { CoreClient } from '../../../electron/core/host/client';
import {
  crashChoiceFor,
  superviseCore,
  type CrashChoice,
} from '../../../electron/main/core-supervisor';

/** A fake client whose process can be made to crash; only onStopped matters to the supervisor. */
function fakeClient(name: string) {
  const stopped: ((code: number) => void)[] = [];
  const client = { name, onStopped: (l: (code: number) => void) => void stopped.push(l) };
  return {
    client: client as unknown as CoreClient & { name: string },
    crash: () => stopped.forEach((l) => l(1)),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

function supervised(answers: CrashChoice[], maxRestarts?: number) {
  const started: ReturnType<typeof fakeClient>[] = [];
  const log: string[] = [];
  const s = superviseCore({
    start: () => {
      const f = fakeClient(`core ${started.length + 1}`);
      started.push(f);
      return f.client;
    },
    connected: (c) => log.push(`connected ${(c as unknown as { name: string }).name}`),
    ask: async () => {
      const a = answers.shift() ?? 'quit';
      log.push(`asked: ${a}`);
      return a;
    },
    quit: () => log.push('quit'),
    ...(maxRestarts !== undefined ? { maxRestarts } : {}),
  });
  return { s, started, log };
}

describe('the desktop core process crashing', () => {
  it('offers a restart, starts a new core and connects it', async () => {
    const t = supervised(['restart']);
    t.started[0]!.crash();
    await settle();
    expect(t.log).toEqual(['connected core 1', 'asked: restart', 'connected core 2']);
    expect((t.s.current() as unknown as { name: string }).name).toBe('core 2');
  });

  it('quits when the user says so', async () => {
    const t = supervised(['quit']);
    t.started[0]!.crash();
    await settle();
    expect(t.log).toEqual(['connected core 1', 'asked: quit', 'quit']);
    expect(t.started).toHaveLength(1);
  });

  it('a core that crashes at every start ends in a quit after the last allowed restart', async () => {
    const t = supervised(['restart', 'restart', 'restart'], 2);
    for (let i = 0; i < 3; i++) {
      t.started[i]!.crash();
      await settle();
    }
    expect(t.started).toHaveLength(3);
    expect(t.log.at(-1)).toBe('quit');
  });

  it('maps the dialog answer; closing it means quit', () => {
    expect(crashChoiceFor(0)).toBe('restart');
    expect(crashChoiceFor(1)).toBe('quit');
    expect(crashChoiceFor(-1)).toBe('quit');
  });
});
