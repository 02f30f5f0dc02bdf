// DescribeInstances: InstanceId.N or filters, MaxResults/NextToken pagination counted in
// instances (as EC2 does), reservations regrouped on each page.
import { Ec2ApiError, invalidParameter } from '../errors';
import { checkFilterNames, type Filter, matchesFilters, parseFilters } from '../filters';
import { type Ec2Instance, STATE_CODES } from '../state';
import { itemSet } from '../xml';
import type { Ec2Action } from './context';
import { requireInstances } from './instance-ids';
import { reservationsXml } from './instance-xml';

const FILTERS: Record<string, (i: Ec2Instance) => string[]> = {
  'instance-id': (i) => [i.instanceId],
  'instance-state-name': (i) => [i.state],
  'instance-state-code': (i) => [String(STATE_CODES[i.state])],
  'instance-type': (i) => [i.instanceType],
  'availability-zone': (i) => [i.zone],
  'image-id': (i) => [i.imageId],
  'subnet-id': (i) => [i.subnetId],
  'vpc-id': (i) => [i.vpcId],
  'reservation-id': (i) => [i.reservationId],
  'client-token': (i) => [i.clientToken],
  'private-ip-address': (i) => [i.privateIp],
  'ip-address': (i) => (i.publicIp ? [i.publicIp] : []),
  'tag-key': (i) => Object.keys(i.tags),
  'tag-value': (i) => Object.values(i.tags),
};

function fieldsOf(instance: Ec2Instance) {
  return (name: string): string[] | undefined => {
    if (name.startsWith('tag:')) {
      const value = instance.tags[name.slice(4)];
      return value === undefined ? [] : [value];
    }
    return FILTERS[name]?.(instance);
  };
}

const knownFilter = (name: string) => name.startsWith('tag:') || name in FILTERS;

export const describeInstances: Ec2Action = ({ params, region, state }) => {
  const ids = params.list('InstanceId');
  const filters: Filter[] = parseFilters(params);
  checkFilterNames(filters, knownFilter);
  const maxResults = params.int('MaxResults');
  const nextToken = params.get('NextToken');
  if (maxResults !== undefined && ids.length > 0) {
    throw new Ec2ApiError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw invalidParameter(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }

  const candidates =
    ids.length > 0 ? requireInstances(state, region.region, ids) : state.inRegion(region.region);
  const after = nextToken === undefined ? 0 : decodeToken(nextToken, region.region);
  const matching = candidates.filter((i) => i.seq > after && matchesFilters(filters, fieldsOf(i)));
  const page = maxResults === undefined ? matching : matching.slice(0, maxResults);
  const more = page.length < matching.length;
  return {
    reservationSet: itemSet(reservationsXml(page)),
    nextToken: more ? encodeToken(page.at(-1)!.seq, region.region) : undefined,
  };
};

function encodeToken(seq: number, region: string): string {
  return Buffer.from(JSON.stringify({ v: 1, region, after: seq })).toString('base64url');
}

function decodeToken(token: string, region: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed.v === 1 && parsed.region === region && Number.isInteger(parsed.after)) return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid value '${token}' for nextToken`);
}
