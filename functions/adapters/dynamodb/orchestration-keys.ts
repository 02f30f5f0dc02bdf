// Where scripts, orchestration rules and executions sit on the single table.
//
//   script          ACC#<acc>                  SCRIPT#<scr>
//   script version  ACC#<acc>#SCR#<scr>        V#<number, 8 digits>            (immutable)
//   rule            ACC#<acc>                  RULE#<rule>
//   execution       ACC#<acc>#FARM#<farm>      EXE#<createdAt>#<exe>
//                     gsi1: ACC#<acc>#SRV#<srv>#EXE / O|F#<createdAt>#<order>#<rule>#<exe>
//                     gsi2: ACC#<acc>#SCR#<scr>#EXE / <createdAt>#<exe>
//   execution ref   ACC#<acc>#EXE#<exe>        META  { farmId, createdAt }     (immutable)
// Why executions look like this: execution-repo.ts.
import type { Execution } from '../../domain/schemas/orchestration';
import { farmPartition } from './keys';

const OPEN_STATUSES = new Set<Execution['status']>(['queued', 'running']);

export const scriptVersionsPartition = (acc: string, id: string) => `ACC#${acc}#SCR#${id}`;
export const serverExecutionsPartition = (acc: string, srv: string) => `ACC#${acc}#SRV#${srv}#EXE`;
export const scriptExecutionsPartition = (acc: string, scr: string) => `ACC#${acc}#SCR#${scr}#EXE`;

export const orchestrationKeys = {
  script: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `SCRIPT#${id}` }),
  scriptVersion: (acc: string, id: string, n: number) => ({
    pk: scriptVersionsPartition(acc, id),
    sk: `V#${String(n).padStart(8, '0')}`,
  }),
  rule: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `RULE#${id}` }),
  executionRef: (acc: string, id: string) => ({ pk: `ACC#${acc}#EXE#${id}`, sk: 'META' }),
  execution: (e: Pick<Execution, 'accountId' | 'farmId' | 'createdAt' | 'id'>) => ({
    pk: farmPartition(e.accountId, e.farmId),
    sk: `EXE#${e.createdAt}#${e.id}`,
  }),
};

/** An execution's keys on the table and both GSIs; gsi1's O#/F# prefix follows its status. */
export function executionItem(e: Execution) {
  const open = OPEN_STATUSES.has(e.status);
  return {
    ...orchestrationKeys.execution(e),
    gsi1pk: serverExecutionsPartition(e.accountId, e.serverId),
    gsi1sk: `${open ? 'O' : 'F'}#${e.createdAt}#${String(e.order).padStart(5, '0')}#${e.ruleId}#${e.id}`,
    gsi2pk: scriptExecutionsPartition(e.accountId, e.scriptId),
    gsi2sk: `${e.createdAt}#${e.id}`,
  };
}
