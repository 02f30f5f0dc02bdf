// Scripts and their immutable versions (orchestration-keys.ts has the layout).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { ScriptVersion } from '../../domain/schemas/orchestration';
import type { ScriptRepo } from '../../ports/orchestration-store';
import { deletePartition } from './batch-deletes';
import { orchestrationKeys, scriptVersionsPartition } from './orchestration-keys';
import { queryPartitionPage } from './partition-page';
import { putNewItem } from './put-new-item';
import type { VersionedItems } from './versioned-items';

export function createScriptRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
): ScriptRepo {
  async function putIfMissing(acc: string, v: ScriptVersion): Promise<void> {
    const item = {
      ...orchestrationKeys.scriptVersion(acc, v.scriptId, v.number),
      type: 'scriptVersion',
      doc: v,
    };
    try {
      await putNewItem(db, tableName, item, 'Script version');
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
    }
  }

  const scripts: ScriptRepo = {
    get: ({ accountId }, id) => items.get(orchestrationKeys.script(accountId, id)),
    list: ({ accountId }, page) => items.page(`ACC#${accountId}`, 'SCRIPT#', page.limit, page.cursor),
    create: (s) => items.create('script', orchestrationKeys.script(s.accountId, s.id), s, 'Script'),
    update: (s, expected) =>
      items.update('script', orchestrationKeys.script(s.accountId, s.id), s, expected, 'Script'),
    async delete({ accountId }, id, expected) {
      await items.delete(orchestrationKeys.script(accountId, id), 'Script', expected);
      await deletePartition(db, tableName, scriptVersionsPartition(accountId, id));
    },

    // The script document is written first, conditionally: only the writer that wins it may write
    // version N, so two concurrent saves can never overwrite each other's version item. A crash
    // between the two writes leaves version N unwritten while the script document still holds its
    // fields; getVersion answers from the document then, and the next save writes the item.
    async saveVersion(script, version, expectedVersion) {
      if (expectedVersion === null) {
        await scripts.create(script);
      } else {
        const previous = await scripts.get(script, script.id);
        if (previous && previous.version === expectedVersion)
          await putIfMissing(script.accountId, versionOfScript(previous));
        await scripts.update(script, expectedVersion);
      }
      await putIfMissing(script.accountId, version);
    },

    async getVersion({ accountId }, scriptId, n) {
      const stored = await items.get<ScriptVersion>(orchestrationKeys.scriptVersion(accountId, scriptId, n));
      if (stored) return stored;
      const script = await scripts.get({ accountId }, scriptId);
      return script && script.latestVersion === n ? versionOfScript(script) : undefined;
    },

    async listVersions({ accountId }, scriptId, page) {
      const out = await queryPartitionPage<ScriptVersion>(
        db,
        tableName,
        { pk: scriptVersionsPartition(accountId, scriptId), prefix: 'V#', forward: false },
        page,
      );
      // The newest version may be missing after an interrupted save (see saveVersion).
      if (!page.cursor) {
        const script = await scripts.get({ accountId }, scriptId);
        if (script && out.items[0]?.number !== script.latestVersion)
          out.items.unshift(versionOfScript(script));
      }
      return out;
    },
  };
  return scripts;
}

function versionOfScript(s: {
  id: string;
  latestVersion: number;
  body: string;
  interpreterHint: ScriptVersion['interpreterHint'];
  updatedAt: string;
  updatedBy?: string;
}): ScriptVersion {
  return {
    scriptId: s.id,
    number: s.latestVersion,
    body: s.body,
    interpreterHint: s.interpreterHint,
    createdAt: s.updatedAt,
    createdBy: s.updatedBy ?? '',
  };
}
