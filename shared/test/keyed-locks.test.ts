import { KeyedLocks } from '../src/core/concurrency/keyed-locks';

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A task that records when it runs and how many tasks of its keys run beside it. */
function tracker() {
  const active = new Map<string, number>();
  const most = new Map<string, number>();
  const order: string[] = [];
  const task =
    (name: string, keys: string[], fail = false) =>
    async () => {
      for (const k of keys) {
        active.set(k, (active.get(k) ?? 0) + 1);
        most.set(k, Math.max(most.get(k) ?? 0, active.get(k)!));
      }
      order.push(`start ${name}`);
      await tick();
      await tick();
      order.push(`end ${name}`);
      for (const k of keys) active.set(k, active.get(k)! - 1);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
  return { most, order, task };
}

describe('KeyedLocks', () => {
  it('runs tasks of one key one after another, in arrival order', async () => {
    const locks = new KeyedLocks();
    const { most, order, task } = tracker();
    const results = await Promise.all(['a', 'b', 'c'].map((n) => locks.run(['k'], task(n, ['k']))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most.get('k')).toBe(1);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(locks.size).toBe(0);
  });

  it('runs tasks of other keys concurrently', async () => {
    const locks = new KeyedLocks();
    const { order, task } = tracker();
    await Promise.all([locks.run(['x'], task('x', ['x'])), locks.run(['y'], task('y', ['y']))]);
    expect(order.slice(0, 2)).toEqual(['start x', 'start y']);
  });

  it('takes several keys in one order, so tasks asking for them in opposite orders finish', async () => {
    const locks = new KeyedLocks();
    const { most, task } = tracker();
    const runs = [];
    for (let i = 0; i < 20; i++)
      runs.push(
        i % 2 ? locks.run(['a', 'b'], task(`ab${i}`, ['a', 'b'])) : locks.run(['b', 'a'], task(`ba${i}`, ['a', 'b'])),
      );
    await expect(Promise.all(runs)).resolves.toHaveLength(20);
    expect([most.get('a'), most.get('b')]).toEqual([1, 1]);
    expect(locks.size).toBe(0);
  });

  it("frees a failed task's keys for the next", async () => {
    const locks = new KeyedLocks();
    const { task } = tracker();
    const failed = locks.run(['k'], task('first', ['k'], true));
    const next = locks.run(['k'], task('second', ['k']));
    await expect(failed).rejects.toThrow('first failed');
    await expect(next).resolves.toBe('second');
    expect(locks.size).toBe(0);
  });

  it('takes a key named twice once', async () => {
    const locks = new KeyedLocks();
    await expect(locks.run(['k', 'k'], async () => 'done')).resolves.toBe('done');
  });
});
