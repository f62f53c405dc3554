import { reminderIdOf, remindAtOf, remindersOf } from './reminder.util';

describe('reminders before deadlines', () => {
  const instance = '0b7c2a43-6f0e-4b8e-9f1d-2a3b4c5d6e7f';
  const committee = {
    event: 'DUTY_DUE',
    dueAt: '2008-10-10T22:00:00.000Z',
    payload: { dutyId: 'technicalCommittee', sequence: 1 },
    label: 'x',
  };

  it('counts offsets back in Europe/Paris, at the same wall-clock time across a change of time', () => {
    // Tuesday 28 October 2008, 00:00 in Paris (winter time since the 26th): a week before is 00:00 on the 21st, summer time.
    expect(remindAtOf('2008-10-27T23:00:00.000Z', 'P7D')).toBe('2008-10-20T22:00:00.000Z');
    expect(remindAtOf('2008-10-10T22:00:00.000Z', 'P1D')).toBe('2008-10-09T22:00:00.000Z');
    expect(remindAtOf('2008-10-10T22:00:00.000Z', 'PT12H')).toBe('2008-10-10T10:00:00.000Z');
  });

  it('has a stable id per instance, deadline (event, payload, due instant) and offset', () => {
    expect(reminderIdOf(instance, committee, 'P7D')).toBe(reminderIdOf(instance, { ...committee }, 'P7D'));
    const ids = new Set([
      reminderIdOf(instance, committee, 'P7D'),
      reminderIdOf(instance, committee, 'P1D'),
      reminderIdOf(instance, { ...committee, dueAt: '2008-10-11T22:00:00.000Z' }, 'P7D'),
      reminderIdOf(instance, { ...committee, payload: { dutyId: 'technicalCommittee', sequence: 2 } }, 'P7D'),
      reminderIdOf('1b7c2a43-6f0e-4b8e-9f1d-2a3b4c5d6e7f', committee, 'P7D'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('derives one reminder per deadline and offset whose time is after the deriving event, timers and duties alike', () => {
    const duty = { event: 'ATTRIBUTE', dueAt: '2008-10-03T16:00:00.000Z', payload: {}, label: 'Decide', duty: true as const };
    const reminders = remindersOf(
      { instanceId: instance, kind: 'convention', seq: 4, title: 'T' },
      [committee, duty],
      ['P7D', 'P1D'],
      '2008-09-28T10:00:00.000Z',
    );
    // The duty's week-before reminder (26 September) was already past: not sent late.
    expect(reminders.map((reminder) => [reminder.params.event, reminder.params.offset, reminder.remindAt])).toEqual([
      ['DUTY_DUE', 'P7D', '2008-10-03T22:00:00.000Z'],
      ['DUTY_DUE', 'P1D', '2008-10-09T22:00:00.000Z'],
      ['ATTRIBUTE', 'P1D', '2008-10-02T16:00:00.000Z'],
    ]);
    expect(reminders[2]).toMatchObject({ seq: 4, kind: 'convention', params: { duty: true, title: 'T', dueAt: duty.dueAt } });
  });
});
