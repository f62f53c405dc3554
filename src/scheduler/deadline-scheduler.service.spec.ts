import { distinctInstancesPrefix } from './deadline-scheduler.service';

describe('distinctInstancesPrefix', () => {
  it('stops at the first deadline of an instance already in the run, keeping due order', () => {
    const due = [
      { instanceId: 'a', dueAt: 'T1' },
      { instanceId: 'b', dueAt: 'T2' },
      { instanceId: 'a', dueAt: 'T3' },
      { instanceId: 'c', dueAt: 'T4' },
    ];
    expect(distinctInstancesPrefix(due).map((deadline) => deadline.dueAt)).toEqual(['T1', 'T2']);
  });

  it('keeps everything when every instance appears once, and nothing from nothing', () => {
    expect(distinctInstancesPrefix([{ instanceId: 'a' }, { instanceId: 'b' }])).toHaveLength(2);
    expect(distinctInstancesPrefix([])).toEqual([]);
  });
});
