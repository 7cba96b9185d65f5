import { describe, expect, it } from 'vitest';
import { snapshot, team } from '../modules/tasks/tasks.factories.ts';
import { describeEachDb } from '../test/harness.ts';
import { nulPath } from './text-input.ts';

describe('nulPath', () => {
  it('names the first field holding a NUL character, in keys too', () => {
    expect(nulPath({ a: 'ok', b: ['x', { c: 'bad\u0000' }] })).toBe('b.1.c');
    expect(nulPath({ 'k\u0000': 1 })).toBe('(key)');
    expect(nulPath('\u0000')).toBe('(value)');
    expect(nulPath({ a: 'fine', n: 3, z: null })).toBeNull();
    expect(nulPath(undefined)).toBeNull();
  });
});

// Found by the schema fuzzer: PostgreSQL cannot store U+0000 and answered 500.
describeEachDb('NUL characters in requests', (h) => {
  it('are refused with 400 naming the field, on every door, and nothing is written', async () => {
    const t = await team(h());
    const before = await snapshot(h());
    const reset = await h().client().post('/api/v1/auth/password-reset', { email: '\u0000' });
    expect(reset.status).toBe(400);
    expect(reset.body).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ field: 'email' }] },
    });
    const task = await t.owner.post(t.url('/tasks'), { title: 'Order \u0000 flour', areaId: t.area.id });
    expect(task.status).toBe(400);
    expect(task.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'title' }] } });
    const search = await t.owner.get(t.url('/tasks?q=%00'));
    expect(search.status).toBe(400);
    expect(await snapshot(h())).toEqual(before);
  });
});
