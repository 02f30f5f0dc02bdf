// The farm page's scheduled-task list says what each task does in words.
import { describe, expect, it } from 'vitest';
import { taskActionLabel } from '../../../frontend/app/farm/farm-tasks';

describe('taskActionLabel', () => {
  it.each([
    [{ type: 'launch' }, 'Launch the farm'],
    [{ type: 'suspend' }, 'Suspend the farm'],
    [{ type: 'fire-event', event: { name: 'NightlyBackup', payload: {} } }, 'Fire NightlyBackup'],
  ] as const)('%o reads %s', (action, label) => {
    expect(taskActionLabel({ action })).toBe(label);
  });
});
