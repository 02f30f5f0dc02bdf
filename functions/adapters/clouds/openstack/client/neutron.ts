// Neutron v2.0: the networks, subnets, ports and security groups a farm role places servers in.
import type { OpenStackRest } from './rest';
import { NetworkList, PortList, SecurityGroupList, SubnetList } from './wire/neutron';

export class NeutronClient {
  constructor(private readonly rest: OpenStackRest) {}

  async listNetworks(region: string) {
    const answer = await this.rest.call({
      service: 'network',
      region,
      method: 'GET',
      path: '/networks',
      schema: NetworkList,
      action: 'networks.list',
    });
    return answer.networks;
  }

  async listSubnets(region: string, networkId?: string) {
    const answer = await this.rest.call({
      service: 'network',
      region,
      method: 'GET',
      path: '/subnets',
      query: { network_id: networkId },
      schema: SubnetList,
      action: 'subnets.list',
    });
    return answer.subnets;
  }

  /** The ports of one server (`device_id`), e.g. to read its addresses per network. */
  async listPorts(region: string, deviceId?: string) {
    const answer = await this.rest.call({
      service: 'network',
      region,
      method: 'GET',
      path: '/ports',
      query: { device_id: deviceId },
      schema: PortList,
      action: 'ports.list',
    });
    return answer.ports;
  }

  async listSecurityGroups(region: string) {
    const answer = await this.rest.call({
      service: 'network',
      region,
      method: 'GET',
      path: '/security-groups',
      schema: SecurityGroupList,
      action: 'securityGroups.list',
    });
    return answer.security_groups;
  }
}
