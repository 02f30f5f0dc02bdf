// The one DynamoDB table's definition, read by the CDK data construct and by the local
// runtime (which creates it in dynalite), so the two cannot drift.
//
// Keys (docs/architecture.md §4, partitioned by tenant first; every partition key starts with the
// account, so a key built for one account can never read another's item):
//   account        ACC#<acc>                 META
//   environment    ACC#<acc>                 ENV#<env>
//   role           ACC#<acc>                 ROLE#<role>
//   credentials    ACC#<acc>#ENV#<env>       CRED#<cred>
//   farm           ACC#<acc>#FARM#<farm>     META         gsi1: ACC#<acc>#ENV#<env> / FARM#<farm>
//   server         ACC#<acc>#FARM#<farm>     SRV#<srv>    gsi2: INST#<platform>#<instance id>
//   farm event     ACC#<acc>#FARM#<farm>     EVT#<ulid>
//   webhook endp.  ACC#<acc>#ENV#<env>       WHE#<id>
//   webhook        ACC#<acc>#ENV#<env>       WH#<id>
//   delivery       ACC#<acc>#DLV#<dlv>       META         gsi1: ACC#<acc>#WH#<webhook> / DLV#<created>#<dlv>
//   audit entry    ACC#<acc>#AUDIT           AUD#<aud-ulid>  gsi1: ACC#<acc>#AUDRES#<resource id> / AUD#<aud-ulid>
//   retention      ACC#<acc>                 RETENTION    the account's days per kind of expiring item
//   inventory      ACC#<acc>#INV#<platform>#<cred>#<region>  LISTING / FARM#<farm>  (inventory-repo.ts)
// Audit entries, farm events, executions, deliveries and reconcile summaries carry `expiresAt`
// (epoch seconds, the TTL attribute below) from those days: dynamodb/item-expiry.ts.
// A farm's servers and events share its partition, so the reconciler reads a farm whole
// with one Query. Farms are addressed by id alone in the API (/farms/{id}), hence their own
// partition and gsi1 to list them per environment.
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

export const DEFAULT_TABLE_NAME = 'drover';
