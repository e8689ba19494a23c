import { GroupRead } from '../src/core/concurrency/group-read';

describe('GroupRead', () => {
  it("reads the keys asked for in one tick together, and gives each caller its own key's value", async () => {
    const calls: string[][] = [];
    const reads = new GroupRead<string, string>(async (keys) => (calls.push(keys), keys.map((k) => k.toUpperCase())));
    const values = await Promise.all(['a', 'b', 'c'].map((k) => reads.get(k)));
    expect([values, calls]).toEqual([['A', 'B', 'C'], [['a', 'b', 'c']]]);
  });

  it('holds keys asked for during a read for the next one, in batches of at most maxKeys', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reads = new GroupRead<number, number>(async (keys) => {
      calls.push(keys);
      if (calls.length === 1) await gate;
      return keys.map((k) => k * 2);
    }, 2);
    const first = reads.get(1);
    await Promise.resolve();
    await Promise.resolve();
    const later = [2, 3, 4].map((k) => reads.get(k));
    release();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1], [2, 3], [4]]);
  });

  it('fails every caller of a failed read, and reads again for the next callers', async () => {
    let fail = true;
    const reads = new GroupRead<string, string>(async (keys) => {
      if (fail) throw new Error('unavailable');
      return keys;
    });
    const failed = await Promise.allSettled([reads.get('a'), reads.get('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await reads.get('c')).toBe('c');
  });
});
