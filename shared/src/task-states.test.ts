import { TASK_TRANSITIONS, mayTransition, statusAfter, type TaskTransition } from './task-states';
import type { TaskStatus } from './schemas/tasks';

describe('task state guards', () => {
  // Every status × transition, worked by hand from the state diagram.
  test.each<[TaskTransition, TaskStatus, TaskStatus | false]>([
    ['claim', 'open', 'in_progress'],
    ['claim', 'in_progress', false],
    ['claim', 'resolved', false],
    ['assign', 'open', 'in_progress'],
    ['assign', 'in_progress', 'in_progress'],
    ['assign', 'resolved', false],
    ['attempt', 'open', false],
    ['attempt', 'in_progress', 'in_progress'],
    ['attempt', 'resolved', false],
    ['reveal_phone', 'open', false],
    ['reveal_phone', 'in_progress', 'in_progress'],
    ['reveal_phone', 'resolved', false],
    ['resolve', 'open', false],
    ['resolve', 'in_progress', 'resolved'],
    ['resolve', 'resolved', false],
    ['reopen', 'open', false],
    ['reopen', 'in_progress', false],
    ['reopen', 'resolved', 'open'],
    ['escalate', 'open', 'open'],
    ['escalate', 'in_progress', 'in_progress'],
    ['escalate', 'resolved', false],
  ])('%s from %s → %s', (transition, from, to) => {
    expect(mayTransition(from, transition)).toBe(to !== false);
    if (to !== false) expect(statusAfter(from, transition)).toBe(to);
  });

  test('only work on a claimed task is the assignee’s', () => {
    const own = Object.entries(TASK_TRANSITIONS).filter(([, rule]) => rule.assigneeOnly).map(([name]) => name);
    expect(own.sort()).toEqual(['attempt', 'resolve', 'reveal_phone']);
  });
});
