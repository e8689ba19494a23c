import { GroupCommit } from '../src/core/concurrency/group-commit';

function controlledCommits() {
  const commits: { items: number[]; finish: (error?: Error) => void }[] = [];
  const group = new GroupCommit<number>(
    (items) =>
      new Promise<void>((resolve, reject) => {
        commits.push({ items, finish: (error) => (error ? reject(error) : resolve()) });
      }),
    3,
  );
  return { group, commits };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('joins what arrives during a commit into the next one, and settles each caller with its own commit', async () => {
    const { group, commits } = controlledCommits();
    const settled: string[] = [];
    const first = group.add([1]).then(() => settled.push('first'));
    await tick();
    const second = group.add([2]).then(() => settled.push('second'));
    const third = group.add([3]).then(() => settled.push('third'));
    await tick();
    expect(commits.map((c) => c.items)).toEqual([[1]]);
    commits[0]!.finish();
    await first;
    await tick();
    expect(settled).toEqual(['first']);
    expect(commits.map((c) => c.items)).toEqual([[1], [2, 3]]);
    commits[1]!.finish();
    await Promise.all([second, third]);
    expect(settled).toEqual(['first', 'second', 'third']);
  });

  it('splits a group over the size limit and answers its callers after the last part', async () => {
    const { group, commits } = controlledCommits();
    let done = false;
    const all = group.add([1, 2, 3, 4, 5]).then(() => (done = true));
    await tick();
    commits[0]!.finish();
    await tick();
    expect(done).toBe(false);
    expect(commits.map((c) => c.items)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    commits[1]!.finish();
    await all;
    expect(done).toBe(true);
  });

  it('rejects only the callers of a failed commit; the next group still commits; idle waits for all', async () => {
    const { group, commits } = controlledCommits();
    const failed = group.add([1]);
    await tick();
    const later = group.add([2]);
    commits[0]!.finish(new Error('unavailable'));
    await expect(failed).rejects.toThrow('unavailable');
    await tick();
    let idle = false;
    const waiting = group.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    commits[1]!.finish();
    await expect(later).resolves.toBeUndefined();
    await waiting;
    expect(idle).toBe(true);
  });
});
